package io.kstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The service under overload, over loopback: 300 clients that drip their bodies (and reconnect whenever they are
 * cut) and 300 clients sending heavy Monte Carlo requests (retrying after what Retry-After says) run at once, and
 * meanwhile the probes answer fast and a cheap plan is answered. Before the body was read without a thread and the
 * work queued without one, this many clients took all of Jetty's 250 threads and {@code /livez} did not answer for
 * seconds.
 */
class OverloadTest {
  static final int SLOW = 300;
  static final int HEAVY = 300;
  static final String HEAVY_BODY = "{\"model\": \"gpt5\", \"estimator\": \"monte-carlo\", \"trials\": 2000,"
      + " \"k_max\": 256}";

  @Test
  @org.junit.jupiter.api.Timeout(120)
  void theProbesAndCheapPlansAnswer_while300SlowAnd300HeavyClientsRun() throws Exception {
    try (KstarServer server = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(),
        Limits.defaults())) {
      int port = server.start("127.0.0.1", 0);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger slowCut = new AtomicInteger();
      AtomicInteger heavyAnswered = new AtomicInteger();
      AtomicInteger heavyRefused = new AtomicInteger();
      AtomicInteger unexpected = new AtomicInteger();
      AtomicInteger heavyIo = new AtomicInteger();
      List<String> whatElse = new java.util.concurrent.CopyOnWriteArrayList<>();
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < SLOW; i++) {
        clients.add(daemon(() -> {
          while (!stop.get()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
              s.setSoTimeout(30_000);
              OutputStream out = s.getOutputStream();
              out.write(("POST /v1/plan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
              out.flush();
              InputStream in = s.getInputStream();
              String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
              if (answer.startsWith("HTTP/1.1 408")) {
                slowCut.incrementAndGet();
              } else if (!stop.get()) {
                unexpected.incrementAndGet();
                whatElse.add("slow client: " + answer);
              }
            } catch (java.io.IOException e) {
              // the server closed the connection (a reset can overtake its 408 on the wire): cut all the same
              slowCut.incrementAndGet();
            }
          }
        }));
      }
      HttpClient heavyClient = HttpClient.newHttpClient();
      for (int i = 0; i < HEAVY; i++) {
        clients.add(daemon(() -> {
          while (!stop.get()) {
            try {
              HttpResponse<String> r = heavyClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                  + "/v1/curve")).header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(HEAVY_BODY)).build(), HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200) {
                heavyAnswered.incrementAndGet();
              } else if (r.statusCode() == 503) {
                heavyRefused.incrementAndGet();
                Thread.sleep(1000L * Math.min(2, Integer.parseInt(r.headers().firstValue("Retry-After").orElse("1"))));
              } else {
                unexpected.incrementAndGet();
                whatElse.add("heavy client: " + r.statusCode() + " " + r.body());
              }
            } catch (InterruptedException e) {
              return;
            } catch (java.io.IOException e) {
              // a pooled connection the server closed while the client slept (its 10 s idle limit): the client's
              // side, counted and shown, not a wrong answer
              heavyIo.incrementAndGet();
            }
          }
        }));
      }
      clients.forEach(Thread::start);
      try {
        Thread.sleep(3_000); // every client is in, the slow ones have been cut and come back at least once
        HttpClient probe = HttpClient.newHttpClient();
        HttpRequest livez = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/livez"))
            .timeout(java.time.Duration.ofSeconds(10)).GET().build();
        double[] ms = new double[200];
        for (int i = 0; i < ms.length; i++) {
          long t0 = System.nanoTime();
          HttpResponse<String> r = probe.send(livez, HttpResponse.BodyHandlers.ofString());
          ms[i] = (System.nanoTime() - t0) / 1e6;
          assertThat(r.statusCode()).isEqualTo(200);
          Thread.sleep(20);
        }
        long t0 = System.nanoTime();
        HttpResponse<String> plan = probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/v1/plan")).timeout(java.time.Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"gpt5\", \"scenario\": \"balanced\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        double planMs = (System.nanoTime() - t0) / 1e6;
        Arrays.sort(ms);
        double p99 = ms[(int) Math.ceil(0.99 * ms.length) - 1];
        System.out.printf("overload: /livez p50 %.1f ms, p99 %.1f ms; cheap plan %.0f ms; slow clients cut %d;"
            + " heavy answered %d, refused %d, connections lost %d%n", ms[ms.length / 2], p99, planMs, slowCut.get(),
            heavyAnswered.get(), heavyRefused.get(), heavyIo.get());
        assertThat(p99).as("/livez p99 in ms").isLessThan(100);
        assertThat(plan.statusCode()).isEqualTo(200);
        assertThat(planMs).as("a cheap plan, in ms").isLessThan(2_000);
        assertThat(slowCut.get()).as("slow clients cut with 408").isGreaterThanOrEqualTo(SLOW);
        assertThat(heavyAnswered.get()).as("heavy work still gets done").isPositive();
        assertThat(heavyRefused.get()).as("and the rest is refused, not queued forever").isPositive();
        assertThat(whatElse).as("answers other than 200, 408, 503").isEmpty();
      } finally {
        stop.set(true);
        clients.forEach(Thread::interrupt);
      }
    }
  }

  static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "overload-client");
    t.setDaemon(true);
    return t;
  }
}
