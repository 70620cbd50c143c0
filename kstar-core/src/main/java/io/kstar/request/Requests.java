package io.kstar.request;

import static io.kstar.request.RequestFields.ACCURACY_TOLERANCE;
import static io.kstar.request.RequestFields.BASELINE_K;
import static io.kstar.request.RequestFields.CONFIDENCE;
import static io.kstar.request.RequestFields.COST_QUANTILE;
import static io.kstar.request.RequestFields.ESTIMATOR;
import static io.kstar.request.RequestFields.GRID;
import static io.kstar.request.RequestFields.K_MAX;
import static io.kstar.request.RequestFields.LATENCY_QUANTILE;
import static io.kstar.request.RequestFields.MARGIN;
import static io.kstar.request.RequestFields.MAX_COST;
import static io.kstar.request.RequestFields.MAX_LATENCY;
import static io.kstar.request.RequestFields.MIN_ACCURACY;
import static io.kstar.request.RequestFields.PARALLEL;
import static io.kstar.request.RequestFields.POLICY;
import static io.kstar.request.RequestFields.REFERENCE;
import static io.kstar.request.RequestFields.SCENARIO;
import static io.kstar.request.RequestFields.SCORE_THRESHOLD;
import static io.kstar.request.RequestFields.SEED;
import static io.kstar.request.RequestFields.TRIALS;

import io.kstar.budget.Budget;
import io.kstar.budget.Scenario;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.ExactEstimator;
import io.kstar.estimate.LoadedEstimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.input.Suggest;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Comparison;
import io.kstar.plan.Confidence;
import io.kstar.plan.Deployment;
import io.kstar.policy.Policy;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.RequestShape;
import io.kstar.serving.Traffic;
import io.kstar.study.StudyOptions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * From a request's {@link RequestValues} to the planner's requests: the one place where a scenario fills
 * in budgets, k_max falls back, quantiles become a {@link BudgetBasis}, policies are expanded and an
 * estimator is made, for the command line and the service alike. Every problem names a request field;
 * {@code plan} and {@code compare} report all of them at once.
 */
public final class Requests {
  private Requests() {}

  /** The scenario named by {@code scenario}, or null; an error naming the field when it does not exist. */
  public static Scenario scenario(RequestValues v, List<Scenario> scenarios) {
    Optional<String> name = v.text(SCENARIO);
    if (name.isEmpty()) {
      return null;
    }
    List<String> names = scenarios.stream().map(Scenario::name).toList();
    return scenarios.stream().filter(s -> s.name().equals(name.get())).findFirst()
        .orElseThrow(() -> InvalidInputException.of(SCENARIO.name(), name.get(), "must be one of " + names
            + Suggest.hint(name.get(), names)));
  }

  /** The budgets: each given field, else the scenario's; every missing one is reported. */
  public static Budget budget(RequestValues v, Scenario s) {
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Double c = problems.check(() -> budgetValue(v, MAX_COST, s == null ? null : s.budget().maxCostUsd()));
    Double t = problems.check(() -> budgetValue(v, MAX_LATENCY, s == null ? null : s.budget().maxLatencyS()));
    Double a = problems.check(() -> budgetValue(v, MIN_ACCURACY, s == null ? null : s.budget().minAccuracy()));
    problems.throwIfAny();
    return Budget.of(c, t, a);
  }

  /**
   * The budgets, except when a scenario was named that does not exist: that is the problem already reported, and
   * the budgets it would have given are not reported missing as well.
   */
  private static Budget budgetUnlessUnknownScenario(RequestValues v, Scenario s) {
    return s == null && v.has(SCENARIO) ? null : budget(v, s);
  }

  /**
   * The values of P given, each checked against k_max on the batch grid (multiples of P up to k_max): a P past
   * k_max would leave it without a single k.
   */
  static void checkParallels(RequestValues v, Grid.Kind grid, int kMax) {
    if (grid != Grid.Kind.BATCH) {
      return;
    }
    for (int p : parallels(v)) {
      if (p > kMax) {
        throw InvalidInputException.of(PARALLEL.name(), p, "is more than k_max (" + kMax + "): the batch grid (multiples"
            + " of P up to k_max) would hold no k; use a P of at most " + kMax + ", a larger k_max, or the all grid");
      }
    }
  }

  private static Double budgetValue(RequestValues v, RequestField f, Double fallback) {
    Optional<Double> given = v.number(f);
    if (given.isPresent()) {
      return given.get();
    }
    if (fallback == null) {
      throw InvalidInputException.of(f.name(), null, "is required (or give a scenario)");
    }
    return fallback;
  }

