package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code calibrate LOGS --replay}: until-pass replayed on the shipped sample log (300 questions, 8 samples
 * each) agrees with the calibrated profile's exact prediction: every predicted mean (samples, rounds,
 * cost, accuracy) lies inside the replay's 90 % bootstrap interval over questions, at P = 1, 2 and 4.
 * The replay is seeded, so the test is deterministic; with four quantities and three P, a correct model
 * would still miss one interval by chance (10 % each, correlated) — the seed is the default, not chosen.
 */
class ReplayCommandTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void untilPassOnTheSampleLog_matchesTheExactPrediction(int parallel) throws Exception {
    String log = ReadmeCommandsTest.root().resolve("docs/examples/sample-log.jsonl").toString();
    Cli.Result r = Cli.run("calibrate", log, "--skip-bad", "--replay", "until-pass", "--replay-parallel", "" + parallel,
        "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("policy").asText()).isEqualTo("until-pass");
    assertThat(j.get("k").asInt()).isEqualTo(8);
    assertThat(j.get("questions").asInt()).isEqualTo(300);
    for (String q : new String[] {"samples", "rounds", "cost_usd", "accuracy"}) {
      JsonNode e = j.get("per_request").get(q);
      assertThat(e.get("inside").asBoolean()).as(q + " " + e).isTrue();
    }
    // stopping early saves samples: well below the cap of 8 at every P
    assertThat(j.get("per_request").get("samples").get("replayed").asDouble()).isLessThan(8 * 0.6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"until-decided", "until-score"})
  void aPolicyTheRecordsCannotReplay_isRefused(String policy) throws Exception {
    String log = ReadmeCommandsTest.root().resolve("docs/examples/sample-log.jsonl").toString();
    Cli.Result r = Cli.run("calibrate", log, "--skip-bad", "--replay", policy, "--score-threshold", "0.9");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("kstar:").doesNotContain("Exception");
  }
}
