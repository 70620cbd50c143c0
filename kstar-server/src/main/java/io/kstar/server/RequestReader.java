package io.kstar.server;

import io.kstar.input.Suggest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kstar.budget.Budget;
import io.kstar.budget.Scenario;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.YamlDocument;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.ExactEstimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Comparison;
import io.kstar.plan.Confidence;
import io.kstar.plan.Deployment;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.select.SelectionContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a JSON request body into the planner's requests. Field paths in errors are the body's own
 * ({@code budget.max_cost_usd}, {@code k_max}); a catalog given in the body ({@code models}) is read by
 * the same reader as a catalog file, so its paths are the CLI's ({@code models.m1.acc_std}).
 */
final class RequestReader {
  static final String SOURCE = "request body";
  static final Set<String> PLAN_KEYS = Set.of("model", "models", "scenario", "budget", "parallel", "grid", "k_max",
      "estimator", "trials", "seed", "cost_quantile", "latency_quantile", "accuracy_tolerance", "baseline_k",
      "confidence", "policy", "margin", "score_threshold", "points");
  static final Set<String> COMPARE_KEYS = Set.of("models", "scenario", "budget", "parallel", "grid", "k_max",
      "estimator", "trials", "seed", "cost_quantile", "latency_quantile", "accuracy_tolerance", "confidence",
      "policy", "margin", "score_threshold");
  static final Set<String> CURVE_KEYS = Set.of("model", "models", "parallel", "grid", "k_max", "estimator", "trials",
      "seed", "policy", "margin", "score_threshold");
  /** Policies one request may search at most. */
  static final int MAX_POLICIES = 64;

  private final YamlDocument doc;
  private final Map<String, JsonNode> body;
  private final Catalog serverCatalog;
  private final List<Scenario> scenarios;
  private final Limits limits;

  RequestReader(JsonNode root, Catalog serverCatalog, List<Scenario> scenarios, Limits limits, Set<String> keys) {
    this.doc = YamlDocument.of(SOURCE, root == null || root.isMissingNode() ? JsonNodeFactory.instance.objectNode() : root);
    this.body = doc.mapping(doc.root(), "");
    doc.onlyKeys(body, "", new TreeSet<>(keys));
    this.serverCatalog = serverCatalog;
    this.scenarios = scenarios;
    this.limits = limits;
  }

  Catalog catalog() {
    JsonNode models = body.get("models");
    if (models == null || models.isNull()) {
      return serverCatalog;
    }
    ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
    wrapped.set("models", models);
    return CatalogReader.read(YamlDocument.of(SOURCE, wrapped));
  }

  ModelProfile model(Catalog catalog) {
    JsonNode m = body.get("model");
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

  Budget budget() {
    Scenario sc = scenario();
    Map<String, JsonNode> b = body.containsKey("budget") && !body.get("budget").isNull()
        ? doc.mapping(body.get("budget"), "budget") : Map.of();
    doc.onlyKeys(b, "budget", Set.of("max_cost_usd", "max_latency_s", "min_accuracy"));
    Double c = value(b, "max_cost_usd", sc == null ? null : sc.budget().maxCostUsd());
    Double t = value(b, "max_latency_s", sc == null ? null : sc.budget().maxLatencyS());
    Double a = value(b, "min_accuracy", sc == null ? null : sc.budget().minAccuracy());
    for (Object[] f : new Object[][] {{"max_cost_usd", c}, {"max_latency_s", t}, {"min_accuracy", a}}) {
      if (f[1] == null) {
        throw doc.error("budget." + f[0], null, "is required (or give \"scenario\")");
      }
    }
    try {
      return Budget.of(c, t, a);
    } catch (InvalidInputException e) {
      throw e.under("budget").in(SOURCE);
    }
  }

  /** The budget's value from the body, else the scenario's (boxed: either may be absent). */
  private Double value(Map<String, JsonNode> b, String key, Double fallback) {
    if (b.containsKey(key) && !b.get(key).isNull()) {
      return Double.valueOf(doc.number(b, "budget", key));
    }
    return fallback;
  }

  /** "points": whether a plan's answer lists every grid point (default true); false keeps the picks only. */
  boolean points() {
    JsonNode v = body.get("points");
    if (v == null || v.isNull()) {
      return true;
    }
    if (!v.isBoolean()) {
      throw doc.error("points", v.toString(), "must be true or false");
    }
    return v.booleanValue();
  }

  Scenario scenario() {
    String name = doc.optionalText(body, "", "scenario");
    if (name == null) {
      return null;
    }
    return scenarios.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> doc.error("scenario", "\"" + name + "\"", "must be one of " + scenarios.stream().map(Scenario::name).toList()
            + Suggest.hint(name, scenarios.stream().map(Scenario::name).toList())));
  }

