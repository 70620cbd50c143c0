package io.kstar.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.calibrate.LogAggregate;
import io.kstar.calibrate.LogAggregateFile;
import io.kstar.calibrate.LogCalibration;
import io.kstar.calibrate.LogRecords;
import io.kstar.duckdb.DuckDbLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One generated log, four ways to a profile: JSONL records read by the JVM, the aggregate file, DuckDB over
 * Parquet, and the Spark job over the same Parquet in local[2] mode. Counts and question rows must be
 * equal exactly; sums to 1e-12 relative (only the order of addition differs, over 1 600 terms: a few
 * ulps); the fitted profiles to 1e-9 (the normal equations amplify the sums' rounding by their condition
 * number, below 10^3 here; the Beta fit sees identical integer counts).
 */
class SameProfileFromEveryEngineTest {

  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("kstar-test").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** 2 models × 2 tasks × 40 questions × 10 samples, with answers, picks and costs. */
  static Path generate(Path dir) throws Exception {
    Random r = new Random(14);
    StringBuilder b = new StringBuilder();
    for (String model : List.of("m-a", "m-b")) {
      for (int q = 0; q < 80; q++) {
        double p = Math.pow(r.nextDouble(), 0.5);
        int in = 200 + r.nextInt(800);
        for (int s = 0; s < 10; s++) {
          int out = 300 + r.nextInt(2000);
          boolean ok = r.nextDouble() < p;
          b.append(String.format(Locale.ROOT, "{\"question\": \"q%03d\", \"model\": \"%s\", \"input_tokens\": %d,"
              + " \"output_tokens\": %d, \"latency_s\": %.6f, \"cost_usd\": %.10f, \"correct\": %b, \"answer\": \"%s\","
              + " \"selected\": %b, \"task\": \"%s\"}%n", q, model, in, out,
              Math.max(0, 0.0003 * in + 0.012 * out + r.nextGaussian() * 0.4), 0.2e-6 * in + 0.8e-6 * out, ok,
              ok ? "right" : "wrong" + r.nextInt(4), s == 0, q < 40 ? "math" : "code"));
        }
      }
    }
    Path f = dir.resolve("log.jsonl");
    Files.writeString(f, b);
    return f;
  }

  @Test
  void recordsAggregateFileDuckDbAndSpark_giveTheSameProfile(@TempDir Path dir) throws Exception {
    Path jsonl = generate(dir);
    Path parquet = Files.createDirectories(dir.resolve("lake")).resolve("part-0.parquet");
    DuckDbLogs.execute("COPY (SELECT * FROM read_json('" + jsonl + "')) TO '" + parquet + "' (FORMAT parquet)");
    Path plain = dir.resolve("plain.jsonl");
    Files.writeString(plain, Files.readString(jsonl).replaceAll(", \"task\": \"[a-z]+\"", ""));
    List<LogRecords.Sample> records = LogRecords.read(plain, false).samples();

    LogAggregate jvm = new LogAggregate.Builder().addAll(records).build();
    Path file = dir.resolve("agg.json");
    LogAggregateFile.write(jvm, file);
    LogAggregate fromFile = LogAggregateFile.read(file);
    LogAggregate duck = DuckDbLogs.aggregate(List.of(parquet), List.of(), false, 2).aggregate();
    Path sparkOut = dir.resolve("spark-agg.json");
    AggregateJob.write(spark, AggregateJob.aggregate(spark, new AggregateJob.Options("parquet", List.of(),
        sparkOut.toString(), false, List.of(parquet.getParent().toString()))), sparkOut.toString());
    LogAggregate fromSpark = LogAggregateFile.read(sparkOut);

    assertThat(fromFile).isEqualTo(jvm);
    assertSameAggregate(duck, jvm);
    assertSameAggregate(fromSpark, jvm);
    for (String model : List.of("m-a", "m-b")) {
      LogCalibration.Result a = LogCalibration.fit(records, model, null, 200, 40, 9);
      for (LogAggregate agg : List.of(fromFile, duck, fromSpark)) {
        LogCalibration.Result b = LogCalibration.fit(agg.select(model, Map.of()), null, 200, 40, 9);
        assertThat(b.accuracy().id()).isEqualTo(a.accuracy().id());
        assertThat(b.tIn()).isCloseTo(a.tIn(), within(1e-9 * a.tIn()));
        assertThat(b.tOut()).isCloseTo(a.tOut(), within(1e-9 * a.tOut()));
        assertThat(b.cOut()).isCloseTo(a.cOut(), within(1e-9 * a.cOut()));
        assertThat(b.outputSd()).isCloseTo(a.outputSd(), within(1e-9 * a.outputSd()));
        assertThat(b.parameters()).isEqualTo(a.parameters());
        assertThat(b.intervals()).isEqualTo(a.intervals());
      }
    }
  }

  /** Grouped by a column, Spark gives one group per (model, task), as DuckDB does. */
  @Test
  void groupedByAColumn_sparkAndDuckDbAgree(@TempDir Path dir) throws Exception {
    Path jsonl = generate(dir);
    LogAggregate duck = DuckDbLogs.aggregate(List.of(jsonl), List.of("task"), false, 2).aggregate();
    LogAggregate viaSpark = AggregateJob.aggregate(spark, new AggregateJob.Options("json", List.of("task"), "unused",
        false, List.of(jsonl.toString())));
    assertThat(viaSpark.groups()).hasSize(4);
    assertThat(viaSpark.groups()).extracting(LogAggregate.Group::key).containsExactlyElementsOf(
        duck.groups().stream().map(LogAggregate.Group::key).toList());
    assertSameAggregate(viaSpark, duck);
  }

