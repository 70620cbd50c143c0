package io.kstar.request;

import static io.kstar.request.Operation.BUDGET;
import static io.kstar.request.Operation.COMPARE;
import static io.kstar.request.Operation.CURVE;
import static io.kstar.request.Operation.PLAN;
import static io.kstar.request.Operation.REPRODUCE;
import static io.kstar.request.Operation.SENSITIVITY;

import io.kstar.estimate.ExactEstimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.parameter.Range;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.RequestShape;
import io.kstar.request.RequestField.Type;
import io.kstar.select.AccuracyMax;
import io.kstar.serving.Traffic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one declaration of a planning request: every field a planning command or endpoint takes, with its
 * name, flag, type, range, default and description. The command line builds its options from it, the
 * service reads bodies with it and publishes it in its OpenAPI document, and errors name its fields; a
 * new field is one declaration here and its use in {@link Requests}.
 */
public final class RequestFields {
  private RequestFields() {}

  private static final Operation[] PLANNING = {PLAN, COMPARE, SENSITIVITY};
  private static final Operation[] ALL_OPS = Operation.values();

  // ---- where the models and budgets come from -----------------------------------------------------

  public static final RequestField MODELS = RequestField.of("models", "--models", "FILE", Type.SOURCE,
      "the catalog in either profile format (command line: a YAML or JSON file; service: the catalog's models object"
          + " in the flat format). Default: the paper's nine models", ALL_OPS);
  public static final RequestField SCENARIOS = RequestField.of("scenarios", "--scenarios", "FILE", Type.SOURCE,
      "scenarios (a YAML or JSON file). Default: the reproduction's three", REPRODUCE, PLAN, COMPARE, SENSITIVITY)
      .on(Surface.CLI);
  public static final RequestField MODEL = RequestField.of("model", "--model", "ID", Type.SOURCE,
      "the model: an id of the catalog (service: or an inline profile object in the flat format)",
      PLAN, SENSITIVITY, CURVE, BUDGET);
  public static final RequestField SCENARIO = RequestField.of("scenario", "--scenario", "NAME", Type.TEXT,
      "take the budgets (and k_max) from this scenario; budgets given too override it", PLANNING);

  public static final RequestField MAX_COST = RequestField.of("max_cost_usd", "--max-cost", "USD", Type.NUMBER,
      "cost budget per request, all k samples", PLANNING).withRange(Range.positive()).inGroup("budget");
  public static final RequestField MAX_LATENCY = RequestField.of("max_latency_s", "--max-latency", "S", Type.NUMBER,
      "latency budget per request, seconds of wall clock (budget: at a traffic with replicas auto, the latency each"
          + " k's replicas must meet)", PLAN, COMPARE, SENSITIVITY, BUDGET).withRange(Range.positive()).inGroup("budget");
  public static final RequestField MIN_ACCURACY = RequestField.of("min_accuracy", "--min-accuracy", "A", Type.NUMBER,
      "accuracy floor: expected accuracy per request (budget: the accuracy target)", PLAN, COMPARE, SENSITIVITY, BUDGET)
      .withRange(new Range(0, true, 1, false, "")).inGroup("budget");
  public static final RequestField COST_QUANTILE = RequestField.of("cost_quantile", "--cost-quantile", "Q", Type.NUMBER,
      "percentile budget: a k is feasible only when the Q-quantile of cost is within budget (e.g. 0.95)",
      PLAN, COMPARE, SENSITIVITY, BUDGET).withRange(Range.openUnitInterval());
  public static final RequestField LATENCY_QUANTILE = RequestField.of("latency_quantile", "--latency-quantile", "Q",
      Type.NUMBER, "percentile budget: a k is feasible only when the Q-quantile of latency is within budget (e.g. 0.95)",
      PLAN, COMPARE, SENSITIVITY, BUDGET).withRange(Range.openUnitInterval());
  public static final RequestField CONFIDENCE = RequestField.of("confidence", "--confidence", "C", Type.NUMBER,
      "plan robustly: a k is feasible only when the probability that its expected cost, latency and accuracy meet the"
          + " budgets (over the profile's calibration uncertainty) is at least C, e.g. 0.9. Default: off (the means)",
      REPRODUCE, PLAN, COMPARE, SENSITIVITY, BUDGET).withRange(Range.openUnitInterval());

  // ---- what is searched ---------------------------------------------------------------------------

