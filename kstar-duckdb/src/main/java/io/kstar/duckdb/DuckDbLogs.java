package io.kstar.duckdb;

import io.kstar.calibrate.LogAggregate;
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
  public record Result(LogAggregate aggregate, long skipped, InvalidInputException firstSkipped) {}

  private static final List<String> NUMBERS = List.of("input_tokens", "output_tokens", "latency_s", "cost_usd", "score");
  private static final java.util.regex.Pattern NUMERIC = java.util.regex.Pattern.compile(
      "TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*");
  private static final Set<String> EXTENSIONS = Set.of("parquet", "jsonl", "json", "ndjson", "csv");

  /**
   * The log files a LOGS argument names: a file, a directory (every .parquet, .jsonl, .json, .ndjson and
   * .csv file under it, sorted) or a glob ({@code logs/2026-*.parquet}, {@code logs/**}{@code /*.jsonl}).
   */
  public static List<Path> files(String logs) {
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
    Properties props = new Properties();
    try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", props); Statement st = c.createStatement()) {
      st.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
      st.execute("SET preserve_insertion_order = false");
      if (threads > 0) {
        st.execute("SET threads = " + threads);
      }
      Source src = source(st, files, groupBy);
      return run(st, src.sql(), src.named(), groupBy, skipBad);
    } catch (SQLException e) {
      throw InvalidInputException.of("LOGS", files.size() == 1 ? files.get(0) : files.size() + " files",
          "could not be read: " + firstLine(e.getMessage()));
    }
  }

  static String firstLine(String s) {
    return s == null ? "" : s.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
  }

  /** The records' SQL, and whether some file has a request_id column (the calls are then aggregated too). */
  private record Source(String sql, boolean named) {}

  /** The normalised records of every file: one SELECT per format, UNION ALL. */
  private static Source source(Statement st, List<Path> files, List<String> groupBy) throws SQLException {
    boolean named = false;
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
        case "parquet" -> "read_parquet(" + list + ", filename = true, union_by_name = true)";
        case "csv" -> "read_csv(" + list + ", header = true, all_varchar = true, filename = true, union_by_name = true)";
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
      for (String required : List.of("question", "input_tokens", "output_tokens", "latency_s")) {
        if (!columns.contains(required)) {
          throw new InvalidInputException(where, required, null, "is missing: the logs have no such column (they have "
              + columns.stream().filter(x -> !x.equals("filename")).sorted().toList() + ")");
        }
      }
      if (!columns.contains("correct") && !columns.contains("score")) {
        throw new InvalidInputException(where, "correct", null, "is missing: give correct (or score)");
      }
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
        text.put(n, columns.contains(n) ? "CAST(" + c + " AS VARCHAR)" : "NULL");
        value.put(n, !columns.contains(n) ? "CAST(NULL AS DOUBLE)" : NUMERIC.matcher(type).matches() ? "CAST(" + c
            + " AS DOUBLE)" : "TRY_CAST(CAST(" + c + " AS VARCHAR) AS DOUBLE)");
      }
      for (String b : List.of("correct", "selected")) {
        String type = types.getOrDefault(b, "");
        String c = ident(b);
        present.put(b, columns.contains(b) ? c + " IS NOT NULL" : "false");
        text.put(b, columns.contains(b) ? "CAST(" + c + " AS VARCHAR)" : "NULL");
        String lower = "lower(trim(CAST(" + c + " AS VARCHAR)))";
        value.put(b, !columns.contains(b) ? "CAST(NULL AS BOOLEAN)" : type.equals("BOOLEAN") ? c
            : "CASE WHEN " + lower + " IN ('true', '1', '1.0') THEN true WHEN " + lower
                + " IN ('false', '0', '0.0') THEN false END");
      }
      StringBuilder s = new StringBuilder("SELECT filename, ");
      s.append(columns.contains("model") ? "coalesce(CAST(\"model\" AS VARCHAR), 'model')" : "'model'").append(" AS g0, ");
      for (int i = 0; i < groupBy.size(); i++) {
        s.append("CAST(").append(ident(groupBy.get(i))).append(" AS VARCHAR) AS g").append(i + 1).append(", ");
      }
      s.append("CAST(question AS VARCHAR) AS question, ");
      value.forEach((k, v) -> s.append(v).append(" AS ").append(k).append(", "));
      s.append(columns.contains("answer") ? "CAST(answer AS VARCHAR)" : "CAST(NULL AS VARCHAR)").append(" AS answer, ");
      s.append(columns.contains("request_id") ? "CAST(request_id AS VARCHAR)" : "CAST(NULL AS VARCHAR)")
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
    return new Source(String.join("\nUNION ALL BY NAME\n", selects), named);
  }

  /**
   * The problem of a record as 'field|allowed', in the order {@link io.kstar.calibrate.LogRecords} checks;
   * null for a good record. {@code v}: each field's value; {@code has}: whether the record has the field.
   */
  private static String problem(Map<String, String> v, Map<String, String> has) {
    StringBuilder f = new StringBuilder("CASE WHEN question IS NULL OR trim(CAST(question AS VARCHAR)) = '' THEN"
        + " 'question|is missing'");
    for (String n : List.of("input_tokens", "output_tokens", "latency_s")) {
      f.append(" WHEN NOT (").append(has.get(n)).append(") THEN '").append(n).append("|is missing: a number is required'");
      f.append(" WHEN ").append(v.get(n)).append(" IS NULL THEN '").append(n).append("|must be a number'");
      f.append(" WHEN NOT isfinite(").append(v.get(n)).append(") OR ").append(v.get(n)).append(" < 0 THEN '").append(n)
          .append("|must be a finite number >= 0'");
    }
    f.append(" WHEN (").append(has.get("cost_usd")).append(") AND ").append(v.get("cost_usd"))
        .append(" IS NULL THEN 'cost_usd|must be a number'");
    f.append(" WHEN (").append(has.get("cost_usd")).append(") AND (NOT isfinite(").append(v.get("cost_usd")).append(") OR ")
        .append(v.get("cost_usd")).append(" < 0) THEN 'cost_usd|must be a finite number >= 0'");
    f.append(" WHEN (").append(has.get("correct")).append(") AND ").append(v.get("correct"))
        .append(" IS NULL THEN 'correct|must be true/false or 1/0'");
    f.append(" WHEN (").append(has.get("score")).append(") AND ").append(v.get("score"))
        .append(" IS NULL THEN 'score|must be a number'");
    f.append(" WHEN (").append(has.get("score")).append(") AND (NOT isfinite(").append(v.get("score")).append(") OR ")
        .append(v.get("score")).append(" < 0) THEN 'score|must be a finite number >= 0'");
    f.append(" WHEN ").append(v.get("score")).append(" > 1 THEN 'score|must be a number in [0, 1]'");
    f.append(" WHEN ").append(v.get("correct")).append(" IS NULL AND ").append(v.get("score"))
        .append(" IS NULL THEN 'correct|is missing: give correct (or score)'");
    f.append(" WHEN (").append(has.get("selected")).append(") AND ").append(v.get("selected"))
        .append(" IS NULL THEN 'selected|must be true/false or 1/0'");
    return f.append(" END").toString();
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
        + " sum(input_tokens) AS s_in, sum(input_tokens * input_tokens) AS s_in2, sum(output_tokens) AS s_out,"
        + " sum(output_tokens * output_tokens) AS s_out2, sum(input_tokens * output_tokens) AS s_in_out,"
        + " sum(latency_s) AS s_lat, sum(latency_s * latency_s) AS s_lat2, sum(input_tokens * latency_s) AS s_in_lat,"
        + " sum(output_tokens * latency_s) AS s_out_lat, coalesce(sum(cost_usd), 0) AS s_cost,"
        + " coalesce(sum(input_tokens * cost_usd), 0) AS s_in_cost, coalesce(sum(output_tokens * cost_usd), 0) AS s_out_cost"
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
    if (first != null && !skipBad) {
      throw new InvalidInputException(first.source().orElse(null), first.field(), first.value().orElse(null),
          first.allowed() + " (" + skipped + " bad record" + (skipped == 1 ? "" : "s") + "; pass --skip-bad to skip them)");
    }
    Map<List<String>, long[]> counts = new LinkedHashMap<>();
    Map<List<String>, double[]> sums = new LinkedHashMap<>();
    try (ResultSet r = st.executeQuery("SELECT " + g + ", sum(n), sum(n_correct), sum(n_score), sum(n_cost),"
        + " sum(n_answer), sum(n_selected), sum(s_in), sum(s_in2), sum(s_out), sum(s_out2), sum(s_in_out), sum(s_lat),"
        + " sum(s_lat2), sum(s_in_lat), sum(s_out_lat), sum(s_cost), sum(s_in_cost), sum(s_out_cost)"
        + " FROM pqa WHERE bad IS NULL GROUP BY ALL")) {
      int k = groupBy.size() + 1;
      while (r.next()) {
        List<String> key = key(r, k);
        long[] c = new long[6];
        for (int i = 0; i < 6; i++) {
          c[i] = r.getLong(k + 1 + i);
        }
        double[] s = new double[12];
        for (int i = 0; i < 12; i++) {
          s[i] = r.getDouble(k + 7 + i);
        }
        counts.put(key, c);
        sums.put(key, s);
      }
    }
    if (counts.isEmpty()) {
      throw InvalidInputException.of("LOGS", null, "hold no usable record" + (skipped > 0 ? " (" + skipped
          + " bad records skipped)" : ""));
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
          s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11]), questions.get(k), calls.get(k)));
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
        + " SELECT " + g + ", min(input_tokens) AS p, sum(input_tokens) AS s, sum(output_tokens) AS o,"
        + " sum(cost_usd) AS y, count(cost_usd) = count(*) AS costed FROM (" + src + ") WHERE bad IS NULL"
        + " AND request_id IS NOT NULL GROUP BY " + g + ", request_id"
        + " UNION ALL SELECT " + g + ", input_tokens, input_tokens, output_tokens, cost_usd, cost_usd IS NOT NULL"
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
