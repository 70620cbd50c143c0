package io.kstar.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kstar.budget.Scenario;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.YamlDocument;
import io.kstar.estimate.Estimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.plan.Comparison;
import io.kstar.plan.Deployment;
import io.kstar.policy.Policy;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.request.Operation;
import io.kstar.request.RequestField;
import io.kstar.request.RequestFields;
import io.kstar.request.RequestValues;
import io.kstar.request.Requests;
import io.kstar.request.Surface;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON request body into the planner's requests through the one declaration of a planning
 * request ({@link RequestFields}): the keys an endpoint accepts, how each value is read and what it is
 * called in errors all come from there, and {@link Requests} resolves them as the command line does.
 * Field paths in errors are the body's own ({@code budget.max_cost_usd}, {@code k_max}); a catalog given
 * in the body ({@code models}) is read by the same reader as a catalog file, so its paths are the CLI's
 * ({@code models.m1.acc_std}). On top of the declaration, this server's caps (k_max, trials, samples,
 * values of P, policies) apply.
 */
final class RequestReader {
  static final String SOURCE = "request body";

  private final YamlDocument doc;
  private final Map<String, JsonNode> body;
  private final Operation operation;
  private final Catalog serverCatalog;
  private final List<Scenario> scenarios;
  private final Limits limits;
  private RequestValues values;

  RequestReader(JsonNode root, Catalog serverCatalog, List<Scenario> scenarios, Limits limits, Operation operation) {
    this.doc = YamlDocument.of(SOURCE, root == null || root.isMissingNode() ? JsonNodeFactory.instance.objectNode() : root);
    this.body = doc.mapping(doc.root(), "");
    this.operation = operation;
    doc.onlyKeys(body, "", keys(operation));
    this.serverCatalog = serverCatalog;
    this.scenarios = scenarios;
    this.limits = limits;
  }

  /** The top-level keys an endpoint accepts: its declared fields, and the groups ({@code budget}) some sit in. */
  static Set<String> keys(Operation op) {
    Set<String> out = new LinkedHashSet<>();
    for (RequestField f : RequestFields.of(op, Surface.API)) {
      out.add(f.group().isEmpty() ? f.name() : f.group());
    }
    return out;
  }

  /** The key paths an endpoint accepts ({@code k_max}, {@code budget.max_cost_usd}). */
  static Set<String> paths(Operation op) {
    Set<String> out = new LinkedHashSet<>();
    RequestFields.of(op, Surface.API).forEach(f -> out.add(f.path()));
    return out;
  }

  /** The body's values, each read by its declaration; every invalid one reported at once, under its key path. */
  RequestValues values() {
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    RequestValues v = values(problems);
    throwIfAny(problems);
    return v;
  }

  /** The body's valid values; the problems of the others go to {@code problems}. */
  private RequestValues values(InvalidInputException.Collector problems) {
    if (values != null) {
      return values;
    }
    RequestValues.Builder b = RequestValues.builder(operation);
    List<RequestField> fields = RequestFields.of(operation, Surface.API);
    for (String group : fields.stream().map(RequestField::group).filter(g -> !g.isEmpty()).distinct().toList()) {
      JsonNode g = body.get(group);
      if (g != null && !g.isNull()) {
        problems.check(() -> {
          doc.onlyKeys(doc.mapping(g, group), group, new LinkedHashSet<>(fields.stream()
              .filter(f -> f.group().equals(group)).map(RequestField::name).toList()));
          return null;
        });
      }
    }
    for (RequestField f : fields) {
      JsonNode n = f.group().isEmpty() ? body.get(f.name()) : body.get(f.group()) == null ? null
          : body.get(f.group()).get(f.name());
      if (n != null && !n.isNull() && f.type() != RequestField.Type.SOURCE) {
        b.json(f, n);
      } else if (n != null && !n.isNull()) {
        b.value(f, n);
      }
    }
    values = b.buildValid(problems);
    return values;
  }

  /** A problem (and the others it carries) with each field at its key path in the body. */
  static InvalidInputException inBody(InvalidInputException e) {
    InvalidInputException.Collector all = new InvalidInputException.Collector();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (InvalidInputException p : e.problems()) {
      if (!seen.add(p.field())) {
        continue; // a field already reported (a bad value, then "is required" once it was left out)
      }
      all.check(() -> {
        if (p.source().isPresent()) {
          throw p;
        }
        String path = RequestFields.find(p.field()).filter(f -> !f.group().isEmpty()).map(RequestField::path)
            .orElse(p.field());
        throw new InvalidInputException(SOURCE, path, p.value().orElse(null), p.allowed());
      });
    }
    try {
      all.throwIfAny();
    } catch (InvalidInputException x) {
      return x;
    }
    return e;
  }

  Catalog catalog() {
    JsonNode models = body.get(RequestFields.MODELS.name());
    if (models == null || models.isNull()) {
      return serverCatalog;
    }
    ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
    wrapped.set("models", models);
    return CatalogReader.read(YamlDocument.of(SOURCE, wrapped));
  }

