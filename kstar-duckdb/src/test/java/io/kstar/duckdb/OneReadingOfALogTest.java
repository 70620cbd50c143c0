package io.kstar.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.calibrate.LogAggregate;
import io.kstar.calibrate.LogCalibration;
import io.kstar.calibrate.LogRecords;
import io.kstar.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One log, one reading (#26): the JVM reader and DuckDB agree on RFC 4180 CSV (quoted commas, doubled quotes,
 * line breaks inside a field, CR LF), on columns kstar does not know (ignored by both, and named alike), on
 * accuracy-only logs (no tokens, no times), and on bad records: the same count skipped, the same first record
 * named by file, line and field, and without --skip-bad the same message. Counts and question rows are equal
 * exactly; sums to 1e-12 relative (the order of addition differs); fits to 1e-9 (the normal equations amplify the
 * sums' rounding by their condition number, below 10^3 here).
 */
class OneReadingOfALogTest {

  /** 50 questions × 8 samples; with tokens, times and costs or not; prompts with commas, quotes and line breaks. */
  static String csv(boolean tokens, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder("question,prompt,correct,answer" + (tokens
        ? ",input_tokens,output_tokens,latency_s,cost_usd" : "") + ",sample\r\n");
    for (int q = 0; q < 50; q++) {
      double p = Math.pow(r.nextDouble(), 0.6);
      int in = 100 + r.nextInt(300);
      for (int s = 0; s < 8; s++) {
        boolean ok = r.nextDouble() < p;
        b.append("q").append(q).append(",\"What is ").append(q).append(",000 + ").append(s).append("? Say \"\"")
            .append(s % 3 == 0 ? "yes\"\"\r\nthen stop\"" : "no\"\"\"").append(',').append(ok ? 1 : 0).append(',')
            .append(ok ? "right" : "w" + r.nextInt(3));
        if (tokens) {
          int out = 200 + r.nextInt(900);
          b.append(String.format(Locale.ROOT, ",%d,%d,%.6f,%.10f", in, out, 0.0003 * in + 0.01 * out
              + 0.2 * r.nextDouble(), 0.5e-6 * in + 2e-6 * out));
        }
        b.append(',').append(s).append("\r\n");
      }
    }
    return b.toString();
  }

  static LogAggregate jvm(Path f, boolean skipBad) {
    LogAggregate.Builder b = new LogAggregate.Builder();
    LogRecords.stream(f, skipBad, b::add);
    return b.build();
  }

  @Test
  void quotedCsvWithExtraColumns_withAndWithoutTokens_readsAlike(@TempDir Path dir) throws Exception {
    for (boolean tokens : List.of(true, false)) {
      Path f = dir.resolve("eval-" + tokens + ".csv");
      Files.writeString(f, csv(tokens, 7));
      LogRecords.Summary s = LogRecords.stream(f, false, x -> { });
      DuckDbLogs.Result d = DuckDbLogs.aggregate(List.of(f), List.of(), false, 2);
      assertThat(s.records()).isEqualTo(400);
      assertThat(d.ignoredColumns()).isEqualTo(s.ignoredColumns()).containsExactly("prompt", "sample");
      LogAggregate a = jvm(f, false);
      DuckDbLogsTest.assertSameAggregate(d.aggregate(), a, 1e-12);
      assertThat(d.aggregate().groups().get(0).moments().tokenSamples()).isEqualTo(tokens ? 400 : 0);
      LogCalibration.Result x = LogCalibration.fit(a.select(null, Map.of()), null, 100, 20, 5);
      LogCalibration.Result y = LogCalibration.fit(d.aggregate().select(null, Map.of()), null, 100, 20, 5);
      assertThat(y.lengthsFitted()).isEqualTo(x.lengthsFitted()).isEqualTo(tokens);
      assertThat(y.parameters()).isEqualTo(x.parameters());
      assertThat(y.intervals()).isEqualTo(x.intervals());
      assertThat(y.candidates()).extracting(c -> c.model().id()).isEqualTo(x.candidates().stream()
          .map(c -> c.model().id()).toList());
      if (tokens) {
        assertThat(y.tOut()).isCloseTo(x.tOut(), within(1e-9 * x.tOut()));
        assertThat(y.cOut()).isCloseTo(x.cOut(), within(1e-9 * x.cOut()));
        assertThat(y.outputSd()).isCloseTo(x.outputSd(), within(1e-9 * x.outputSd()));
      }
    }
  }

  @Test
  void badRecords_sameCountSameFirstSameMessage_inCsvAndJsonl(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "question,correct,output_tokens,input_tokens,note\n"
        + "q1,1,10,5,fine\n"
        + "q1,yes,10,5,a bad flag\n"
        + "q2,0,-3,5,a negative count\n"
        + "q2,1,10,5,fine\n"
        + "q3,0,ten,5,not a number\n"
        + "q3,1,10,5,fine\n"
        + ",1,10,5,no question\n");
    Path jsonl = dir.resolve("bad.jsonl");
    Files.writeString(jsonl, """
        {"question": "q1", "correct": true, "latency_s": 1.5, "extra": [1, 2]}
        {"question": "q1", "correct": false, "latency_s": -1.5}
        {"question": "q2", "score": 1.5}
        {"question": "q2", "correct": true, "latency_s": 2.5}
        {"question": "q3", "selected": "maybe", "correct": true}
        {"question": "q3", "correct": false, "cost_usd": "free"}
        {"question": "q4", "correct": false}
        """);
    for (Path f : List.of(csv, jsonl)) {
      InvalidInputException j = catchBad(() -> LogRecords.stream(f, false, x -> { }));
      InvalidInputException d = catchBad(() -> DuckDbLogs.aggregate(List.of(f), List.of(), false, 2));
      assertThat(d.getMessage()).isEqualTo(j.getMessage()).startsWith(f + ":")
          .contains("bad records; pass --skip-bad to skip them)");
      LogRecords.Summary s = LogRecords.stream(f, true, x -> { });
      DuckDbLogs.Result r = DuckDbLogs.aggregate(List.of(f), List.of(), true, 2);
      assertThat(r.skipped()).isEqualTo(s.skipped()).isEqualTo(4);
      assertThat(r.firstSkipped().getMessage()).isEqualTo(s.firstSkipped().getMessage());
      DuckDbLogsTest.assertSameAggregate(r.aggregate(), jvm(f, true), 1e-12);
    }
    assertThat(LogRecords.stream(csv, true, x -> { }).firstSkipped().getMessage())
        .isEqualTo(csv + ":3: correct = yes: must be true/false or 1/0");
    assertThat(LogRecords.stream(jsonl, true, x -> { }).firstSkipped().getMessage())
        .isEqualTo(jsonl + ":2: latency_s = -1.5: must be a finite number >= 0");
  }

  /** JSONL whose booleans are sometimes strings ("true", "TRUE", " 1.0"): DuckDB types the column JSON; both read it alike. */
  @Test
  void mixedJsonTypes_readAlike_andARecordDuckDbCannotParse_isNamedByTheJvmReader(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("mixed.jsonl");
    StringBuilder b = new StringBuilder();
    String[] forms = {"true", "\"true\"", "\"TRUE\"", "\" 1.0\"", "false", "\"false\"", "0", "\"0\""};
    for (int q = 0; q < 30; q++) {
      for (int s = 0; s < 6; s++) {
        String correct = forms[(q * 7 + s * 3) % forms.length];
        b.append("{\"question\": \"q").append(q).append("\", \"correct\": ").append(correct)
            .append(", \"output_tokens\": ").append(q % 2 == 0 ? "\"12\"" : "12").append(", \"input_tokens\": 5}\n");
      }
    }
    Files.writeString(f, b);
    LogAggregate a = jvm(f, false);
    DuckDbLogs.Result d = DuckDbLogs.aggregate(List.of(f), List.of(), false, 2);
    assertThat(a.groups().get(0).moments().samples()).isEqualTo(180);
    DuckDbLogsTest.assertSameAggregate(d.aggregate(), a, 1e-12);
    Path tooMany = dir.resolve("rows.csv");
    Files.writeString(tooMany, "question,correct\nq1,1\nq2,0,9\nq3,1\n");
    assertThat(catchBad(() -> DuckDbLogs.aggregate(List.of(tooMany), List.of(), false, 1)).getMessage())
        .startsWith(tooMany + ":3: (record): has 3 values for 2 columns (DuckDB cannot read past this record");
  }

  @Test
  void parquet_namesTheRowOfABadRecord(@TempDir Path dir) throws Exception {
    Path jsonl = dir.resolve("src.jsonl");
    Files.writeString(jsonl, """
        {"question": "q1", "correct": true, "output_tokens": 3}
        {"question": "q1", "correct": true, "output_tokens": 4}
        {"question": "q2", "correct": false, "output_tokens": -4}
        """);
    Path parquet = dir.resolve("bad.parquet");
    DuckDbLogs.execute("COPY (SELECT * FROM read_json('" + jsonl + "')) TO '" + parquet + "' (FORMAT parquet)");
    assertThat(catchBad(() -> DuckDbLogs.aggregate(List.of(parquet), List.of(), false, 1)).getMessage())
        .isEqualTo(parquet + " (row 3): output_tokens = -4: must be a finite number >= 0 (1 bad record; pass"
            + " --skip-bad to skip them)");
  }

  @Test
  void aFileDuckDbCannotRead_isRefusedBeforeDuckDbStarts(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("log.txt");
    Files.writeString(f, "question,correct\nq,1\n");
    assertThat(catchBad(() -> DuckDbLogs.aggregate(List.of(f), List.of(), false, 1)).getMessage())
        .isEqualTo("LOGS = " + f + ": has an unknown extension: allowed .parquet, .jsonl, .json, .ndjson, .csv");
  }

  static InvalidInputException catchBad(Runnable r) {
    try {
      r.run();
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("no InvalidInputException");
  }
}
