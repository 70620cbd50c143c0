package io.kstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API over real HTTP against a running server on a free loopback port. */
class ApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static KstarServer server;
  static String base;

  @BeforeAll
  static void start() {
    server = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(), Limits.defaults());
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

  @Test
  void everyEndpointAnswers() throws Exception {
    assertThat(JSON.readTree(get("/healthz").body()).get("status").asText()).isEqualTo("ok");
    assertThat(JSON.readTree(get("/v1/models").body()).get("models").size()).isEqualTo(9);
    assertThat(JSON.readTree(get("/v1/scenarios").body()).get("scenarios").size()).isEqualTo(3);
    JsonNode openapi = JSON.readTree(get("/openapi.json").body());
    assertThat(openapi.get("paths").has("/v1/plan")).isTrue();
    // the Profile schema comes from the models' declarations
    JsonNode profile = openapi.get("components").get("schemas").get("Profile").get("properties");
    assertThat(profile.get("accuracy_model").get("enum")).extracting(JsonNode::asText)
        .contains("gaussian-best-of-k", "pass-at-k", "majority-vote", "selector-best-of-k");
    assertThat(profile.get("selector_accuracy").get("maximum").asDouble()).isEqualTo(1.0);
    assertThat(profile.get("wrong_answers").get("type").asText()).isEqualTo("integer");
    assertThat(profile.get("lout_values").get("type").asText()).isEqualTo("array");
    assertThat(get("/").body()).contains("kstar explorer");
    assertThat(get("/vendor/plotly.min.js").statusCode()).isEqualTo(200);
  }

  /**
   * The page names its assets by content hash (/assets/explorer.<16 hex>.js): they are cached for a
   * year as immutable, and the page itself is revalidated on every load, so a new build is seen at once.
   */
  @Test
  void theExplorersAssets_haveHashedNames_andAreCachedForAYear() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(get("/index.html").body()).isEqualTo(page.body());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:src|href)=\"/assets/([^\"]+)\"").matcher(page.body());
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).hasSize(3).anyMatch(n -> n.startsWith("plotly.")).anyMatch(n -> n.startsWith("explorer.") && n.endsWith(".js"))
        .anyMatch(n -> n.startsWith("explorer.") && n.endsWith(".css"));
    for (String name : names) {
      HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/assets/" + name)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).as(name).isEqualTo(200);
      assertThat(r.headers().firstValue("Cache-Control")).as(name).contains("public, max-age=31536000, immutable");
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(name).matches("text/(javascript|css); charset=utf-8");
      // the name carries the first 16 hex digits of the bytes' SHA-256
      String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(r.body()));
      assertThat(name).as(name).matches("(plotly|explorer)\\.[0-9a-f]{16}\\.(min\\.js|js|css)").contains(hash.substring(0, 16));
    }
    assertThat(get("/assets/explorer.0000000000000000.js").statusCode()).isEqualTo(404);
    assertThat(Assets.hashedName("vendor/plotly.min.js", new byte[0])).isEqualTo("plotly.e3b0c44298fc1c14.min.js");
  }

  @Test
  void plan_mirrorsTheCliJson() throws Exception {
    HttpResponse<String> r = post("/v1/plan", "{\"model\": \"gpt5\", \"scenario\": \"balanced\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(r.body());
    assertThat(doc.get("picks").get("accuracy-max").get("k").asInt()).isEqualTo(20);
    assertThat(doc.get("points")).hasSize(32);
    JsonNode inline = JSON.readTree(post("/v1/plan", "{\"model\": {\"c_in\": 1e-6, \"c_out\": 2e-6, \"t_in\": 1e-4, \"t_out\": 1e-3, "
        + "\"mu_Lin\": 100, \"sigma_Lin\": 10, \"mu_Lout\": 200, \"sigma_Lout\": 20, \"acc_mean\": 0.8, \"acc_std\": 0.1}, "
        + "\"budget\": {\"max_cost_usd\": 0.01, \"max_latency_s\": 5, \"min_accuracy\": 0.85}}").body());
    assertThat(inline.get("model").asText()).isEqualTo("inline");
    assertThat(inline.get("feasible").asBoolean()).isTrue();
  }

  @Test
  void pointsFalse_dropsOnlyThePoints_andAnswersAreCompact() throws Exception {
    String body = "{\"model\": \"gpt5\", \"scenario\": \"balanced\"";
    HttpResponse<String> all = post("/v1/plan", body + "}");
    HttpResponse<String> picks = post("/v1/plan", body + ", \"points\": false}");
    assertThat(picks.statusCode()).isEqualTo(200);
    ObjectNode full = (ObjectNode) JSON.readTree(all.body());
    JsonNode without = JSON.readTree(picks.body());
    assertThat(without.has("points")).isFalse();
    full.remove("points");
    // everything else is the same document, number for number
    assertThat(without).isEqualTo(full);
    assertThat(JSON.readTree(post("/v1/plan", body + ", \"points\": true}").body()).get("points")).hasSize(32);
    // compact: no indentation or line breaks inside the document (the CLI's files stay pretty)
    assertThat(all.body().strip()).doesNotContain("\n").doesNotContain(" : ");
    assertThat(picks.body().length()).isLessThan(all.body().length() / 2);
    HttpResponse<String> bad = post("/v1/plan", body + ", \"points\": \"no\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonNode e = JSON.readTree(bad.body()).get("errors").get("points").get(0);
    assertThat(e.get("message").asText()).isEqualTo("must be true or false");
    assertThat(e.get("value").asText()).isEqualTo("\"no\"");
    assertThat(post("/v1/compare", "{\"scenario\": \"balanced\", \"points\": false}").statusCode()).isEqualTo(400);
  }

  @Test
  void curveAndCompare_answer() throws Exception {
    JsonNode curve = JSON.readTree(post("/v1/curve", "{\"model\": \"gpt5-nano\", \"estimator\": \"monte-carlo\", \"trials\": 400}").body());
    assertThat(curve.get("points")).hasSize(32);
    assertThat(curve.get("trials").asInt()).isEqualTo(400);
    JsonNode cmp = JSON.readTree(post("/v1/compare", "{\"scenario\": \"latency-critical\"}").body());
    assertThat(cmp.get("matches")).hasSize(9);
  }

  @Test
  void everyInvalidFieldOfABody_isReportedAtOnce() throws Exception {
    HttpResponse<String> r = post("/v1/plan", "{\"model\": \"gpt6\", \"k_max\": 0, \"grid\": \"odd\", \"accuracy_tolerance\": -1,"
        + " \"budget\": {\"max_cost_usd\": -1, \"max_latency_s\": 60, \"min_accuracy\": 2}}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode errors = JSON.readTree(r.body()).get("errors");
    assertThat(errors.fieldNames()).toIterable()
        .containsExactlyInAnyOrder("model", "k_max", "grid", "accuracy_tolerance", "budget.max_cost_usd",
            "budget.min_accuracy");
    assertThat(errors.get("model").get(0).get("value").asText()).isEqualTo("gpt6");
    r = post("/v1/compare", "{\"k_max\": 0, \"parallel\": 0, \"budget\": {\"max_cost_usd\": 1}}");
    assertThat(JSON.readTree(r.body()).get("errors").fieldNames()).toIterable()
        .contains("k_max", "parallel", "budget.max_latency_s", "budget.min_accuracy");
  }

  @Test
  void invalidValues_get400_keyedByTheCliFieldPaths() throws Exception {
    HttpResponse<String> r = post("/v1/plan", "{\"model\": \"gpt5\", \"budget\": {\"max_cost_usd\": -1, \"max_latency_s\": 60, \"min_accuracy\": 0.9}}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode e = JSON.readTree(r.body()).get("errors").get("budget.max_cost_usd").get(0);
    assertThat(e.get("value").asText()).isEqualTo("-1");
    assertThat(e.get("message").asText()).contains("positive finite");
    // a catalog in the body: the same paths as a catalog file on the CLI
    r = post("/v1/plan", "{\"model\": \"m1\", \"scenario\": \"balanced\", \"models\": {\"m1\": {\"c_in\": 1e-6, \"c_out\": 2e-6, "
        + "\"t_in\": 1e-4, \"t_out\": 1e-3, \"mu_Lin\": 100, \"sigma_Lin\": 10, \"mu_Lout\": 200, \"sigma_Lout\": 20, "
        + "\"acc_mean\": 0.8, \"acc_std\": -0.1}}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("errors").has("models.m1.acc_std")).isTrue();
    assertThat(post("/v1/plan", "{\"model\": \"gpt6\", \"scenario\": \"balanced\"}").statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(post("/v1/plan", "{\"model\": \"gpt5\"}").body()).get("errors").has("budget.max_cost_usd")).isTrue();
    assertThat(JSON.readTree(post("/v1/plan", "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"grid\": \"odd\"}").body())
        .get("errors").has("grid")).isTrue();
    assertThat(JSON.readTree(post("/v1/plan", "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"typo\": 1}").body())
        .get("errors").has("typo")).isTrue();
    HttpResponse<String> malformed = post("/v1/plan", "{\"model\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).get("errors").has("(body)")).isTrue();
    assertThat(post("/v1/plan", "[1, 2]").statusCode()).isEqualTo(400);
    assertThat(post("/v1/plan", "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"parallel\": [0]}").statusCode()).isEqualTo(400);
    assertThat(post("/v1/plan", "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"latency_quantile\": 2}").statusCode()).isEqualTo(400);
  }

  /** A model with a load curve (docs/serving.md), as a body's catalog in the flat format. */
  static final String SERVED = "\"models\": {\"m\": {\"c_in\": 0, \"c_out\": 0, \"t_in\": 0, \"t_out\": 0.01, "
      + "\"mu_Lin\": 150, \"sigma_Lin\": 0, \"mu_Lout\": 2000, \"sigma_Lout\": 400, \"acc_mean\": 0.6, \"acc_std\": 0.1, "
      + "\"serving\": {\"measured_with\": {\"input_tokens\": 1000, \"output_tokens\": 100}, \"capacity_rps\": 28, "
      + "\"fit\": \"queueing\", \"replica_usd_per_hour\": 3.78, \"load\": [{\"requests_per_s\": 1, \"ttft_s\": 0.045, "
      + "\"tpot_s\": 0.0086}, {\"requests_per_s\": 10, \"ttft_s\": 0.057, \"tpot_s\": 0.012}, {\"requests_per_s\": 20, "
      + "\"ttft_s\": 0.088, \"tpot_s\": 0.021}]}}}";

  @Test
  void atATraffic_everyPointSaysItsReplicas_andBadTrafficIsA400KeyedByTheField() throws Exception {
    String budget = "\"budget\": {\"max_cost_usd\": 1, \"max_latency_s\": 60, \"min_accuracy\": 0.5}";
    HttpResponse<String> r = post("/v1/plan", "{\"model\": \"m\", " + budget + ", \"k_max\": 16, \"parallel\": 16, "
        + "\"grid\": \"all\", \"traffic\": 2, \"replicas\": \"auto\", " + SERVED + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode pick = JSON.readTree(r.body()).get("picks").get("accuracy-max");
    assertThat(pick.get("replicas").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(pick.get("utilisation").asDouble()).isBetween(0.0, 1.0);
    // one replica-hour at $3.78 shared by 2 requests/s: $0.000525 per request per replica
    assertThat(pick.get("replica_cost_usd").asDouble()).isCloseTo(pick.get("replicas").asInt() * 3.78 / 3600 / 2,
        org.assertj.core.data.Offset.offset(1e-12));
    // every k past capacity: an answer with its reason, not a 500
    HttpResponse<String> saturated = post("/v1/plan", "{\"model\": \"m\", " + budget + ", \"k_max\": 16, "
        + "\"parallel\": 16, \"traffic\": 1, " + SERVED + "}");
    assertThat(saturated.statusCode()).as(saturated.body()).isEqualTo(200);
    assertThat(JSON.readTree(saturated.body()).get("infeasible").get("reason").asText()).contains("no finite latency at k = 16");
    String[][] bad = {
      {"\"traffic\": 0", "traffic"},
      {"\"traffic\": -3", "traffic"},
      {"\"traffic\": \"busy\"", "traffic"},
      {"\"traffic\": 2, \"replicas\": 0", "replicas"},
      {"\"traffic\": 2, \"replicas\": \"many\"", "replicas"},
      {"\"traffic\": 2, \"replicas\": 1.5", "replicas"},
      {"\"replicas\": 2", "replicas"},
    };
    for (String[] b : bad) {
      for (String path : List.of("/v1/plan", "/v1/compare", "/v1/curve")) {
        String body = "{" + (path.equals("/v1/compare") ? "" : "\"model\": \"m\", ")
            + (path.equals("/v1/curve") ? "" : budget + ", ") + b[0] + ", " + SERVED + "}";
        HttpResponse<String> e = post(path, body);
        assertThat(e.statusCode()).as(path + " " + body + " -> " + e.body()).isEqualTo(400);
        assertThat(JSON.readTree(e.body()).get("errors").has(b[1])).as(path + " " + body + " -> " + e.body()).isTrue();
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
    "{\"model\": 5, \"scenario\": \"balanced\"}",
    "{\"model\": \"gpt5\", \"budget\": 3}",
    "{\"model\": \"gpt5\", \"scenario\": 5}",
    "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"parallel\": \"x\"}",
    "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"k_max\": \"x\"}",
    "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"k_max\": 1.5}",
    "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"estimator\": \"monte-carlo\", \"seed\": \"x\"}",
    "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"estimator\": \"monte-carlo\", \"trials\": 1}",
    "{\"model\": \"gpt5\", \"budget\": {\"max_cost_usd\": \"x\", \"max_latency_s\": 1, \"min_accuracy\": 0.5}}",
    "{\"model\": \"gpt5\", \"budget\": {\"max_cost_usd\": 1, \"max_latency_s\": 1, \"min_accuracy\": 0.5, \"x\": 1}}",
    "{\"model\": \"a\", \"scenario\": \"balanced\", \"models\": []}",
    "{\"model\": \"a\", \"scenario\": \"balanced\", \"models\": {\"a\": 5}}",
    "{\"model\": \"a\", \"scenario\": \"balanced\", \"models\": {}}",
    "{\"model\": {\"c_in\": 1}, \"scenario\": \"balanced\"}",
    "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"accuracy_tolerance\": -1}",
    "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"baseline_k\": 0}",
    "null", "\"text\"", "12", "{}"
  })
  void oddBodies_get4xx_neverA500(String body) throws Exception {
    HttpResponse<String> r = post("/v1/plan", body);
    assertThat(r.statusCode()).as(body + " -> " + r.body()).isBetween(400, 499);
    assertThat(JSON.readTree(r.body()).has("errors")).isTrue();
  }

  @Test
  void beyondTheCaps_get422_withTheCap() throws Exception {
    HttpResponse<String> r = post("/v1/plan", "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"k_max\": 100000}");
    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode e = JSON.readTree(r.body()).get("errors").get("k_max").get(0);
    assertThat(e.get("cap").asText()).isEqualTo("4096");
    r = post("/v1/plan", "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"estimator\": \"monte-carlo\", \"trials\": 5000000}");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(r.body()).get("errors").get("trials").get(0).get("cap").asText()).isEqualTo("200000");
    r = post("/v1/compare", "{\"scenario\": \"balanced\", \"estimator\": \"monte-carlo\", \"trials\": 200000, \"k_max\": 4096}");
    assertThat(r.statusCode()).isEqualTo(422);
  }

  @Test
  void anOversizedBody_gets413() throws Exception {
    String big = "{\"model\": \"gpt5\", \"pad\": \"" + "x".repeat(100_000) + "\"}";
    HttpResponse<String> r = post("/v1/plan", big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(r.body()).get("errors").has("(body)")).isTrue();
  }

  @Test
  void aRequestOverTheTimeLimit_gets503_notA500() throws Exception {
    try (KstarServer slow = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(),
        Limits.defaults().withTimeLimit(1))) {
      slow.predictionScale = 1e-9; // admitted (predicted within the limit), so it runs into the time limit
      String url = "http://127.0.0.1:" + slow.start("127.0.0.1", 0);
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/compare"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"scenario\": \"balanced\", \"estimator\": \"monte-carlo\", \"trials\": 20000}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(r.body()).get("error").asText()).contains("time limit");
      assertThat(r.headers().firstValue("Retry-After")).as("the same request would time out again").isEmpty();
    }
  }

  /** Work predicted past the time limit could never succeed: 422 before it runs, naming the field, and no Retry-After. */
  @Test
  void workPredictedPastTheTimeLimit_gets422_withoutRetryAfter() throws Exception {
    try (KstarServer quick = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(),
        Limits.defaults().withTimeLimit(1000))) {
      String url = "http://127.0.0.1:" + quick.start("127.0.0.1", 0);
      // 10⁸ samples: about 5 s at the predicted rate, past the 1 s limit
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/curve"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"gpt5\","
              + " \"estimator\": \"monte-carlo\", \"trials\": 100000, \"k_max\": 1000}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(r.headers().firstValue("Retry-After")).isEmpty();
      JsonNode e = JSON.readTree(r.body()).get("errors").get("trials").get(0);
      assertThat(e.get("message").asText()).contains("time limit").contains("fewer trials");
      assertThat(e.get("cap").asText()).contains("samples in 1000 ms");
      // the same run with few trials is admitted
      assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/curve"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"gpt5\","
              + " \"estimator\": \"monte-carlo\", \"trials\": 100, \"k_max\": 1000}"))
          .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void concurrentRequests_getTheSameAnswersAsOneAtATime() throws Exception {
    String body = "{\"model\": \"qwen3-max\", \"scenario\": \"accuracy-critical\", \"estimator\": \"monte-carlo\", \"trials\": 3000}";
    String alone = post("/v1/plan", body).body();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<HttpResponse<String>>> fs = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        fs.add(clients.submit(() -> post("/v1/plan", body)));
      }
      for (Future<HttpResponse<String>> f : fs) {
        HttpResponse<String> r = f.get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(alone);
      }
    } finally {
      clients.shutdownNow();
    }
  }
}
