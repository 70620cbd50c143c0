package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LogAggregate's definitions (its javadoc and docs/aggregates.md) on records small enough to count by
 * hand: the per-group sums, the per-question row (n, correct, distinct wrong answers, ties at the top of the
 * vote when a right answer is among them, whether the selector's pick was right), the canonical order, the
 * choice of a group, and the file's round trip and checks.
 */
class LogAggregateContractTest {

  static LogRecords.Sample s(String q, String model, double in, double out, double lat, Double cost, Boolean correct,
      String answer, Boolean selected) {
    return new LogRecords.Sample(1, q, model, in, out, lat, cost, correct, null, answer, selected);
  }

  /** q1: A✓ A✓ B✗ C✗ C✗ (A and C tie at 2 votes, A is right), the pick A✓; q0: B✗ B✗ A✓, the pick B✗. */
  static List<LogRecords.Sample> records() {
    return List.of(
        s("q1", "m", 10, 100, 2, 0.5, true, "A", false),
        s("q1", "m", 20, 200, 3, null, true, "A", true),
        s("q1", "m", 30, 300, 5, 1.0, false, "B", false),
        s("q1", "m", 40, 400, 7, null, false, "C", false),
        s("q1", "m", 50, 500, 11, null, false, "C", false),
        s("q0", "m", 1, 2, 1, null, false, "B", true),
        s("q0", "m", 1, 2, 1, null, false, "B", false),
        s("q0", "m", 1, 2, 1, null, true, "A", false));
  }

  @Test
  void questionRows_countVotesTiesAndPicksAsDefined() {
    LogAggregate.Group g = new LogAggregate.Builder().addAll(records()).build().groups().get(0);
    assertThat(g.questions()).extracting(LogAggregate.Question::id).containsExactly("q0", "q1");
    LogAggregate.Question q0 = g.questions().get(0);
    LogAggregate.Question q1 = g.questions().get(1);
    assertThat(q1).isEqualTo(new LogAggregate.Question("q1", 5, 2, 0, 0, 2, 2, 1));
    // the wrong answer B leads alone: the vote over all samples is wrong, so no ties are counted
    assertThat(q0).isEqualTo(new LogAggregate.Question("q0", 3, 1, 0, 0, 1, 0, 0));
  }

  @Test
  void moments_areTheSumsAndCrossProductsOfTheRecords() {
    LogAggregate.Moments m = new LogAggregate.Builder().addAll(records()).build().groups().get(0).moments();
    assertThat(m.samples()).isEqualTo(8);
    assertThat(m.correctSamples()).isEqualTo(8);
    assertThat(m.scoreSamples()).isZero();
    assertThat(m.costSamples()).isEqualTo(2);
    assertThat(m.answerSamples()).isEqualTo(8);
    assertThat(m.selectedSamples()).isEqualTo(8);
    assertThat(m.sumIn()).isEqualTo(153);
    assertThat(m.sumIn2()).isEqualTo(100 + 400 + 900 + 1600 + 2500 + 3);
    assertThat(m.sumOut()).isEqualTo(1506);
    assertThat(m.sumOut2()).isEqualTo(10_000 + 40_000 + 90_000 + 160_000 + 250_000 + 12);
    assertThat(m.sumInOut()).isEqualTo(1000 + 4000 + 9000 + 16_000 + 25_000 + 6);
    assertThat(m.sumLat()).isEqualTo(31);
    assertThat(m.sumLat2()).isEqualTo(4 + 9 + 25 + 49 + 121 + 3);
    assertThat(m.sumInLat()).isEqualTo(20 + 60 + 150 + 280 + 550 + 3);
    assertThat(m.sumOutLat()).isEqualTo(200 + 600 + 1500 + 2800 + 5500 + 6);
    // cost sums only over the two records that carry a cost
    assertThat(m.sumCost()).isEqualTo(1.5);
    assertThat(m.sumInCost()).isEqualTo(10 * 0.5 + 30 * 1.0);
    assertThat(m.sumOutCost()).isEqualTo(100 * 0.5 + 300 * 1.0);
  }

  @Test
  void scoresAndMissingFields_areCountedOnlyWhereGiven() {
    LogAggregate.Group g = new LogAggregate.Builder()
        .add(new LogRecords.Sample(1, "q", "m", 1, 1, 1, null, null, 0.25))
        .add(new LogRecords.Sample(2, "q", "m", 1, 1, 1, null, null, 0.5))
        .build().groups().get(0);
    assertThat(g.moments().scoreSamples()).isEqualTo(2);
    assertThat(g.moments().correctSamples()).isZero();
    assertThat(g.moments().answerSamples()).isZero();
    assertThat(g.moments().selectedSamples()).isZero();
    assertThat(g.questions().get(0)).isEqualTo(new LogAggregate.Question("q", 2, 0, 0.75, 0.3125, 0, 0, 0));
  }

  @Test
  void groups_areKeyedByModelAndTheNamedColumns_inCanonicalOrder() {
    LogAggregate.Builder b = new LogAggregate.Builder(List.of("temperature"));
    b.add(s("q", "zeta", 1, 1, 1, null, true, null, null), Map.of("temperature", "0.7"));
    b.add(s("q", "alpha", 1, 1, 1, null, true, null, null), Map.of("temperature", "0.7"));
    b.add(s("q", "alpha", 1, 1, 1, null, false, null, null), Map.of("temperature", "0.0"));
    b.add(s("r", "alpha", 1, 1, 1, null, false, null, null), Map.of("temperature", "0.0"));
    LogAggregate a = b.build();
    assertThat(a.groups()).extracting(LogAggregate.Group::key).containsExactly(
        Map.of("model", "alpha", "temperature", "0.0"), Map.of("model", "alpha", "temperature", "0.7"),
        Map.of("model", "zeta", "temperature", "0.7"));
    assertThat(a.groups().get(0).key().keySet()).containsExactly("model", "temperature");
    assertThat(a.groups().get(0).moments().samples()).isEqualTo(2);
    assertThat(a.groups().get(0).model()).isEqualTo("alpha");
    // choosing a group
    assertThat(a.select("zeta", Map.of()).model()).isEqualTo("zeta");
    assertThat(a.select("alpha", Map.of("temperature", "0.7")).questions()).hasSize(1);
    assertThatThrownBy(() -> a.select(null, Map.of())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("log_model").hasMessageContaining("several models");
    assertThatThrownBy(() -> a.select("alpha", Map.of())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("several groups").hasMessageContaining("--group");
    assertThatThrownBy(() -> a.select("beta", Map.of())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("matches no record").hasMessageContaining("[alpha, zeta]");
    assertThatThrownBy(() -> a.select("alpha", Map.of("temperature", "1.0"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("matches no group");
  }

  @Test
  void theFile_roundTripsEveryValue_andEscapesKeysAndIds(@TempDir Path dir) throws Exception {
    LogAggregate.Builder b = new LogAggregate.Builder(List.of("note"));
    String odd = "a \"quoted\" back\\slash\nnew\rline\ttab\u0001ctl é";
    b.add(new LogRecords.Sample(1, odd, "m", 0.1, 0.2, 0.30000000000000004, 1e-7, null, 0.1), Map.of("note", odd));
    b.add(new LogRecords.Sample(2, "plain", "m", 3, 4, 5, 2e-7, null, 0.9), Map.of("note", odd));
    LogAggregate a = b.build();
    Path file = dir.resolve("a.json");
    LogAggregateFile.write(a, file);
    assertThat(LogAggregateFile.isAggregate(file)).isTrue();
    assertThat(LogAggregateFile.read(file)).isEqualTo(a);
    assertThat(LogAggregateFile.quote("x\"y")).isEqualTo("\"x\\\"y\"");
    assertThat(LogAggregateFile.quote("\u0001")).isEqualTo("\"\\u0001\"");
    // a group key column without a value is written as null and read back as null
    LogAggregate.Builder nb = new LogAggregate.Builder(List.of("missing"));
    nb.add(new LogRecords.Sample(1, "q", "m", 1, 1, 1, null, null, 0.5), Map.of());
    LogAggregate withNull = nb.build();
    StringWriter w = new StringWriter();
    LogAggregateFile.write(withNull, w);
    assertThat(w.toString()).contains("\"missing\": null");
    Path f2 = dir.resolve("n.json");
    Files.writeString(f2, w.toString());
    assertThat(LogAggregateFile.read(f2)).isEqualTo(withNull);
  }

  @Test
  void aNonFiniteSum_cannotBeWritten() {
    LogAggregate a = new LogAggregate.Builder()
        .add(new LogRecords.Sample(1, "q", "m", 1e200, 1, 1, null, null, 0.5)).build(); // in² overflows
    assertThatThrownBy(() -> LogAggregateFile.write(a, new StringWriter())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not finite");
  }

  @Test
  void onlyAFileThatOpensWithItsFormatKey_isAnAggregate(@TempDir Path dir) throws Exception {
    assertThat(LogAggregateFile.isAggregate(dir)).isFalse();
    assertThat(LogAggregateFile.isAggregate(dir.resolve("absent.json"))).isFalse();
    Path other = dir.resolve("o.json");
    Files.writeString(other, "{\"groups\": [], \"format\": \"kstar-log-aggregate/1\"}");
    assertThat(LogAggregateFile.isAggregate(other)).isFalse();
    Files.writeString(other, "{\"format\": \"something-else/1\"}");
    assertThat(LogAggregateFile.isAggregate(other)).isFalse();
    Files.writeString(other, "{\"format\": 1}");
    assertThat(LogAggregateFile.isAggregate(other)).isFalse();
    Files.writeString(other, "[\"format\"]");
    assertThat(LogAggregateFile.isAggregate(other)).isFalse();
    Files.writeString(other, "{\"format\": \"kstar-log-aggregate/2\", \"groups\": []}");
    assertThat(LogAggregateFile.isAggregate(other)).isTrue();
    Files.writeString(other, "{{{ not json");
    assertThat(LogAggregateFile.isAggregate(other)).isFalse();
  }

  static final String GOOD = """
      {"format": "kstar-log-aggregate/1", "groups": [{"key": {"model": "m"},
       "samples": 3, "correct_samples": 3, "score_samples": 0, "cost_samples": 0, "answer_samples": 0, "selected_samples": 0,
       "sums": {"in": 1, "in2": 1, "out": 1, "out2": 1, "in_out": 1, "lat": 1, "lat2": 1, "in_lat": 1, "out_lat": 1,
                "cost": 0, "in_cost": 0, "out_cost": 0},
       "question_columns": ["question", "n", "correct", "score_sum", "score_sq", "wrong_distinct", "vote_ties", "selected_right"],
       "questions": [["q0", 2, 1, 0.0, 0.0, 0, 0, 0], ["q1", 1, 1, 0.0, 0.0, 0, 0, 0]]}]}
      """;

  static void refused(Path dir, String text, String message) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, text);
    assertThatThrownBy(() -> LogAggregateFile.read(f)).isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
  }

  @Test
  void eachBadValue_isRefusedWithItsKeyPath(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("good.json");
    Files.writeString(f, GOOD);
    LogAggregate a = LogAggregateFile.read(f);
    assertThat(a.groups().get(0).questions()).extracting(LogAggregate.Question::n).containsExactly(2, 1);
    assertThat(a.groups().get(0).moments().sumOutLat()).isEqualTo(1);
    refused(dir, "{{", "is not a readable aggregate file");
    refused(dir, GOOD.replace("kstar-log-aggregate/1", "kstar-log-aggregate/9"), "format");
    refused(dir, GOOD.replace("\"groups\": [{", "\"extra\": 1, \"groups\": [{"), "extra");
    refused(dir, "{\"format\": \"kstar-log-aggregate/1\", \"groups\": {}}", "groups");
    refused(dir, "{\"format\": \"kstar-log-aggregate/1\"}", "must be a list of groups");
    refused(dir, GOOD.replace("{\"model\": \"m\"}", "{\"model\": null}"), "groups[0].key.model");
    refused(dir, GOOD.replace("\"correct_samples\": 3", "\"correct_samples\": 4"), "groups[0].correct_samples = 4: must be at most samples (3)");
    refused(dir, GOOD.replace("\"selected_samples\": 0", "\"selected_samples\": 4"), "groups[0].selected_samples");
    refused(dir, GOOD.replace("\"cost_samples\": 0", "\"cost_samples\": -1"), "groups[0].cost_samples");
    refused(dir, GOOD.replace("\"cost_samples\": 0", "\"cost_samples\": 0.5"), "groups[0].cost_samples");
    refused(dir, GOOD.replace("\"score_samples\": 0, ", ""), "groups[0].score_samples");
    refused(dir, GOOD.replace("\"out_cost\": 0", "\"out_cost\": 0, \"more\": 1"), "more");
    refused(dir, GOOD.replace("\"vote_ties\", ", ""), "groups[0].question_columns");
    refused(dir, GOOD.replace("\"question_columns\": [", "\"question_columns\": 1, \"x\": ["), "x");
    refused(dir, GOOD.replaceAll("\"questions\": \\[\\[.*\\]\\]", "\"questions\": {\"a\": 1}"),
        "groups[0].questions: must be a list of question rows");
    refused(dir, GOOD.replace("[\"q1\", 1, 1, 0.0, 0.0, 0, 0, 0]", "[\"q1\", 1, 1, 0.0, 0.0, 0, 0]"), "groups[0].questions[1]");
    refused(dir, GOOD.replace("[\"q1\",", "[1,"), "groups[0].questions[1]");
    refused(dir, GOOD.replace("[\"q1\", 1, 1, 0.0, 0.0, 0, 0, 0]", "\"q1\""), "groups[0].questions[1]");
    refused(dir, GOOD.replace("[\"q1\", 1, 1, 0.0, 0.0, 0, 0, 0]", "[\"q1\", 1, 1, 0.0, 0.0, -1, 0, 0]"),
        "groups[0].questions[1].wrong_distinct");
    refused(dir, GOOD.replace("[\"q1\", 1, 1, 0.0, 0.0, 0, 0, 0]", "[\"q1\", 1, 1, 0.0, 0.0, 0, 1.5, 0]"),
        "groups[0].questions[1].vote_ties");
    refused(dir, GOOD.replace("[\"q1\", 1, 1, 0.0, 0.0, 0, 0, 0]", "[\"q1\", 1, 1, 0.0, 0.0, 0, 0, 3000000000]"),
        "groups[0].questions[1].selected_right");
    refused(dir, GOOD.replace("[\"q1\", 1, 1, 0.0, 0.0, 0, 0, 0]", "[\"q1\", 1, 1, -0.5, 0.0, 0, 0, 0]"),
        "groups[0].questions[1].score_sum");
    refused(dir, GOOD.replace("[\"q1\", 1, 1, 0.0, 0.0, 0, 0, 0]", "[\"q1\", 1, 1, 0.0, \"x\", 0, 0, 0]"),
        "groups[0].questions[1].score_sq");
    refused(dir, GOOD.replace("[\"q1\", 1, 1, 0.0, 0.0, 0, 0, 0]", "[\"q1\", 1, 2, 0.0, 0.0, 0, 0, 0]"),
        "groups[0].questions[1].correct = 2: must be in [0, n] with n >= 1 (n = 1)");
    refused(dir, GOOD.replace("[\"q1\", 1, 1, 0.0, 0.0, 0, 0, 0]", "[\"q1\", 0, 0, 0.0, 0.0, 0, 0, 0]"),
        "groups[0].questions[1].correct");
    refused(dir, GOOD.replace("\"samples\": 3", "\"samples\": 4"), "must equal the questions' samples added up (3)");
  }
}
