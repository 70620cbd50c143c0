package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * #28: {@code kstar serve} on SIGTERM turns unready, finishes the request in flight with its answer and exits 0
 * (before, the JVM's shutdown hook closed the server under the request: a dropped connection, logged as 500, and
 * exit status 143). A real process, a real signal (kill -TERM).
 */
class ServeShutdownTest {

  @Test
  void sigterm_finishesTheRequestInFlight_andExitsZero() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Djava.awt.headless=true", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0", "--no-access-log",
        "--shutdown-timeout", "60"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuffer log = new StringBuffer();
    CompletableFuture<Integer> bound = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          log.append(line).append('\n');
          Matcher m = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
          if (m.find()) {
            bound.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (java.io.IOException e) {
        bound.completeExceptionally(e);
      }
      bound.complete(-1);
    });
    reader.start();
    int port = bound.get(60, TimeUnit.SECONDS);
    assertThat(port).as(log.toString()).isPositive();
    HttpClient http = HttpClient.newHttpClient();
    // a second or two of Monte Carlo work
    CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/v1/curve")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"gpt5\", \"estimator\": \"monte-carlo\","
            + " \"trials\": 20000, \"k_max\": 1000}")).build(), HttpResponse.BodyHandlers.ofString());
    // SIGTERM once the work holds a computation slot (the metrics say so), so that it is surely in flight
    long waited = System.nanoTime();
    while (System.nanoTime() - waited < 30e9) {
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
      if (Pattern.compile("kstar_compute_slots_busy\\{lane=\"heavy\",?\\} 1\\.0").matcher(metrics).find()) {
        break;
      }
      Thread.sleep(20);
    }
    // SIGTERM as a process manager sends it (Process.destroy would also close our end of its output)
    assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
    HttpResponse<String> answer = slow.get(60, TimeUnit.SECONDS);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kstar serve exited").isTrue();
    reader.join(10_000);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(p.exitValue()).as(log.toString()).isZero();
    assertThat(log.toString()).contains("kstar: stopping: unready").contains("kstar: stopped\n");
  }
}