  List<Integer> parallels() {
    JsonNode p = body.get("parallel");
    List<Integer> out = new ArrayList<>();
    if (p == null || p.isNull()) {
      return out;
    }
    if (p.isIntegralNumber() && p.canConvertToInt()) {
      out.add(p.intValue());
    } else if (p.isArray()) {
      for (Iterator<JsonNode> it = p.elements(); it.hasNext(); ) {
        JsonNode e = it.next();
        if (!e.isIntegralNumber() || !e.canConvertToInt()) {
          throw doc.error("parallel", p.toString(), "must be a whole number or a list of whole numbers");
        }
        out.add(e.intValue());
      }
    } else {
      throw doc.error("parallel", p.toString(), "must be a whole number or a list of whole numbers");
    }
    for (int v : out) {
      if (v < 1 || v > ModelProfile.MAX_PARALLEL) {
        throw doc.error("parallel", p.toString(), "every P must be an integer in [1, " + ModelProfile.MAX_PARALLEL + "]");
      }
    }
    if (out.size() > limits.maxParallelValues()) {
      throw new CapExceeded("parallel", p.toString(), limits.maxParallelValues(), "more values of P than this server evaluates per request");
    }
    return out;
  }

  /**
   * The stopping policies: {@code "policy"} a name or a list of names (default fixed), {@code "margin"}
   * and {@code "score_threshold"} a value or a list (see {@link io.kstar.policy.Policy#expand}).
   */
  List<io.kstar.policy.Policy> policies() {
    List<String> rules = list("policy", JsonNode::isTextual, JsonNode::textValue, "a policy name or a list of them");
    List<Integer> margins = list("margin", n -> n.isIntegralNumber() && n.canConvertToInt(), JsonNode::intValue,
        "a whole number or a list of whole numbers");
    List<Double> thresholds = list("score_threshold", n -> n.isNumber(), JsonNode::doubleValue,
        "a number or a list of numbers");
    try {
      List<io.kstar.policy.Policy> out = io.kstar.policy.Policy.expand(rules, margins, thresholds);
      if (out.size() > MAX_POLICIES) {
        throw new CapExceeded("policy", out.size(), MAX_POLICIES, "more policies than this server evaluates per request");
      }
      return out;
    } catch (InvalidInputException e) {
      throw e.in(SOURCE);
    }
  }

