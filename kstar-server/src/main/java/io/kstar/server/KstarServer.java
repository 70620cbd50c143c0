package io.kstar.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.kstar.budget.Scenario;
import io.kstar.catalog.CatalogSchema;
import io.kstar.catalog.CatalogSyntax;
import io.kstar.estimate.Curve;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.plan.Comparison;
import io.kstar.plan.Deployment;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.report.CatalogReport;
import io.kstar.report.CompareReport;
import io.kstar.report.CurveReport;
import io.kstar.report.Format;
import io.kstar.report.PlanReport;
import io.kstar.request.Operation;
import io.kstar.select.Selector;
import io.kstar.select.Selectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * kstar's planning service: a JSON API under {@code /v1} whose bodies mirror the CLI's JSON, the
 * explorer page at {@code /} (assets bundled in the jar), {@code /healthz} and {@code /openapi.json}.
 *
 * <p>Errors: 400 for an invalid value, keyed by the same field paths the CLI prints
 * ({@code {"errors": {"budget.max_cost_usd": [{"message", "value"}]}}}); 413 for a body over the
 * limit; 422 for a value beyond the server's caps (with the cap); 503 when the time limit passes or
 * no computation slot frees up in time. Bad input never gets a 500.
 */
public final class KstarServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Request bodies: a duplicate key or anything after the JSON value is an error, not "last one wins". */
  private static final ObjectMapper STRICT = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final Catalog catalog;
  private final Selectors selectors;
  private final String catalogSource;
  private final List<Scenario> scenarios;
  private final Limits limits;
  private final Javalin app;
  /**
   * Where computations queue and run: heavy work (Monte Carlo, exact work predicted past {@link #CHEAP_SECONDS})
   * and cheap exact work in two lanes, first come first served, with learned predictions ({@link Admission}).
   */
  private final Admission admission;
  private final Admission.Lane heavy;
  private final Admission.Lane cheap;
  /** Tests only: scales every prediction (0.001: work runs into the time limit instead of being refused). */
  volatile double predictionScale = 1.0;

  private final Access access;
  private final Assets assets = new Assets();
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private volatile String boundHost = "127.0.0.1";

  /** Routes and the methods each answers, for 405 with Allow. */
  static final Map<String, String> METHODS = Map.ofEntries(
      Map.entry("/v1/plan", "POST"), Map.entry("/v1/compare", "POST"), Map.entry("/v1/curve", "POST"),
      Map.entry("/v1/models", "GET"), Map.entry("/v1/scenarios", "GET"), Map.entry("/v1/selectors", "GET"),
      Map.entry("/v1/policies", "GET"),
      Map.entry("/healthz", "GET"), Map.entry("/livez", "GET"), Map.entry("/readyz", "GET"),
      Map.entry("/metrics", "GET"), Map.entry("/openapi.json", "GET"));

  /** Longest echoed value in an error body. */
  static final int MAX_ECHO = 120;

  public KstarServer(Catalog catalog, String catalogSource, List<Scenario> scenarios, Limits limits) {
    this(catalog, catalogSource, scenarios, limits, Access.LOOPBACK);
  }

  public KstarServer(Catalog catalog, String catalogSource, List<Scenario> scenarios, Limits limits, Access access) {
    this(catalog, catalogSource, scenarios, limits, access, Selectors.REGISTRY);
  }

  /** A server whose plans and comparisons pick with {@code selectors} (an extended registry). */
  public KstarServer(Catalog catalog, String catalogSource, List<Scenario> scenarios, Limits limits, Access access,
      Selectors selectors) {
    this.selectors = selectors;
    this.access = access;
    this.catalog = catalog;
    this.catalogSource = catalogSource;
    this.scenarios = List.copyOf(scenarios);
    this.limits = limits;
    this.admission = new Admission(limits.maxConcurrent(), limits.queueWaitMillis(), limits.timeLimitMillis(),
        reason -> refused(reason).increment());
    this.heavy = admission.heavy;
    this.cheap = admission.cheap;
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = limits.maxBodyBytes();
      // Jetty's own answers (414, 431, 400) as JSON with the security headers, not its HTML page
      config.jetty.modifyServer(server -> {
        server.setErrorHandler(new JsonErrors());
        // a bound on open connections (and so on file descriptors and buffers): past it Jetty stops accepting until
        // one closes; far above what the threads-free reading and queueing need
        server.addBean(new org.eclipse.jetty.server.ConnectionLimit(MAX_CONNECTIONS, server));
      });
      // a body's own deadline is the body reader's (BodyReader); a blocking write waits IO_IDLE_MILLIS at most
      config.jetty.modifyHttpConfiguration(http -> {
        http.setIdleTimeout(IO_IDLE_MILLIS);
      });
      // a client that hangs up while its answer is written is not a server error either
      config.jetty.clientAbortStatus = 499;
      config.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = "/public";
        sf.location = Location.CLASSPATH;
        // the page is served by a route, naming the assets by their hashed names (Assets)
        sf.skipFileFunction = req -> req.getRequestURI().equals("/") || req.getRequestURI().equals("/index.html");
      });
    });
    routes();
  }

  /** Starts on {@code host:port} (port 0 picks a free one) and returns the bound port. */
  public int start(String host, int port) {
    boundHost = host;
    app.start(host, port);
    // a connection silent for IO_IDLE_MILLIS is closed: before its request line, within its headers, between
    // requests, or before its body's first byte (Jetty dispatches a request once its body starts)
    for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
      if (c instanceof org.eclipse.jetty.server.AbstractConnector a) {
        a.setIdleTimeout(IO_IDLE_MILLIS);
      }
    }
    // the process and the HTTP threads, beside kstar's own meters: heap and non-heap pools, GC pauses, threads,
    // class loading, CPU, uptime, and Jetty's thread pool (busy, idle, queued)
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(metrics);
    gcMetrics = new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics();
    gcMetrics.bindTo(metrics);
    new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics(
        app.jettyServer().server().getThreadPool(), List.of()).bindTo(metrics);
    return app.port();
  }

  private io.micrometer.core.instrument.binder.jvm.JvmGcMetrics gcMetrics;

  public int port() {
    return app.port();
  }

  /** Requests between the guards and the after-handler: what a graceful stop waits for. */
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
  /** Set by {@link #shutdown}: /readyz answers 503, and every request but the probes is refused with 503. */
  private volatile boolean draining;

  /**
   * A graceful stop: turns unready (/readyz 503, new requests 503 with Retry-After), lets the requests in flight
   * finish for up to {@code timeout}, then stops. Returns how many were still running at the deadline (0: all
   * finished).
   */
  public int shutdown(java.time.Duration timeout) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    int left = inFlight.get();
    // a request leaves the count when its handlers end, before Jetty has written all of its answer: a short linger
    // (within the deadline) lets the last bytes go out before the connections close
    long linger = Math.min(LINGER_MILLIS, Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
    if (linger > 0) {
      Thread.sleep(linger);
    }
    close();
    return left;
  }

  /** How long a graceful stop waits, once no request is in its handlers, for the last answers to be written. */
  static final long LINGER_MILLIS = 1000;

  /** Requests in flight now (for the stop's message). */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public void close() {
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    app.stop();
    admission.close();
  }

  /** The Host header's name without its port ("[::1]:8080" → "[::1]"). */
  static String hostName(String header) {
    if (header == null) {
      return "";
    }
    if (header.startsWith("[")) {
      int end = header.indexOf(']');
      return end > 0 ? header.substring(0, end + 1) : header;
    }
    int colon = header.lastIndexOf(':');
    return colon > 0 ? header.substring(0, colon) : header;
  }

  private boolean hostAllowed(String header) {
    String name = header.toLowerCase(java.util.Locale.ROOT);
    return Access.isLoopback(name) || name.equalsIgnoreCase(boundHost)
        || access.hosts().stream().anyMatch(h -> h.equalsIgnoreCase(name))
        || (boundHost.equals("0.0.0.0") && access.hosts().isEmpty());
  }

  /** Security, identity and admission checks before every route; headers every answer carries. */
  private void guards() {
    app.before(ctx -> {
      String rid = ctx.header("X-Request-Id");
      if (rid == null || !rid.matches("[A-Za-z0-9._-]{1,64}")) {
        rid = java.util.UUID.randomUUID().toString();
      }
      ctx.attribute("rid", rid);
      ctx.attribute("started", System.nanoTime());
      inFlight.incrementAndGet();
      ctx.attribute("counted", Boolean.TRUE);
      ctx.header("X-Request-Id", rid);
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Referrer-Policy", "no-referrer");
      ctx.header("X-Frame-Options", "DENY");
      ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
          + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; "
          + "base-uri 'none'; form-action 'none'");
      String origin = ctx.header("Origin");
      if (origin != null && access.corsOrigins().contains(origin)) {
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Max-Age", "600");
        // what a page from the allowed origin may read of an answer: when to retry, and the id to quote
        ctx.header("Access-Control-Expose-Headers", "Retry-After, X-Request-Id");
      }
      // a CORS preflight carries no token: it is answered (204) for an allowed origin, refused for any other
      boolean preflight = ctx.method() == io.javalin.http.HandlerType.OPTIONS;
      if (preflight && (origin == null || !access.corsOrigins().contains(origin))) {
        throw new Refused(403, "(origin)", origin == null ? "OPTIONS is answered for CORS preflights only (an Origin"
            + " header)" : "cross-origin calls from '" + truncate(origin) + "' are not allowed (serve --cors-origin)");
      }
      if (draining && !ctx.path().equals("/livez") && !ctx.path().equals("/readyz")) {
        ctx.header("Retry-After", "5");
        throw new Refused(503, "(server)", "this server is shutting down: retry on another replica");
      }
      String name = hostName(ctx.header("Host"));
      if (!hostAllowed(name)) {
        throw new Refused(421, "(host)", "this server does not answer for host '" + truncate(name) + "'");
      }
      String path = ctx.path();
      // the token guards every path but the probes and the explorer's static files, whatever its form
      boolean guarded = !preflight && !open(path);
      if (guarded && access.token().isPresent()) {
        String auth = ctx.header("Authorization");
        String expected = "Bearer " + access.token().get();
        if (auth == null || !java.security.MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8),
            expected.getBytes(StandardCharsets.UTF_8))) {
          ctx.header("WWW-Authenticate", "Bearer");
          throw new Refused(401, "(authorization)", "a bearer token is required (Authorization: Bearer TOKEN)");
        }
      }
      if (ctx.method() == io.javalin.http.HandlerType.POST && path.startsWith("/v1/")) {
        String type = ctx.contentType();
        String base = type == null ? "" : type.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!base.equals("application/json")) {
          throw new Refused(415, "(content-type)", "must be application/json (was '" + truncate(type == null ? "" : type)
              + "')");
        }
      }
    });
    app.after(ctx -> {
      if (Boolean.TRUE.equals(ctx.attribute("counted"))) {
        ctx.attribute("counted", Boolean.FALSE);
        inFlight.decrementAndGet();
      }
      Long started = ctx.attribute("started");
      double ms = started == null ? 0 : (System.nanoTime() - started) / 1e6;
      String route = METHODS.containsKey(ctx.path()) ? ctx.path() : ctx.path().startsWith("/v1/") ? "/v1/other" : "static";
      io.micrometer.core.instrument.Timer.builder("kstar_http_requests")
          .description("HTTP requests by route, method and status (499: the client went away), with latency buckets")
          .tags("route", route, "method", ctx.method().name(), "status", Integer.toString(ctx.statusCode()))
          .serviceLevelObjectives(LATENCY_BUCKETS).register(metrics)
          .record(java.time.Duration.ofNanos((long) (ms * 1e6)));
      if (access.accessLog()) {
        System.err.println(accessLine(java.time.Instant.now(), ctx.attribute("rid"), ctx.method().name(), ctx.path(),
            ctx.statusCode(), ms));
      }
    });
    app.error(404, ctx -> {
      String allowed = METHODS.get(ctx.path());
      if (allowed != null && !ctx.method().name().equals(allowed)) {
        ctx.header("Allow", allowed);
        error(ctx, 405, "(method)", ctx.method().name() + " is not allowed here; allowed: " + allowed, null, null);
      }
    });
    for (Admission.Lane lane : List.of(heavy, cheap)) {
      io.micrometer.core.instrument.Gauge.builder("kstar_compute_slots_busy", lane, l -> l.size - l.free())
          .description("Computation slots in use, by lane").tag("lane", lane.name).register(metrics);
      io.micrometer.core.instrument.Gauge.builder("kstar_compute_queued", lane, Admission.Lane::queued)
          .description("Computations waiting for a slot, by lane").tag("lane", lane.name).register(metrics);
    }
  }

  /** The client hung up while its request was read. */
  static final class ClientGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientGone() {
      super("the client went away", null, false, false);
    }
  }

  /** The most connections open at once; past it, new ones wait in the kernel's backlog. */
  static final int MAX_CONNECTIONS = 2_000;
  /** The slowest a request body may arrive (bytes per second, from its first byte): slower is 408. */
  static final long MIN_BODY_BYTES_PER_SECOND = 1024;
  /** How long a blocking read of a body (or write of an answer) may wait for the network. */
  static final long IO_IDLE_MILLIS = 10_000;

  /** The latency histogram's bucket bounds (Prometheus le): 1 ms to the 15 s time limit. */
  static final java.time.Duration[] LATENCY_BUCKETS = java.util.stream.LongStream.of(1, 2, 5, 10, 25, 50, 100, 250,
      500, 1000, 2500, 5000, 10000, 15000).mapToObj(java.time.Duration::ofMillis).toArray(java.time.Duration[]::new);

  /** The counter of refusals for one reason, described. */
  private io.micrometer.core.instrument.Counter refused(String reason) {
    return io.micrometer.core.instrument.Counter.builder("kstar_refused")
        .description("Requests refused before or instead of their work, by reason").tag("reason", reason)
        .register(metrics);
  }

  /**
   * Whether an exception is the client going away (a closed connection while its body was read or the answer
   * written): not the server's fault, so counted apart (499), not as a 500.
   */
  static boolean clientWentAway(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.io.EofException || t instanceof java.nio.channels.ClosedChannelException
          || (t instanceof IOException && t.getMessage() != null && (t.getMessage().contains("Broken pipe")
              || t.getMessage().contains("Connection reset") || t.getMessage().contains("Early EOF")))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The paths anyone may read: the probes and the explorer's page and static files (exactly these forms). */
  static boolean open(String path) {
    return path.equals("/livez") || path.equals("/readyz") || path.equals("/") || path.equals("/index.html")
        || (path.startsWith("/assets/") && path.indexOf('/', "/assets/".length()) < 0 && !path.contains(".."))
        || Assets.isPublicFile(path);
  }

  /** One error-log line for a 500: JSON, with the request id, the exception's class and message. */
  static String errorLine(java.time.Instant at, Object requestId, String method, String path, Throwable e) {
    Map<String, Object> line = logLine("error", at, requestId, method, path, 500);
    line.put("exception", e.getClass().getName());
    line.put("message", String.valueOf(e.getMessage()));
    StackTraceElement[] at0 = e.getStackTrace();
    line.put("at", at0.length == 0 ? "" : at0[0].toString());
    return json(line);
  }

  /** One access-log line: JSON written by Jackson (any path is escaped), with an ISO-8601 UTC timestamp. */
  static String accessLine(java.time.Instant at, Object requestId, String method, String path, int status, double ms) {
    Map<String, Object> line = logLine("access", at, requestId, method, path, status);
    line.put("ms", Math.round(ms * 10) / 10.0);
    return json(line);
  }

  /** The fields every log line starts with, in order. */
  private static Map<String, Object> logLine(String type, java.time.Instant at, Object requestId, String method,
      String path, int status) {
    Map<String, Object> line = new java.util.LinkedHashMap<>();
    line.put("type", type);
    line.put("time", at.toString());
    line.put("request_id", String.valueOf(requestId));
    line.put("method", method);
    line.put("path", path);
    line.put("status", status);
    return line;
  }

  private static String json(Map<String, Object> line) {
    try {
      return JSON.writeValueAsString(line);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Predicted units of exact majority-vote work per second on this project's machines (see {@link MajorityVote#exactWork}). */
  static final double WORK_PER_SECOND = 1e8;
  /**
   * Monte Carlo samples per second (measured on the 2-core development machine: 20 000 trials to
   * k = 4096, 8.2·10⁷ samples, took 2 to 8 s depending on the other load; 2·10⁷ is the middle).
   */
  static final double SAMPLES_PER_SECOND = 2e7;
  /** Seconds per exact grid point of a plan or curve, whose answer carries every point (a plan of 65 536 points: 2.5 to 6 s). */
  static final double POINT_SECONDS = 60e-6;
  /** Seconds per exact grid point of a compare, whose answer carries the fronts only (590 000 points: 7 to 10 s). */
  static final double COMPARE_POINT_SECONDS = 15e-6;
  /** Exact requests predicted to take at most this long run in the cheap lane. */
  static final double CHEAP_SECONDS = 0.1;

  /**
   * A request's predicted run time (corrected by what its kind of work has taken: {@link Admission}), the prediction
   * before the correction, its kind, and whether its estimator is exact (only exact work may take the cheap lane).
   */
  record Prediction(double seconds, double rawSeconds, String kind, boolean exact) {
    boolean cheap() {
      return exact && seconds <= CHEAP_SECONDS;
    }
  }

  /**
   * Admission by predicted cost: the request's run time is predicted from the work its estimator will
   * do (exact: grid points, plus Σ k³·m for majority vote; Monte Carlo: samples, the plan's baseline k
   * included; each times the number of policies) before it takes a slot. Work predicted past the time limit is refused with 422 naming the
   * field to lower and the cap, since a retry could never succeed; the rest runs in the lane the
   * prediction picks.
   */
  private Prediction admit(Operation operation, io.kstar.estimate.Estimator estimator, List<ModelProfile> models,
      List<Integer> parallels, Grid.Kind grid, int kMax, int extraK, List<io.kstar.policy.Policy> policyList,
      double pointSeconds) {
    boolean exact = !(estimator instanceof MonteCarloEstimator);
    int policies = policyList.size();
    // the kind whose measured run times correct this prediction: operation, estimator, accuracy models, policies
    String kind = operation.name().toLowerCase(java.util.Locale.ROOT) + "/" + (exact ? "exact" : "monte-carlo") + "/"
        + models.stream().map(m -> m.accuracy().kind().id()).distinct().sorted()
            .collect(java.util.stream.Collectors.joining("+")) + "/"
        + policyList.stream().map(pl -> pl.rule().id()).distinct().sorted()
            .collect(java.util.stream.Collectors.joining("+"));
    double correction = admission.correction(kind);
    long points = 0;
    long sampledK = 0;
    double vote = 0;
    for (ModelProfile m : models) {
      for (int p : parallels.isEmpty() ? List.of(m.defaultParallel()) : parallels) {
        int[] ks = Grid.of(grid, kMax, p).ks();
        points += (long) ks.length * policies;
        sampledK += (long) Math.max(kMax, extraK) * policies;
        if (exact) {
          // the accuracy model's own estimate of its exact work (majority vote's sums over vote splits)
          for (int k : ks) {
            vote += policies * m.accuracy().exactWork(m.accuracyK(k));
          }
          // the plan's baseline k (beyond the exact range it is a 400 from the estimator, not work)
          if (extraK > 0 && Arrays.binarySearch(ks, extraK) < 0 && m.accuracyK(extraK) <= m.accuracy().maxExactK()) {
            vote += policies * m.accuracy().exactWork(m.accuracyK(extraK));
          }
        }
      }
    }
    double scale = predictionScale * correction;
    double limit = limits.timeLimitMillis() / 1000.0;
    double pointsSeconds = points * pointSeconds * scale;
    if (estimator instanceof MonteCarloEstimator mc) {
      double seconds = (double) mc.trials() * sampledK / SAMPLES_PER_SECOND * scale + pointsSeconds;
      if (seconds > limit) {
        refuse("trials", mc.trials(), String.format(java.util.Locale.ROOT, "%.3g samples in %d ms",
            SAMPLES_PER_SECOND * limit, limits.timeLimitMillis()), String.format(java.util.Locale.ROOT,
            "%d trials x %d sampled k would take about %.0f s, past this server's time limit: use fewer trials or a"
                + " smaller k_max", mc.trials(), sampledK, seconds));
      }
      return new Prediction(seconds, seconds / correction, kind, false);
    }
    double voteSeconds = vote / WORK_PER_SECOND * scale;
    if (voteSeconds > limit) {
      refuse("k_max", kMax, String.format(java.util.Locale.ROOT, "%.3g units of exact majority-vote work",
          WORK_PER_SECOND * limit), String.format(java.util.Locale.ROOT, "exact majority vote up to this k_max would"
              + " take about %.0f s, past this server's time limit: use the monte-carlo estimator or a smaller k_max",
              voteSeconds));
    }
    if (voteSeconds + pointsSeconds > limit) {
      refuse("k_max", kMax, String.format(java.util.Locale.ROOT, "%.0f exact grid points", limit / pointSeconds),
          String.format(java.util.Locale.ROOT, "%d exact grid points (models x P x k) would take about %.0f s, past"
              + " this server's time limit: use fewer models or values of P, the batch grid or a smaller k_max", points,
              voteSeconds + pointsSeconds));
    }
    return new Prediction(voteSeconds + pointsSeconds, (voteSeconds + pointsSeconds) / correction, kind, true);
  }

  private void refuse(String field, Object value, Object cap, String message) {
    refused("predicted_work").increment();
    throw new CapExceeded(field, value, cap, message);
  }

  static String truncate(String v) {
    return v == null || v.length() <= MAX_ECHO ? v : v.substring(0, MAX_ECHO) + "…";
  }

  private void routes() {
    guards();
    // the explorer: the page revalidated on every load, its assets under content-hashed names cached for a year
    app.get("/", ctx -> ctx.header("Cache-Control", Assets.NO_CACHE).contentType("text/html; charset=utf-8").result(assets.page()));
    app.get("/index.html", ctx -> ctx.header("Cache-Control", Assets.NO_CACHE).contentType("text/html; charset=utf-8")
        .result(assets.page()));
    app.get("/assets/{name}", ctx -> {
      Assets.Asset a = assets.asset(ctx.pathParam("name")).orElseThrow(() -> new io.javalin.http.NotFoundResponse());
      ctx.header("Cache-Control", Assets.IMMUTABLE).contentType(a.contentType()).result(a.bytes());
    });
    app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
    // CORS preflights: the guards answered for the origin (or refused it); no token, no body
    app.options("/v1/*", ctx -> ctx.status(204));
    app.get("/livez", ctx -> ctx.json(Map.of("status", "ok")));
    app.get("/readyz", ctx -> {
      if (draining) {
        ctx.status(503).json(Map.of("status", "draining", "in_flight", Math.max(0, inFlight.get() - 1)));
        return;
      }
      int freeHeavy = heavy.free();
      int freeCheap = cheap.free();
      boolean ready = freeHeavy + freeCheap > 0;
      ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "busy", "free_slots", freeHeavy + freeCheap,
          "lanes", Map.of("heavy", freeHeavy, "cheap", freeCheap)));
    });
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    app.get("/openapi.json", ctx -> json(ctx, openApi(selectors)));
    app.get("/v1/selectors", ctx -> {
      ObjectNode root = JSON.createObjectNode();
      ArrayNode list = root.putArray("selectors");
      for (Selector s : selectors.all()) {
        ObjectNode n = list.addObject();
        n.put("id", s.id());
        n.put("description", s.description());
        ArrayNode ps = n.putArray("parameters");
        for (io.kstar.parameter.Parameter p : s.parameters()) {
          ObjectNode pn = ps.addObject();
          pn.put("name", p.name());
          pn.put("description", p.description());
          p.defaultValue().ifPresent(d -> pn.put("default", d));
        }
      }
      json(ctx, JSON.writeValueAsString(root));
    });
    app.get("/v1/models", ctx -> json(ctx, CatalogReport.render(catalog, catalogSource, Format.JSON)));
    app.get("/v1/scenarios", ctx -> {
      ObjectNode root = JSON.createObjectNode();
      ArrayNode list = root.putArray("scenarios");
      for (Scenario s : scenarios) {
        ObjectNode n = list.addObject();
        n.put("name", s.name());
        n.put("description", s.description());
        ObjectNode b = n.putObject("budget");
        b.put("max_cost_usd", s.budget().maxCostUsd());
        b.put("max_latency_s", s.budget().maxLatencyS());
        b.put("min_accuracy", s.budget().minAccuracy());
        if (s.kMax().isPresent()) {
          n.put("k_max", s.kMax().getAsInt());
        }
      }
      json(ctx, JSON.writeValueAsString(root));
    });
    app.get("/v1/policies", ctx -> {
      ObjectNode root = JSON.createObjectNode();
      ArrayNode list = root.putArray("policies");
      for (io.kstar.policy.Policy.Rule r : io.kstar.policy.Policy.Rule.values()) {
        ObjectNode n = list.addObject();
        n.put("id", r.id());
        n.put("description", r.description());
        ArrayNode to = n.putArray("applies_to");
        r.models().forEach(to::add);
      }
      json(ctx, JSON.writeValueAsString(root));
    });
    app.post("/v1/plan", ctx -> answer(ctx, Operation.PLAN, r -> {
      Deployment.Request req = r.planRequest().withSelectors(selectors);
      // the 1-D baseline's k is simulated too: it counts against the sample cap
      var estimator = r.estimator(Math.max(req.kMax(), req.baselineK()), req.parallels().size() * req.policies().size());
      Prediction cost = admit(Operation.PLAN, estimator, List.of(req.model()), req.parallels(), req.grid(), req.kMax(),
          req.baselineK(), req.policies(), POINT_SECONDS);
      boolean points = r.points();
      return new Work(cost, () -> PlanReport.jsonUtf8(Deployment.plan(req, estimator), points));
    }));
    app.post("/v1/compare", ctx -> answer(ctx, Operation.COMPARE, r -> {
      Comparison.Request req = r.compareRequest().withSelectors(selectors);
      int curves = req.catalog().models().size() * Math.max(1, req.parallels().size()) * req.policies().size();
      var estimator = r.estimator(req.kMax(), curves);
      Prediction cost = admit(Operation.COMPARE, estimator, req.catalog().models(), req.parallels(), req.grid(),
          req.kMax(), 0, req.policies(), COMPARE_POINT_SECONDS);
      return new Work(cost, () -> CompareReport.jsonUtf8(Comparison.compare(req, estimator)));
    }));
    app.post("/v1/curve", ctx -> answer(ctx, Operation.CURVE, r -> {
      RequestReader.CurveRequest req = r.curveRequest();
      var estimator = r.estimator(req.kMax(), 1);
      Prediction cost = admit(Operation.CURVE, estimator, List.of(req.model()), List.of(req.parallel()),
          req.grid().kind(), req.kMax(), 0, List.of(req.policy()), POINT_SECONDS);
      CurveReport.Run run = estimator instanceof MonteCarloEstimator mc ? new CurveReport.Run(mc.trials(), mc.seed()) : null;
      return new Work(cost, () -> {
        Curve c = estimator.estimate(new io.kstar.estimate.Estimator.Job(req.model(), req.parallel(), req.grid().ks(),
            req.policy()));
        return CurveReport.jsonUtf8(c, run);
      });
    }));

    app.exception(Exception.class, (e, ctx) -> respond(ctx, e));
  }

  /**
   * The one place a failure becomes an answer: the exception mapper of every route and guard, and the end of every
   * POST route's future (which completes normally after it, so that the after-handler logs and counts it, and a
   * graceful stop does not wait for it).
   */
  private void respond(Context ctx, Throwable e) {
    if (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof Refused r) {
      error(ctx, r.status, r.field, r.getMessage(), null, null);
    } else if (e instanceof InvalidInputException i) {
      invalid(ctx, i);
    } else if (e instanceof CapExceeded c) {
      error(ctx, 422, c.field, c.getMessage(), c.value, c.cap);
    } else if (e instanceof BodyTooLarge) {
      error(ctx, 413, "(body)", "the request body is larger than " + limits.maxBodyBytes() + " bytes", null, null);
    } else if (e instanceof Admission.Busy b) {
      if (b.retryAfterSeconds > 0) {
        ctx.header("Retry-After", Integer.toString(b.retryAfterSeconds));
      }
      ctx.status(503).json(Map.of("error", b.getMessage()));
    } else if (e instanceof Admission.TimedOut t) {
      ctx.status(503).json(Map.of("error", String.format(java.util.Locale.ROOT, "the request did not finish within"
          + " the time limit of %d ms (predicted: %.2g s); the same request would run as long again: ask for less"
          + " work (fewer trials, a smaller k_max, the batch grid)", limits.timeLimitMillis(),
          t.predictedSeconds / predictionScale)));
    } else if (e instanceof io.javalin.http.HttpResponseException h) {
      if (h.getStatus() == 413) {
        error(ctx, 413, "(body)", "the request body is larger than " + limits.maxBodyBytes() + " bytes", null, null);
      } else {
        ctx.status(h.getStatus()).json(Map.of("error", h.getMessage()));
      }
    } else if (e instanceof ClientGone || clientWentAway(e)) {
      io.micrometer.core.instrument.Counter.builder("kstar_client_aborts")
          .description("Requests whose client went away before its answer (not counted as errors)").register(metrics)
          .increment();
      ctx.status(499);
    } else {
      // every 5xx is logged, with the request id the client was given
      System.err.println(errorLine(java.time.Instant.now(), ctx.attribute("rid"), ctx.method().name(), ctx.path(), e));
      ctx.status(500).json(Map.of("error", "internal error (request id " + ctx.attribute("rid") + ")"));
    }
  }

  /**
   * A body that is not JSON, in the service's words (never the parser's class or feature names): a key given
   * twice is named by its path, NaN and Infinity are said not to be JSON numbers, deep nesting is a limit.
   */
  static InvalidInputException notJson(JsonProcessingException e) {
    String first = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
    var loc = e.getLocation();
    String where = loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr()
        + ")";
    var dup = java.util.regex.Pattern.compile("Duplicate field '([^']*)'").matcher(first);
    if (dup.find()) {
      String path = bodyPath(e, false);
      return new InvalidInputException(RequestReader.SOURCE, path.isEmpty() ? dup.group(1) : path + "." + dup.group(1),
          null, "is given twice: every key once" + where);
    }
    if (first.startsWith("Non-standard token") || first.contains("NaN") || first.contains("Infinity")) {
      String path = bodyPath(e, true);
      return new InvalidInputException(RequestReader.SOURCE, path.isEmpty() ? "(body)" : path, null,
          "NaN and Infinity are not JSON numbers: write a number, or leave the field out" + where);
    }
    var depth = java.util.regex.Pattern.compile("nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)")
        .matcher(first);
    if (depth.find()) {
      return new InvalidInputException(RequestReader.SOURCE, "(body)", null, "is nested too deeply: more than "
          + depth.group(2) + " levels of objects and arrays");
    }
    // the parser's own wording, cut before any name of its classes or settings
    String said = first.replaceAll("`[^`]*`", "").replaceAll("\\s*\\(for [^)]*\\)", "");
    int internal = said.indexOf("com.fasterxml");
    if (internal >= 0) {
      said = said.substring(0, internal);
    }
    said = said.replaceAll("[\\s:;,(]+$", "").strip();
    return new InvalidInputException(RequestReader.SOURCE, "(body)", null, "is not valid JSON" + where
        + (said.isEmpty() ? "" : ": " + said));
  }

  /**
   * The key path the parser had reached ({@code budget.max_cost_usd}), or "" at the top; the innermost key only
   * when {@code current} (a bad value is its key's; a duplicate key is named on its own).
   */
  private static String bodyPath(JsonProcessingException e, boolean current) {
    if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p)) {
      return "";
    }
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (var c = p.getParsingContext(); c != null; c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null && (current || c != p.getParsingContext())) {
        parts.addFirst(c.getCurrentName());
      } else if (c.inArray()) {
        parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    return String.join(".", parts).replace(".[", "[");
  }

  /** The OpenAPI document ({@link OpenApi}): request schemas from the request declaration, picks from {@code selectors}. */
  static String openApi(Selectors selectors) throws IOException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(OpenApi.document(JSON, selectors));
  }

  /** A request's computation, planned and predicted: what the admission queues. */
  record Work(Prediction cost, Supplier<byte[]> run) {}

  /** What a route makes of its request: the work to queue (or an exception: 400, 422). */
  @FunctionalInterface
  interface Planner {
    Work plan(RequestReader request) throws Exception;
  }

  /**
   * Answers a POST route without holding a server thread: the body is read as it arrives ({@link BodyReader}), the
   * request planned and predicted, the work queued in its lane ({@link Admission}), and the answer written when a
   * worker completes it. Every failure on the way reaches the exception mappers.
   */
  private void answer(Context ctx, Operation operation, Planner planner) {
    ctx.future(() -> BodyReader.read(ctx.req(), limits.maxBodyBytes(), admission.timer(), KstarServer::readFailure)
        .thenCompose(bytes -> {
          try {
            Work work = planner.plan(parse(bytes, operation));
            return compute(work);
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        })
        .handle((bytes, failure) -> {
          if (failure != null) {
            respond(ctx, failure);
          } else {
            json(ctx, bytes);
          }
          return null;
        }));
  }

  /** A failed read of a body, in the service's words. */
  static RuntimeException readFailure(Throwable e) {
    if (e instanceof org.eclipse.jetty.http.BadMessageException bad) {
      if (bad.getCode() == 408) {
        return new Refused(408, "(body)", "arrived slower than " + MIN_BODY_BYTES_PER_SECOND + " bytes per second:"
            + " send the body at once");
      }
      return new InvalidInputException(RequestReader.SOURCE, "(body)", null, "could not be read");
    }
    if (clientWentAway(e)) {
      return new ClientGone();
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException) {
        return new Refused(408, "(body)", "stopped arriving for " + IO_IDLE_MILLIS / 1000 + " s");
      }
    }
    return new InvalidInputException(RequestReader.SOURCE, "(body)", null, "could not be read");
  }

  private RequestReader parse(byte[] bytes, Operation operation) {
    JsonNode root;
    try {
      root = bytes.length == 0 ? JSON.createObjectNode() : STRICT.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (IOException e) {
      throw new InvalidInputException(RequestReader.SOURCE, "(body)", null, "could not be read");
    }
    return new RequestReader(root, catalog, scenarios, limits, operation);
  }

  /**
   * Queues a computation in the lane its prediction picks; the future holds the answer, or why there is none
   * (busy, past the time limit, the work's own failure).
   */
  private java.util.concurrent.CompletableFuture<byte[]> compute(Work work) {
    Prediction cost = work.cost();
    // a kind whose prediction has not yet met a measured run may be wrong by any factor: one job of it at a time
    // in the cheap lane (it teaches the kind), the rest of a burst in the heavy lane, so that a burst of a new,
    // underrated kind cannot fill the cheap lane (predictions too short to learn from are trusted)
    boolean trusted = cost.rawSeconds() < Admission.MIN_LEARNED_SECONDS || admission.learned(cost.kind());
    Admission.Lane lane = cost.cheap() && (trusted || !cheap.holds(cost.kind())) ? cheap : heavy;
    return admission.submit(lane, cost.kind(), cost.rawSeconds(), cost.seconds(), work.run());
  }

  /** Tests only: runs in the computation's thread before the work, with the lane's name ("heavy" or "cheap"). */
  void beforeWork(java.util.function.Consumer<String> hook) {
    admission.beforeWork = hook;
  }

  /** The learned correction of a kind of request (tests, and the metrics). */
  double correction(String kind) {
    return admission.correction(kind);
  }

  private static void json(Context ctx, String body) {
    ctx.contentType("application/json").result(body);
  }

  /** An answer already encoded: the generator's bytes go to the response as they are. */
  private static void json(Context ctx, byte[] body) {
    ctx.contentType("application/json").result(body);
  }

  /** 400 with every problem of the request, grouped by field path (Javalin's validator style). */
  private static void invalid(Context ctx, InvalidInputException e) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode errors = root.putObject("errors");
    for (InvalidInputException p : e.problems()) {
      String field = p.field().isEmpty() ? "(body)" : p.field();
      var list = errors.has(field) ? (com.fasterxml.jackson.databind.node.ArrayNode) errors.get(field) : errors.putArray(field);
      ObjectNode o = list.addObject();
      o.put("message", p.allowed());
      p.value().ifPresent(v -> o.put("value", truncate(v)));
    }
    ctx.status(400).contentType("application/json").result(root.toString());
  }

  private static void error(Context ctx, int status, String field, String message, String value, String cap) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode errors = root.putObject("errors");
    ObjectNode e = errors.putArray(field.isEmpty() ? "(body)" : field).addObject();
    e.put("message", message);
    if (value != null) {
      e.put("value", truncate(value));
    }
    if (cap != null) {
      e.put("cap", cap);
    }
    ctx.status(status).contentType("application/json").result(root.toString());
  }

  /** A request refused before any work: its status, the field it concerns and why. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String field;

    Refused(int status, String field, String message) {
      super(message);
      this.status = status;
      this.field = field;
    }
  }

  static final class BodyTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
