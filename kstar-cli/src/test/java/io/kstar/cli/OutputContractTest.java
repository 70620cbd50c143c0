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
        assertThat(keys).containsExactly("accuracy-max", "cube", "utopia", "knee"); // the published contract (docs/semantics.md §7)
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

  /** One CSV line split into cells (RFC 4180 quotes). */
  static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder c = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        c.append('"');
        i++;
      } else if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        out.add(c.toString());
        c.setLength(0);
      } else {
        c.append(ch);
      }
    }
    out.add(c.toString());
    return out;
  }

  /** Columns that hold words; every other column holds numbers (or nothing). */
  private static boolean textColumn(String h) {
    return List.of("model", "pick", "row_type", "scenario", "figure", "note", "nearest_budget", "breaks",
        "extrapolated", "reached", "at_k1_model", "policy").contains(h) || h.endsWith("_status");
  }

  private static List<List<String>> csv(String... args) {
    Cli.Result r = Cli.run(args);
    assertThat(r.exit()).as(r.err()).isZero();
    List<List<String>> rows = new ArrayList<>();
    r.out().lines().forEach(l -> rows.add(cells(l)));
    List<String> header = rows.get(0);
    assertThat(header).as(String.join(" ", args)).doesNotHaveDuplicates()
        .allSatisfy(h -> assertThat(h).matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"));
    for (List<String> row : rows.subList(1, rows.size())) {
      assertThat(row).hasSameSizeAs(header);
      for (int c = 0; c < header.size(); c++) {
        String v = row.get(c);
        if (!textColumn(header.get(c)) && !v.isEmpty()) {
          assertThat(v).as(header.get(c) + " in " + String.join(" ", args)).matches("-?[0-9]+(\\.[0-9]+)?(e-?[0-9]+)?");
          Double.parseDouble(v);
        }
        if (header.get(c).equals("extrapolated") || header.get(c).equals("reached")) {
          assertThat(v).isIn("", "true", "false");
        }
      }
    }
    return rows;
  }

  @Test
  void csv_headersAreUniqueSnakeCase_andNumericColumnsHoldNumbers() {
    csv("plan", "--model", "gpt5", "--scenario", "balanced", "--format", "csv");
    csv("plan", "--model", "gpt5", "--scenario", "latency-critical", "--format", "csv");
    csv("curve", "--model", "gpt5", "--format", "csv");
    csv("reproduce", "--format", "csv");
    csv("budget", "--catalog", "--min-accuracy", "0.99", "--format", "csv");
    List<List<String>> s = csv("sensitivity", "--model", "gpt5", "--scenario", "balanced", "--format", "csv");
    assertThat(s.get(0)).contains("accuracy_max_k", "accuracy_max_status", "knee_parallel");
    assertThat(s.stream().skip(1).map(r -> r.get(s.get(0).indexOf("accuracy_max_status"))))
        .allSatisfy(v -> assertThat(v).isIn("same", "changed", "none")).contains("changed");
  }

  @Test
  void compareCsv_carriesTheFrontThePicksAndTheMatches() throws IOException {
    List<List<String>> rows = csv("compare", "--scenario", "balanced", "--format", "csv");
    JsonNode doc = json("compare", "--scenario", "balanced", "--format", "json");
    List<String> h = rows.get(0);
    int type = h.indexOf("row_type");
    assertThat(type).isZero();
    assertThat(rows.stream().skip(1).filter(r -> r.get(type).equals("pareto"))).hasSize(doc.get("pareto").size());
    assertThat(rows.stream().skip(1).filter(r -> r.get(type).equals("match"))).hasSize(doc.get("matches").size());
    List<List<String>> picks = rows.stream().skip(1).filter(r -> r.get(type).equals("pick")).toList();
    assertThat(picks).extracting(r -> r.get(h.indexOf("pick"))).containsExactlyElementsOf(io.kstar.select.Selectors.REGISTRY.ids());
    for (List<String> p : picks) {
      JsonNode sel = doc.get("selections").get(p.get(h.indexOf("pick")));
      assertThat(p.get(h.indexOf("model"))).isEqualTo(sel.get("model").asText());
      assertThat(Integer.parseInt(p.get(h.indexOf("k")))).isEqualTo(sel.get("k").asInt());
      assertThat(Double.parseDouble(p.get(h.indexOf("cost_usd")))).isEqualTo(sel.get("cost_usd").asDouble());
      assertThat(Double.parseDouble(p.get(h.indexOf("accuracy")))).isEqualTo(sel.get("accuracy").asDouble());
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
