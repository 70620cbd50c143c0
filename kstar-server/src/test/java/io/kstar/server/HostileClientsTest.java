package io.kstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #28, the parts found by a security review over loopback: the token on every route whatever the path's form
 * (a trailing slash passed it), the Host check on whole names (any "127."-prefixed name passed), CORS preflights
 * (405 before), Jetty's own 414/431/400 answers as JSON with the security headers (HTML before), request-body
 * JSON problems in the service's words (the parser's class and feature names before; a duplicate key under
 * "(body)"), and an access log that is valid JSON with a timestamp whatever the path.
 */
class HostileClientsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String TOKEN = "t0ken-for-hostile-clients";
  static KstarServer locked;
  static KstarServer open;
  static int lockedPort;
  static int openPort;

  @BeforeAll
  static void start() {
    locked = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(), Limits.defaults(),
        new Access(Optional.of(TOKEN), List.of(), List.of("https://ui.example"), false));
    lockedPort = locked.start("127.0.0.1", 0);
    open = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(), Limits.defaults());
    openPort = open.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    locked.close();
    open.close();
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A raw HTTP/1.1 exchange: what HttpClient will not send (a foreign Host, a huge line, OPTIONS with headers). */
  static String raw(int port, String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theToken_guardsEveryPath_whateverItsTrailingSlash() throws Exception {
    for (String path : List.of("/metrics", "/metrics/", "/openapi.json", "/openapi.json/", "/v1/models", "/v1/models/",
        "/healthz", "/v1/nothing", "/nothing")) {
      assertThat(get(lockedPort, path).statusCode()).as(path).isEqualTo(401);
    }
    for (String path : List.of("/livez", "/readyz", "/", "/index.html")) {
      assertThat(get(lockedPort, path).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(KstarServer.open("/assets/explorer.0123456789abcdef.js")).isTrue();
    assertThat(KstarServer.open("/assets/../metrics")).isFalse();
    assertThat(KstarServer.open("/assets/a/b")).isFalse();
    assertThat(KstarServer.open("/explorer.js")).isTrue();
    assertThat(KstarServer.open("/livez/")).isFalse();
  }

  @Test
  void theHostCheck_takesWholeNames() throws Exception {
    assertThat(Access.isLoopback("127.0.0.1")).isTrue();
    assertThat(Access.isLoopback("127.1.2.3")).isTrue();
    assertThat(Access.isLoopback("localhost")).isTrue();
    assertThat(Access.isLoopback("[::1]")).isTrue();
    assertThat(Access.isLoopback("127.0.0.1.evil.example")).isFalse();
    assertThat(Access.isLoopback("127.evil.example")).isFalse();
    assertThat(Access.isLoopback("127.0.0.256")).isFalse();
    assertThat(Access.isLoopback("128.0.0.1")).isFalse();
    String answer = raw(lockedPort, "GET /livez HTTP/1.1\r\nHost: 127.0.0.1.evil.example\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 421");
  }

  @Test
  void aCorsPreflight_isAnsweredForAnAllowedOrigin_withoutAToken() throws Exception {
    String ok = raw(lockedPort, "OPTIONS /v1/plan HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://ui.example\r\n"
        + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization, content-type\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(ok).startsWith("HTTP/1.1 204");
    assertThat(ok).containsIgnoringCase("Access-Control-Allow-Origin: https://ui.example")
        .containsIgnoringCase("Access-Control-Allow-Methods: GET, POST, OPTIONS")
        .containsIgnoringCase("Access-Control-Allow-Headers: Authorization, Content-Type, X-Request-Id");
    String evil = raw(lockedPort, "OPTIONS /v1/plan HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n"
        + "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
    assertThat(evil).startsWith("HTTP/1.1 403").doesNotContainIgnoringCase("Access-Control-Allow-Origin")
        .contains("\"(origin)\"");
  }

  @Test
  void jettysOwnAnswers_areJson_withTheSecurityHeaders() throws Exception {
    String longLine = raw(openPort, "GET /livez?" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(longLine).startsWith("HTTP/1.1 414");
    assertJsonWithHeaders(longLine, "(uri)");
    String bigHeader = raw(openPort, "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(20_000)
        + "\r\nConnection: close\r\n\r\n");
    assertThat(bigHeader).startsWith("HTTP/1.1 431");
    assertJsonWithHeaders(bigHeader, "(headers)");
    String garbage = raw(openPort, "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Line\r\n\r\n");
    assertThat(garbage).startsWith("HTTP/1.1 400");
    assertJsonWithHeaders(garbage, "(request)");
  }

  static void assertJsonWithHeaders(String answer, String field) throws Exception {
    assertThat(answer).containsIgnoringCase("Content-Type: application/json")
        .containsIgnoringCase("X-Content-Type-Options: nosniff").containsIgnoringCase("X-Frame-Options: DENY")
        .doesNotContain("<html");
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    JsonNode j = JSON.readTree(body);
    assertThat(j.get("errors").get(field).get(0).get("message").asText()).isNotBlank();
  }

  static JsonNode post(String body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + openPort + "/v1/plan"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("com.fasterxml").doesNotContain("JsonReadFeature")
        .doesNotContain("StreamReadConstraints").doesNotContain("JsonNode").doesNotContain("`");
    return JSON.readTree(r.body()).get("errors");
  }

  @Test
  void bodyJsonProblems_areInTheServicesWords_aDuplicateKeyByItsPath() throws Exception {
    JsonNode dup = post("{\"model\": \"gpt5\", \"budget\": {\"max_cost_usd\": 1, \"max_cost_usd\": 2}}");
    assertThat(dup.has("budget.max_cost_usd")).as(dup.toString()).isTrue();
    assertThat(dup.get("budget.max_cost_usd").get(0).get("message").asText()).contains("is given twice");
    JsonNode top = post("{\"model\": \"gpt5\", \"model\": \"gpt5-nano\"}");
    assertThat(top.has("model")).as(top.toString()).isTrue();
    JsonNode nan = post("{\"model\": \"gpt5\", \"k_max\": NaN}");
    assertThat(nan.get("k_max").get(0).get("message").asText()).contains("NaN and Infinity are not JSON numbers");
    JsonNode deep = post("{\"model\": " + "[".repeat(1200) + "]".repeat(1200) + "}");
    assertThat(deep.toString()).contains("is nested too deeply");
    JsonNode broken = post("{\"model\": ");
    assertThat(broken.get("(body)").get(0).get("message").asText()).startsWith("is not valid JSON");
  }

  @Test
  void metrics_carryTheJvmAndThreadPool_describedMeters_andLatencyBuckets() throws Exception {
    get(openPort, "/livez");
    String m = get(openPort, "/metrics").body();
    for (String family : List.of("jvm_memory_used_bytes", "jvm_gc_max_data_size_bytes", "jvm_threads_live_threads",
        "jvm_classes_loaded_classes", "process_cpu_usage", "process_uptime_seconds", "jetty_threads_busy",
        "jetty_threads_config_max", "kstar_compute_slots_busy", "kstar_http_requests_seconds_bucket")) {
      assertThat(m).as(family).contains(family);
    }
    assertThat(m).contains("# HELP kstar_compute_slots_busy Computation slots in use, by lane")
        .contains("# HELP kstar_http_requests_seconds HTTP requests by route");
    assertThat(m).containsPattern("kstar_http_requests_seconds_bucket\\{[^}]*route=\"/livez\"[^}]*le=\"0\\.1\"");
  }

  /** A client that sends part of its body and hangs up is not a server error: 499 and its own counter, no 500. */
  @Test
  void aClientThatGoesAway_isCountedApart_notAsA500() throws Exception {
    KstarServer fresh = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(),
        Limits.defaults());
    int port = fresh.start("127.0.0.1", 0);
    try {
      for (int i = 0; i < 3; i++) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          OutputStream out = s.getOutputStream();
          out.write(("POST /v1/plan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: 1000\r\n\r\n{\"model\": \"gp").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread.sleep(100);
        }
      }
      String m = "";
      long waited = System.nanoTime();
      while (System.nanoTime() - waited < 10e9) {
        m = get(port, "/metrics").body();
        if (m.contains("kstar_client_aborts_total 3.0")) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(m).contains("kstar_client_aborts_total 3.0");
      assertThat(m).doesNotContainPattern("kstar_http_requests_seconds_count\\{[^}]*status=\"500\"");
    } finally {
      fresh.close();
    }
  }

  /**
   * A chunked body (no Content-Length) is cut at the limit while it streams: after 128 KiB of a body that has not
   * ended, the answer is already there (413). A server that buffered the body whole would still be waiting for its
   * end, and the read would time out.
   */
  @Test
  void aChunkedBodyPastTheLimit_isRefusedWhileItStreams() throws Exception {
    try (Socket s = new Socket("127.0.0.1", openPort)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/plan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = ("4000\r\n" + " ".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 8; i++) { // 128 KiB, and no last chunk
        out.write(chunk);
      }
      out.flush();
      byte[] head = new byte[512];
      int n = s.getInputStream().read(head);
      String answer = new String(head, 0, Math.max(0, n), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413");
    }
  }

  /**
   * A client that drips its body (a byte a second, a Content-Length of 1 000) is cut with 408 once it falls below
   * the minimum rate, instead of holding a server thread for as long as it likes.
   */
  @Test
  void aBodyThatDrips_isCutWith408() throws Exception {
    try (Socket s = new Socket("127.0.0.1", openPort)) {
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/plan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\nConnection: close\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = "";
      for (int i = 0; i < 12 && answer.isEmpty(); i++) {
        Thread.sleep(1000);
        try {
          out.write(' ');
          out.flush();
        } catch (java.io.IOException closed) {
          // the server cut the connection: its answer is waiting
        }
        if (s.getInputStream().available() > 0 || i == 11) {
          answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // Connection: close
        }
      }
      assertThat(answer).startsWith("HTTP/1.1 408").contains("bytes per second");
    }
  }

  @Test
  void a500_isLoggedAsJson_withItsRequestId() throws Exception {
    String line = KstarServer.errorLine(Instant.parse("2026-12-03T17:00:00Z"), "rid-9", "POST", "/v1/plan",
        new IllegalStateException("boom \"quoted\""));
    JsonNode j = JSON.readTree(line);
    assertThat(j.get("request_id").asText()).isEqualTo("rid-9");
    assertThat(j.get("status").intValue()).isEqualTo(500);
    assertThat(j.get("exception").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(j.get("message").asText()).isEqualTo("boom \"quoted\"");
    assertThat(KstarServer.clientWentAway(new java.io.IOException("x", new org.eclipse.jetty.io.EofException("early"))))
        .isTrue();
    assertThat(KstarServer.clientWentAway(new IllegalStateException("boom"))).isFalse();
  }

  @Test
  void accessLogLines_areJson_withATimestamp_whateverThePath() throws Exception {
    String line = KstarServer.accessLine(Instant.parse("2026-12-03T17:00:00.123Z"), "rid-1", "GET",
        "/v1/\\\"x\"\u0001y", 404, 1.234);
    JsonNode j = JSON.readTree(line);
    assertThat(j.get("time").asText()).isEqualTo("2026-12-03T17:00:00.123Z");
    assertThat(j.get("path").asText()).isEqualTo("/v1/\\\"x\"\u0001y");
    assertThat(j.get("status").intValue()).isEqualTo(404);
    assertThat(j.get("ms").doubleValue()).isEqualTo(1.2);
    assertThat(line).doesNotContain("\n");
  }
}
