package io.kstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lanes chosen by predicted work: heavy requests (Monte Carlo, big exact grids) hold their own slots,
 * and a cheap exact plan is answered while every heavy slot is held. The heavy work is held by a latch
 * (the server's test hook), not by timing, so the test says what happened in what order.
 */
class LanesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String PLAN = "{\"model\": \"gpt5\", \"scenario\": \"balanced\"}";
  static final String MONTE_CARLO = "{\"model\": \"gpt5\", \"estimator\": \"monte-carlo\", \"trials\": 100, \"k_max\": 8}";
  static final String BIG_EXACT = "{\"model\": \"gpt5\", \"scenario\": \"balanced\", \"grid\": \"all\", \"k_max\": 4096}";

  static HttpRequest post(String base, String path, String body) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  static Limits limits(long timeLimitMillis, long queueWaitMillis) {
    Limits d = Limits.defaults();
    return new Limits(d.maxBodyBytes(), d.maxKMax(), d.maxTrials(), d.maxSamples(), d.maxParallelValues(), timeLimitMillis,
        2, queueWaitMillis);
  }

  @Test
  void theLaneIsChosenByPredictedWork() throws Exception {
    try (KstarServer server = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(),
        limits(30_000, 5_000))) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
      List<String> lanes = new CopyOnWriteArrayList<>();
      server.beforeWork(lanes::add);
      for (String body : List.of(PLAN, BIG_EXACT, MONTE_CARLO)) {
        String path = body.equals(MONTE_CARLO) ? "/v1/curve" : "/v1/plan";
        assertThat(HTTP.send(post(base, path, body), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      }
      assertThat(lanes).containsExactly("cheap", "heavy", "heavy");
    }
  }

  @Test
  void aCheapExactPlan_isAnswered_whileHeavyWorkHoldsEveryHeavySlot() throws Exception {
    try (KstarServer server = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(),
        limits(60_000, 300))) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
      CountDownLatch started = new CountDownLatch(2);
      CountDownLatch release = new CountDownLatch(1);
      server.beforeWork(lane -> {
        if (lane.equals("heavy")) {
          started.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      try {
        CompletableFuture<HttpResponse<String>> a = HTTP.sendAsync(post(base, "/v1/curve", MONTE_CARLO),
            HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> b = HTTP.sendAsync(post(base, "/v1/plan", BIG_EXACT),
            HttpResponse.BodyHandlers.ofString());
        assertThat(started.await(30, TimeUnit.SECONDS)).as("both heavy requests hold a heavy slot").isTrue();

        // a third heavy request finds no slot within the queue wait: 503, and a retry can succeed
        HttpResponse<String> third = HTTP.send(post(base, "/v1/curve", MONTE_CARLO), HttpResponse.BodyHandlers.ofString());
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();

        // the cheap lane is free: the plan is answered while both heavy requests are still held
        HttpResponse<String> light = HTTP.send(post(base, "/v1/plan", PLAN), HttpResponse.BodyHandlers.ofString());
        assertThat(light.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(light.body()).get("picks")).isNotNull();
        assertThat(a.isDone()).as("the heavy Monte Carlo request is still held").isFalse();
        assertThat(b.isDone()).as("the heavy exact request is still held").isFalse();

        JsonNode ready = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).GET().build(),
            HttpResponse.BodyHandlers.ofString()).body());
        assertThat(ready.get("status").asText()).isEqualTo("ready");
        assertThat(ready.get("lanes").get("heavy").asInt()).isZero();
        assertThat(ready.get("lanes").get("cheap").asInt()).isEqualTo(2);

        release.countDown();
        assertThat(a.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(b.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      } finally {
        release.countDown();
      }
    }
  }
}
