package io.kstar.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Catalog catalog;
  private final String catalogSource;
  private final List<Scenario> scenarios;
  private final Limits limits;
  private final Javalin app;
  private final ExecutorService pool;
  private final Semaphore slots;

  public KstarServer(Catalog catalog, String catalogSource, List<Scenario> scenarios, Limits limits) {
    this.catalog = catalog;
    this.catalogSource = catalogSource;
    this.scenarios = List.copyOf(scenarios);
    this.limits = limits;
    this.pool = Executors.newFixedThreadPool(limits.maxConcurrent(), r -> {
      Thread t = new Thread(r, "kstar-compute");
      t.setDaemon(true);
      return t;
    });
    this.slots = new Semaphore(limits.maxConcurrent());
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = limits.maxBodyBytes();
      config.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = "/public";
        sf.location = Location.CLASSPATH;
      });
    });
    routes();
  }

  /** Starts on {@code host:port} (port 0 picks a free one) and returns the bound port. */
  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    pool.shutdownNow();
  }

  private void routes() {
    app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
    app.get("/openapi.json", ctx -> json(ctx, openApi()));
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
    app.post("/v1/plan", ctx -> {
      RequestReader r = reader(ctx, RequestReader.PLAN_KEYS);
      Deployment.Request req = r.planRequest();
      var estimator = r.estimator(req.kMax(), req.parallels().size());
      json(ctx, compute(() -> PlanReport.render(Deployment.plan(req, estimator), Format.JSON)));
    });
    app.post("/v1/compare", ctx -> {
      RequestReader r = reader(ctx, RequestReader.COMPARE_KEYS);
      Comparison.Request req = r.compareRequest();
      int curves = req.catalog().models().size() * Math.max(1, req.parallels().size());
      var estimator = r.estimator(req.kMax(), curves);
      json(ctx, compute(() -> CompareReport.render(Comparison.compare(req, estimator), Format.JSON)));
    });
    app.post("/v1/curve", ctx -> {
      RequestReader r = reader(ctx, RequestReader.CURVE_KEYS);
      ModelProfile m = r.model(r.catalog());
      List<Integer> ps = r.parallels();
      int p = ps.isEmpty() ? m.defaultParallel() : ps.get(0);
      int kMax = r.kMax(Grid.DEFAULT_K_MAX);
      Grid grid = Grid.of(r.grid(), kMax, p);
      var estimator = r.estimator(kMax, 1);
      CurveReport.Run run = estimator instanceof MonteCarloEstimator mc ? new CurveReport.Run(mc.trials(), mc.seed()) : null;
      json(ctx, compute(() -> {
        Curve c = estimator.estimate(m, p, grid.ks());
        return CurveReport.render(c, run, Format.JSON);
      }));
    });

    app.exception(InvalidInputException.class, (e, ctx) -> invalid(ctx, e));
    app.exception(CapExceeded.class, (e, ctx) -> error(ctx, 422, e.field, e.getMessage(), e.value, e.cap));
    app.exception(BodyTooLarge.class, (e, ctx) -> error(ctx, 413, "(body)",
        "the request body is larger than " + limits.maxBodyBytes() + " bytes", null, null));
    app.exception(Unavailable.class, (e, ctx) -> {
      ctx.status(503).header("Retry-After", "1");
      ctx.json(Map.of("error", e.getMessage()));
    });
    app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> {
      int status = e.getStatus();
      if (status == 413) {
        error(ctx, 413, "(body)", "the request body is larger than " + limits.maxBodyBytes() + " bytes", null, null);
      } else {
        ctx.status(status).json(Map.of("error", e.getMessage()));
      }
    });
    app.exception(Exception.class, (e, ctx) -> {
      ctx.status(500).json(Map.of("error", "internal error: " + e.getClass().getSimpleName()));
    });
  }

  /** The OpenAPI document, its Profile schema generated from the models' parameter declarations. */
  static String openApi() throws IOException {
    try (InputStream in = KstarServer.class.getResourceAsStream("/openapi.json")) {
      ObjectNode doc = (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      ((ObjectNode) doc.get("components").get("schemas")).set("Profile",
          CatalogSchema.flatProfile(CatalogSyntax.DEFAULT));
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    }
  }

  private RequestReader reader(Context ctx, Set<String> keys) {
    long length = ctx.contentLength();
    if (length > limits.maxBodyBytes()) {
      throw new BodyTooLarge();
    }
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length > limits.maxBodyBytes()) {
      throw new BodyTooLarge();
    }
    JsonNode root;
    try {
      root = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(RequestReader.SOURCE, "(body)", null,
          "is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new InvalidInputException(RequestReader.SOURCE, "(body)", null, "could not be read");
    }
    return new RequestReader(root, catalog, scenarios, limits, keys);
  }

  /** Runs a computation in a bounded pool with the time limit; the slot is held until the work ends. */
  private String compute(Supplier<String> work) throws Exception {
    if (!slots.tryAcquire(limits.queueWaitMillis(), TimeUnit.MILLISECONDS)) {
      throw new Unavailable("the server is busy: every computation slot is taken; retry shortly");
    }
    Future<String> f;
    try {
      f = pool.submit(() -> {
        try {
          return work.get();
        } finally {
          slots.release();
        }
      });
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
    try {
      return f.get(limits.timeLimitMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new Unavailable("the request did not finish within the time limit of " + limits.timeLimitMillis() + " ms");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private static void json(Context ctx, String body) {
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
      p.value().ifPresent(v -> o.put("value", v));
    }
    ctx.status(400).contentType("application/json").result(root.toString());
  }

  private static void error(Context ctx, int status, String field, String message, String value, String cap) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode errors = root.putObject("errors");
    ObjectNode e = errors.putArray(field.isEmpty() ? "(body)" : field).addObject();
    e.put("message", message);
    if (value != null) {
      e.put("value", value);
    }
    if (cap != null) {
      e.put("cap", cap);
    }
    ctx.status(status).contentType("application/json").result(root.toString());
  }

  static final class BodyTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }
}
