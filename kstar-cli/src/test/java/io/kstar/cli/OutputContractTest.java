package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §7: the JSON documents other programs read, and the other formats. */
class OutputContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> IDS = List.of("gpt5", "gpt5-mini", "gpt5-nano", "nvidia-nemotron-ultra-253b",
      "nvidia-nemotron-h-47b", "nvidia-nemotron-nano-9b-v2", "qwen3-max", "qwen3-next-80b-a3b", "qwen3-30b-a3b");

  private static JsonNode json(String... args) throws IOException {
    Cli.Result r = Cli.run(args);
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void reproduceJson_followsTheContract_forAllNineModelsAndThreeScenarios() throws IOException {
    JsonNode doc = json("reproduce", "--format", "json");
    assertThat(doc.get("estimator").asText()).isEqualTo("exact");
    assertThat(doc.get("grid").asText()).isEqualTo("batch");
    JsonNode scenarios = doc.get("scenarios");
    assertThat(scenarios).hasSize(3);
    List<String> names = new ArrayList<>();
    scenarios.forEach(s -> names.add(s.get("name").asText()));
    assertThat(names).containsExactly("balanced", "latency-critical", "accuracy-critical");
    JsonNode balanced = scenarios.get(0).get("budget");
    assertThat(balanced.get("max_cost_usd").asDouble()).isEqualTo(0.5);
    assertThat(balanced.get("max_latency_s").asDouble()).isEqualTo(60);
    assertThat(balanced.get("min_accuracy").asDouble()).isEqualTo(0.88);
    for (JsonNode s : scenarios) {
      JsonNode models = s.get("models");
      List<String> ids = new ArrayList<>();
      models.forEach(m -> ids.add(m.get("id").asText()));
      assertThat(ids).containsExactlyElementsOf(IDS);
      for (JsonNode m : models) {
        assertThat(m.get("feasible_count").isInt()).isTrue();
        assertThat(m.get("pareto_count").isInt()).isTrue();
        assertThat(m.get("pareto_count").asInt()).isLessThanOrEqualTo(m.get("feasible_count").asInt());
        JsonNode sel = m.get("selections");
        List<String> keys = new ArrayList<>();
        sel.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("accuracy-max", "cube", "utopia", "knee");
        for (String k : keys) {
          JsonNode p = sel.get(k);
          if (p.isNull()) {
            assertThat(m.get("reasons").get(k).asText()).isNotBlank();
            continue;
          }
          assertThat(p.get("k").isInt()).isTrue();
          assertThat(p.get("cost_usd").isNumber()).isTrue();
          assertThat(p.get("latency_s").isNumber()).isTrue();
          assertThat(p.get("accuracy").isNumber()).isTrue();
          JsonNode b = s.get("budget");
          assertThat(p.get("cost_usd").asDouble()).isLessThanOrEqualTo(b.get("max_cost_usd").asDouble());
          assertThat(p.get("latency_s").asDouble()).isLessThanOrEqualTo(b.get("max_latency_s").asDouble());
          assertThat(p.get("accuracy").asDouble()).isGreaterThanOrEqualTo(b.get("min_accuracy").asDouble());
        }
      }
    }
    assertThat(doc.get("headline").get("matches")).hasSize(3);
  }

  @Test
  void selections_carryTheCurvesValues() throws IOException {
    JsonNode doc = json("reproduce", "--format", "json");
    JsonNode gpt5 = doc.get("scenarios").get(0).get("models").get(0);
    JsonNode pick = gpt5.get("selections").get("accuracy-max");
    JsonNode curve = json("curve", "--model", "gpt5", "--format", "json");
    JsonNode point = null;
    for (JsonNode p : curve.get("points")) {
      if (p.get("k").asInt() == pick.get("k").asInt()) {
        point = p;
      }
    }
    assertThat(point).isNotNull();
    assertThat(pick.get("cost_usd").asDouble()).isEqualTo(point.get("cost_usd").get("mean").asDouble());
    assertThat(pick.get("latency_s").asDouble()).isEqualTo(point.get("latency_s").get("mean").asDouble());
    assertThat(pick.get("accuracy").asDouble()).isEqualTo(point.get("accuracy").get("mean").asDouble());
  }

  @Test
  void curveJson_followsTheContract() throws IOException {
    JsonNode doc = json("curve", "--model", "gpt5-nano", "--format", "json");
    assertThat(doc.get("model").asText()).isEqualTo("gpt5-nano");
    assertThat(doc.get("parallel").asInt()).isEqualTo(4);
    assertThat(doc.get("estimator").asText()).isEqualTo("exact");
    JsonNode points = doc.get("points");
    assertThat(points).hasSize(32);
    int previous = 0;
    for (JsonNode p : points) {
      assertThat(p.get("k").asInt()).isGreaterThan(previous);
      previous = p.get("k").asInt();
      for (String q : List.of("cost_usd", "latency_s", "accuracy")) {
        JsonNode s = p.get(q);
        for (String f : List.of("mean", "std", "p025", "p975")) {
          assertThat(s.get(f).isNumber()).as(q + "." + f).isTrue();
        }
        assertThat(s.get("p025").asDouble()).isLessThanOrEqualTo(s.get("p975").asDouble());
      }
    }
    // k = 4, one round: E[C] = 4 × (1024·5e-8 + 2048·4e-7)
    assertThat(points.get(0).get("cost_usd").get("mean").asDouble()).isCloseTo(4 * (1024 * 5e-8 + 2048 * 4e-7), within(1e-15));
  }

  @Test
  void monteCarlo_sameSeed_sameBytes_whateverTheThreads() {
    String[] base = {"reproduce", "--format", "json", "--estimator", "monte-carlo", "--trials", "700", "--seed", "9"};
    Cli.Result one = Cli.run(concat(base, "--threads", "1"));
    Cli.Result two = Cli.run(concat(base, "--threads", "2"));
    Cli.Result four = Cli.run(concat(base, "--threads", "4"));
    assertThat(one.exit()).isZero();
    assertThat(two.out()).isEqualTo(one.out());
    assertThat(four.out()).isEqualTo(one.out());
    assertThat(Cli.run(concat(base, "--threads", "2", "--seed", "10")).out()).isNotEqualTo(one.out());
  }

  @Test
  void monteCarloCurveJson_carriesStandardErrorsAndTheRun() throws IOException {
    JsonNode doc = json("curve", "--model", "gpt5", "--format", "json", "--estimator", "monte-carlo", "--trials", "500");
    assertThat(doc.get("estimator").asText()).isEqualTo("monte-carlo");
    assertThat(doc.get("trials").asInt()).isEqualTo(500);
    assertThat(doc.get("points").get(0).get("accuracy").get("se").asDouble()).isPositive();
  }

  @Test
  void out_writesEveryFormat_andStdoutShowsTheChosenOne(@TempDir Path dir) throws IOException {
    Cli.Result r = Cli.run("reproduce", "--out", dir.toString());
    assertThat(r.exit()).isZero();
    for (String ext : List.of("txt", "json", "csv", "md")) {
      assertThat(dir.resolve("reproduce." + ext)).isNotEmptyFile();
    }
    assertThat(Files.readString(dir.resolve("reproduce.txt"))).isEqualTo(r.out());
    JSON.readTree(Files.readString(dir.resolve("reproduce.json")));
    List<String> csv = Files.readAllLines(dir.resolve("reproduce.csv"));
    assertThat(csv.get(0)).startsWith("scenario,model,parallel");
    assertThat(csv).hasSize(1 + 3 * 9 * 6);
    assertThat(Files.readString(dir.resolve("reproduce.md"))).contains("| model | P |").contains("## Headline");
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void table_showsEveryScenarioAndTheHeadline() {
    Cli.Result r = Cli.run("reproduce");
    assertThat(r.out()).contains("Scenario balanced", "Scenario latency-critical", "Scenario accuracy-critical")
        .contains("Headline, measured on this run").contains("knee vs accuracy-max");
  }

  @Test
  void modelsAndVersion() {
    assertThat(Cli.run("models").out()).contains("gpt5-nano").contains("$/Mtok");
    Cli.Result v = Cli.run("--version");
    assertThat(v.exit()).isZero();
    assertThat(v.out()).startsWith("kstar 0.1.0");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