  public static final RequestField PARALLEL = RequestField.of("parallel", "--parallel", "P|LIST|RANGE", Type.PARALLEL,
      "samples run at once: P, or several (1,2,4 or 1-8) to choose P with k (curve and reproduce: one P)."
          + " Default: each model's default_parallel", ALL_OPS)
      .withRange(Range.integers(1, ModelProfile.MAX_PARALLEL));
  public static final RequestField GRID = RequestField.of("grid", "--grid", "batch|all", Type.CHOICE,
      "batch: k = P, 2P, ... <= k_max (the paper's grid); all: every k in 1..k_max", ALL_OPS)
      .withChoices(List.of(Grid.Kind.BATCH.id(), Grid.Kind.ALL.id())).withDefault(Grid.Kind.BATCH.id());
  public static final RequestField K_MAX = RequestField.of("k_max", "--k-max", "K", Type.INTEGER,
      "largest k; overrides the scenario's k_max. Default: the scenario's, else " + Grid.DEFAULT_K_MAX
          + " (budget: 1024)", ALL_OPS)
      .withRange(Range.integers(1, Grid.MAX_K));
  public static final RequestField POLICY = RequestField.of("policy", "--policy", "POLICY[,POLICY...]", Type.CHOICES,
      "when a request stops sampling (k becomes the cap): " + policies() + ". A list is searched with k and P",
      ALL_OPS).withChoices(Policy.Rule.ids()).withDefault(Policy.Rule.FIXED.id());
  public static final RequestField MARGIN = RequestField.of("margin", "--margin", "D[,D...]", Type.INTEGERS,
      "until-lead: the lead in votes that stops sampling (or a list to search)", ALL_OPS)
      .withRange(Range.integers(1, Policy.MAX_MARGIN));
  public static final RequestField SCORE_THRESHOLD = RequestField.of("score_threshold", "--score-threshold", "T[,T...]",
      Type.NUMBERS, "until-score: the score that stops sampling (or a list to search)", ALL_OPS)
      .withRange(new Range(0, true, 1, false, ""));

  // ---- how curves are computed --------------------------------------------------------------------

  public static final RequestField ESTIMATOR = RequestField.of("estimator", "--estimator", "exact|monte-carlo",
      Type.CHOICE, "exact (closed forms and quadrature, no noise) or monte-carlo (seeded simulation)", ALL_OPS)
      .withChoices(List.of(ExactEstimator.NAME, MonteCarloEstimator.NAME)).withDefault(ExactEstimator.NAME);
  public static final RequestField TRIALS = RequestField.of("trials", "--trials", "M", Type.INTEGER,
      "Monte Carlo trials (simulated requests per k)", ALL_OPS)
      .withRange(Range.integers(MonteCarloEstimator.MIN_TRIALS, MonteCarloEstimator.MAX_TRIALS))
      .withDefault(Integer.toString(MonteCarloEstimator.DEFAULT_TRIALS));
  public static final RequestField SEED = RequestField.of("seed", "--seed", "S", Type.LONG,
      "Monte Carlo seed; the same seed gives the same bytes on any number of threads", ALL_OPS)
      .withDefault(Long.toString(MonteCarloEstimator.DEFAULT_SEED));
  public static final RequestField THREADS = RequestField.of("threads", "--threads", "N", Type.INTEGER,
      "Monte Carlo threads. Default: every core", ALL_OPS).withRange(Range.integers(1, 1024)).on(Surface.CLI);

  // ---- what is picked and shown -------------------------------------------------------------------

  public static final RequestField ACCURACY_TOLERANCE = RequestField.of(AccuracyMax.TOLERANCE.name(),
      "--accuracy-tolerance", "TAU", Type.NUMBER, AccuracyMax.TOLERANCE.description(),
      REPRODUCE, PLAN, COMPARE, SENSITIVITY)
      .withRange(AccuracyMax.TOLERANCE.range())
      .withDefault(Double.toString(AccuracyMax.TOLERANCE.defaultValue().getAsDouble()));
  public static final RequestField BASELINE_K = RequestField.of("baseline_k", "--baseline-k", "K", Type.INTEGER,
      "the fixed k of the 1-D baseline", REPRODUCE, PLAN).withRange(Range.integers(1, Grid.MAX_K)).withDefault("1");
  public static final RequestField REFERENCE = RequestField.of("reference_model", "--reference", "MODEL", Type.TEXT,
      "the large model of the headline. Default: the highest expected cost per sample", REPRODUCE).on(Surface.CLI);
  // ---- the request shape: changes every model of the request --------------------------------------

