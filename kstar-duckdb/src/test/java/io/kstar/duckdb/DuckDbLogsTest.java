package io.kstar.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.calibrate.LogAggregate;
import io.kstar.calibrate.LogCalibration;
import io.kstar.calibrate.LogRecords;
import io.kstar.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbLogsTest {

  /**
   * A log with every field: 2 models, 60 questions × 5 samples each, answers (a right one and 3 wrong
   * ones), the selector's pick and costs; written as JSONL by hand (no JSON library), so that the readers
   * under test are not also the writer.
   */
  static Path writeJsonl(Path dir, long seed) throws Exception {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder();
    for (String model : List.of("m-a", "m-b")) {
      for (int q = 0; q < 60; q++) {
        double p = r.nextDouble();
        int in = 300 + r.nextInt(400);
        for (int s = 0; s < 5; s++) {
          int out = 500 + r.nextInt(1500);
          boolean ok = r.nextDouble() < p;
          String answer = ok ? "right" : "wrong" + r.nextInt(3);
          b.append(String.format(java.util.Locale.ROOT, "{\"question\": \"q%03d\", \"model\": \"%s\", \"input_tokens\": %d,"
              + " \"output_tokens\": %d, \"latency_s\": %.6f, \"cost_usd\": %.10f, \"correct\": %b, \"answer\": \"%s\","
              + " \"selected\": %b, \"task\": \"%s\"}%n", q, model, in, out, 0.0003 * in + 0.012 * out + r.nextGaussian() * 0.3,
              0.2e-6 * in + 0.8e-6 * out, ok, answer, s == 0, q % 2 == 0 ? "math" : "code"));
        }
      }
    }
    Path f = dir.resolve("log.jsonl");
    Files.writeString(f, b);
    return f;
  }

  /**
   * The aggregate DuckDB computes from JSONL, from CSV and from Parquet equals the JVM's from the same
   * records: counts and question rows exactly, sums to 1e-12 relative (only the order of addition differs:
   * a few ulps of 300 terms); and so do the fits, to 1e-9 (the least squares amplify the sums' rounding by
   * the condition number of the normal equations, below 10^3 here).
   */
  @Test
  void jsonlCsvAndParquet_aggregateAsTheJvmDoes(@TempDir Path dir) throws Exception {
    Path jsonl = writeJsonl(dir, 1);
    Path parquet = dir.resolve("log.parquet");
    Path csv = dir.resolve("log.csv");
    DuckDbLogs.execute("COPY (SELECT * FROM read_json('" + jsonl + "')) TO '" + parquet + "' (FORMAT parquet)",
        "COPY (SELECT * FROM read_json('" + jsonl + "')) TO '" + csv + "' (FORMAT csv, HEADER true)");
    // the JVM reader refuses fields it does not know: it reads a copy without the task column
    Path plain = dir.resolve("plain.jsonl");
    Files.writeString(plain, Files.readString(jsonl).replaceAll(", \"task\": \"[a-z]+\"", ""));
    List<LogRecords.Sample> records = LogRecords.read(plain, false).samples();
    LogAggregate jvm = new LogAggregate.Builder().addAll(records).build();
    for (Path f : List.of(jsonl, csv, parquet)) {
      LogAggregate duck = DuckDbLogs.aggregate(List.of(f), List.of(), false, 2).aggregate();
      assertSameAggregate(duck, jvm, 1e-12);
      for (String model : List.of("m-a", "m-b")) {
        LogCalibration.Result a = LogCalibration.fit(duck.select(model, Map.of()), null, 100, 20, 5);
        LogCalibration.Result b = LogCalibration.fit(jvm.select(model, Map.of()), null, 100, 20, 5);
        assertThat(a.tOut()).isCloseTo(b.tOut(), within(1e-9 * b.tOut()));
        assertThat(a.tIn()).isCloseTo(b.tIn(), within(1e-9 * b.tIn()));
        assertThat(a.parameters()).isEqualTo(b.parameters());
        assertThat(a.candidates()).extracting(c -> c.model().id()).contains("majority-vote", "selector-best-of-k");
      }
    }
  }

  /** Grouping by a further column gives one group per (model, value); the groups add up to the model's. */
  @Test
  void groupsByAColumn(@TempDir Path dir) throws Exception {
    Path jsonl = writeJsonl(dir, 2);
    LogAggregate a = DuckDbLogs.aggregate(List.of(jsonl), List.of("task"), false, 2).aggregate();
    assertThat(a.groups()).extracting(LogAggregate.Group::key).containsExactly(
        Map.of("model", "m-a", "task", "code"), Map.of("model", "m-a", "task", "math"),
        Map.of("model", "m-b", "task", "code"), Map.of("model", "m-b", "task", "math"));
    assertThat(a.groups()).allSatisfy(g -> assertThat(g.moments().samples()).isEqualTo(150));
    assertThat(a.select("m-a", Map.of("task", "math")).questions()).hasSize(30);
    assertThatThrownBy(() -> DuckDbLogs.aggregate(List.of(jsonl), List.of("tenant"), false, 2))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("group_by = tenant: is not a column of");
  }

  @Test
  void directoriesAndGlobs_nameTheirFiles(@TempDir Path dir) throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs/2026"));
    Files.writeString(logs.resolve("a.jsonl"), "{}\n");
    Files.writeString(logs.resolve("b.parquet"), "");
    Files.writeString(logs.resolve("notes.txt"), "");
    assertThat(DuckDbLogs.files(dir.resolve("logs").toString())).extracting(p -> p.getFileName().toString())
        .containsExactly("a.jsonl", "b.parquet");
    assertThat(DuckDbLogs.files(dir + "/logs/*/*.parquet")).extracting(p -> p.getFileName().toString())
        .containsExactly("b.parquet");
    assertThatThrownBy(() -> DuckDbLogs.files(dir + "/logs/*.csv")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("matches no file");
  }

  /**
   * A bad record stops the aggregation with its file, line, field and value (as the JVM reader names the first bad
   * record of the file, its raw text), or is skipped and counted.
   */
  @Test
  void badRecords_areNamed_orSkippedWhenAsked(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.jsonl");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      b.append("{\"question\": \"q").append(i % 10).append("\", \"input_tokens\": 10, \"output_tokens\": 20, \"latency_s\": ")
          .append(i == 7 ? "-3" : "1.5").append(", \"correct\": ").append(i % 3 == 0).append("}\n");
    }
    Files.writeString(f, b);
    assertThatThrownBy(() -> DuckDbLogs.aggregate(List.of(f), List.of(), false, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(f + ":8: latency_s = -3: must be a finite number >= 0 (1 bad record; pass --skip-bad to skip them)");
    DuckDbLogs.Result skipped = DuckDbLogs.aggregate(List.of(f), List.of(), true, 2);
    assertThat(skipped.skipped()).isEqualTo(1);
    assertThat(skipped.aggregate().groups().get(0).moments().samples()).isEqualTo(39);
    Path missing = dir.resolve("nocol.jsonl");
    Files.writeString(missing, "{\"id\": \"q\", \"input_tokens\": 1, \"output_tokens\": 2, \"correct\": true}\n");
    assertThatThrownBy(() -> DuckDbLogs.aggregate(List.of(missing), List.of(), false, 2))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("question: is missing: the logs have no such column");
  }

  static void assertSameAggregate(LogAggregate a, LogAggregate b, double tol) {
    assertThat(a.groups()).hasSameSizeAs(b.groups());
    for (int i = 0; i < a.groups().size(); i++) {
      LogAggregate.Group x = a.groups().get(i);
      LogAggregate.Group y = b.groups().get(i);
      assertThat(x.key()).isEqualTo(y.key());
      assertThat(x.questions()).isEqualTo(y.questions());
      LogAggregate.Moments m = x.moments();
      LogAggregate.Moments n = y.moments();
      assertThat(new long[] {m.samples(), m.correctSamples(), m.scoreSamples(), m.costSamples(), m.answerSamples(),
          m.selectedSamples(), m.tokenSamples(), m.latencySamples()}).containsExactly(n.samples(), n.correctSamples(),
          n.scoreSamples(), n.costSamples(), n.answerSamples(), n.selectedSamples(), n.tokenSamples(), n.latencySamples());
      double[] u = {m.sumIn(), m.sumIn2(), m.sumOut(), m.sumOut2(), m.sumInOut(), m.sumLat(), m.sumLat2(), m.sumInLat(),
          m.sumOutLat(), m.sumCost(), m.sumInCost(), m.sumOutCost()};
      double[] v = {n.sumIn(), n.sumIn2(), n.sumOut(), n.sumOut2(), n.sumInOut(), n.sumLat(), n.sumLat2(), n.sumInLat(),
          n.sumOutLat(), n.sumCost(), n.sumInCost(), n.sumOutCost()};
      for (int j = 0; j < u.length; j++) {
        assertThat(u[j]).as("sum %d of %s", j, x.key()).isCloseTo(v[j], within(tol * Math.abs(v[j])));
      }
    }
  }
}
