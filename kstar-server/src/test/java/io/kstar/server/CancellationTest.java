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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After a time-out the work really stops: the Monte Carlo worker threads end and the slot is free
 * again, long before the work would have finished (each request here would run for minutes). The
 * server's predictions are scaled down so that these requests are admitted and run into the time
 * limit; the waits are bounded polls, not timing thresholds.
 */
class CancellationTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static KstarServer server;
  static String base;

  @BeforeAll
  static void start() {
    Limits d = Limits.defaults();
    Limits limits = new Limits(d.maxBodyBytes(), d.maxKMax(), 100_000_000, 100_000_000_000L, d.maxParallelValues(), 500,
        2, 1_000);
    server = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(), limits);
    server.predictionScale = 1e-9;
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static long workerThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("kstar-mc-") && t.isAlive())
        .count();
  }

  /** Polls (at most 20 s) until every slot of both lanes is free and no Monte Carlo worker runs. */
  static boolean idle() throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode ready = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body());
      if (ready.get("free_slots").asInt() == 4 && workerThreads() == 0) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  @Test
  void aTimedOutMonteCarloRun_stopsItsWorkers_andFreesTheSlot() throws Exception {
    // 5·10⁹ samples: minutes of work on two worker threads
    HttpResponse<String> r = post("/v1/curve", "{\"model\": \"gpt5\", \"estimator\": \"monte-carlo\", \"trials\": 5000000,"
        + " \"k_max\": 1000}");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(r.body()).get("error").asText()).contains("time limit");
    assertThat(idle()).as("the workers stopped and the slot is free").isTrue();
  }

  @Test
  void aTimedOutExactMajorityVote_stopsAndFreesTheSlot() throws Exception {
    // every k to 256 with 62 wrong answers: hours of exact work uninterrupted
    HttpResponse<String> r = post("/v1/plan", "{\"model\": {\"c_in\": 1e-6, \"c_out\": 2e-6, \"t_in\": 1e-4, \"t_out\": 1e-3,"
        + " \"mu_Lin\": 100, \"sigma_Lin\": 10, \"mu_Lout\": 200, \"sigma_Lout\": 20, \"accuracy_model\": \"majority-vote\","
        + " \"difficulty_alpha\": 2, \"difficulty_beta\": 1, \"wrong_answers\": 62}, \"scenario\": \"balanced\","
        + " \"k_max\": 256, \"grid\": \"all\"}");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(idle()).as("the exact sums stopped and the slot is free").isTrue();
    // and the freed slots serve the next request
    assertThat(post("/v1/plan", "{\"model\": \"gpt5\", \"scenario\": \"balanced\"}").statusCode()).isEqualTo(200);
  }
}
