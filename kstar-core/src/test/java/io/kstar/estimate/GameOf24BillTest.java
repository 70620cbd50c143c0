package io.kstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.catalog.CatalogReader;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.RequestShape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A real bill: GPT-4's 100 chain-of-thought samples on each of the 100 Game of 24 puzzles of the Tree of
 * Thoughts run, drawn 20 per call (docs/examples/tot-game24-gpt4-usage.json, SOURCES.md). The profile
 * (docs/examples/tot-gpt4.yaml) holds the run's mean token counts; kstar must bill it as OpenAI did, the prompt
 * once per call: the run's total within 1 %, each puzzle's bill within the spread of its completions, and the
 * per-sample billing of the paper's model shown 3.6 times too high.
 */
class GameOf24BillTest {

  static Path examples(String name) {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.exists(here.resolve("docs")) ? here : here.getParent();
    return root.resolve("docs/examples").resolve(name);
  }

  @Test
  void theRunsBill_isReproducedCallByCall_withinOnePercent() throws Exception {
    JsonNode usage = new ObjectMapper().readTree(examples("tot-game24-gpt4-usage.json").toFile());
    JsonNode puzzles = usage.get("puzzles");
    double real = 0;
    long prompt = 0;
    long completion = 0;
    int samples = 0;
    for (JsonNode p : puzzles) {
      real += p.get("cost_usd").asDouble();
      prompt += p.get("prompt_tokens").asLong();
      completion += p.get("completion_tokens").asLong();
      samples += p.get("samples").asInt();
      // the log's own check: every puzzle is billed 30/60 USD per million tokens on its usage
      assertThat(p.get("cost_usd").asDouble()).isCloseTo(30e-6 * p.get("prompt_tokens").asLong()
          + 60e-6 * p.get("completion_tokens").asLong(), within(1e-5));
    }
    assertThat(puzzles).hasSize(100);
    assertThat(real).isCloseTo(47.04672, within(1e-6));
    ModelProfile m = CatalogReader.read(examples("tot-gpt4.yaml"), "models").require("model", "gpt-4");
    // the profile's figures are the run's means: 437 prompt tokens a call, 67.4862 completion tokens a sample
    assertThat(m.inputLength().mean()).isEqualTo(prompt / (samples / 20.0));
    assertThat(m.outputLength().mean()).isCloseTo((double) completion / samples, within(1e-9));
    assertThat(m.requests()).isEqualTo(new RequestShape(20, false));

    CurvePoint perCall = new ExactEstimator().estimate(m, 20, new int[] {100}).points().get(0);
    double predicted = 100 * perCall.cost().mean();
    assertThat(perCall.draws().calls().mean()).isEqualTo(5);
    assertThat(Math.abs(predicted - real) / real).as("predicted %.4f, billed %.4f", predicted, real).isLessThan(0.01);
    // the same in simulation (4000 requests: 4.5 standard errors)
    CurvePoint mc = new MonteCarloEstimator(4000, 7, 1).estimate(m, 20, new int[] {100}).points().get(0);
    assertThat(mc.cost().mean()).isCloseTo(perCall.cost().mean(), within(4.5 * mc.cost().std() / Math.sqrt(4000)));

    // each sample billed its whole prompt (the paper's shape): 3.6 times the bill
    ModelProfile perSample = m.withRequests(RequestShape.DEFAULT);
    double paper = 100 * new ExactEstimator().estimate(perSample, 20, new int[] {100}).points().get(0).cost().mean();
    assertThat(paper / real).isCloseTo(3.647, within(0.005));
  }
}
