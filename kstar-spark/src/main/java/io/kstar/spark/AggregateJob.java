package io.kstar.spark;

import io.kstar.calibrate.LogAggregate;
import io.kstar.calibrate.LogAggregateFile;
import io.kstar.calibrate.LogRecords;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * The calibration's aggregate file (docs/aggregates.md) computed by Spark from per-sample logs in Parquet,
 * JSON lines or CSV, wherever Spark reads them (local files, HDFS, S3, …); one group per model and per
 * value of each {@code --group-by} column. The records stay on the executors: per (group, question,
 * answer) counts and sums are computed there, and only the per-question rows reach the driver, which
 * writes the file (through Hadoop's file system, so the output may be remote too).
 *
 * <pre>
 * spark-submit --class io.kstar.spark.AggregateJob kstar-spark/target/kstar-spark.jar \
 *     --format parquet --group-by task --out aggregate.json s3a://lake/requests/2026-11-*
 * </pre>
 *
 * Flags: {@code --format parquet|json|csv} (default parquet), {@code --group-by COL[,COL…]},
 * {@code --out FILE} (required), {@code --skip-bad}; then one or more input paths. A bad record (a required
 * field missing, a number that is not one or is negative, a score outside [0, 1]) fails the job with its
 * field, value and file unless {@code --skip-bad}. The rules are those of {@code kstar calibrate}.
 */
public final class AggregateJob {
  private AggregateJob() {}

  /** Options of one run. */
  public record Options(String format, List<String> groupBy, String out, boolean skipBad, List<String> inputs) {

    static Options parse(String[] args) {
      String format = "parquet";
      List<String> groupBy = List.of();
      String out = null;
      boolean skipBad = false;
      List<String> inputs = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--format" -> format = args[++i];
          case "--group-by" -> groupBy = Arrays.stream(args[++i].split(",")).map(String::strip).filter(s -> !s.isEmpty())
              .toList();
          case "--out" -> out = args[++i];
          case "--skip-bad" -> skipBad = true;
          default -> inputs.add(args[i]);
        }
      }
      if (!List.of("parquet", "json", "csv").contains(format)) {
        throw new IllegalArgumentException("--format = " + format + ": must be one of [parquet, json, csv]");
      }
      if (out == null || inputs.isEmpty()) {
        throw new IllegalArgumentException("usage: AggregateJob [--format parquet|json|csv] [--group-by COL,...]"
            + " [--skip-bad] --out FILE PATH...");
      }
      return new Options(format, groupBy, out, skipBad, inputs);
    }
  }

  public static void main(String[] args) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("kstar-spark: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = SparkSession.builder().appName("kstar aggregate").getOrCreate();
    try {
      LogAggregate a = aggregate(spark, o);
      write(spark, a, o.out());
      System.err.println("kstar-spark: wrote the aggregate of " + a.groups().stream().mapToLong(g -> g.moments().samples())
          .sum() + " records (" + a.groups().size() + " groups) to " + o.out());
    } catch (BadRecordException e) {
      System.err.println("kstar-spark: " + e.getMessage());
      spark.stop();
      System.exit(2);
    }
    spark.stop();
  }

  /** A bad record, when --skip-bad is not given. */
  public static final class BadRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRecordException(String message) {
      super(message);
    }
  }

  private static final List<String> NUMBERS = LogRecords.NUMBERS;

  public static LogAggregate aggregate(SparkSession spark, Options o) {
    var reader = spark.read().format(o.format());
    if (o.format().equals("csv")) {
      // RFC 4180, as kstar's other readers: a quoted field may hold line breaks, and a quote is doubled
      reader = reader.option("header", "true").option("multiLine", "true").option("escape", "\"");
    }
    Dataset<Row> raw = reader.load(o.inputs().toArray(String[]::new)).selectExpr("*", "_metadata.file_path AS filename");
    Map<String, String> types = new LinkedHashMap<>();
    for (StructField f : raw.schema().fields()) {
      types.put(f.name(), f.dataType().typeName());
    }
    if (!types.containsKey("question")) {
      throw new BadRecordException("question: is missing: the logs have no such column (they have " + types.keySet()
          + ")");
    }
    if (!types.containsKey("correct") && !types.containsKey("score")) {
      throw new BadRecordException("correct: " + LogRecords.NO_OUTCOME);
    }
    for (String g : o.groupBy()) {
      if (!types.containsKey(g)) {
        throw new BadRecordException("group_by = " + g + ": is not a column of the logs (they have " + types.keySet() + ")");
      }
    }
    raw.createOrReplaceTempView("kstar_raw");
    spark.sql(normalised(types, o.groupBy())).createOrReplaceTempView("kstar_records");
    String g = groupColumns(o.groupBy().size());
    Dataset<Row> pqa = spark.sql("SELECT " + g + ", question, answer, bad, min(bad_value) AS bad_value, min(filename) AS"
        + " file, count(*) AS n, count_if(correct) AS c, bool_or(correct) AS any_ok, count(correct) AS n_correct,"
        + " count(score) AS n_score, count(cost_usd) AS n_cost, count(answer) AS n_answer, count(selected) AS n_selected,"
        + " coalesce(sum(score), 0D) AS s_score, coalesce(sum(score * score), 0D) AS s_score2,"
        + " max(CASE WHEN selected AND correct THEN 1 ELSE 0 END) AS sel_right,"
        + " coalesce(sum(x1), 0D) AS s_in, coalesce(sum(x1 * x1), 0D) AS s_in2, coalesce(sum(x2), 0D) AS s_out,"
        + " coalesce(sum(x2 * x2), 0D) AS s_out2, coalesce(sum(x1 * x2), 0D) AS s_in_out, coalesce(sum(y), 0D) AS s_lat,"
        + " coalesce(sum(y * y), 0D) AS s_lat2, coalesce(sum(x1 * y), 0D) AS s_in_lat, coalesce(sum(x2 * y), 0D) AS"
        + " s_out_lat, coalesce(sum(cost_usd), 0D) AS s_cost, coalesce(sum(x1 * cost_usd), 0D) AS s_in_cost,"
        + " coalesce(sum(x2 * cost_usd), 0D) AS s_out_cost, count_if(has_tokens) AS n_tok, count(latency_s) AS n_lat"
        + " FROM kstar_records GROUP BY " + g + ", question, answer, bad");
    pqa.cache().createOrReplaceTempView("kstar_pqa");
    List<Row> bad = spark.sql("SELECT bad, bad_value, file, n FROM kstar_pqa WHERE bad IS NOT NULL ORDER BY file, bad,"
        + " bad_value").collectAsList();
    long skipped = bad.stream().mapToLong(r -> r.getLong(3)).sum();
    if (!bad.isEmpty() && !o.skipBad()) {
      Row r = bad.get(0);
      String[] fa = r.getString(0).split("\\|", 2);
      String first = r.getString(2) + ": " + fa[0] + (r.isNullAt(1) ? "" : " = " + r.getString(1)) + ": " + fa[1];
      // a local text file: its first bad record by line, in the words of kstar's JVM reader
      if (!o.format().equals("parquet") && r.getString(2).startsWith("file:")) {
        var located = LogRecords.firstBad(java.nio.file.Path.of(java.net.URI.create(r.getString(2))));
        if (located != null) {
          first = located.getMessage();
        }
      }
      throw new BadRecordException(first + " (" + skipped + " bad record" + (skipped == 1 ? "" : "s")
          + "; pass --skip-bad to skip them)");
    }
    int k = o.groupBy().size() + 1;
    Map<List<String>, LogAggregate.Moments> moments = new LinkedHashMap<>();
    for (Row r : spark.sql("SELECT " + g + ", sum(n), sum(n_correct), sum(n_score), sum(n_cost), sum(n_answer),"
        + " sum(n_selected), sum(s_in), sum(s_in2), sum(s_out), sum(s_out2), sum(s_in_out), sum(s_lat), sum(s_lat2),"
        + " sum(s_in_lat), sum(s_out_lat), sum(s_cost), sum(s_in_cost), sum(s_out_cost), sum(n_tok), sum(n_lat)"
        + " FROM kstar_pqa WHERE bad IS NULL GROUP BY " + g).collectAsList()) {
      double[] s = new double[12];
      for (int i = 0; i < 12; i++) {
        s[i] = r.getDouble(k + 6 + i);
      }
      moments.put(key(r, k), new LogAggregate.Moments(r.getLong(k), r.getLong(k + 1), r.getLong(k + 2), r.getLong(k + 3),
          r.getLong(k + 4), r.getLong(k + 5), s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11],
          r.getLong(k + 18), r.getLong(k + 19)));
    }
    Map<List<String>, List<LogAggregate.Question>> questions = new LinkedHashMap<>();
    for (Row r : spark.sql("WITH q AS (SELECT *, max(CASE WHEN answer IS NOT NULL THEN n END) OVER (PARTITION BY " + g
        + ", question) AS top FROM kstar_pqa WHERE bad IS NULL) SELECT " + g + ", question, sum(n), sum(c), sum(s_score),"
        + " sum(s_score2), count_if(answer IS NOT NULL AND n_correct > c), count_if(answer IS NOT NULL AND n = top),"
        + " coalesce(bool_or(answer IS NOT NULL AND n = top AND any_ok), false), max(sel_right) FROM q GROUP BY " + g
        + ", question").collectAsList()) {
      int ties = r.getBoolean(k + 7) ? (int) r.getLong(k + 6) : 0;
      questions.computeIfAbsent(key(r, k), x -> new ArrayList<>()).add(new LogAggregate.Question(r.getString(k),
          Math.toIntExact(r.getLong(k + 1)), Math.toIntExact(r.getLong(k + 2)), r.getDouble(k + 3), r.getDouble(k + 4),
          (int) r.getLong(k + 5), ties, r.getInt(k + 8)));
    }
    pqa.unpersist();
    List<LogAggregate.Group> groups = new ArrayList<>();
    moments.forEach((key, m) -> {
      Map<String, String> named = new LinkedHashMap<>();
      named.put(LogAggregate.MODEL, key.get(0));
      for (int i = 0; i < o.groupBy().size(); i++) {
        named.put(o.groupBy().get(i), key.get(i + 1));
      }
      groups.add(new LogAggregate.Group(named, m, questions.get(key)));
    });
    return new LogAggregate(groups);
  }

  /** The records with kstar's fields typed, the group columns g0 (model), g1…, and each record's problem. */
  static String normalised(Map<String, String> types, List<String> groupBy) {
    Map<String, String> v = new LinkedHashMap<>();
    Map<String, String> has = new LinkedHashMap<>();
    for (String n : NUMBERS) {
      String c = "`" + n + "`";
      boolean numeric = List.of("integer", "long", "double", "float", "short", "byte").contains(types.getOrDefault(n, ""))
          || String.valueOf(types.get(n)).startsWith("decimal");
      has.put(n, types.containsKey(n) ? c + " IS NOT NULL" : "false");
      v.put(n, !types.containsKey(n) ? "CAST(NULL AS DOUBLE)" : numeric ? "CAST(" + c + " AS DOUBLE)"
          : "try_cast(CAST(" + c + " AS STRING) AS DOUBLE)");
    }
    for (String b : List.of("correct", "selected")) {
      String c = "`" + b + "`";
      String lower = "lower(trim(CAST(" + c + " AS STRING)))";
      has.put(b, types.containsKey(b) ? c + " IS NOT NULL" : "false");
      v.put(b, !types.containsKey(b) ? "CAST(NULL AS BOOLEAN)" : "boolean".equals(types.get(b)) ? c
          : "CASE WHEN " + lower + " IN ('true', '1', '1.0') THEN true WHEN " + lower + " IN ('false', '0', '0.0') THEN false END");
    }
    StringBuilder s = new StringBuilder("SELECT filename, ");
    s.append(types.containsKey("model") ? "coalesce(CAST(`model` AS STRING), 'model')" : "'model'").append(" AS g0, ");
    for (int i = 0; i < groupBy.size(); i++) {
      s.append("CAST(`").append(groupBy.get(i)).append("` AS STRING) AS g").append(i + 1).append(", ");
    }
    s.append("CAST(question AS STRING) AS question, ");
    v.forEach((k, e) -> s.append(e).append(" AS ").append(k).append(", "));
    s.append(types.containsKey("answer") ? "CAST(answer AS STRING)" : "CAST(NULL AS STRING)").append(" AS answer, ");
    // the order and the wording of io.kstar.calibrate.LogRecords, whose constants these are
    StringBuilder bad = new StringBuilder("CASE WHEN question IS NULL OR trim(CAST(question AS STRING)) = '' THEN"
        + " 'question|" + LogRecords.MISSING + "'");
    for (String n : List.of("input_tokens", "output_tokens", "latency_s", "cost_usd")) {
      number(bad, n, v, has);
    }
    bad.append(" WHEN (").append(has.get("correct")).append(") AND ").append(v.get("correct"))
        .append(" IS NULL THEN 'correct|" + LogRecords.NOT_A_FLAG + "'");
    number(bad, "score", v, has);
    bad.append(" WHEN ").append(v.get("score")).append(" > 1 THEN 'score|" + LogRecords.NOT_A_SCORE + "'");
    bad.append(" WHEN ").append(v.get("correct")).append(" IS NULL AND ").append(v.get("score"))
        .append(" IS NULL THEN 'correct|" + LogRecords.NO_OUTCOME + "'");
    bad.append(" WHEN (").append(has.get("selected")).append(") AND ").append(v.get("selected"))
        .append(" IS NULL THEN 'selected|" + LogRecords.NOT_A_FLAG + "'");
    bad.append(" END");
    s.append(bad).append(" AS bad");
    // a record without both token counts (or a latency) adds 0 where they enter, as the JVM's aggregate does
    String tokens = "(" + v.get("input_tokens") + " IS NOT NULL AND " + v.get("output_tokens") + " IS NOT NULL)";
    s.append(", ").append(tokens).append(" AS has_tokens");
    s.append(", CASE WHEN ").append(tokens).append(" THEN ").append(v.get("input_tokens")).append(" ELSE 0D END AS x1");
    s.append(", CASE WHEN ").append(tokens).append(" THEN ").append(v.get("output_tokens")).append(" ELSE 0D END AS x2");
    s.append(", coalesce(").append(v.get("latency_s")).append(", 0D) AS y");
    StringBuilder value = new StringBuilder("CASE substring_index(bad, '|', 1) WHEN 'question' THEN question");
    for (String f : List.of("input_tokens", "output_tokens", "latency_s", "cost_usd", "score", "correct", "selected")) {
      if (types.containsKey(f)) {
        s.append(", `").append(f).append("` AS raw_").append(f);
        value.append(" WHEN '").append(f).append("' THEN CAST(raw_").append(f).append(" AS STRING)");
      }
    }
    s.append(" FROM kstar_raw");
    return "SELECT *, " + value + " END AS bad_value FROM (" + s + ")";
  }

  /** An optional number: present but not a number, or not finite and >= 0. */
  private static void number(StringBuilder f, String n, Map<String, String> v, Map<String, String> has) {
    f.append(" WHEN (").append(has.get(n)).append(") AND ").append(v.get(n))
        .append(" IS NULL THEN '").append(n).append("|" + LogRecords.NOT_A_NUMBER + "'");
    f.append(" WHEN (").append(has.get(n)).append(") AND (NOT ").append(finite(v.get(n))).append(" OR ")
        .append(v.get(n)).append(" < 0) THEN '").append(n).append("|" + LogRecords.NOT_FINITE + "'");
  }

  private static String finite(String x) {
    return "(" + x + " <> double('Infinity') AND " + x + " <> double('-Infinity') AND NOT isnan(" + x + "))";
  }

  private static List<String> key(Row r, int k) {
    List<String> key = new ArrayList<>();
    for (int i = 0; i < k; i++) {
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

  /** Writes the aggregate through Hadoop's file system: a local path, hdfs://, s3a://, … */
  public static void write(SparkSession spark, LogAggregate a, String out) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(out);
    try {
      var fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (Writer w = new OutputStreamWriter(fs.create(p, true), StandardCharsets.UTF_8)) {
        LogAggregateFile.write(a, w);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + out + ": " + e.getMessage(), e);
    }
  }
}