  private <T> List<T> list(String key, java.util.function.Predicate<JsonNode> ok,
      java.util.function.Function<JsonNode, T> value, String allowed) {
    JsonNode n = body.get(key);
    List<T> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      if (n.size() > MAX_POLICIES) {
        throw new CapExceeded(key, n.size() + " values", MAX_POLICIES, "more values than this server evaluates per request");
      }
      for (JsonNode e : n) {
        if (!ok.test(e)) {
          throw doc.error(key, n.toString(), "must be " + allowed);
        }
        out.add(value.apply(e));
      }
    } else if (ok.test(n)) {
      out.add(value.apply(n));
    } else {
      throw doc.error(key, n.toString(), "must be " + allowed);
    }
    return out;
  }

  Grid.Kind grid() {
    String g = doc.optionalText(body, "", "grid");
    return g == null ? Grid.Kind.BATCH : Grid.Kind.parse("grid", g);
  }

  int kMax(int fallback) {
    Integer k = doc.optionalInt(body, "", "k_max");
    Scenario sc = scenario();
    int v = k != null ? k : sc != null && sc.kMax().isPresent() ? sc.kMax().getAsInt() : fallback;
    if (v < 1 || v > Grid.MAX_K) {
      throw doc.error("k_max", v, "must be an integer in [1, " + Grid.MAX_K + "]");
    }
    if (v > limits.maxKMax()) {
      throw new CapExceeded("k_max", v, limits.maxKMax(), "exceeds this server's cap on k_max");
    }
    return v;
  }

  BudgetBasis basis() {
    Double cq = body.containsKey("cost_quantile") && !body.get("cost_quantile").isNull()
        ? doc.number(body, "", "cost_quantile") : null;
    Double lq = body.containsKey("latency_quantile") && !body.get("latency_quantile").isNull()
        ? doc.number(body, "", "latency_quantile") : null;
    try {
      return new BudgetBasis(cq == null ? OptionalDouble.empty() : OptionalDouble.of(cq),
          lq == null ? OptionalDouble.empty() : OptionalDouble.of(lq));
    } catch (InvalidInputException e) {
      throw e.in(SOURCE);
    }
  }

  double accuracyTolerance() {
    double t = body.containsKey("accuracy_tolerance") ? doc.number(body, "", "accuracy_tolerance")
        : SelectionContext.DEFAULT_ACCURACY_TOLERANCE;
    if (!(t >= 0) || Double.isInfinite(t)) {
      throw doc.error("accuracy_tolerance", t, "must be a finite number >= 0");
    }
    return t;
  }

  /** The estimator, after checking the work it implies (samples = trials × k_max × curves) against the caps. */
  Estimator estimator(int kMax, int curves) {
    String e = doc.optionalText(body, "", "estimator");
    if (e == null || e.equals(ExactEstimator.NAME)) {
      return new ExactEstimator();
    }
    if (!e.equals(MonteCarloEstimator.NAME)) {
      throw doc.error("estimator", "\"" + e + "\"", "must be one of [exact, monte-carlo]");
    }
    Integer trials = doc.optionalInt(body, "", "trials");
    int t = trials == null ? MonteCarloEstimator.DEFAULT_TRIALS : trials;
    if (t < MonteCarloEstimator.MIN_TRIALS || t > MonteCarloEstimator.MAX_TRIALS) {
      throw doc.error("trials", t, "must be an integer in [" + MonteCarloEstimator.MIN_TRIALS + ", " + MonteCarloEstimator.MAX_TRIALS + "]");
    }
    if (t > limits.maxTrials()) {
      throw new CapExceeded("trials", t, limits.maxTrials(), "exceeds this server's cap on trials");
    }
    long samples = (long) t * kMax * Math.max(1, curves);
    if (samples > limits.maxSamples()) {
      throw new CapExceeded("trials", t, limits.maxSamples() + " samples (trials x k_max x curves)",
          "this request would draw " + samples + " samples, more than this server's cap");
    }
    JsonNode seedNode = body.get("seed");
    long seed = MonteCarloEstimator.DEFAULT_SEED;
    if (seedNode != null && !seedNode.isNull()) {
      if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
        throw doc.error("seed", seedNode.toString(), "must be a whole number");
      }
      seed = seedNode.longValue();
    }
    return new MonteCarloEstimator(t, seed, Math.min(2, Runtime.getRuntime().availableProcessors()));
  }

  Confidence confidence() {
    Double c = body.containsKey("confidence") && !body.get("confidence").isNull()
        ? doc.number(body, "", "confidence") : null;
    try {
      return Confidence.of(c);
    } catch (InvalidInputException e) {
      throw e.in(SOURCE);
    }
  }

  int baselineK() {
    Integer k = doc.optionalInt(body, "", "baseline_k");
    int v = k == null ? 1 : k;
    if (v < 1 || v > Grid.MAX_K) {
      throw doc.error("baseline_k", v, "must be an integer in [1, " + Grid.MAX_K + "]");
    }
    return v;
  }

  /** Every field is read; all the invalid ones are reported together. */
  Deployment.Request planRequest() {
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Catalog catalog = problems.check(this::catalog);
    ModelProfile m = catalog == null ? null : problems.check(() -> model(catalog));
    List<Integer> given = problems.check(this::parallels);
    Integer kMax = problems.check(() -> kMax(Grid.DEFAULT_K_MAX));
    Grid.Kind grid = problems.check(this::grid);
    Budget budget = problems.check(this::budget);
    BudgetBasis basis = problems.check(this::basis);
    Double tolerance = problems.check(this::accuracyTolerance);
    Integer baselineK = problems.check(this::baselineK);
    Confidence confidence = problems.check(this::confidence);
    List<io.kstar.policy.Policy> policies = problems.check(this::policies);
    problems.throwIfAny();
    List<Integer> ps = given.isEmpty() ? List.of(m.defaultParallel()) : given;
    Grid.of(grid, kMax, ps.get(0));
    try {
      return new Deployment.Request(m, ps, grid, kMax, budget, basis, tolerance, baselineK, confidence, policies);
    } catch (InvalidInputException e) {
      throw e.in(SOURCE);
    }
  }

  /** Every field is read; all the invalid ones are reported together. */
  Comparison.Request compareRequest() {
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Catalog catalog = problems.check(this::catalog);
    List<Integer> ps = problems.check(this::parallels);
    Integer kMax = problems.check(() -> kMax(Grid.DEFAULT_K_MAX));
    Grid.Kind grid = problems.check(this::grid);
    Budget budget = problems.check(this::budget);
    BudgetBasis basis = problems.check(this::basis);
    Double tolerance = problems.check(this::accuracyTolerance);
    Confidence confidence = problems.check(this::confidence);
    List<io.kstar.policy.Policy> policies = problems.check(this::policies);
    problems.throwIfAny();
    try {
      return new Comparison.Request(catalog, ps, grid, kMax, budget, basis, tolerance, confidence, policies);
    } catch (InvalidInputException e) {
      throw e.in(SOURCE);
    }
  }
}
