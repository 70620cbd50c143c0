package io.kstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * #28: a graceful stop. While a request is in flight, {@link KstarServer#shutdown} turns the server unready
 * (/readyz 503 "draining"), refuses new work with 503 and Retry-After, lets the request finish with its answer,
 * and only then stops (it dropped in-flight requests before). A stop whose deadline passes first says how many
 * requests it left.
 */
class GracefulShutdownTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  /** About 2·10⁷ Monte Carlo samples: a second or two of work, well inside the time limit. */
  static final String SLOW = "{\"model\": \"gpt5\", \"estimator\": \"monte-carlo\", \"trials\": 20000, \"k_max\": 1000}";

  static HttpRequest post(int port, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/curve"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStop_finishesTheRequestsInFlight_whileUnready_andRefusesNewOnes() throws Exception {
    KstarServer server = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(),
        Limits.defaults());
    int port = server.start("127.0.0.1", 0);
    CompletableFuture<HttpResponse<String>> slow = HTTP.sendAsync(post(port, SLOW), HttpResponse.BodyHandlers.ofString());
    long waited = System.nanoTime();
    while (server.inFlight() == 0 && System.nanoTime() - waited < 5e9) {
      Thread.sleep(5);
    }
    assertThat(server.inFlight()).as("the slow request is in flight").isEqualTo(1);
    CompletableFuture<Integer> stop = CompletableFuture.supplyAsync(() -> {
      try {
        return server.shutdown(Duration.ofSeconds(60));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);
    if (!slow.isDone()) {
      HttpResponse<String> ready = get(port, "/readyz");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("draining");
      HttpResponse<String> refused = HTTP.send(post(port, "{\"model\": \"gpt5\"}"), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).contains("5");
      assertThat(refused.body()).contains("shutting down");
      assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
    }
    HttpResponse<String> answer = slow.get(60, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).get("points").size()).isPositive();
    assertThat(stop.get(60, TimeUnit.SECONDS)).as("requests left at the deadline").isZero();
  }

  @Test
  void aStopWhoseDeadlinePasses_saysHowManyItLeft() throws Exception {
    KstarServer server = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(),
        Limits.defaults());
    int port = server.start("127.0.0.1", 0);
    CompletableFuture<HttpResponse<String>> slow = HTTP.sendAsync(post(port, SLOW.replace("20000", "200000")),
        HttpResponse.BodyHandlers.ofString());
    long waited = System.nanoTime();
    while (server.inFlight() == 0 && System.nanoTime() - waited < 5e9) {
      Thread.sleep(5);
    }
    assertThat(server.shutdown(Duration.ZERO)).isEqualTo(1);
    slow.handle((r, e) -> null).get(60, TimeUnit.SECONDS);
  }
}