  public static final RequestField SAMPLES_PER_REQUEST = RequestField.of(RequestShape.SAMPLES_PER_REQUEST.name(),
      "--samples-per-request", "N", Type.INTEGER, RequestShape.SAMPLES_PER_REQUEST.description()
          + "; sets the model's (every model's) samples_per_request", ALL_OPS)
      .withRange(RequestShape.SAMPLES_PER_REQUEST.range());
  public static final RequestField PROMPT_CACHE = RequestField.of("prompt_cache", "--prompt-cache", "true|false",
      Type.BOOLEAN, "the provider caches the prompt: calls after a request's first read it at c_in_cached; sets the"
          + " model's (every model's) prompt_cache", ALL_OPS);
  public static final RequestField C_IN_CACHED = RequestField.of(Prices.C_IN_CACHED.name(), "--c-in-cached", "USD",
      Type.NUMBER, "USD per input token read from the prompt cache; sets the model's (every model's) c_in_cached",
      ALL_OPS).withRange(Prices.C_IN_CACHED.range());
  public static final RequestField C_CACHE_WRITE = RequestField.of(Prices.C_CACHE_WRITE.name(), "--c-cache-write", "USD",
      Type.NUMBER, "USD per input token written to the prompt cache by a request's first call; sets the model's"
          + " (every model's) c_cache_write", ALL_OPS).withRange(Prices.C_CACHE_WRITE.range());

  // ---- traffic: a self-hosted model's replicas under load -------------------------------------------

  public static final RequestField TRAFFIC = RequestField.of("traffic", "--traffic", "R", Type.NUMBER,
      "requests per second the deployment serves: each point loads a model's replicas with R x (E[calls] x E[L_in]"
          + " + E[samples] x E[L_out]) tokens/s and reads its latency off the model's load curve (serving)."
          + " Default: none (a request alone on the server)", ALL_OPS).withRange(Traffic.RATE);
  public static final RequestField REPLICAS = RequestField.of("replicas", "--replicas", "N|auto", Type.COUNT_OR_AUTO,
      "replicas sharing the traffic, or auto: for each point the fewest that meet the latency budget (reproduce:"
          + " each scenario's; curve, and budget without --max-latency: the fewest under capacity). Needs traffic", ALL_OPS)
      .withRange(Traffic.REPLICAS).withDefault("1");

  public static final RequestField POINTS = RequestField.of("points", "--points", "", Type.BOOLEAN,
      "false leaves out the array of every grid point; the picks, baselines and feasible ks stay", PLAN)
      .withDefault("true").on(Surface.API);

  /** Every field, in the order help and the OpenAPI document list them. */
  public static final List<RequestField> ALL = List.of(MODELS, SCENARIOS, MODEL, SCENARIO, MAX_COST, MAX_LATENCY,
      MIN_ACCURACY, COST_QUANTILE, LATENCY_QUANTILE, CONFIDENCE, PARALLEL, GRID, K_MAX, POLICY, MARGIN, SCORE_THRESHOLD,
      ESTIMATOR, TRIALS, SEED, THREADS, ACCURACY_TOLERANCE, BASELINE_K, REFERENCE, SAMPLES_PER_REQUEST, PROMPT_CACHE,
      C_IN_CACHED, C_CACHE_WRITE, TRAFFIC, REPLICAS, POINTS);

  private static final Map<String, RequestField> BY_NAME = new LinkedHashMap<>();

  static {
    for (RequestField f : ALL) {
      if (BY_NAME.put(f.name(), f) != null) {
        throw new IllegalStateException("two request fields are named " + f.name());
      }
    }
  }

  private static String policies() {
    List<String> out = new ArrayList<>();
    for (Policy.Rule r : Policy.Rule.values()) {
      out.add(r.id() + " (" + r.description() + ")");
    }
    return String.join(", ", out);
  }

  /** The fields an operation takes on a surface, in declaration order. */
  public static List<RequestField> of(Operation op, Surface s) {
    return ALL.stream().filter(f -> f.takes(op, s)).toList();
  }

  public static Optional<RequestField> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /**
   * The command line's flag for a field name: the declared flag of a request field, else {@code --} and
   * the name with dashes for underscores, in lower case (the rule every other flag follows:
   * {@code fit_up_to} is {@code --fit-up-to}, {@code mu_Lin} is {@code --mu-lin}).
   */
  public static String flagOf(String name) {
    RequestField f = BY_NAME.get(name);
    if (f != null) {
      return f.flag();
    }
    return "--" + name.replace('_', '-').toLowerCase(java.util.Locale.ROOT);
  }
}
