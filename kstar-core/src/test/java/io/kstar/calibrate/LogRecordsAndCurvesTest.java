package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record and curve formats as documented: LogRecords' fields, flags (true/false, 1/0), spreadsheet
 * byte-order marks and CR LF, skipped blank lines, every refused value with its line; MeasuredCurve's two
 * layouts, its optional {@code questions} (per dataset wins over the top), selection, key paths, and tokens
 * per sample as the least-squares slope through the origin.
 */
class LogRecordsAndCurvesTest {

  @Test
  void csvFromASpreadsheet_isRead_withItsFlagsAndOptionalFields(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("LOGS.CSV");
    Files.writeString(f, "\uFEFFquestion, model ,input_tokens,output_tokens,latency_s,cost_usd,correct,answer,selected\r\n"
        + "q1,m,10,20,1.5,0.25,1,42,true\r\n"
        + "\r\n"
        + "q1,m,11,21,1.5,,0.0,41,0\r\n"
        + "q2,m,12,22,1.5,,FALSE,,\r\n");
    LogRecords.Read r = LogRecords.read(f, false);
    assertThat(r.skipped()).isEmpty();
    List<LogRecords.Sample> s = r.samples();
    assertThat(s).hasSize(3);
    assertThat(s.get(0)).isEqualTo(new LogRecords.Sample(2, "q1", "m", 10, 20, 1.5, 0.25, true, null, "42", true));
    // blank lines keep their number; empty cells are absent fields
    assertThat(s.get(1)).isEqualTo(new LogRecords.Sample(4, "q1", "m", 11, 21, 1.5, null, false, null, "41", false));
    assertThat(s.get(2)).isEqualTo(new LogRecords.Sample(5, "q2", "m", 12, 22, 1.5, null, false, null, null, null));
  }

  @Test
  void jsonl_withScores_andTheDefaultModelName(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("logs.jsonl");
    Files.writeString(f, "{\"question\": \"a\", \"input_tokens\": 1, \"output_tokens\": 2, \"latency_s\": 0, \"score\": 1,"
        + " \"answer\": null}\n{\"question\": 7, \"input_tokens\": 0, \"output_tokens\": 0, \"latency_s\": 3, \"score\": 0.5,"
        + " \"correct\": \"1.0\"}\n");
    List<LogRecords.Sample> s = LogRecords.read(f, false).samples();
    assertThat(s.get(0)).isEqualTo(new LogRecords.Sample(1, "a", "model", 1, 2, 0, null, null, 1.0, null, null));
    assertThat(s.get(1)).isEqualTo(new LogRecords.Sample(2, "7", "model", 0, 0, 3, null, true, 0.5, null, null));
  }

