package io.kstar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kstar.budget.Budget;
import io.kstar.budget.Scenario;
import io.kstar.input.InvalidInputException;
import io.kstar.parameter.ModelKind;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.Shape;
import io.kstar.profile.ModelProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scenario files (three budgets required, description and k_max optional, every refusal at its key
 * path), the flat catalog's JSON Schema (generated from the parameter declarations, so it must state
 * exactly the keys and ranges the reader accepts) and the writer's shortest round-tripping decimals.
 */
class ScenariosAndSchemaTest {

  static YamlDocument doc(String yaml) throws IOException {
    return YamlDocument.parse("s.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  static final String SCENARIOS = """
      scenarios:
        quick:
          description: fast
          max_cost_usd: 0.1
          max_latency_s: 15
          min_accuracy: 0.9
          k_max: 64
        plain:
          max_cost_usd: 1
          max_latency_s: 300
          min_accuracy: 0.97
      """;

  @Test
  void scenarios_readInFileOrder_withOptionalDescriptionAndKMax() throws IOException {
    List<Scenario> s = ScenarioReader.read(doc(SCENARIOS));
    assertThat(s).containsExactly(
        new Scenario("quick", "fast", new Budget(0.1, 15, 0.9), OptionalInt.of(64)),
        new Scenario("plain", "", new Budget(1, 300, 0.97), OptionalInt.empty()));
  }

  @Test
  void theEmbeddedScenarios_areThoseOfTheFile() {
    List<Scenario> s = ScenarioReader.embedded();
    assertThat(s).extracting(Scenario::name).containsExactly("balanced", "latency-critical", "accuracy-critical");
    assertThat(s.get(0).budget()).isEqualTo(new Budget(0.5, 60, 0.88));
    assertThat(s.get(0).kMax()).isEqualTo(OptionalInt.of(128));
  }

  @Test
  void scenarioFiles_areReadByPath(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, SCENARIOS);
    assertThat(ScenarioReader.read(f)).isEqualTo(ScenarioReader.read(doc(SCENARIOS)));
    assertThatThrownBy(() -> ScenarioReader.read(dir.resolve("none.yaml")))
        .hasMessage("scenarios = " + dir.resolve("none.yaml") + ": must be a readable file");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "max_cost_usd: 0.1|max_cost_usd: 0|s.yaml: scenarios.quick.max_cost_usd = 0: must be a positive finite number",
    "max_latency_s: 15|max_latency_s: -1|s.yaml: scenarios.quick.max_latency_s = -1: must be a positive finite number",
    "min_accuracy: 0.9|min_accuracy: 0|s.yaml: scenarios.quick.min_accuracy = 0: must be a number in (0, 1]",
    "min_accuracy: 0.97|min_accuracy: 1.5|s.yaml: scenarios.plain.min_accuracy = 1.5: must be a number in (0, 1]",
    "k_max: 64|k_max: 0|s.yaml: scenarios.quick.k_max = 0: must be an integer in [1, 16777216]",
    "k_max: 64|k_max: 6.5|s.yaml: scenarios.quick.k_max = 6.5: must be an integer",
    "`    max_latency_s: 300\\n`|``|s.yaml: scenarios.plain.max_latency_s: is missing: a number is required",
    "k_max: 64|kmax: 64|s.yaml: scenarios.quick.kmax = 64: is not a known key (did you mean k_max?); allowed keys: [description, max_cost_usd, max_latency_s, min_accuracy, k_max]",
    "scenarios:|scenario:|s.yaml: scenario = {…}: is not a known key (did you mean scenarios?); allowed keys: [scenarios]",
  })
  void scenarios_badValues_nameTheirKeyPathAndValue(String from, String to, String message) {
    String yaml = SCENARIOS.replace(from.replace("\\n", "\n"), to);
    assertThat(yaml).isNotEqualTo(SCENARIOS);
    assertThatThrownBy(() -> ScenarioReader.read(doc(yaml))).isInstanceOf(InvalidInputException.class).hasMessage(message);
  }

  @Test
  void anEmptyScenarioList_isRefused() {
    assertThatThrownBy(() -> ScenarioReader.read(doc("scenarios: {}")))
        .hasMessage("s.yaml: scenarios = {}: must hold at least one scenario");
  }

  // ---- the flat catalog's schema ---------------------------------------------------------------

  @Test
  void schema_listsExactlyTheKeysTheFlatReaderAccepts() {
    ObjectNode schema = CatalogSchema.flatProfile(CatalogSyntax.DEFAULT);
    Set<String> props = new HashSet<>();
    schema.get("properties").fieldNames().forEachRemaining(props::add);
    Set<String> accepted = new HashSet<>(CatalogSyntax.DEFAULT.flatKeys());
    accepted.remove(CalibrationSyntax.KEY); // a section of its own, not a flat value
    assertThat(props).isEqualTo(accepted);
    assertThat(schema.get("type").asText()).isEqualTo("object");
    assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly("c_in", "c_out", "t_in", "t_out");
    JsonNode parallel = schema.get("properties").get("default_parallel");
    assertThat(parallel.get("type").asText()).isEqualTo("integer");
    assertThat(parallel.get("minimum").asInt()).isEqualTo(1);
    assertThat(parallel.get("maximum").asInt()).isEqualTo(ModelProfile.MAX_PARALLEL);
    assertThat(parallel.get("default").asInt()).isEqualTo(1);
    assertThat(schema.get("properties").get("name").get("type").asText()).isEqualTo("string");
  }

  /**
   * Every default in the schema is a value of its own schema: an integer's is written as an integer (wrong_answers and
   * samples_per_request had 1.0, which openapi-spec-validator refuses), a number's lies in its range.
   */
  @Test
  void schema_everyDefaultIsAValueOfItsOwnSchema() {
    ObjectNode schema = CatalogSchema.flatProfile(CatalogSyntax.DEFAULT);
    List<String> checked = new java.util.ArrayList<>();
    schema.get("properties").fields().forEachRemaining(e -> {
      JsonNode prop = e.getValue();
      if (!prop.has("default") || !prop.has("type")) {
        return;
      }
      JsonNode d = prop.get("default");
      switch (prop.get("type").asText()) {
        case "integer" -> assertThat(d.isIntegralNumber()).as(e.getKey() + " = " + d).isTrue();
        case "number" -> assertThat(d.isNumber()).as(e.getKey() + " = " + d).isTrue();
        case "string" -> assertThat(d.isTextual()).as(e.getKey() + " = " + d).isTrue();
        case "boolean" -> assertThat(d.isBoolean()).as(e.getKey() + " = " + d).isTrue();
        default -> { }
      }
      if (d.isNumber() && prop.has("minimum")) {
        assertThat(d.doubleValue()).as(e.getKey()).isGreaterThanOrEqualTo(prop.get("minimum").doubleValue());
      }
      if (d.isNumber() && prop.has("maximum")) {
        assertThat(d.doubleValue()).as(e.getKey()).isLessThanOrEqualTo(prop.get("maximum").doubleValue());
      }
      checked.add(e.getKey());
    });
    assertThat(checked).contains("wrong_answers", "samples_per_request", "default_parallel", "prompt_cache");
    assertThat(schema.at("/properties/wrong_answers/default").isIntegralNumber()).isTrue();
    assertThat(schema.at("/properties/wrong_answers/default").asLong()).isEqualTo(1);
    // the load curve's section is there, with its fit's choices
    assertThat(schema.at("/properties/serving/type").asText()).isEqualTo("object");
  }

  @Test
  void schema_statesEachDeclaredParametersTypeAndRange() {
    ObjectNode schema = CatalogSchema.flatProfile(CatalogSyntax.DEFAULT);
    JsonNode props = schema.get("properties");
    CatalogSyntax s = CatalogSyntax.DEFAULT;
    for (PartSyntax<?> part : List.of(s.flatAccuracy(), s.flatInput(), s.flatOutput(), s.flatLatency())) {
      JsonNode tag = props.get(part.tagKey());
      assertThat(tag.get("type").asText()).isEqualTo("string");
      assertThat(tag.get("enum")).extracting(JsonNode::asText).containsExactlyElementsOf(part.registry().names());
      assertThat(tag.get("default").asText()).isEqualTo(part.registry().defaultKind().id());
      for (ModelKind<?> kind : part.registry().kinds()) {
        for (Parameter p : kind.parameters()) {
          String key = part.keyOf().apply(p);
          JsonNode prop = props.get(key);
          assertThat(prop).as(key).isNotNull();
          assertThat(prop.get("description").asText()).as(key).contains(kind.id());
          JsonNode number = prop;
          if (p.shape() == Shape.NUMBER_LIST) {
            assertThat(prop.get("type").asText()).isEqualTo("array");
            assertThat(prop.get("minItems").asInt()).isEqualTo(1);
            number = prop.get("items");
          }
          assertThat(number.get("type").asText()).as(key).isEqualTo(p.shape() == Shape.INTEGER ? "integer" : "number");
          assertThat(number.get("minimum").asDouble()).as(key).isEqualTo(p.range().min());
          assertThat(number.has("exclusiveMinimum")).as(key).isEqualTo(p.range().minOpen());
          assertThat(number.has("maximum")).as(key).isEqualTo(Double.isFinite(p.range().max()));
          if (Double.isFinite(p.range().max())) {
            assertThat(number.get("maximum").asDouble()).as(key).isEqualTo(p.range().max());
          }
          assertThat(prop.has("default")).as(key).isEqualTo(p.defaultValue().isPresent());
          if (p.defaultValue().isPresent()) {
            assertThat(prop.get("default").asDouble()).isEqualTo(p.defaultValue().getAsDouble());
          }
        }
      }
    }
    JsonNode cIn = props.get("c_in");
    assertThat(cIn.get("description").asText()).isEqualTo("price of one input token (USD per token)");
    // a key shared by several kinds names them all
    assertThat(props.get("difficulty_alpha").get("description").asText())
        .contains("pass-at-k").contains("majority-vote").contains("selector-best-of-k");
    assertThat(props.get("rate_limit_tpm").get("exclusiveMinimum").asBoolean()).isTrue();
  }

  /** The serving section's schema: each number's range as the reader checks it, the fit's choices, the rows. */
  @Test
  void schema_ofTheServingSection_statesItsRangesAndRows() {
    JsonNode serving = CatalogSchema.flatProfile(CatalogSyntax.DEFAULT).at("/properties/serving");
    assertThat(serving.get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(serving.get("required")).extracting(JsonNode::asText).containsExactly("measured_with", "capacity_rps",
        "load");
    JsonNode capacity = serving.at("/properties/capacity_rps");
    assertThat(capacity.get("type").asText()).isEqualTo("number");
    assertThat(capacity.get("minimum").asDouble()).isEqualTo(0);
    assertThat(capacity.get("exclusiveMinimum").asBoolean()).isTrue();
    assertThat(capacity.get("maximum").asDouble()).isEqualTo(1e9);
    JsonNode usd = serving.at("/properties/replica_usd_per_hour");
    assertThat(usd.has("exclusiveMinimum")).isFalse();
    assertThat(usd.get("minimum").asDouble()).isEqualTo(0);
    assertThat(usd.get("description").asText()).contains("per hour");
    assertThat(serving.at("/properties/fit/enum")).extracting(JsonNode::asText).containsExactly("interpolation",
        "queueing");
    assertThat(serving.at("/properties/fit/default").asText()).isEqualTo("interpolation");
    JsonNode row = serving.at("/properties/load/items");
    assertThat(serving.at("/properties/load/minItems").asInt()).isEqualTo(2);
    assertThat(row.get("required")).extracting(JsonNode::asText).containsExactly("requests_per_s", "ttft_s", "tpot_s");
    assertThat(row.at("/properties/ttft_s/maximum").asDouble()).isEqualTo(3600);
    assertThat(row.get("additionalProperties").asBoolean(true)).isFalse();
    JsonNode mix = serving.at("/properties/measured_with");
    assertThat(mix.at("/properties/output_tokens/minimum").asDouble()).isEqualTo(1);
    assertThat(mix.at("/properties/input_tokens/minimum").asDouble()).isEqualTo(0);
  }

  // ---- the writer's decimals ------------------------------------------------------------------

  @Test
  void dec_isTheShortestDecimalThatReadsBackAsTheSameDouble_withoutAnExponent() {
    // the YAML writer prints BigDecimals plainly; dec's part is the digits and a scale >= 0
    assertThat(CatalogWriter.dec(0.00000125).toPlainString()).isEqualTo("0.00000125");
    assertThat(CatalogWriter.dec(1e-7).toPlainString()).isEqualTo("0.0000001");
    assertThat(CatalogWriter.dec(2048)).hasToString("2048");
    assertThat(CatalogWriter.dec(2048.0).scale()).isZero();
    assertThat(CatalogWriter.dec(1e20)).hasToString("100000000000000000000");
    assertThat(CatalogWriter.dec(1e20).scale()).isZero();
    assertThat(CatalogWriter.dec(0.1)).hasToString("0.1");
    assertThat(CatalogWriter.dec(0.5000)).hasToString("0.5");
    for (double v : new double[] {0.1 + 0.2, 1.0 / 3, Math.PI * 1e-9, 123456.789}) {
      assertThat(CatalogWriter.dec(v).doubleValue()).isEqualTo(v);
    }
  }
}
