package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCommandTest {
  static final Path CURVES = Path.of("..", "kstar-core", "src", "test", "resources", "r1-distill-qwen7b-scaling-curves.json");

  @Test
  void calibrateThenPlan_theWrittenProfileIsUsedAsItIs(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("r1.yaml");
    Cli.Result cal = Cli.run("calibrate", "--curve", CURVES.toString(), "--dataset", "MATH500", "--method", "best_of_n",
        "--write", profile.toString(), "--id", "r1", "--price-in-per-mtok", "0.15", "--price-out-per-mtok", "0.15",
        "--out", dir.resolve("out").toString());
    assertThat(cal.exit()).as(cal.err()).isZero();
    assertThat(cal.out()).contains("selector-best-of-k");
    assertThat(Files.readString(profile)).contains("model: selector-best-of-k").contains("format: kstar-catalog/1");
    assertThat(dir.resolve("out").resolve("calibrate-MATH500-best_of_n.png")).isNotEmptyFile();
    assertThat(Cli.run("models", "--validate", profile.toString()).exit()).isZero();
    Cli.Result plan = Cli.run("plan", "--models", profile.toString(), "--model", "r1", "--max-cost", "0.005",
        "--max-latency", "300", "--min-accuracy", "0.93", "--grid", "all", "--k-max", "64", "--format", "json");
    assertThat(plan.exit()).as(plan.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(plan.out());
    assertThat(doc.get("feasible").asBoolean()).isTrue();
    // k = 1 is the curve's first point, 0.896, to within the fit
    assertThat(doc.get("baselines").get("1d").get("accuracy").get("mean").asDouble()).isBetween(0.89, 0.905);
  }

  @Test
  void badCalibrationInput_isRefused() {
    Cli.Result r = Cli.run("calibrate", "--curve", CURVES.toString(), "--dataset", "NOPE");
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("--dataset = NOPE").contains("MATH500");
    Cli.Result w = Cli.run("calibrate", "--curve", CURVES.toString(), "--write", "x.yaml");
    assertThat(w.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(w.err()).contains("needs exactly one curve");
  }

  @Test
  void logsWithEveryAnswerRight_areRefused_andFewQuestions_warnOnStderr(@TempDir Path dir) throws Exception {
    StringBuilder all = new StringBuilder();
    StringBuilder few = new StringBuilder();
    for (int q = 0; q < 5; q++) {
      for (int s = 0; s < 4; s++) {
        String rec = "{\"question\": \"q" + q + "\", \"input_tokens\": " + (100 + s) + ", \"output_tokens\": " + (200 + 3 * s + q)
            + ", \"latency_s\": " + (2 + s) + ", \"correct\": ";
        all.append(rec).append("true}\n");
        few.append(rec).append(s <= q % 4 ? "true" : "false").append("}\n");
      }
    }
    Path right = dir.resolve("right.jsonl");
    Files.writeString(right, all);
    Cli.Result r = Cli.run("calibrate", right.toString());
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("correct = true: is true in every one of the 20 records");
    Path small = dir.resolve("few.jsonl");
    Files.writeString(small, few);
    Cli.Result w = Cli.run("calibrate", small.toString(), "--replicates", "50", "--format", "json");
    assertThat(w.exit()).as(w.err()).isZero();
    assertThat(w.err()).contains("kstar: warning: only 5 questions (fewer than 20)");
    JsonNode doc = new ObjectMapper().readTree(w.out());
    assertThat(doc.get("replicates").get("count").asInt()).isEqualTo(50);
    assertThat(doc.get("warnings").get(0).asText()).startsWith("only 5 questions");
  }
}
