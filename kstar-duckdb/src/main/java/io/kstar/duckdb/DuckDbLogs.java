package io.kstar.duckdb;

import io.kstar.calibrate.LogAggregate;
import io.kstar.calibrate.LogRecords;
import io.kstar.input.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Per-sample logs in JSONL, CSV or Parquet, any number of files, aggregated in embedded DuckDB into the
 * calibration's sufficient statistics ({@link LogAggregate}); the records never enter the JVM heap.
 *
 * <p>The fields are those of {@link io.kstar.calibrate.LogRecords} ({@code question}, {@code model},
 * {@code input_tokens}, {@code output_tokens}, {@code latency_s}, optional {@code cost_usd}, {@code correct}
 * or {@code score}, optional {@code answer} and {@code selected}); other columns are ignored unless named as
 * grouping columns. A bad record (a required field missing, a number that is not one or out of range) stops
 * the aggregation with the file, the field and the value, or is skipped and counted when asked.
 *
 * <p>One pass over the data: rows are grouped by (group, question, answer, the problem of a bad row) into a
 * table whose size grows with questions and distinct answers; everything else is computed from it.
 * DuckDB runs with {@link #MEMORY_LIMIT} and spills to a temporary directory beyond it.
 */
public final class DuckDbLogs {
  private DuckDbLogs() {}

  /** DuckDB's own memory limit; with the JVM's, peak resident memory stays well under 1 GiB. */
  public static final String MEMORY_LIMIT = "500MB";

  /** The aggregate, and the bad records skipped (only with skipBad): how many, and the first one's problem. */
  public record Result(LogAggregate aggregate, long skipped, InvalidInputException firstSkipped,
      List<String> ignoredColumns) {
    public Result(LogAggregate aggregate, long skipped, InvalidInputException firstSkipped) {
      this(aggregate, skipped, firstSkipped, List.of());
    }
  }

  private static final List<String> NUMBERS = LogRecords.NUMBERS;
  private static final java.util.regex.Pattern NUMERIC = java.util.regex.Pattern.compile(
      "TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*");
  private static final Set<String> EXTENSIONS = Set.of("parquet", "jsonl", "json", "ndjson", "csv");

  /**
   * The log files a LOGS argument names: a file, a directory (every .parquet, .jsonl, .json, .ndjson and
   * .csv file under it, sorted) or a glob ({@code logs/2026-*.parquet}, {@code logs/**}{@code /*.jsonl}).
   */
  public static List<Path> files(String logs) {
    if (Files.isRegularFile(Path.of(logs))) {
      return List.of(Path.of(logs)); // a file that exists, whatever its name holds ("eval[v2].csv")
    }
    boolean glob = logs.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    Path p = Path.of(glob ? "." : logs);
    if (!glob) {
      if (Files.isRegularFile(p)) {
        return List.of(p);
      }
      if (!Files.isDirectory(p)) {
        throw InvalidInputException.of("LOGS", logs, "must be a readable file, a directory or a glob");
      }
      return walk(p, f -> EXTENSIONS.contains(extension(f)), logs,
          "holds no log file (.parquet, .jsonl, .json, .ndjson or .csv)");
    }
    String[] parts = logs.split("/", -1);
    StringBuilder base = new StringBuilder(logs.startsWith("/") ? "/" : "");
    for (int i = 0; i < parts.length - 1; i++) {
      String part = parts[i];
      if (i == 0 && part.isEmpty()) {
        continue; // an absolute path
      }
      if (part.isEmpty() || part.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
        break;
      }
      base.append(part).append('/');
    }
    Path root = base.length() == 0 ? Path.of(".") : Path.of(base.toString());
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + logs);
    Path prefix = base.length() == 0 ? null : root;
    if (!Files.isDirectory(root)) {
      throw InvalidInputException.of("LOGS", logs, "matches no file");
    }
    return walk(root, f -> m.matches(prefix == null ? root.relativize(f) : f), logs, "matches no file");
  }

  private static List<Path> walk(Path dir, java.util.function.Predicate<Path> keep, String logs, String none) {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> out = s.filter(Files::isRegularFile).filter(keep).sorted().toList();
      if (out.isEmpty()) {
        throw InvalidInputException.of("LOGS", logs, none);
      }
      return out;
    } catch (IOException e) {
      throw InvalidInputException.of("LOGS", logs, "could not be read: " + e.getMessage());
    }
  }

  static String extension(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.contains(".") ? n.substring(n.lastIndexOf('.') + 1) : "";
  }

  /**
   * The aggregate of the records in {@code files}, grouped by model and the {@code groupBy} columns.
   *
   * @param threads DuckDB's worker threads (0: DuckDB's default, every core)
   */
  public static Result aggregate(List<Path> files, List<String> groupBy, boolean skipBad, int threads) {
    // a file DuckDB cannot read is refused before DuckDB (and its native library) starts
    for (Path f : files) {
      if (!EXTENSIONS.contains(extension(f))) {
        throw InvalidInputException.of("LOGS", f, "has an unknown extension: allowed .parquet, .jsonl, .json, .ndjson,"
            + " .csv");
      }
    }
    Properties props = new Properties();
    try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", props); Statement st = c.createStatement()) {
      st.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
      st.execute("SET preserve_insertion_order = false");
      if (threads > 0) {
        st.execute("SET threads = " + threads);
      }
      Source src = source(st, files, groupBy);
      Result r = run(st, src.sql(), src.named(), groupBy, skipBad);
      return new Result(r.aggregate(), r.skipped(), r.firstSkipped(), List.copyOf(src.ignored()));
    } catch (SQLException e) {
      // DuckDB refuses a whole text file for a record it cannot parse (a row with another number of values, a line
      // that is not JSON, text that is not UTF-8); the JVM reader names that record by line, in kstar's words
      for (Path f : files) {
        if (!extension(f).equals("parquet")) {
          InvalidInputException located = LogRecords.firstBad(f);
          if (located != null) {
            throw new InvalidInputException(located.source().orElse(null), located.field(),
                located.value().orElse(null), located.allowed() + " (DuckDB cannot read past this record: fix it,"
                    + " or read the file with --engine jvm, which can skip it with --skip-bad)");
          }
        }
      }
      throw InvalidInputException.of("LOGS", files.size() == 1 ? files.get(0) : files.size() + " files",
          "could not be read: " + firstLine(e.getMessage()));
    }
  }

  static String firstLine(String s) {
    return s == null ? "" : s.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
  }

  /** The records' SQL, and whether some file has a request_id column (the calls are then aggregated too). */
  private record Source(String sql, boolean named, java.util.SortedSet<String> ignored) {}

  /** The normalised records of every file: one SELECT per format, UNION ALL. */
  private static Source source(Statement st, List<Path> files, List<String> groupBy) throws SQLException {
    boolean named = false;
    java.util.SortedSet<String> ignored = new java.util.TreeSet<>();
    Map<String, List<Path>> byFormat = new LinkedHashMap<>();
    for (Path f : files) {
      String ext = extension(f);
      String format = switch (ext) {
        case "parquet" -> "parquet";
        case "csv" -> "csv";
        case "jsonl", "json", "ndjson" -> "json";
        default -> throw InvalidInputException.of("LOGS", f, "has an unknown extension: allowed .parquet, .jsonl,"
            + " .json, .ndjson, .csv");
      };
      byFormat.computeIfAbsent(format, k -> new ArrayList<>()).add(f);
    }
    List<String> selects = new ArrayList<>();
    for (Map.Entry<String, List<Path>> e : byFormat.entrySet()) {
      String list = "[" + String.join(", ", e.getValue().stream().map(p -> literal(p.toString())).toList()) + "]";
      String relation = switch (e.getKey()) {
        case "parquet" -> "read_parquet(" + list + ", filename = true, file_row_number = true, union_by_name = true)";
        // RFC 4180, as the JVM reader: commas, double quotes doubled; not sniffed (a bad row misled the sniffer)
        case "csv" -> "read_csv(" + list + ", header = true, delim = ',', quote = '\"', escape = '\"', all_varchar = true,"
            + " filename = true, union_by_name = true)";
        default -> "read_json(" + list + ", format = 'newline_delimited', filename = true, union_by_name = true)";
      };
      Map<String, String> types = new LinkedHashMap<>();
      try (ResultSet r = st.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
        while (r.next()) {
          types.put(r.getString(1), r.getString(2));
        }
      }
      Set<String> columns = types.keySet();
      String where = e.getValue().size() == 1 ? e.getValue().get(0).toString() : e.getValue().size() + " " + e.getKey()
          + " files";
      if (!columns.contains("question")) {
        throw new InvalidInputException(where, "question", null, "is missing: the logs have no such column (they have "
            + columns.stream().filter(x -> !x.equals("filename") && !x.equals("file_row_number")).sorted().toList() + ")");
      }
      if (!columns.contains("correct") && !columns.contains("score")) {
        throw new InvalidInputException(where, "correct", null, LogRecords.NO_OUTCOME);
      }
      columns.stream().filter(x -> !LogRecords.FIELDS.contains(x) && !groupBy.contains(x) && !x.equals("filename")
          && !x.equals("file_row_number")).forEach(ignored::add);
      for (String g : groupBy) {
        if (!columns.contains(g)) {
          throw InvalidInputException.of("group_by", g, "is not a column of " + where + " (it has "
              + columns.stream().filter(x -> !x.equals("filename")).sorted().toList() + ")");
        }
      }
      // typed columns (Parquet, JSON) are used as they are; text (CSV) is parsed with TRY_CAST. The raw text
      // of a value is only formed for a bad record, in the error message.
      Map<String, String> value = new LinkedHashMap<>();
      Map<String, String> present = new LinkedHashMap<>();
      Map<String, String> text = new LinkedHashMap<>(); // the fields whose raw value an error message shows
      for (String n : NUMBERS) {
        String type = types.getOrDefault(n, "");
        String c = ident(n);
        present.put(n, columns.contains(n) ? c + " IS NOT NULL" : "false");
        text.put(n, columns.contains(n) ? str(c, type) : "NULL");
        value.put(n, !columns.contains(n) ? "CAST(NULL AS DOUBLE)" : NUMERIC.matcher(type).matches() ? "CAST(" + c
            + " AS DOUBLE)" : "TRY_CAST(" + str(c, type) + " AS DOUBLE)");
      }
      for (String b : List.of("correct", "selected")) {
        String type = types.getOrDefault(b, "");
        String c = ident(b);
        present.put(b, columns.contains(b) ? c + " IS NOT NULL" : "false");
        text.put(b, columns.contains(b) ? str(c, type) : "NULL");
        String lower = "lower(trim(" + str(c, type) + "))";
        value.put(b, !columns.contains(b) ? "CAST(NULL AS BOOLEAN)" : type.equals("BOOLEAN") ? c
            : "CASE WHEN " + lower + " IN ('true', '1', '1.0') THEN true WHEN " + lower
                + " IN ('false', '0', '0.0') THEN false END");
      }
      StringBuilder s = new StringBuilder("SELECT filename, ");
      s.append(e.getKey().equals("parquet") ? "file_row_number" : "CAST(NULL AS BIGINT)").append(" AS row_number, ");
      s.append(columns.contains("model") ? "coalesce(" + str("\"model\"", types.get("model")) + ", 'model')" : "'model'")
          .append(" AS g0, ");
      for (int i = 0; i < groupBy.size(); i++) {
        s.append(str(ident(groupBy.get(i)), types.get(groupBy.get(i)))).append(" AS g").append(i + 1).append(", ");
      }
      s.append(str("question", types.get("question"))).append(" AS question, ");
      value.forEach((k, v) -> s.append(v).append(" AS ").append(k).append(", "));
      s.append(columns.contains("answer") ? str("answer", types.get("answer")) : "CAST(NULL AS VARCHAR)").append(" AS answer, ");
      s.append(columns.contains("request_id") ? str("request_id", types.get("request_id")) : "CAST(NULL AS VARCHAR)")
          .append(" AS request_id, ");
      named |= columns.contains("request_id");
      for (String k : text.keySet()) {
        if (columns.contains(k)) {
          s.append(ident(k)).append(" AS raw_").append(k).append(", ");
        }
      }
      s.append(problem(value, present)).append(" AS bad FROM ").append(relation);
      StringBuilder outer = new StringBuilder("SELECT * EXCLUDE (");
      StringBuilder badValue = new StringBuilder("CASE split_part(bad, '|', 1) WHEN 'question' THEN question");
      List<String> raws = new ArrayList<>();
      for (String k : text.keySet()) {
        if (columns.contains(k)) {
          raws.add("raw_" + k);
          badValue.append(" WHEN '").append(k).append("' THEN CAST(raw_").append(k).append(" AS VARCHAR)");
        }
      }
      badValue.append(" END");
      String wrapped = raws.isEmpty() ? "SELECT *, " + badValue + " AS bad_value FROM (" + s + ")"
          : outer.append(String.join(", ", raws)).append("), ").append(badValue).append(" AS bad_value FROM (").append(s)
              .append(")").toString();
      s.setLength(0);
      s.append(wrapped);
      selects.add(s.toString());
    }
    // a record without both token counts (or a latency) adds 0 where they enter, as the JVM's aggregate does
    String all = String.join("\nUNION ALL BY NAME\n", selects);
    return new Source("SELECT *, CASE WHEN input_tokens IS NOT NULL AND output_tokens IS NOT NULL THEN input_tokens"
        + " ELSE 0 END AS x1, CASE WHEN input_tokens IS NOT NULL AND output_tokens IS NOT NULL THEN output_tokens ELSE 0"
        + " END AS x2, coalesce(latency_s, 0) AS y, (input_tokens IS NOT NULL AND output_tokens IS NOT NULL) AS has_tokens"
        + " FROM (" + all + ")", named, ignored);
  }

  /**
   * The problem of a record as 'field|allowed', in the order {@link io.kstar.calibrate.LogRecords} checks;
   * null for a good record. {@code v}: each field's value; {@code has}: whether the record has the field.
   */
  private static String problem(Map<String, String> v, Map<String, String> has) {
    // the order and the wording of io.kstar.calibrate.LogRecords, whose constants these are
    StringBuilder f = new StringBuilder("CASE WHEN question IS NULL OR trim(CAST(question AS VARCHAR)) = '' THEN"
        + " 'question|" + LogRecords.MISSING + "'");
    for (String n : List.of("input_tokens", "output_tokens", "latency_s", "cost_usd")) {
      number(f, n, v, has);
    }
    f.append(" WHEN (").append(has.get("correct")).append(") AND ").append(v.get("correct"))
        .append(" IS NULL THEN 'correct|" + LogRecords.NOT_A_FLAG + "'");
    number(f, "score", v, has);
    f.append(" WHEN ").append(v.get("score")).append(" > 1 THEN 'score|" + LogRecords.NOT_A_SCORE + "'");
    f.append(" WHEN ").append(v.get("correct")).append(" IS NULL AND ").append(v.get("score"))
        .append(" IS NULL THEN 'correct|" + LogRecords.NO_OUTCOME + "'");
    f.append(" WHEN (").append(has.get("selected")).append(") AND ").append(v.get("selected"))
        .append(" IS NULL THEN 'selected|" + LogRecords.NOT_A_FLAG + "'");
    return f.append(" END").toString();
  }

  /** An optional number: present but not a number, or not finite and >= 0. */
  private static void number(StringBuilder f, String n, Map<String, String> v, Map<String, String> has) {
    f.append(" WHEN (").append(has.get(n)).append(") AND ").append(v.get(n))
        .append(" IS NULL THEN '").append(n).append("|" + LogRecords.NOT_A_NUMBER + "'");
    f.append(" WHEN (").append(has.get(n)).append(") AND (NOT isfinite(").append(v.get(n)).append(") OR ")
        .append(v.get(n)).append(" < 0) THEN '").append(n).append("|" + LogRecords.NOT_FINITE + "'");
  }

  private static Result run(Statement st, String src, boolean named, List<String> groupBy, boolean skipBad)
      throws SQLException {
    String g = groupColumns(groupBy.size());
    // one scan: (group, question, answer, problem) → counts and sums
    st.execute("CREATE TEMP TABLE pqa AS SELECT " + g + ", question, answer, bad, min(bad_value) AS bad_value,"
        + " min(filename) AS file, count(*) AS n, count(*) FILTER (WHERE correct) AS c, bool_or(correct) AS any_ok,"
        + " count(correct) AS n_correct, count(score) AS n_score, count(cost_usd) AS n_cost, count(answer) AS n_answer,"
        + " count(selected) AS n_selected, coalesce(sum(score), 0) AS s_score, coalesce(sum(score * score), 0) AS s_score2,"
        + " max(CASE WHEN selected AND correct THEN 1 ELSE 0 END) AS sel_right,"
        + " sum(x1) AS s_in, sum(x1 * x1) AS s_in2, sum(x2) AS s_out, sum(x2 * x2) AS s_out2, sum(x1 * x2) AS s_in_out,"
        + " sum(y) AS s_lat, sum(y * y) AS s_lat2, sum(x1 * y) AS s_in_lat, sum(x2 * y) AS s_out_lat,"
        + " coalesce(sum(cost_usd), 0) AS s_cost, coalesce(sum(x1 * cost_usd), 0) AS s_in_cost,"
        + " coalesce(sum(x2 * cost_usd), 0) AS s_out_cost, count(*) FILTER (WHERE has_tokens) AS n_tok,"
        + " count(latency_s) AS n_lat"
        + " FROM (" + src + ") GROUP BY ALL");
    long skipped = 0;
    InvalidInputException first = null;
    try (ResultSet r = st.executeQuery("SELECT bad, bad_value, file, n FROM pqa WHERE bad IS NOT NULL"
        + " ORDER BY file, bad, bad_value")) {
      while (r.next()) {
        skipped += r.getLong(4);
        if (first == null) {
          String[] fa = r.getString(1).split("\\|", 2);
          first = new InvalidInputException(r.getString(3), fa[0], r.getString(2), fa[1]);
        }
      }
    }
    if (first != null) {
      first = located(st, src, first);
    }
    if (first != null && !skipBad) {
      throw new InvalidInputException(first.source().orElse(null), first.field(), first.value().orElse(null),
          first.allowed() + " (" + skipped + " bad record" + (skipped == 1 ? "" : "s") + "; pass --skip-bad to skip them)");
    }
    Map<List<String>, long[]> counts = new LinkedHashMap<>();
    Map<List<String>, double[]> sums = new LinkedHashMap<>();
    try (ResultSet r = st.executeQuery("SELECT " + g + ", sum(n), sum(n_correct), sum(n_score), sum(n_cost),"
        + " sum(n_answer), sum(n_selected), sum(s_in), sum(s_in2), sum(s_out), sum(s_out2), sum(s_in_out), sum(s_lat),"
        + " sum(s_lat2), sum(s_in_lat), sum(s_out_lat), sum(s_cost), sum(s_in_cost), sum(s_out_cost), sum(n_tok),"
        + " sum(n_lat) FROM pqa WHERE bad IS NULL GROUP BY ALL")) {
      int k = groupBy.size() + 1;
      while (r.next()) {
        List<String> key = key(r, k);
        long[] c = new long[8];
        for (int i = 0; i < 6; i++) {
          c[i] = r.getLong(k + 1 + i);
        }
        c[6] = r.getLong(k + 19);
        c[7] = r.getLong(k + 20);
        double[] s = new double[12];
        for (int i = 0; i < 12; i++) {
          s[i] = r.getDouble(k + 7 + i);
        }
        counts.put(key, c);
        sums.put(key, s);
      }
    }
    if (counts.isEmpty()) {
      throw InvalidInputException.of("LOGS", null, "hold no usable record" + (first == null ? "" : " (" + skipped
          + " bad record" + (skipped == 1 ? "" : "s") + " skipped, the first: " + first.getMessage() + ")"));
    }
    Map<List<String>, List<LogAggregate.Question>> questions = new LinkedHashMap<>();
    try (ResultSet r = st.executeQuery("WITH q AS (SELECT *, max(CASE WHEN answer IS NOT NULL THEN n END)"
        + " OVER (PARTITION BY " + g + ", question) AS top FROM pqa WHERE bad IS NULL)"
        + " SELECT " + g + ", question, sum(n), sum(c), sum(s_score), sum(s_score2),"
        + " count(*) FILTER (WHERE answer IS NOT NULL AND n_correct > c) AS wrong_distinct,"
        + " count(*) FILTER (WHERE answer IS NOT NULL AND n = top) AS ties,"
        + " bool_or(answer IS NOT NULL AND n = top AND any_ok) AS right_top, max(sel_right)"
        + " FROM q GROUP BY ALL")) {
      int k = groupBy.size() + 1;
      while (r.next()) {
        List<String> key = key(r, k);
        long n = r.getLong(k + 2);
        long c = r.getLong(k + 3);
        if (n > Integer.MAX_VALUE) {
          throw InvalidInputException.of("question", r.getString(k + 1), "has " + n + " samples: at most "
              + Integer.MAX_VALUE + " per question");
        }
        int ties = r.getBoolean(k + 8) ? r.getInt(k + 7) : 0;
        questions.computeIfAbsent(key, x -> new ArrayList<>()).add(new LogAggregate.Question(r.getString(k + 1), (int) n,
            (int) c, r.getDouble(k + 4), r.getDouble(k + 5), r.getInt(k + 6), ties, r.getInt(k + 9)));
      }
    }
    Map<List<String>, LogAggregate.Calls> calls = named ? calls(st, src, g, groupBy.size()) : Map.of();
    List<LogAggregate.Group> out = new ArrayList<>();
    for (Map.Entry<List<String>, long[]> e : counts.entrySet()) {
      List<String> k = e.getKey();
      long[] c = e.getValue();
      double[] s = sums.get(k);
      Map<String, String> key = new LinkedHashMap<>();
      key.put(LogAggregate.MODEL, k.get(0));
      for (int i = 0; i < groupBy.size(); i++) {
        key.put(groupBy.get(i), k.get(i + 1));
      }
      out.add(new LogAggregate.Group(key, new LogAggregate.Moments(c[0], c[1], c[2], c[3], c[4], c[5], s[0], s[1], s[2],
          s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], c[6], c[7]), questions.get(k), calls.get(k)));
    }
    return new Result(new LogAggregate(out), skipBad ? skipped : 0, skipBad ? first : null);
  }

  /**
   * The calls' sums ({@link LogAggregate.Calls}): records that share a request_id are one call (its prompt: the
   * smallest input tokens of its records, which all carry it), a record without one a call of its own.
   */
  private static Map<List<String>, LogAggregate.Calls> calls(Statement st, String src, String g, int extra)
      throws SQLException {
    Map<List<String>, LogAggregate.Calls> out = new LinkedHashMap<>();
    String sql = "SELECT " + g + ", count(*), count(*) FILTER (WHERE costed), sum(p), sum(p * p), sum(s * s), sum(o),"
        + " sum(o * o), sum(p * o), sum(s * o), coalesce(sum(y) FILTER (WHERE costed), 0),"
        + " coalesce(sum(y * y) FILTER (WHERE costed), 0), coalesce(sum(p * y) FILTER (WHERE costed), 0),"
        + " coalesce(sum(s * y) FILTER (WHERE costed), 0), coalesce(sum(o * y) FILTER (WHERE costed), 0) FROM ("
        + " SELECT " + g + ", min(x1) AS p, sum(x1) AS s, sum(x2) AS o,"
        + " sum(cost_usd) AS y, count(cost_usd) = count(*) AS costed FROM (" + src + ") WHERE bad IS NULL"
        + " AND request_id IS NOT NULL GROUP BY " + g + ", request_id"
        + " UNION ALL SELECT " + g + ", x1, x1, x2, cost_usd, cost_usd IS NOT NULL"
        + " FROM (" + src + ") WHERE bad IS NULL AND request_id IS NULL) GROUP BY ALL";
    try (ResultSet r = st.executeQuery(sql)) {
      int k = extra + 1;
      while (r.next()) {
        double[] v = new double[12];
        for (int i = 0; i < 12; i++) {
          v[i] = r.getDouble(k + 3 + i);
        }
        out.put(key(r, k), new LogAggregate.Calls(r.getLong(k + 1), r.getLong(k + 2), v[0], v[1], v[2], v[3], v[4], v[5],
            v[6], v[7], v[8], v[9], v[10], v[11]));
      }
    }
    return out;
  }

  /**
   * The first bad record with its place: in a JSONL or CSV file, the line the JVM reader names for the first bad
   * record of the first file (in name order) that has one, with its wording; in Parquet, the row. {@code first}
   * names the file and the problem without a place.
   */
  private static InvalidInputException located(Statement st, String src, InvalidInputException first)
      throws SQLException {
    String file = first.source().orElse(null);
    if (file == null) {
      return first;
    }
    String ext = extension(Path.of(file));
    if (!ext.equals("parquet")) {
      InvalidInputException e = LogRecords.firstBad(Path.of(file));
      return e != null ? e : first;
    }
    try (ResultSet r = st.executeQuery("SELECT row_number, bad, bad_value FROM (" + src + ") WHERE bad IS NOT NULL"
        + " AND filename = " + literal(file) + " ORDER BY row_number LIMIT 1")) {
      if (r.next()) {
        String[] fa = r.getString(2).split("\\|", 2);
        return new InvalidInputException(file + " (row " + (r.getLong(1) + 1) + ")", fa[0], r.getString(3), fa[1]);
      }
    }
    return first;
  }

  private static List<String> key(ResultSet r, int k) throws SQLException {
    List<String> key = new ArrayList<>();
    for (int i = 1; i <= k; i++) {
      key.add(r.getString(i));
    }
    return key;
  }

  private static String groupColumns(int extra) {
    StringBuilder b = new StringBuilder("g0");
    for (int i = 1; i <= extra; i++) {
      b.append(", g").append(i);
    }
    return b.toString();
  }

  /**
   * A column's value as text: JSON-typed columns (DuckDB types a JSONL column whose values mix strings, numbers
   * and booleans as JSON) are unquoted, so that "true" and true, "12" and 12 read alike, as the JVM reader reads them.
   */
  static String str(String column, String type) {
    return "JSON".equals(type) ? "json_extract_string(" + column + ", '$')" : "CAST(" + column + " AS VARCHAR)";
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static String ident(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  /** Runs one SQL statement on a fresh in-memory database (for generating test and benchmark data). */
  public static void execute(String... sql) {
    try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e));
    }
  }
}