  ModelProfile model(Catalog catalog) {
    JsonNode m = body.get(RequestFields.MODEL.name());
    if (m == null || m.isNull()) {
      throw doc.error("model", null, "is required: a model id of the catalog, or a profile object");
    }
    if (m.isTextual()) {
      return catalog.require("model", m.asText());
    }
    if (m.isObject()) {
      ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
      ObjectNode models = wrapped.putObject("models");
      models.set("inline", m);
      try {
        return CatalogReader.read(YamlDocument.of(SOURCE, wrapped)).models().get(0);
      } catch (InvalidInputException e) {
        String field = e.field().startsWith("models.inline") ? "model" + e.field().substring("models.inline".length()) : e.field();
        throw new InvalidInputException(SOURCE, field, e.value().orElse(null), e.allowed());
      }
    }
    throw doc.error("model", m.toString(), "must be a model id (text) or a profile object");
  }

  /** "points": whether a plan's answer lists every grid point (default true); false keeps the picks only. */
  boolean points() {
    return values().flag(RequestFields.POINTS);
  }

  /** The caps of this server on a request's shape: k_max, values of P and policies. */
  private void capShape(int kMax, List<Integer> parallels, List<Policy> policies) {
    if (kMax > limits.maxKMax()) {
      throw new CapExceeded("k_max", kMax, limits.maxKMax(), "exceeds this server's cap on k_max");
    }
    if (parallels.size() > limits.maxParallelValues()) {
      throw new CapExceeded("parallel", parallels.toString(), limits.maxParallelValues(),
          "more values of P than this server evaluates per request");
    }
    if (policies.size() > RequestField.MAX_VALUES) {
      throw new CapExceeded("policy", policies.size(), RequestField.MAX_VALUES,
          "more policies than this server evaluates per request");
    }
  }

  /** The estimator, after checking the work it implies (samples = trials × k_max × curves) against the caps. */
  Estimator estimator(int kMax, int curves) {
    RequestValues v = values();
    if (!Requests.monteCarlo(v)) {
      return Requests.estimator(v, 1);
    }
    int t = v.integer(RequestFields.TRIALS).orElseThrow();
    if (t > limits.maxTrials()) {
      throw new CapExceeded("trials", t, limits.maxTrials(), "exceeds this server's cap on trials");
    }
    long samples = (long) t * kMax * Math.max(1, curves);
    if (samples > limits.maxSamples()) {
      throw new CapExceeded("trials", t, limits.maxSamples() + " samples (trials x k_max x curves)",
          "this request would draw " + samples + " samples, more than this server's cap");
    }
    return Requests.estimator(v, Math.min(2, Runtime.getRuntime().availableProcessors()));
  }

  /** Every field is read; all the invalid ones are reported together. */
  Deployment.Request planRequest() {
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    RequestValues v = values(problems);
    Catalog catalog = problems.check(this::catalog);
    ModelProfile m = catalog == null ? null : problems.check(() -> model(catalog));
    Deployment.Request r = m == null ? null : problems.check(() -> Requests.plan(v, m, scenarios));
    throwIfAny(problems);
    capShape(r.kMax(), r.parallels(), r.policies());
    return r;
  }

  /** Every field is read; all the invalid ones are reported together. */
  Comparison.Request compareRequest() {
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    RequestValues v = values(problems);
    Catalog catalog = problems.check(this::catalog);
    Comparison.Request r = catalog == null ? null : problems.check(() -> Requests.compare(v, catalog, scenarios));
    throwIfAny(problems);
    capShape(r.kMax(), r.parallels(), r.policies());
    return r;
  }

  /** A curve's request: the model, its one P, grid and policy. */
  CurveRequest curveRequest() {
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    RequestValues v = values(problems);
    Catalog catalog = problems.check(this::catalog);
    ModelProfile m = catalog == null ? null : problems.check(() -> model(catalog));
    CurveRequest r = m == null ? null : problems.check(() -> {
      ModelProfile shaped = Requests.profile(v, m);
      int p = Requests.parallel(v).orElse(shaped.defaultParallel());
      int kMax = Requests.kMax(v, null, Grid.DEFAULT_K_MAX);
      Grid grid = Grid.of(Requests.grid(v), kMax, p);
      Policy policy = Requests.curvePolicy(v);
      policy.check(m.id(), m.accuracy());
      return new CurveRequest(shaped, p, kMax, grid, policy);
    });
    throwIfAny(problems);
    capShape(r.kMax(), List.of(r.parallel()), List.of(r.policy()));
    return r;
  }

  record CurveRequest(ModelProfile model, int parallel, int kMax, Grid grid, Policy policy) {}

  private static void throwIfAny(InvalidInputException.Collector problems) {
    try {
      problems.throwIfAny();
    } catch (InvalidInputException e) {
      throw inBody(e);
    }
  }
}