  /** k_max: given, else the scenario's, else {@code fallback}. */
  public static int kMax(RequestValues v, Scenario s, int fallback) {
    return v.integer(K_MAX).orElse(s != null && s.kMax().isPresent() ? s.kMax().getAsInt() : fallback);
  }

  public static Grid.Kind grid(RequestValues v) {
    return Grid.Kind.parse(GRID.name(), v.text(GRID).orElseThrow());
  }

  public static BudgetBasis basis(RequestValues v) {
    return new BudgetBasis(optional(v.number(COST_QUANTILE)), optional(v.number(LATENCY_QUANTILE)));
  }

  public static Confidence confidence(RequestValues v) {
    return Confidence.of(v.number(CONFIDENCE).orElse(null));
  }

  public static double accuracyTolerance(RequestValues v) {
    return v.number(ACCURACY_TOLERANCE).orElseThrow();
  }

  public static int baselineK(RequestValues v) {
    return v.integer(BASELINE_K).orElseThrow();
  }

  /** The policies asked for ([fixed] when none), until-lead with each margin and until-score with each threshold. */
  public static List<Policy> policies(RequestValues v) {
    return Policy.expand(v.list(POLICY), v.list(MARGIN), v.list(SCORE_THRESHOLD));
  }

  /** The values of P asked for (empty: each model's default). */
  public static List<Integer> parallels(RequestValues v) {
    return v.list(PARALLEL);
  }

  /** One P (curve, reproduce): empty when none is given; an error when several are. */
  public static OptionalInt parallel(RequestValues v) {
    List<Integer> ps = parallels(v);
    if (ps.size() > 1) {
      throw InvalidInputException.of(PARALLEL.name(), ps.toString().replace(" ", ""),
          "must be one P here: " + v.operation().id() + " evaluates one P at a time");
    }
    return ps.isEmpty() ? OptionalInt.empty() : OptionalInt.of(ps.get(0));
  }

  /** The one policy of a curve: an error naming the field when the request asks for several. */
  public static Policy curvePolicy(RequestValues v) {
    List<Policy> ps = policies(v);
    if (ps.size() != 1) {
      throw InvalidInputException.of(POLICY.name(), ps.toString().replace(" ", ""), "must be one policy here: a curve"
          + " draws one policy at a time (and one margin or score_threshold)");
    }
    return ps.get(0);
  }

  public static boolean monteCarlo(RequestValues v) {
    return v.text(ESTIMATOR).orElseThrow().equals(MonteCarloEstimator.NAME);
  }

  /**
   * The estimator: exact, or Monte Carlo with the trials and seed given, on {@code threads} threads; at a
   * traffic, that estimator under load ({@link LoadedEstimator}).
   */
  public static Estimator estimator(RequestValues v, int threads) {
    if (!monteCarlo(v)) {
      // one rule for settings that do not apply: refused, naming the setting and why (as --margin without until-lead)
      InvalidInputException.Collector unused = new InvalidInputException.Collector();
      for (RequestField f : List.of(TRIALS, SEED, RequestFields.THREADS)) {
        if (v.has(f)) {
          unused.check(() -> {
            throw InvalidInputException.of(f.name(), v.get(f).orElseThrow(), "applies only to the monte-carlo"
                + " estimator, which was not asked for (the exact estimator has no trials, seed or threads)");
          });
        }
      }
      unused.throwIfAny();
    }
    Estimator e = !monteCarlo(v) ? new ExactEstimator()
        : new MonteCarloEstimator(v.integer(TRIALS).orElseThrow(), v.longValue(SEED).orElseThrow(), threads);
    Optional<Traffic> t = traffic(v);
    return t.isPresent() ? new LoadedEstimator(e, t.get()) : e;
  }

  /**
   * {@code budget}'s estimator: at a traffic, each k gets the fewest replicas that meet {@code max_latency_s}
   * (replicas auto); the field means nothing there without traffic, and is refused.
   */
  public static Estimator reverse(RequestValues v, Estimator e) {
    Optional<Double> t = v.number(RequestFields.MAX_LATENCY);
    if (t.isEmpty()) {
      return e;
    }
    if (!(e instanceof LoadedEstimator)) {
      throw InvalidInputException.of(RequestFields.MAX_LATENCY.name(), io.kstar.input.Check.fmt(t.get()),
          "applies to budget only at a traffic (" + RequestFields.TRAFFIC.flag() + " R with "
              + RequestFields.REPLICAS.flag() + " auto): the latency each k's replicas must meet");
    }
    return LoadedEstimator.within(e, t.get(), optional(v.number(LATENCY_QUANTILE)));
  }

