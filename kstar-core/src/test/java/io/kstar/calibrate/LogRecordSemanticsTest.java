package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record semantics stated once in {@link LogRecords} (#26): RFC 4180 CSV (quoted commas, doubled quotes, line
 * breaks in a field, CR LF), columns that are not kstar's ignored and named, accuracy-only records (no tokens, no
 * times) giving the accuracy part alone, partial token columns named in a warning, one message for the bad records
 * of a file (the first, with its line, and how many), and text that is not UTF-8 refused in kstar's words.
 */
class LogRecordSemanticsTest {

  @Test
  void rfc4180Csv_quotedCommasQuotesAndLineBreaks_withCrLf_andExtraColumnsIgnored(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("eval.csv");
    Files.writeString(f, "question,prompt,correct,sample\r\n"
        + "q1,\"What is 1,000 + 1?\",1,0\r\n"
        + "q1,\"He said \"\"hi\"\"\r\nand left\",0,1\r\n"
        + "\"q,2\",plain,true,2\r\n");
    LogRecords.Read r = LogRecords.read(f, false);
    assertThat(r.ignoredColumns()).containsExactly("prompt", "sample");
    assertThat(r.samples()).extracting(LogRecords.Sample::question).containsExactly("q1", "q1", "q,2");
    assertThat(r.samples()).extracting(LogRecords.Sample::correct).containsExactly(true, false, true);
    // a record is numbered by the line it starts on: the quoted line break makes the third record start on line 5
    assertThat(r.samples()).extracting(LogRecords.Sample::line).containsExactly(2, 3, 5);
    assertThat(r.samples().get(0).hasTokens()).isFalse();
    assertThat(r.samples().get(0).hasLatency()).isFalse();
  }

  @Test
  void csvValues_keepTheirSpaces_andABadHeaderIsRefusedOnce(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ws.csv");
    Files.writeString(f, "question,correct\nq0,1\n q0,0\n\n\" q0\",1\nq0 ,0\n");
    assertThat(LogRecords.read(f, false).samples()).extracting(LogRecords.Sample::question)
        .containsExactly("q0", " q0", " q0", "q0 ");
    Path dup = dir.resolve("dup.csv");
    Files.writeString(dup, "question,correct,correct\nq,1,0\n");
    assertThatThrownBy(() -> LogRecords.read(dup, true)).hasMessage(dup + ":1: correct: is a column twice in the"
        + " header: every column once");
    Path caps = dir.resolve("caps.csv");
    Files.writeString(caps, "Question,Correct\nq,1\n");
    assertThatThrownBy(() -> LogRecords.read(caps, true)).hasMessage(caps + ":1: question: is missing: the logs have"
        + " no such column (they have [Correct, Question])");
    Path noOutcome = dir.resolve("none.csv");
    Files.writeString(noOutcome, "question,answer\nq,42\n");
    assertThatThrownBy(() -> LogRecords.read(noOutcome, true)).hasMessageContaining("correct: is missing: give correct"
        + " (or score) (the logs have [answer, question])");
  }

