package io.kstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import io.kstar.policy.Policy;
import io.kstar.request.Operation;
import io.kstar.request.RequestField;
import io.kstar.request.RequestFields;
import io.kstar.request.Surface;
import io.kstar.select.Selection;
import io.kstar.select.SelectionContext;
import io.kstar.select.Selector;
import io.kstar.select.Selectors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service's lists come from the declarations: the keys each endpoint accepts are exactly the
 * properties its OpenAPI schema lists (and the reverse), from the one request declaration; the selectors
 * and policies the explorer shows are the registries'. A server started with a throwaway selector
 * (one class, one registry line) picks with it and lists it in /v1/selectors and the OpenAPI picks.
 */
class DeclaredKindsApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static KstarServer server;
  static String base;

  /** The throwaway selector: the feasible point of the most expected accuracy per dollar. */
  static final class AccuracyPerDollar implements Selector {
    @Override
    public String id() {
      return "accuracy-per-dollar";
    }

    @Override
    public String description() {
      return "the feasible point with the most expected accuracy per dollar";
    }

    @Override
    public Selection select(SelectionContext c) {
      return c.feasible().stream().max(Comparator.comparingDouble(p -> p.accuracy() / p.costUsd()))
          .map(p -> Selection.of(id(), p, "largest A/C")).orElseGet(() -> Selection.none(id(), "no feasible k"));
    }
  }

  static final Selectors WITH_SIXTH = Selectors.REGISTRY.with(new AccuracyPerDollar());

  @BeforeAll
  static void start() {
    server = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(), Limits.defaults(),
        Access.LOOPBACK, WITH_SIXTH);
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static Set<String> names(JsonNode object) {
    Set<String> out = new LinkedHashSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void everyAcceptedKey_isInTheOpenApiDocument_andTheReverse() throws Exception {
    JsonNode schemas = JSON.readTree(get("/openapi.json").body()).get("components").get("schemas");
    for (Map.Entry<Operation, String> e : OpenApi.SCHEMAS.entrySet()) {
      Set<String> documented = names(schemas.get(e.getValue()).get("properties"));
      assertThat(documented).as(e.getValue()).containsExactlyInAnyOrderElementsOf(RequestReader.keys(e.getKey()));
      // the service really refuses what is not declared, and lists what it accepts in the same words
      String path = "/v1/" + e.getKey().id();
      JsonNode err = JSON.readTree(post(path, "{\"not_a_field\": 1}").body()).get("errors").get("not_a_field");
      assertThat(err.get(0).get("message").asText()).endsWith("allowed keys: " + List.copyOf(documented));
      // every declared key is accepted: a body with each (a valid value) is not refused for its key
      for (RequestField f : RequestFields.of(e.getKey(), Surface.API)) {
        JsonNode errors = JSON.readTree(post(path, "{" + example(f) + "}").body()).get("errors");
        if (errors != null) {
          errors.forEach(list -> list.forEach(x -> assertThat(x.get("message").asText()).as(path + " " + f.path())
              .doesNotContain("is not a known key")));
        }
      }
    }
    Set<String> budget = new LinkedHashSet<>();
    RequestFields.ALL.stream().filter(f -> f.group().equals("budget")).forEach(f -> budget.add(f.name()));
    assertThat(names(schemas.get("Budget").get("properties"))).containsExactlyInAnyOrderElementsOf(budget);
    // types and ranges come from the declaration
    JsonNode plan = schemas.get("PlanRequest").get("properties");
    assertThat(plan.get("k_max").get("type").asText()).isEqualTo("integer");
    assertThat(plan.get("k_max").get("minimum").asLong()).isEqualTo(1);
    assertThat(plan.get("confidence").get("exclusiveMaximum").asBoolean()).isTrue();
    assertThat(plan.get("policy").get("oneOf").get(0).get("enum")).extracting(JsonNode::asText)
        .containsExactlyElementsOf(Policy.Rule.ids());
    assertThat(plan.get("accuracy_tolerance").get("default").asDouble()).isEqualTo(1e-6);
    assertThat(plan.get("grid").get("description").asText()).contains("(command line: --grid)");
  }

  /** A valid value of a field, as a JSON member. */
  static String example(RequestField f) {
    String v = switch (f.type()) {
      case NUMBER -> f.range().maxOpen() ? "0.5" : Double.toString(Math.min(f.range().max(), 0.5 + f.range().min()));
      case INTEGER, PARALLEL, INTEGERS, COUNT_OR_AUTO -> Long.toString((long) Math.max(1, f.range().min()));
      case LONG -> "7";
      case BOOLEAN -> "true";
      case CHOICE, CHOICES -> "\"" + f.choices().get(0) + "\"";
      case TEXT -> f == RequestFields.SCENARIO ? "\"balanced\"" : "\"x\"";
      case NUMBERS -> "0.5";
      case SOURCE -> f == RequestFields.MODELS ? "null" : "\"gpt5\"";
    };
    return f.group().isEmpty() ? "\"" + f.name() + "\": " + v : "\"" + f.group() + "\": {\"" + f.name() + "\": " + v + "}";
  }

  @Test
  void aThrowawaySelector_isPickedListedAndDocumented() throws Exception {
    JsonNode selectors = JSON.readTree(get("/v1/selectors").body()).get("selectors");
    List<String> ids = new ArrayList<>();
    selectors.forEach(s -> ids.add(s.get("id").asText()));
    assertThat(ids).containsExactlyElementsOf(WITH_SIXTH.ids());
    assertThat(selectors.get(0).get("parameters").get(0).get("name").asText()).isEqualTo("accuracy_tolerance");
    JsonNode picks = JSON.readTree(get("/openapi.json").body()).get("components").get("schemas").get("Picks");
    assertThat(names(picks.get("properties"))).containsExactlyElementsOf(WITH_SIXTH.ids());
    JsonNode plan = JSON.readTree(post("/v1/plan", "{\"model\": \"gpt5\", \"scenario\": \"balanced\"}").body());
    assertThat(names(plan.get("picks"))).containsExactlyElementsOf(WITH_SIXTH.ids());
    assertThat(plan.get("picks").get("accuracy-per-dollar").get("k").asInt()).isEqualTo(4);
    JsonNode cmp = JSON.readTree(post("/v1/compare", "{\"scenario\": \"latency-critical\"}").body());
    assertThat(names(cmp.get("selections"))).contains("accuracy-per-dollar", "min-cost");
  }

  @Test
  void thePolicies_areTheRules_withTheModelsTheirCapabilitiesReach() throws Exception {
    JsonNode policies = JSON.readTree(get("/v1/policies").body()).get("policies");
    List<String> ids = new ArrayList<>();
    policies.forEach(p -> ids.add(p.get("id").asText()));
    assertThat(ids).containsExactlyElementsOf(Policy.Rule.ids());
    assertThat(policies.get(0).get("applies_to")).isEmpty();
    assertThat(policies.get(1).get("applies_to")).extracting(JsonNode::asText)
        .containsExactly("pass-at-k", "pass-at-k-with-unsolved");
    assertThat(policies.get(4).get("applies_to")).extracting(JsonNode::asText).containsExactly("gaussian-best-of-k");
  }
}