  /**
   * An evaluation export as most harnesses write it (#26): CSV with only question and correct (no tokens, no times),
   * prompts with commas, doubled quotes and line breaks, CR LF, columns kstar does not know. The JVM reader, DuckDB
   * and Spark give the same aggregate and the same accuracy fit; a bad record is named alike by all three.
   */
  @Test
  void anAccuracyOnlyQuotedCsvWithExtraColumns_readsAlikeInEveryEngine(@TempDir Path dir) throws Exception {
    Random r = new Random(5);
    StringBuilder b = new StringBuilder("question,prompt,correct,sample\r\n");
    for (int q = 0; q < 40; q++) {
      double p = r.nextDouble();
      for (int s = 0; s < 6; s++) {
        b.append("q").append(q).append(",\"What is ").append(q).append(",000? \"\"").append(s % 2 == 0 ? "x\"\"\r\ny"
            : "z\"\"").append("\",").append(r.nextDouble() < p ? 1 : 0).append(',').append(s).append("\r\n");
      }
    }
    Path csv = dir.resolve("eval.csv");
    Files.writeString(csv, b);
    LogAggregate.Builder jb = new LogAggregate.Builder();
    LogRecords.Summary read = LogRecords.stream(csv, false, jb::add);
    LogAggregate jvm = jb.build();
    assertThat(read.ignoredColumns()).containsExactly("prompt", "sample");
    LogAggregate duck = DuckDbLogs.aggregate(List.of(csv), List.of(), false, 2).aggregate();
    LogAggregate viaSpark = AggregateJob.aggregate(spark, new AggregateJob.Options("csv", List.of(), "unused", false,
        List.of(csv.toString())));
    assertThat(jvm.groups().get(0).moments().samples()).isEqualTo(240);
    assertThat(jvm.groups().get(0).moments().tokenSamples()).isZero();
    assertSameAggregate(duck, jvm);
    assertSameAggregate(viaSpark, jvm);
    LogCalibration.Result a = LogCalibration.fit(jvm.select(null, Map.of()), null, 100, 20, 9);
    LogCalibration.Result c = LogCalibration.fit(viaSpark.select(null, Map.of()), null, 100, 20, 9);
    assertThat(c.lengthsFitted()).isFalse();
    assertThat(c.parameters()).isEqualTo(a.parameters());
    assertThat(c.intervals()).isEqualTo(a.intervals());

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, b.toString().replaceFirst("\",0,3\r\n", "\",maybe,3\r\n"));
    String jvmMessage = "";
    try {
      LogRecords.stream(bad, false, x -> { });
    } catch (io.kstar.input.InvalidInputException e) {
      jvmMessage = e.getMessage();
    }
    assertThat(jvmMessage).startsWith(bad + ":").contains("correct = maybe: must be true/false or 1/0 (1 bad record;");
    String sparkMessage = "";
    try {
      AggregateJob.aggregate(spark, new AggregateJob.Options("csv", List.of(), "unused", false, List.of(bad.toString())));
    } catch (AggregateJob.BadRecordException e) {
      sparkMessage = e.getMessage();
    }
    assertThat(sparkMessage).isEqualTo(jvmMessage);
  }

  static void assertSameAggregate(LogAggregate a, LogAggregate b) {
    assertThat(a.groups()).hasSameSizeAs(b.groups());
    for (int i = 0; i < a.groups().size(); i++) {
      LogAggregate.Group x = a.groups().get(i);
      LogAggregate.Group y = b.groups().get(i);
      assertThat(x.key()).isEqualTo(y.key());
      assertThat(x.questions()).isEqualTo(y.questions());
      var m = x.moments();
      var n = y.moments();
      assertThat(List.of(m.samples(), m.correctSamples(), m.scoreSamples(), m.costSamples(), m.answerSamples(),
          m.selectedSamples(), m.tokenSamples(), m.latencySamples())).isEqualTo(List.of(n.samples(), n.correctSamples(),
          n.scoreSamples(), n.costSamples(), n.answerSamples(), n.selectedSamples(), n.tokenSamples(),
          n.latencySamples()));
      double[] u = {m.sumIn(), m.sumIn2(), m.sumOut(), m.sumOut2(), m.sumInOut(), m.sumLat(), m.sumLat2(), m.sumInLat(),
          m.sumOutLat(), m.sumCost(), m.sumInCost(), m.sumOutCost()};
      double[] v = {n.sumIn(), n.sumIn2(), n.sumOut(), n.sumOut2(), n.sumInOut(), n.sumLat(), n.sumLat2(), n.sumInLat(),
          n.sumOutLat(), n.sumCost(), n.sumInCost(), n.sumOutCost()};
      for (int j = 0; j < u.length; j++) {
        assertThat(u[j]).as("sum %d of %s", j, x.key()).isCloseTo(v[j], within(1e-12 * Math.abs(v[j])));
      }
    }
  }
}
