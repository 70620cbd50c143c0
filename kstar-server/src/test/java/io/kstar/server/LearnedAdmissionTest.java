package io.kstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Admission learns from real run times: a kind of request whose work the model underrates (a pass@k plan with
 * until-pass over every k to 1 000, predicted at about 0.05 s, runs for seconds) goes to the cheap lane once, and
 * the next one of its kind, predicted with the measured correction, goes to the heavy lane.
 */
class LearnedAdmissionTest {
  static final String UNDERRATED = "{\"model\": {\"c_in\": 1e-6, \"c_out\": 2e-6, \"t_in\": 1e-4, \"t_out\": 1e-3,"
      + " \"mu_Lin\": 100, \"sigma_Lin\": 10, \"mu_Lout\": 200, \"sigma_Lout\": 20, \"accuracy_model\": \"pass-at-k\","
      + " \"difficulty_alpha\": 0.3, \"difficulty_beta\": 2}, \"scenario\": \"balanced\", \"k_max\": 1000,"
      + " \"grid\": \"all\", \"policy\": \"until-pass\", \"points\": false}";

  @Test
  void anUnderratedKind_isCorrectedByItsMeasuredRunTime() throws Exception {
    try (KstarServer server = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(),
        Limits.defaults())) {
      int port = server.start("127.0.0.1", 0);
      List<String> lanes = new CopyOnWriteArrayList<>();
      server.beforeWork(lanes::add);
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 2; i++) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/plan"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(UNDERRATED)).build(),
            HttpResponse.BodyHandlers.ofString());
        System.out.printf("run %d: %d in %.2f s, lane %s, correction %.3g%n", i, r.statusCode(),
            (System.nanoTime() - t0) / 1e9, lanes, server.correction("plan/exact/pass-at-k/until-pass"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      assertThat(lanes).containsExactly("cheap", "heavy");
    }
  }
}