  /** The traffic and replicas asked for; empty without {@code traffic}, an error when replicas come without it. */
  public static Optional<Traffic> traffic(RequestValues v) {
    if (!v.has(RequestFields.TRAFFIC)) {
      if (v.has(RequestFields.REPLICAS)) {
        throw InvalidInputException.of(RequestFields.REPLICAS.name(), v.get(RequestFields.REPLICAS).orElseThrow(),
            "applies only with traffic (" + RequestFields.TRAFFIC.flag() + " R, requests per second)");
      }
      return Optional.empty();
    }
    Object r = v.get(RequestFields.REPLICAS).orElseThrow();
    return Optional.of(new Traffic(v.number(RequestFields.TRAFFIC).orElseThrow(),
        r instanceof Integer n ? OptionalInt.of(n) : OptionalInt.empty()));
  }

  /** The profile with the request's shape and cache prices, where it gives them. */
  public static ModelProfile profile(RequestValues v, ModelProfile m) {
    RequestShape shape = m.requests();
    if (v.has(RequestFields.SAMPLES_PER_REQUEST)) {
      shape = shape.withSamplesPerRequest(v.integer(RequestFields.SAMPLES_PER_REQUEST).orElseThrow());
    }
    if (v.has(RequestFields.PROMPT_CACHE)) {
      shape = shape.withPromptCache(v.flag(RequestFields.PROMPT_CACHE));
    }
    Prices prices = m.prices();
    if (v.has(RequestFields.C_IN_CACHED)) {
      prices = prices.withCachedInput(OptionalDouble.of(v.number(RequestFields.C_IN_CACHED).orElseThrow()));
    }
    if (v.has(RequestFields.C_CACHE_WRITE)) {
      prices = prices.withCacheWrite(OptionalDouble.of(v.number(RequestFields.C_CACHE_WRITE).orElseThrow()));
    }
    return shape.equals(m.requests()) && prices.equals(m.prices()) ? m : m.withRequests(shape).withPrices(prices);
  }

  /** Every model of the catalog with the request's shape and cache prices. */
  public static Catalog catalog(RequestValues v, Catalog c) {
    return new Catalog(c.models().stream().map(m -> profile(v, m)).toList());
  }

  /** A plan of {@code model}: every field read, every problem reported at once. */
  public static Deployment.Request plan(RequestValues v, ModelProfile model, List<Scenario> scenarios) {
    model = profile(v, model);
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Scenario s = problems.check(() -> scenario(v, scenarios));
    Budget budget = problems.check(() -> budgetUnlessUnknownScenario(v, s));
    BudgetBasis basis = problems.check(() -> basis(v));
    Confidence confidence = problems.check(() -> confidence(v));
    List<Policy> policies = problems.check(() -> policies(v));
    problems.throwIfAny();
    List<Integer> ps = parallels(v).isEmpty() ? List.of(model.defaultParallel()) : parallels(v);
    int kMax = kMax(v, s, Grid.DEFAULT_K_MAX);
    checkParallels(v, grid(v), kMax);
    Grid.of(grid(v), kMax, ps.get(0)); // refuses a grid too large
    return new Deployment.Request(model, ps, grid(v), kMax, budget, basis, accuracyTolerance(v),
        v.integer(BASELINE_K).orElse(1), confidence, policies);
  }

  /** A comparison of {@code catalog}: every field read, every problem reported at once. */
  public static Comparison.Request compare(RequestValues v, Catalog catalog, List<Scenario> scenarios) {
    catalog = catalog(v, catalog);
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Scenario s = problems.check(() -> scenario(v, scenarios));
    Budget budget = problems.check(() -> budgetUnlessUnknownScenario(v, s));
    BudgetBasis basis = problems.check(() -> basis(v));
    Confidence confidence = problems.check(() -> confidence(v));
    List<Policy> policies = problems.check(() -> policies(v));
    problems.throwIfAny();
    int kMax = kMax(v, s, Grid.DEFAULT_K_MAX);
    checkParallels(v, grid(v), kMax);
    Grid.of(grid(v), kMax, 1);
    return new Comparison.Request(catalog, parallels(v), grid(v), kMax, budget, basis, accuracyTolerance(v),
        confidence, policies);
  }

  /** The options of a study ({@code reproduce}). */
  public static StudyOptions study(RequestValues v, Estimator estimator) {
    return new StudyOptions(estimator, grid(v), optionalInt(v.integer(K_MAX)), parallel(v), accuracyTolerance(v),
        baselineK(v), v.text(REFERENCE), confidence(v), policies(v));
  }

  private static OptionalDouble optional(Optional<Double> d) {
    return d.isPresent() ? OptionalDouble.of(d.get()) : OptionalDouble.empty();
  }

  private static OptionalInt optionalInt(Optional<Integer> i) {
    return i.isPresent() ? OptionalInt.of(i.get()) : OptionalInt.empty();
  }
}
