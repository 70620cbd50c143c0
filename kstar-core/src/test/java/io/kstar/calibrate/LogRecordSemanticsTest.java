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