  @Test
  void aRowWithTheWrongNumberOfValues_isABadRecord_withItsLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("eval.csv");
    Files.writeString(f, "question,correct\nq1,1\nq2,0,extra\nq3,1\n");
    assertThatThrownBy(() -> LogRecords.read(f, false)).isInstanceOf(InvalidInputException.class)
        .hasMessage(f + ":3: (record): has 3 values for 2 columns (1 bad record; pass --skip-bad to skip them)");
    LogRecords.Read r = LogRecords.read(f, true);
    assertThat(r.samples()).hasSize(2);
    assertThat(r.skipped()).hasSize(1);
  }

  @Test
  void badRecords_areCountedAndTheFirstIsNamed_orAllSkipped(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("logs.jsonl");
    Files.writeString(f, """
        {"question": "a", "correct": true}
        {"question": "a", "correct": "maybe"}
        {"question": "b", "correct": false, "output_tokens": -1}
        {"question": "b", "score": 2}
        """);
    assertThatThrownBy(() -> LogRecords.read(f, false)).isInstanceOf(InvalidInputException.class)
        .hasMessage(f + ":2: correct = maybe: must be true/false or 1/0 (3 bad records; pass --skip-bad to skip them)");
    List<LogRecords.Sample> seen = new ArrayList<>();
    LogRecords.Summary s = LogRecords.stream(f, true, seen::add);
    assertThat(seen).hasSize(1);
    assertThat(s.records()).isEqualTo(1);
    assertThat(s.skipped()).isEqualTo(3);
    assertThat(s.firstSkipped().getMessage()).isEqualTo(f + ":2: correct = maybe: must be true/false or 1/0");
    assertThat(LogRecords.firstBad(f).getMessage()).isEqualTo(s.firstSkipped().getMessage());
    Path good = dir.resolve("good.jsonl");
    Files.writeString(good, "{\"question\": \"a\", \"correct\": true}\n");
    assertThat(LogRecords.firstBad(good)).isNull();
    // every record bad: the reason is said, not only that nothing was usable
    Path none = dir.resolve("none.jsonl");
    Files.writeString(none, "{\"question\": \"a\", \"correct\": true, \"output_tokens\": \"many\"}\n");
    assertThatThrownBy(() -> LogRecords.read(none, true)).hasMessage("LOGS = " + none + ": holds no usable record (1 bad"
        + " record skipped, the first: " + none + ":1: output_tokens = many: must be a number)");
  }

  @Test
  void textThatIsNotUtf8_isRefusedInKstarsWords(@TempDir Path dir) throws Exception {
    Path utf16 = dir.resolve("logs.jsonl");
    Files.write(utf16, "{\"question\": \"a\", \"correct\": true}\n".getBytes(StandardCharsets.UTF_16));
    assertThatThrownBy(() -> LogRecords.read(utf16, false)).hasMessage("LOGS = " + utf16 + ": is UTF-16 text: save it"
        + " as UTF-8");
    Path latin1 = dir.resolve("logs.csv");
    Files.write(latin1, "question,correct\nqu\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> LogRecords.read(latin1, false)).hasMessage("LOGS = " + latin1 + ": is not UTF-8 text:"
        + " save it as UTF-8");
  }

  /** 12 questions of 6 samples, each with tokens and times, or with only question and correct. */
  static String log(boolean tokens) {
    StringBuilder b = new StringBuilder(tokens ? "question,correct,input_tokens,output_tokens,latency_s\n"
        : "question,correct\n");
    for (int q = 0; q < 12; q++) {
      for (int s = 0; s < 6; s++) {
        b.append('q').append(q).append(',').append((q * 7 + s * 3) % 11 < q % 9 ? 1 : 0);
        if (tokens) {
          b.append(',').append(100 + q).append(',').append(200 + 10 * s).append(',').append(0.01 * (100 + q) + 0.02
              * (200 + 10 * s) + 0.001 * s);
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  @Test
  void accuracyOnlyRecords_fitTheAccuracyAlone_theSameAsWithTokens(@TempDir Path dir) throws Exception {
    Path bare = dir.resolve("bare.csv");
    Path full = dir.resolve("full.csv");
    Files.writeString(bare, log(false));
    Files.writeString(full, log(true));
    LogAggregate.Builder b = new LogAggregate.Builder();
    LogRecords.stream(bare, false, b::add);
    LogAggregate.Group g = b.build().select(null, Map.of());
    assertThat(g.moments().tokenSamples()).isZero();
    assertThat(g.moments().latencySamples()).isZero();
    LogCalibration.Result onlyAccuracy = LogCalibration.fit(g, null, 50, 20, 3);
    LogCalibration.Result withTokens = LogCalibration.fit(LogRecords.read(full, false).samples(), null, null, 50, 20, 3);
    assertThat(onlyAccuracy.lengthsFitted()).isFalse();
    assertThat(onlyAccuracy.latencyFitted()).isFalse();
    assertThat(withTokens.lengthsFitted()).isTrue();
    assertThat(withTokens.latencyFitted()).isTrue();
    assertThat(onlyAccuracy.warnings()).noneMatch(w -> w.contains("not fitted"));
    // the accuracy part does not depend on the token columns
    assertThat(onlyAccuracy.accuracy()).isEqualTo(withTokens.accuracy());
    assertThat(onlyAccuracy.intervals()).isEqualTo(withTokens.intervals());
    assertThat(onlyAccuracy.passAtK()).isEqualTo(withTokens.passAtK());
  }

  @Test
  void tokensInSomeRecordsOnly_areNotFitted_andAWarningSaysHowMany(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("mixed.csv");
    String full = log(true);
    // the last record loses its output tokens, a record of another question its latency
    String[] lines = full.split("\n");
    lines[lines.length - 1] = lines[lines.length - 1].replaceAll(",[^,]*,([^,]*)$", ",,$1");
    lines[3] = lines[3].replaceAll(",[^,]*$", ",");
    Files.writeString(f, String.join("\n", lines) + "\n");
    LogCalibration.Result r = LogCalibration.fit(LogRecords.read(f, false).samples(), null, null, 20, 5, 3);
    assertThat(r.lengthsFitted()).isFalse();
    assertThat(r.latencyFitted()).isFalse();
    assertThat(r.warnings()).contains("lengths not fitted: 1 of 72 records lack input_tokens or output_tokens (the"
        + " lengths are fitted when every record has both)");
    Path noLatency = dir.resolve("nolat.csv");
    Files.writeString(noLatency, full.replaceAll("(?m),[^,\n]*$", "")); // the latency_s column dropped
    LogCalibration.Result t = LogCalibration.fit(LogRecords.read(noLatency, false).samples(), null, null, 20, 5, 3);
    assertThat(t.lengthsFitted()).isTrue();
    assertThat(t.latencyFitted()).isFalse();
    assertThat(t.tIn()).isZero();
    assertThat(t.tOut()).isZero();
  }

  @Test
  void completeRecords_warnOfNothingNotFitted_andALatencyMissingInOneRecord_isNamed(@TempDir Path dir)
      throws Exception {
    Path full = dir.resolve("full.csv");
    Files.writeString(full, log(true));
    LogCalibration.Result r = LogCalibration.fit(LogRecords.read(full, false).samples(), null, null, 20, 5, 3);
    assertThat(r.warnings()).noneMatch(w -> w.contains("not fitted"));
    assertThat(r.lengthsFitted()).isTrue();
    assertThat(r.latencyFitted()).isTrue();
    // one record without its latency: the lengths stay, the times go, and the warning counts it
    String[] lines = log(true).split("\n");
    lines[5] = lines[5].replaceAll(",[^,]*$", ",");
    Path oneShort = dir.resolve("one.csv");
    Files.writeString(oneShort, String.join("\n", lines) + "\n");
    LogCalibration.Result t = LogCalibration.fit(LogRecords.read(oneShort, false).samples(), null, null, 20, 5, 3);
    assertThat(t.lengthsFitted()).isTrue();
    assertThat(t.latencyFitted()).isFalse();
    assertThat(t.warnings()).contains("per-token times not fitted: 1 of 72 records lack latency_s (the times are"
        + " fitted when every record has it)");
    assertThat(t.warnings()).noneMatch(w -> w.startsWith("lengths not fitted"));
    // a cost in some records only: the prices are not fitted, and a warning says how many lack it
    Path someCosts = dir.resolve("costs.csv");
    String[] withCost = log(true).replace("latency_s\n", "latency_s,cost_usd\n").split("\n");
    for (int i = 1; i < withCost.length; i++) {
      withCost[i] += i % 4 == 0 ? "," : ",0.001";
    }
    Files.writeString(someCosts, String.join("\n", withCost) + "\n");
    LogCalibration.Result c = LogCalibration.fit(LogRecords.read(someCosts, false).samples(), null, null, 20, 5, 3);
    assertThat(c.cIn()).isNull();
    assertThat(c.warnings()).contains("prices not fitted: 18 of 72 records lack cost_usd (the prices are fitted when"
        + " every record has it)");
  }

  /** The decimal check against Java's parser and the DuckDB/Spark TRY_CAST forms: what is a number, what is not. */
  @Test
  void plainDecimals_areExactlyTheFiniteDecimalForms() {
    for (String yes : List.of("0", "12", "1.5", ".5", "5.", "+3", "-3", "1e3", "1E+3", "2.5e-3", "007", "1.e2")) {
      assertThat(LogRecords.plainDecimal(yes)).as(yes).isTrue();
    }
    for (String no : List.of("", "+", "-", ".", "e3", "1e", "1e+", "1.2.3", "1x", "0x10", "1d", "2f", "--1", "1e3.5",
        " 1", "1 ", "+.", "1e-", "NaN", "inf", "1_000", "1,5")) {
      assertThat(LogRecords.plainDecimal(no)).as(no).isFalse();
    }
  }

  @Test
  void byteOrderMarks_utf8IsSkipped_utf16EitherWayIsRefused(@TempDir Path dir) throws Exception {
    Path bom = dir.resolve("bom.jsonl");
    Files.writeString(bom, "\uFEFF{\"question\": \"a\", \"correct\": true}\n{\"question\": \"b\", \"correct\": false}\n");
    assertThat(LogRecords.read(bom, false).samples()).extracting(LogRecords.Sample::question).containsExactly("a", "b");
    Path le = dir.resolve("le.jsonl");
    Files.write(le, "{\"question\": \"a\", \"correct\": true}\n".getBytes(StandardCharsets.UTF_16LE));
    byte[] body = Files.readAllBytes(le);
    byte[] withBom = new byte[body.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(body, 0, withBom, 2, body.length);
    Files.write(le, withBom);
    assertThatThrownBy(() -> LogRecords.read(le, false)).hasMessageContaining("is UTF-16 text");
  }

  /**
   * Samples that name their call: the aggregate's call sums, against the same sums computed here from the records
   * (a call's prompt is its records' smallest input, s their inputs added up, o their outputs, y their costs; a
   * record without a request_id is a call of its own; a call with a record without a cost is not a costed call).
   */
  @Test
  void callSums_areTheCallsOfTheRecords(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("calls.jsonl");
    StringBuilder b = new StringBuilder();
    double[][] rows = {
        // call, input, output, cost (NaN: none)
        {1, 100, 10, 0.5}, {1, 100, 20, 0.25}, {1, 101, 30, 0.125},
        {2, 50, 5, 1}, {2, 50, 7, Double.NaN},
        {0, 70, 3, 0.75}, {0, 80, 4, Double.NaN}};
    for (int i = 0; i < rows.length; i++) {
      double[] r = rows[i];
      b.append("{\"question\": \"q").append(i % 3).append("\", \"correct\": true, \"input_tokens\": ").append(r[1])
          .append(", \"output_tokens\": ").append(r[2]);
      if (!Double.isNaN(r[3])) {
        b.append(", \"cost_usd\": ").append(r[3]);
      }
      if (r[0] > 0) {
        b.append(", \"request_id\": \"c").append((int) r[0]).append('"');
      }
      b.append("}\n");
    }
    Files.writeString(f, b);
    LogAggregate.Builder builder = new LogAggregate.Builder();
    LogRecords.stream(f, false, builder::add);
    LogAggregate.Calls c = builder.build().groups().get(0).calls();
    // the calls: c1 (p 100, s 301, o 60, y 0.875, costed), c2 (p 50, s 100, o 12, not costed), and two singles
    double[][] calls = {{100, 301, 60, 0.875, 1}, {50, 100, 12, 0, 0}, {70, 70, 3, 0.75, 1}, {80, 80, 4, 0, 0}};
    double[] want = new double[14];
    for (double[] k : calls) {
      want[0]++;
      want[2] += k[0];
      want[3] += k[0] * k[0];
      want[4] += k[1] * k[1];
      want[5] += k[2];
      want[6] += k[2] * k[2];
      want[7] += k[0] * k[2];
      want[8] += k[1] * k[2];
      if (k[4] == 1) {
        want[1]++;
        want[9] += k[3];
        want[10] += k[3] * k[3];
        want[11] += k[0] * k[3];
        want[12] += k[1] * k[3];
        want[13] += k[2] * k[3];
      }
    }
    double[] got = {c.calls(), c.costCalls(), c.sumP(), c.sumP2(), c.sumS2(), c.sumO(), c.sumO2(), c.sumPO(), c.sumSO(),
        c.sumY(), c.sumY2(), c.sumPY(), c.sumSY(), c.sumOY()};
    for (int i = 0; i < want.length; i++) {
      assertThat(got[i]).as("call sum %d", i).isCloseTo(want[i], org.assertj.core.api.Assertions.within(1e-12 * Math.max(1,
          Math.abs(want[i]))));
    }
    // records without a request_id at all: no call sums
    Path plain = dir.resolve("plain.jsonl");
    Files.writeString(plain, "{\"question\": \"a\", \"correct\": true}\n{\"question\": \"b\", \"correct\": true}\n");
    LogAggregate.Builder none = new LogAggregate.Builder();
    LogRecords.stream(plain, false, none::add);
    assertThat(none.build().groups().get(0).calls()).isNull();
  }

  @Test
  void theAggregateFile_carriesTheTokenAndLatencyCounts_andReadsOlderFilesAsComplete(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("bare.csv");
    Files.writeString(f, log(false));
    LogAggregate a = new LogAggregate.Builder().addAll(LogRecords.read(f, false).samples()).build();
    StringWriter w = new StringWriter();
    LogAggregateFile.write(a, w);
    assertThat(w.toString()).contains("\"token_samples\": 0, \"latency_samples\": 0");
    Path file = dir.resolve("agg.json");
    Files.writeString(file, w.toString());
    assertThat(LogAggregateFile.read(file)).isEqualTo(a);
    // a file written before the counts existed: every record carried tokens and times
    Path old = dir.resolve("old.json");
    Files.writeString(old, w.toString().replace(", \"token_samples\": 0, \"latency_samples\": 0", ""));
    LogAggregate.Moments m = LogAggregateFile.read(old).groups().get(0).moments();
    assertThat(m.tokenSamples()).isEqualTo(m.samples());
    assertThat(m.latencySamples()).isEqualTo(m.samples());
    Path wrong = dir.resolve("wrong.json");
    Files.writeString(wrong, w.toString().replace("\"token_samples\": 0", "\"token_samples\": 73"));
    assertThatThrownBy(() -> LogAggregateFile.read(wrong)).hasMessageContaining("groups[0].token_samples = 73: must be"
        + " at most samples (72)");
  }
}