  static void refused(Path dir, String line, String... message) throws Exception {
    Path f = dir.resolve("one.jsonl");
    Files.writeString(f, line + "\n");
    var t = assertThatThrownBy(() -> LogRecords.read(f, false)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(f + ":1").hasMessageContaining("--skip-bad");
    for (String m : message) {
      t.hasMessageContaining(m);
    }
  }

  @Test
  void eachBadField_isRefusedWithItsLine(@TempDir Path dir) throws Exception {
    String ok = "\"question\": \"a\", \"input_tokens\": 1, \"output_tokens\": 2, \"latency_s\": 0";
    refused(dir, "{" + ok + "}", "correct", "is missing: give correct (or score)");
    refused(dir, "{" + ok + ", \"correct\": \"yes\"}", "correct = yes", "true/false or 1/0");
    refused(dir, "{" + ok + ", \"correct\": true, \"selected\": 2}", "selected = 2");
    refused(dir, "{" + ok + ", \"score\": 1.5}", "score = 1.5", "[0, 1]");
    refused(dir, "{" + ok + ", \"score\": -0.5}", "score = -0.5", ">= 0");
    refused(dir, "{" + ok + ", \"correct\": true, \"cost_usd\": -1}", "cost_usd = -1");
    refused(dir, "{" + ok.replace("\"latency_s\": 0", "\"latency_s\": \"NaN\"") + ", \"correct\": true}", "latency_s = NaN",
        "finite");
    refused(dir, "{" + ok.replace("\"input_tokens\": 1", "\"input_tokens\": \"1e3x\"") + ", \"correct\": true}",
        "input_tokens = 1e3x", "must be a number");
    refused(dir, "{" + ok.replace("\"output_tokens\": 2", "\"output_tokens\": \"0x10\"") + ", \"correct\": true}",
        "output_tokens = 0x10", "must be a number");
    refused(dir, "{" + ok.replace("\"output_tokens\": 2", "\"output_tokens\": \"2d\"") + ", \"correct\": true}",
        "output_tokens = 2d", "must be a number");
    refused(dir, "{" + ok.replace("\"question\": \"a\"", "\"question\": \" \"") + ", \"correct\": true}", "question",
        "is missing");
    refused(dir, "[1, 2]", "is not a JSON object");
    refused(dir, "{" + ok + ", \"correct\": true", "is not valid JSON");
    refused(dir, "{" + ok.replace("\"latency_s\": 0", "\"latency_s\": NaN") + ", \"correct\": true}",
        "is not valid JSON", "NaN and Infinity are not JSON numbers");
  }

  @Test
  void aFileWithNothingUsable_orNoFile_isRefused(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("empty.jsonl");
    Files.writeString(f, "\n  \nnot json\n");
    assertThatThrownBy(() -> LogRecords.read(f, true)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("holds no usable record");
    assertThatThrownBy(() -> LogRecords.read(dir.resolve("absent.jsonl"), true)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must be a readable file");
    assertThatThrownBy(() -> LogRecords.read(dir, true)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must be a readable file");
  }

  @Test
  void curves_inTheDatasetsLayout_withTheirQuestionCounts(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("curves.json");
    Files.writeString(f, """
        {"questions": 500, "datasets": {
          "aime": {"questions": 30, "maj": [{"n": 1, "accuracy": 0.4}, {"n": 4, "accuracy": 0.5, "tokens": 4000}]},
          "math": {"pass": [{"n": 2, "accuracy": 0.75, "tokens": 1000}], "best": [{"n": 1, "accuracy": 0.7}]}}}
        """);
    List<MeasuredCurve> all = MeasuredCurve.read(f);
    assertThat(all).extracting(c -> c.dataset() + "/" + c.method() + "/" + c.questions())
        .containsExactly("aime/maj/30", "math/pass/500", "math/best/500");
    assertThat(all.get(0).points()).containsExactly(new MeasuredCurve.Point(1, 0.4, null), new MeasuredCurve.Point(4, 0.5, 4000.0));
    assertThat(all.get(0).pointField(1, "tokens")).isEqualTo("datasets.aime.maj[1].tokens");
    assertThat(MeasuredCurve.select(all, "math", null)).hasSize(2);
    assertThat(MeasuredCurve.select(all, null, "maj")).containsExactly(all.get(0));
    assertThat(MeasuredCurve.select(all, "math", "best")).containsExactly(all.get(2));
    assertThatThrownBy(() -> MeasuredCurve.select(all, "gsm8k", null)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dataset").hasMessageContaining("{aime=[maj], math=[pass, best]}");
    assertThatThrownBy(() -> MeasuredCurve.select(all, null, "vote")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("method = vote");
    // the same curve with other points keeps its question count
    MeasuredCurve other = all.get(0).withPoints(List.of(new MeasuredCurve.Point(2, 0.1, null)));
    assertThat(other.questions()).isEqualTo(30);
    assertThat(other.points()).hasSize(1);
  }

  @Test
  void aPlainList_isOneCurveWithoutAQuestionCount(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("curve.yaml");
    Files.writeString(f, "- {n: 1, accuracy: 0.5, tokens: 100}\n- {n: 2, accuracy: 0.625, tokens: 180}\n- {n: 4, accuracy: 0.7}\n");
    List<MeasuredCurve> all = MeasuredCurve.read(f);
    assertThat(all).singleElement().satisfies(c -> {
      assertThat(c.dataset()).isEqualTo("curve");
      assertThat(c.questions()).isNull();
      assertThat(c.pointField(2, "n")).isEqualTo("[2].n");
      // Σ n·tokens / Σ n² over the points with tokens: (100 + 360) / (1 + 4)
      assertThat(c.tokensPerSample()).isCloseTo(92, within(1e-12));
    });
    assertThat(new MeasuredCurve("d", "m", List.of(new MeasuredCurve.Point(1, 0.5, null))).tokensPerSample()).isNaN();
    assertThatThrownBy(() -> new MeasuredCurve("d", "m", List.of(), 0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("questions");
  }

  static void badCurve(Path dir, String text, String message) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, text);
    assertThatThrownBy(() -> MeasuredCurve.read(f)).isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
  }

  @Test
  void badCurves_nameTheKeyPath(@TempDir Path dir) throws Exception {
    badCurve(dir, "[]", "(document)");
    badCurve(dir, "{\"datasets\": {\"d\": {\"m\": []}}}", "datasets.d.m");
    badCurve(dir, "[{\"n\": 0, \"accuracy\": 0.5}]", "[0].n");
    badCurve(dir, "[{\"accuracy\": 0.5}]", "[0].n");
    badCurve(dir, "[{\"n\": 1, \"accuracy\": 1.5}]", "[0].accuracy");
    badCurve(dir, "[{\"n\": 1, \"accuracy\": -0.1}]", "[0].accuracy");
    badCurve(dir, "[{\"n\": 1, \"accuracy\": 0.5, \"tokens\": -3}]", "[0].tokens");
    badCurve(dir, "[{\"n\": 1, \"accuracy\": 0.5, \"pass\": 1}]", "pass");
    badCurve(dir, "{\"questions\": 0, \"datasets\": {\"d\": {\"m\": [{\"n\": 1, \"accuracy\": 0.5}]}}}", "questions");
    badCurve(dir, "{\"datasets\": {\"d\": {\"questions\": 2.5, \"m\": [{\"n\": 1, \"accuracy\": 0.5}]}}}",
        "datasets.d.questions");
    badCurve(dir, "{\"datasets\": {\"d\": {\"questions\": 1e12, \"m\": [{\"n\": 1, \"accuracy\": 0.5}]}}}",
        "datasets.d.questions");
  }
}
