package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.AccuracyModels;
import io.kstar.accuracy.Scores;
import io.kstar.accuracy.Voting;
import io.kstar.length.LengthModels;
import io.kstar.budget.Budget;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.CatalogWriter;
import io.kstar.catalog.ScenarioReader;
import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import io.kstar.parameter.ModelKind;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Deployment;
import io.kstar.plan.Sensitivity;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.Speeds;
import io.kstar.server.KstarServer;
import io.kstar.server.Limits;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One profile gives one answer: over random profiles of every accuracy × output-length × latency
 * model combination (input lengths, rate limits, samples per call, prompt caching, cache prices and
 * every figure drawn at random, fixed seed), the
 * expected cost, latency and accuracy at the same (model, k, P), and for calibrated profiles the 90 %
 * interval of the expected accuracy and the extrapolation mark, are identical (to 1e-9 relative) in
 * {@code curve}, {@code plan} (every point and every pick), {@code compare}, {@code budget}, the
 * unchanged base of {@code sensitivity}, {@code reproduce} and the HTTP endpoints {@code /v1/curve},
 * {@code /v1/plan} and {@code /v1/compare}; and again for each profile with a load curve at a traffic. The guard against a command rebuilding a profile and
 * losing a part of it (as {@code plan} once lost the latency model).
 */
class OneProfileOneAnswerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final int K_MAX = 24;
  static KstarServer server;
  static String base;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    server = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(), Limits.defaults());
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Every registered accuracy × output length × latency kind (the registries are enumerated, so a new
   * kind is covered with no change here), each with random figures drawn within its declared ranges.
   */
  static Stream<ModelProfile> profiles() {
    Random r = new Random(20261128);
    List<ModelProfile> out = new ArrayList<>();
    List<? extends ModelKind<? extends LengthModel>> lengths = LengthModels.REGISTRY.kinds();
    int n = 0;
    for (ModelKind<? extends AccuracyModel> a : AccuracyModels.REGISTRY.kinds()) {
      for (ModelKind<? extends LengthModel> l : lengths) {
        for (ModelKind<? extends LatencyModel> lat : LatencyModel.REGISTRY.kinds()) {
          n++;
          out.add(ModelProfile.builder("m" + n).name(a.id() + "/" + l.id() + "/" + lat.id())
              .prices(prices(r)).speeds(round(r, 1e-5, 5e-4), round(r, 1e-3, 2e-2))
              .requests(new io.kstar.profile.RequestShape(new int[] {1, 2, 3, 20}[r.nextInt(4)], r.nextBoolean()))
              .inputLength(draw(lengths.get(r.nextInt(lengths.size())), r, 300, 1500))
              .outputLength(draw(l, r, 200, 3000)).accuracy(draw(a, r, 0, 0)).latency(draw(lat, r, 0, 0))
              .parallel(1 + r.nextInt(4)).calibration(calibration(r, a)).build());
        }
      }
    }
    return out.stream();
  }

  /** Input and output prices, and half the time a cached-input price (below the input price) and a write price. */
  static Prices prices(Random r) {
    double in = round(r, 1e-7, 5e-6);
    double out = round(r, 1e-6, 2e-5);
    if (!r.nextBoolean()) {
      return new Prices(in, out);
    }
    return new Prices(in, out, OptionalDouble.of(round(r, in / 10, in)), OptionalDouble.of(round(r, in, 2 * in)));
  }

  /** Every registered kind is among the profiles. */
  @Test
  void theProfiles_coverEveryRegisteredKind() {
    List<ModelProfile> all = profiles().toList();
    assertThat(all.stream().map(m -> m.accuracy().id()).distinct().toList())
        .containsExactlyInAnyOrderElementsOf(AccuracyModels.REGISTRY.ids());
    assertThat(all.stream().map(m -> m.outputLength().id()).distinct().toList())
        .containsExactlyInAnyOrderElementsOf(LengthModels.REGISTRY.ids());
    assertThat(all.stream().map(m -> m.latency().id()).distinct().toList())
        .containsExactlyInAnyOrderElementsOf(LatencyModel.REGISTRY.ids());
  }

  /** A uniform draw rounded to 4 significant digits, so catalogs write it exactly. */
  static double round(Random r, double lo, double hi) {
    double v = lo + (hi - lo) * r.nextDouble();
    return new BigDecimal(v).round(new MathContext(4)).doubleValue();
  }

  /**
   * A model of {@code kind} with each declared parameter drawn at random: from a plausible range for the
   * parameters kstar has (lengths between {@code lo} and {@code hi} tokens), else from its declared range
   * (a new kind's parameter). An optional parameter is given half the time.
   */
  static <M> M draw(ModelKind<M> kind, Random r, double lo, double hi) {
    io.kstar.parameter.ParameterValues.Builder v = io.kstar.parameter.ParameterValues.builder();
    double mean = round(r, Math.max(1, lo), Math.max(2, hi));
    for (io.kstar.parameter.Parameter p : kind.parameters()) {
      if (p.optional() && r.nextBoolean()) {
        continue;
      }
      switch (p.name()) {
        case "mean" -> v.number("mean", mean);
        case "sd" -> v.number("sd", kind.id().equals("lognormal") ? round(r, mean / 10, mean) : round(r, 0, mean / 4));
        case "values" -> v.list("values", new double[] {round(r, lo, hi), round(r, lo, hi), round(r, lo, hi)});
        case "acc_mean" -> v.number(p.name(), round(r, 0.5, 0.95));
        case "acc_std" -> v.number(p.name(), round(r, 0.01, 0.2));
        case "difficulty_alpha", "difficulty_beta" -> v.number(p.name(), round(r, 0.3, 3));
        case "wrong_answers" -> v.number(p.name(), 1 + r.nextInt(4));
        case "selector_accuracy" -> v.number(p.name(), round(r, 0.5, 1));
        case "unsolved_share" -> v.number(p.name(), round(r, 0, 0.3));
        case "ttft_s" -> v.number(p.name(), round(r, 0.05, 1.0));
        case "rate_limit_tpm" -> v.number(p.name(), round(r, 5_000, 200_000));
        default -> {
          io.kstar.parameter.Range range = p.range();
          double x = range.clip(range.min() + (Double.isFinite(range.max()) ? (range.max() - range.min()) / 2 : 1)
              * r.nextDouble());
          v.number(p.name(), range.integer() ? Math.rint(x) : x);
        }
      }
    }
    return kind.create(v.build());
  }

  /** Right-or-wrong models get a calibration (replicates, a data range, hold or model beyond it); the Gaussian none. */
  static io.kstar.profile.Calibration calibration(Random r, ModelKind<? extends AccuracyModel> kind) {
    if (kind.can(AccuracyModels.SCORES)) {
      return null;
    }
    Random copy = new Random(r.nextLong());
    List<AccuracyModel> reps = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      reps.add(draw(kind, copy, 0, 0));
    }
    return new io.kstar.profile.Calibration("random replicates", 4 + r.nextInt(13), reps,
        r.nextBoolean() ? io.kstar.profile.Calibration.Beyond.HOLD : io.kstar.profile.Calibration.Beyond.MODEL);
  }

  /** (k, P) → {E[C], E[T], E[A]}. */
  record Key(int k, int p) {}

  static void put(Map<Key, double[]> m, int k, int p, JsonNode point) {
    m.put(new Key(k, p), new double[] {mean(point.get("cost_usd")), mean(point.get("latency_s")), mean(point.get("accuracy")),
        point.get("expected_accuracy").get("p05").asDouble(), point.get("expected_accuracy").get("p95").asDouble(),
        point.get("extrapolated").asBoolean() ? 1 : 0});
  }

  /** The expected-accuracy interval and the extrapolation mark agree too, where an output carries them. */
  static void sameInterval(String where, double[] expected, JsonNode point) {
    if (point.has("expected_accuracy")) {
      assertThat(point.get("expected_accuracy").get("p05").asDouble()).as(where + " p05")
          .isCloseTo(expected[3], org.assertj.core.api.Assertions.withinPercentage(1e-7));
      assertThat(point.get("expected_accuracy").get("p95").asDouble()).as(where + " p95")
          .isCloseTo(expected[4], org.assertj.core.api.Assertions.withinPercentage(1e-7));
      assertThat(point.get("extrapolated").asBoolean() ? 1.0 : 0.0).as(where + " extrapolated").isEqualTo(expected[5]);
    }
  }

  static double mean(JsonNode n) {
    return n.isObject() ? n.get("mean").asDouble() : n.asDouble();
  }

  static void same(String where, double[] expected, double[] actual) {
    for (int i = 0; i < 3; i++) {
      assertThat(actual[i]).as(where + " " + List.of("cost", "latency", "accuracy").get(i))
          .isCloseTo(expected[i], org.assertj.core.api.Assertions.withinPercentage(1e-7));
    }
  }

  static JsonNode cli(String... args) throws Exception {
    Cli.Result r = Cli.run(args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    return JSON.readTree(r.out());
  }

  static JsonNode http(String path, String body) throws Exception {
    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(path + " " + res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void everyCommandAndEndpoint_givesTheSameNumbers(ModelProfile m) throws Exception {
    String yaml = CatalogWriter.write(new Catalog(List.of(m)), CatalogWriter.Style.FLAT);
    Path catalog = Files.writeString(dir.resolve(m.id() + ".yaml"), yaml);
    assertThat(CatalogReader.read(catalog, "models").models().get(0)).isEqualTo(m);
    String f = catalog.toString();
    int p = m.defaultParallel();

    // the reference: kstar curve over every k
    Map<Key, double[]> ref = new HashMap<>();
    for (JsonNode pt : cli("curve", "--models", f, "--model", m.id(), "--grid", "all", "--k-max", "" + K_MAX,
        "--format", "json").get("points")) {
      put(ref, pt.get("k").asInt(), p, pt);
    }
    double[] at8 = ref.get(new Key(8, p));
    // budgets that admit some k and refuse others
    Budget b = Budget.of(at8[0] * 1.0001, at8[1] * 1.0001, Math.min(1, ref.get(new Key(1, p))[2] + 1e-9));
    String[] budget = {"--max-cost", "" + b.maxCostUsd(), "--max-latency", "" + b.maxLatencyS(), "--min-accuracy",
        "" + b.minAccuracy()};

    // plan: every point (core) and every pick (JSON)
    Deployment.Request req = new Deployment.Request(m, List.of(p), Grid.Kind.ALL, K_MAX, b, BudgetBasis.MEANS, 1e-6, 1);
    Deployment.Result plan = Deployment.plan(req, new ExactEstimator());
    for (int k = 1; k <= K_MAX; k++) {
      var cp = plan.at(p, k);
      same("plan point k=" + k, ref.get(new Key(k, p)),
          new double[] {cp.cost().mean(), cp.latency().mean(), cp.accuracy().mean()});
    }
    JsonNode planJson = cli(concat(new String[] {"plan", "--models", f, "--model", m.id(), "--grid", "all", "--k-max",
        "" + K_MAX, "--format", "json"}, budget));
    checkPicks("plan", ref, planJson.get("picks"));
    JsonNode planHttp = http("/v1/plan", "{\"models\": " + JSON.writeValueAsString(JSON.readTree(asJson(yaml)).get("models"))
        + ", \"model\": \"" + m.id() + "\", \"grid\": \"all\", \"k_max\": " + K_MAX + ", \"budget\": {\"max_cost_usd\": "
        + b.maxCostUsd() + ", \"max_latency_s\": " + b.maxLatencyS() + ", \"min_accuracy\": " + b.minAccuracy() + "}}");
    checkPicks("/v1/plan", ref, planHttp.get("picks"));

    // sensitivity's unchanged base
    Sensitivity.Result sens = Sensitivity.analyse(req, new ExactEstimator());
    for (int k = 1; k <= K_MAX; k++) {
      var cp = sens.base().at(p, k);
      same("sensitivity base k=" + k, ref.get(new Key(k, p)),
          new double[] {cp.cost().mean(), cp.latency().mean(), cp.accuracy().mean()});
    }

    // compare: the joint front and the selections
    JsonNode cmp = cli(concat(new String[] {"compare", "--models", f, "--grid", "all", "--k-max", "" + K_MAX,
        "--format", "json"}, budget));
    checkOperatingPoints("compare", ref, cmp.get("pareto"));
    cmp.get("selections").forEach(s -> checkOperatingPoint("compare selection", ref, s));
    JsonNode cmpHttp = http("/v1/compare", "{\"models\": " + JSON.writeValueAsString(JSON.readTree(asJson(yaml)).get("models"))
        + ", \"grid\": \"all\", \"k_max\": " + K_MAX + ", \"budget\": {\"max_cost_usd\": " + b.maxCostUsd()
        + ", \"max_latency_s\": " + b.maxLatencyS() + ", \"min_accuracy\": " + b.minAccuracy() + "}}");
    checkOperatingPoints("/v1/compare", ref, cmpHttp.get("pareto"));

    // budget: the cheapest and fastest k for an accuracy target
    JsonNode rev = cli("budget", "--models", f, "--model", m.id(), "--grid", "all", "--k-max", "" + K_MAX,
        "--min-accuracy", "" + b.minAccuracy(), "--format", "json");
    for (JsonNode a : rev.get("models")) {
      if (a.get("reached").asBoolean()) {
        int k = a.get("min_max_cost_usd").get("k").asInt();
        assertThat(a.get("min_max_cost_usd").get("value").asDouble())
            .isCloseTo(ref.get(new Key(k, p))[0], org.assertj.core.api.Assertions.withinPercentage(1e-7));
        assertThat(a.get("min_max_cost_usd").get("accuracy").asDouble())
            .isCloseTo(ref.get(new Key(k, p))[2], org.assertj.core.api.Assertions.withinPercentage(1e-7));
        int kt = a.get("min_max_latency_s").get("k").asInt();
        assertThat(a.get("min_max_latency_s").get("value").asDouble())
            .isCloseTo(ref.get(new Key(kt, p))[1], org.assertj.core.api.Assertions.withinPercentage(1e-7));
      }
    }

    // reproduce with one scenario of these budgets
    Path scenarios = Files.writeString(dir.resolve(m.id() + "-scenarios.yaml"), "scenarios:\n  s:\n    max_cost_usd: "
        + b.maxCostUsd() + "\n    max_latency_s: " + b.maxLatencyS() + "\n    min_accuracy: " + b.minAccuracy() + "\n");
    JsonNode study = cli("reproduce", "--models", f, "--scenarios", scenarios.toString(), "--grid", "all", "--k-max",
        "" + K_MAX, "--format", "json");
    for (JsonNode sel : study.get("scenarios").get(0).get("models").get(0).get("selections")) {
      if (!sel.isNull()) {
        same("reproduce k=" + sel.get("k").asInt(), ref.get(new Key(sel.get("k").asInt(), p)),
            new double[] {mean(sel.get("cost_usd")), mean(sel.get("latency_s")), mean(sel.get("accuracy"))});
        sameInterval("reproduce k=" + sel.get("k").asInt(), ref.get(new Key(sel.get("k").asInt(), p)), sel);
      }
    }

    // HTTP curve
    JsonNode curveHttp = http("/v1/curve", "{\"models\": " + JSON.writeValueAsString(JSON.readTree(asJson(yaml)).get("models"))
        + ", \"model\": \"" + m.id() + "\", \"grid\": \"all\", \"k_max\": " + K_MAX + "}");
    for (JsonNode pt : curveHttp.get("points")) {
      int k = pt.get("k").asInt();
      same("/v1/curve k=" + k, ref.get(new Key(k, p)),
          new double[] {mean(pt.get("cost_usd")), mean(pt.get("latency_s")), mean(pt.get("accuracy"))});
      sameInterval("/v1/curve k=" + k, ref.get(new Key(k, p)), pt);
    }
  }

  /**
   * The stopping policy a profile is checked under: the first rule its accuracy model's kind declares a
   * capability for (until-lead with margin 2 where votes have one wrong answer, the exact estimator's
   * case; until-score at the mean score); none for a model that offers no stopping signal.
   */
  static String[] policyOf(ModelProfile m) {
    AccuracyModel a = m.accuracy();
    for (io.kstar.policy.Policy.Rule rule : io.kstar.policy.Policy.Rule.values()) {
      if (rule == io.kstar.policy.Policy.Rule.FIXED || !rule.appliesTo(a.kind())) {
        continue;
      }
      switch (rule) {
        case UNTIL_SCORE -> {
          return new String[] {"until-score", "--score-threshold", Double.toString(((Scores) a).scoreMean())};
        }
        case UNTIL_DECIDED -> {
          if (((Voting) a).wrongAnswers() > 1) {
            return new String[] {"until-decided"};
          }
        }
        case UNTIL_LEAD -> {
          if (((Voting) a).wrongAnswers() == 1) {
            return new String[] {"until-lead", "--margin", "2"};
          }
        }
        default -> {
          return new String[] {rule.id()};
        }
      }
    }
    return null;
  }

  /** The same policy in a request body. */
  static String policyJson(String[] policy) {
    String body = "\"policy\": \"" + policy[0] + "\"";
    if (policy.length > 1) {
      body += ", \"" + policy[1].substring(2).replace('-', '_') + "\": " + policy[2];
    }
    return body;
  }

  /**
   * One profile under a stopping policy gives one answer: the expected cost, latency, accuracy and samples
   * of {@code curve --policy} reappear in {@code plan}'s picks, {@code compare}'s front, {@code budget} and the
   * HTTP endpoints under the same policy, and every pick names it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void everyCommandAndEndpoint_givesTheSameNumbersUnderAStoppingPolicy(ModelProfile m) throws Exception {
    String[] policy = policyOf(m);
    org.junit.jupiter.api.Assumptions.assumeTrue(policy != null, "no stopping policy applies to " + m.accuracy().id());
    String yaml = CatalogWriter.write(new Catalog(List.of(m)), CatalogWriter.Style.FLAT);
    Path catalog = Files.writeString(dir.resolve(m.id() + "-policy.yaml"), yaml);
    String f = catalog.toString();
    int p = m.defaultParallel();
    String[] flags = concat(new String[] {"--policy"}, policy);
    Map<Key, double[]> ref = new HashMap<>();
    Map<Integer, Double> samples = new HashMap<>();
    JsonNode curve = cli(concat(new String[] {"curve", "--models", f, "--model", m.id(), "--grid", "all", "--k-max",
        "" + K_MAX, "--format", "json"}, flags));
    String label = curve.get("policy").asText();
    for (JsonNode pt : curve.get("points")) {
      put(ref, pt.get("k").asInt(), p, pt);
      samples.put(pt.get("k").asInt(), pt.get("samples").get("mean").asDouble());
      assertThat(pt.get("samples").get("mean").asDouble()).isLessThanOrEqualTo(pt.get("k").asInt() + 1e-9);
    }
    double[] at8 = ref.get(new Key(8, p));
    Budget b = Budget.of(at8[0] * 1.0001, at8[1] * 1.0001, Math.min(1, ref.get(new Key(1, p))[2] + 1e-9));
    String[] budget = {"--max-cost", "" + b.maxCostUsd(), "--max-latency", "" + b.maxLatencyS(), "--min-accuracy",
        "" + b.minAccuracy()};
    String models = JSON.writeValueAsString(JSON.readTree(asJson(yaml)).get("models"));
    String budgetJson = "\"budget\": {\"max_cost_usd\": " + b.maxCostUsd() + ", \"max_latency_s\": " + b.maxLatencyS()
        + ", \"min_accuracy\": " + b.minAccuracy() + "}";

    JsonNode plan = cli(concat(concat(new String[] {"plan", "--models", f, "--model", m.id(), "--grid", "all", "--k-max",
        "" + K_MAX, "--format", "json"}, budget), flags));
    checkPicks("plan", ref, plan.get("picks"));
    JsonNode planHttp = http("/v1/plan", "{\"models\": " + models + ", \"model\": \"" + m.id() + "\", \"grid\": \"all\","
        + " \"k_max\": " + K_MAX + ", " + budgetJson + ", " + policyJson(policy) + "}");
    checkPicks("/v1/plan", ref, planHttp.get("picks"));
    for (JsonNode picks : List.of(plan.get("picks"), planHttp.get("picks"))) {
      picks.forEach(pick -> {
        if (!pick.isNull()) {
          assertThat(pick.get("policy").asText()).isEqualTo(label);
          assertThat(pick.get("samples").get("mean").asDouble())
              .isCloseTo(samples.get(pick.get("k").asInt()), org.assertj.core.api.Assertions.withinPercentage(1e-7));
        }
      });
    }

    JsonNode cmp = cli(concat(concat(new String[] {"compare", "--models", f, "--grid", "all", "--k-max", "" + K_MAX,
        "--format", "json"}, budget), flags));
    checkOperatingPoints("compare", ref, cmp.get("pareto"));
    cmp.get("pareto").forEach(pt -> assertThat(pt.get("policy").asText()).isEqualTo(label));
    JsonNode cmpHttp = http("/v1/compare", "{\"models\": " + models + ", \"grid\": \"all\", \"k_max\": " + K_MAX + ", "
        + budgetJson + ", " + policyJson(policy) + "}");
    checkOperatingPoints("/v1/compare", ref, cmpHttp.get("pareto"));

    JsonNode rev = cli(concat(new String[] {"budget", "--models", f, "--model", m.id(), "--grid", "all", "--k-max",
        "" + K_MAX, "--min-accuracy", "" + b.minAccuracy(), "--format", "json"}, flags));
    for (JsonNode a : rev.get("models")) {
      assertThat(a.get("policy").asText()).isEqualTo(label);
      if (a.get("reached").asBoolean()) {
        int k = a.get("min_max_cost_usd").get("k").asInt();
        assertThat(a.get("min_max_cost_usd").get("value").asDouble())
            .isCloseTo(ref.get(new Key(k, p))[0], org.assertj.core.api.Assertions.withinPercentage(1e-7));
      }
    }

    JsonNode curveHttp = http("/v1/curve", "{\"models\": " + models + ", \"model\": \"" + m.id() + "\", \"grid\": \"all\","
        + " \"k_max\": " + K_MAX + ", " + policyJson(policy) + "}");
    for (JsonNode pt : curveHttp.get("points")) {
      int k = pt.get("k").asInt();
      same("/v1/curve k=" + k, ref.get(new Key(k, p)),
          new double[] {mean(pt.get("cost_usd")), mean(pt.get("latency_s")), mean(pt.get("accuracy"))});
      assertThat(pt.get("samples").get("mean").asDouble()).isEqualTo(samples.get(k));
    }
  }

  /**
   * Every profile again as a self-hosted model: a random load curve (2 to 5 rates, either fit, a replica price half
   * the time) and a traffic at which k = 8 loads its replicas to between 0.4 and 1.6 of capacity, so that some caps
   * saturate. The numbers of {@code curve --traffic}, and its replicas, utilisation and saturation marks, reappear
   * in {@code plan} (every point, every pick), {@code /v1/plan}, {@code sensitivity}'s base, {@code compare},
   * {@code /v1/compare}, {@code budget}, {@code reproduce} and {@code /v1/curve} at the same traffic.
   */
  static Stream<org.junit.jupiter.params.provider.Arguments> loadedProfiles() {
    Random r = new Random(20261203);
    return profiles().map(m -> {
      int n = 2 + r.nextInt(4);
      double capacity = round(r, 5, 50);
      double[] rates = new double[n];
      for (int i = 0; i < n; i++) {
        rates[i] = round(r, 0.02, 0.97) * capacity;
      }
      Arrays.sort(rates);
      List<io.kstar.serving.LoadPoint> pts = new ArrayList<>();
      double ttft = round(r, 0.02, 0.1);
      double tpot = round(r, 0.005, 0.03);
      for (int i = 0; i < n; i++) {
        if (i > 0 && rates[i] <= rates[i - 1]) {
          rates[i] = Math.nextUp(rates[i - 1]) * 1.001;
        }
        pts.add(new io.kstar.serving.LoadPoint(rates[i], ttft, tpot));
        ttft = round(r, ttft, 3 * ttft);
        tpot = round(r, 0.8 * tpot, 3 * tpot);
      }
      double in = round(r, 200, 2000);
      double out = round(r, 50, 500);
      io.kstar.serving.LoadFit fit = r.nextBoolean() ? io.kstar.serving.LoadFit.QUEUEING
          : io.kstar.serving.LoadFit.INTERPOLATION;
      double[] rho = pts.stream().mapToDouble(x -> x.requestsPerS() / capacity).toArray();
      if (fit.fit(rho, pts.stream().mapToDouble(io.kstar.serving.LoadPoint::ttftS).toArray()).isEmpty()
          || fit.fit(rho, pts.stream().mapToDouble(io.kstar.serving.LoadPoint::tpotS).toArray()).isEmpty()) {
        fit = io.kstar.serving.LoadFit.INTERPOLATION;
      }
      io.kstar.serving.LoadCurve curve = new io.kstar.serving.LoadCurve(in, out, capacity, pts, fit,
          r.nextBoolean() ? OptionalDouble.of(round(r, 0.5, 8)) : OptionalDouble.empty(), "random");
      int replicas = 1 + r.nextInt(3);
      double tokens8 = 8 * (m.inputLength().mean() / m.requests().samplesPerRequest() + m.outputLength().mean());
      double traffic = new BigDecimal(round(r, 0.4, 1.6) * replicas * curve.capacityTokensPerS() / tokens8)
          .round(new MathContext(4)).doubleValue();
      return org.junit.jupiter.params.provider.Arguments.of(m.withServing(curve), traffic, replicas);
    });
  }

  @ParameterizedTest(name = "{0} at {1}/s on {2}")
  @MethodSource("loadedProfiles")
  void everyCommandAndEndpoint_givesTheSameNumbersAtATraffic(ModelProfile m, double traffic, int replicas)
      throws Exception {
    String yaml = CatalogWriter.write(new Catalog(List.of(m)), CatalogWriter.Style.FLAT);
    Path catalog = Files.writeString(dir.resolve(m.id() + "-loaded.yaml"), yaml);
    assertThat(CatalogReader.read(catalog, "models").models().get(0)).isEqualTo(m);
    String f = catalog.toString();
    int p = m.defaultParallel();
    String[] load = {"--traffic", Double.toString(traffic), "--replicas", Integer.toString(replicas)};
    String loadJson = "\"traffic\": " + traffic + ", \"replicas\": " + replicas;
    String models = JSON.writeValueAsString(JSON.readTree(asJson(yaml)).get("models"));

    Map<Key, double[]> ref = new HashMap<>();
    Map<Integer, JsonNode> loads = new HashMap<>();
    for (JsonNode pt : cli(concat(new String[] {"curve", "--models", f, "--model", m.id(), "--grid", "all", "--k-max",
        "" + K_MAX, "--format", "json"}, load)).get("points")) {
      put(ref, pt.get("k").asInt(), p, pt);
      loads.put(pt.get("k").asInt(), pt);
      assertThat(pt.get("replicas").asInt()).isEqualTo(replicas);
      assertThat(pt.get("saturated").asBoolean()).isEqualTo(pt.get("utilisation").asDouble() >= 1);
    }
    int kb = 8;
    while (kb > 1 && loads.get(kb).get("saturated").asBoolean()) {
      kb--;
    }
    org.junit.jupiter.api.Assumptions.assumeFalse(loads.get(kb).get("saturated").asBoolean(),
        "even k = 1 saturates the replicas");
    double[] atB = ref.get(new Key(kb, p));
    Budget b = Budget.of(atB[0] * 1.0001, atB[1] * 1.0001, Math.min(1, ref.get(new Key(1, p))[2] + 1e-9));
    String[] budget = {"--max-cost", "" + b.maxCostUsd(), "--max-latency", "" + b.maxLatencyS(), "--min-accuracy",
        "" + b.minAccuracy()};
    String budgetJson = "\"budget\": {\"max_cost_usd\": " + b.maxCostUsd() + ", \"max_latency_s\": " + b.maxLatencyS()
        + ", \"min_accuracy\": " + b.minAccuracy() + "}";
    io.kstar.estimate.Estimator loaded = new io.kstar.estimate.LoadedEstimator(new ExactEstimator(),
        new io.kstar.serving.Traffic(traffic, java.util.OptionalInt.of(replicas)));

    Deployment.Request req = new Deployment.Request(m, List.of(p), Grid.Kind.ALL, K_MAX, b, BudgetBasis.MEANS, 1e-6, 1);
    Deployment.Result plan = Deployment.plan(req, loaded);
    Sensitivity.Result sens = Sensitivity.analyse(req, loaded);
    for (int k = 1; k <= K_MAX; k++) {
      for (var cp : List.of(plan.at(p, k), sens.base().at(p, k))) {
        assertThat(cp.saturated()).as("k=" + k).isEqualTo(loads.get(k).get("saturated").asBoolean());
        assertThat(cp.load().utilisation()).isCloseTo(loads.get(k).get("utilisation").asDouble(),
            org.assertj.core.api.Assertions.withinPercentage(1e-7));
        if (!cp.saturated()) {
          same("plan point k=" + k, ref.get(new Key(k, p)),
              new double[] {cp.cost().mean(), cp.latency().mean(), cp.accuracy().mean()});
        }
      }
    }
    JsonNode planJson = cli(concat(concat(new String[] {"plan", "--models", f, "--model", m.id(), "--grid", "all",
        "--k-max", "" + K_MAX, "--format", "json"}, budget), load));
    checkPicks("plan", ref, planJson.get("picks"));
    for (JsonNode pt : planJson.get("points")) {
      JsonNode c = loads.get(pt.get("k").asInt());
      assertThat(pt.get("replicas")).isEqualTo(c.get("replicas"));
      assertThat(pt.get("utilisation")).isEqualTo(c.get("utilisation"));
      assertThat(pt.get("saturated")).isEqualTo(c.get("saturated"));
      assertThat(pt.get("replica_cost_usd")).isEqualTo(c.get("replica_cost_usd"));
    }
    JsonNode planHttp = http("/v1/plan", "{\"models\": " + models + ", \"model\": \"" + m.id() + "\", \"grid\": \"all\","
        + " \"k_max\": " + K_MAX + ", " + budgetJson + ", " + loadJson + "}");
    checkPicks("/v1/plan", ref, planHttp.get("picks"));

    JsonNode cmp = cli(concat(concat(new String[] {"compare", "--models", f, "--grid", "all", "--k-max", "" + K_MAX,
        "--format", "json"}, budget), load));
    checkOperatingPoints("compare", ref, cmp.get("pareto"));
    JsonNode cmpHttp = http("/v1/compare", "{\"models\": " + models + ", \"grid\": \"all\", \"k_max\": " + K_MAX + ", "
        + budgetJson + ", " + loadJson + "}");
    checkOperatingPoints("/v1/compare", ref, cmpHttp.get("pareto"));

    JsonNode rev = cli(concat(new String[] {"budget", "--models", f, "--model", m.id(), "--grid", "all", "--k-max",
        "" + K_MAX, "--min-accuracy", "" + b.minAccuracy(), "--format", "json"}, load));
    for (JsonNode a : rev.get("models")) {
      if (a.get("reached").asBoolean()) {
        int k = a.get("min_max_cost_usd").get("k").asInt();
        assertThat(a.get("min_max_cost_usd").get("saturated").asBoolean()).isFalse();
        assertThat(a.get("min_max_cost_usd").get("value").asDouble())
            .isCloseTo(ref.get(new Key(k, p))[0], org.assertj.core.api.Assertions.withinPercentage(1e-7));
        int kt = a.get("min_max_latency_s").get("k").asInt();
        assertThat(a.get("min_max_latency_s").get("value").asDouble())
            .isCloseTo(ref.get(new Key(kt, p))[1], org.assertj.core.api.Assertions.withinPercentage(1e-7));
      }
    }

    Path scenarios = Files.writeString(dir.resolve(m.id() + "-loaded-scenarios.yaml"), "scenarios:\n  s:\n"
        + "    max_cost_usd: " + b.maxCostUsd() + "\n    max_latency_s: " + b.maxLatencyS() + "\n    min_accuracy: "
        + b.minAccuracy() + "\n");
    JsonNode study = cli(concat(new String[] {"reproduce", "--models", f, "--scenarios", scenarios.toString(), "--grid",
        "all", "--k-max", "" + K_MAX, "--format", "json"}, load));
    for (JsonNode sel : study.get("scenarios").get(0).get("models").get(0).get("selections")) {
      if (!sel.isNull()) {
        same("reproduce k=" + sel.get("k").asInt(), ref.get(new Key(sel.get("k").asInt(), p)),
            new double[] {mean(sel.get("cost_usd")), mean(sel.get("latency_s")), mean(sel.get("accuracy"))});
      }
    }

    JsonNode curveHttp = http("/v1/curve", "{\"models\": " + models + ", \"model\": \"" + m.id() + "\", \"grid\": \"all\","
        + " \"k_max\": " + K_MAX + ", " + loadJson + "}");
    for (JsonNode pt : curveHttp.get("points")) {
      int k = pt.get("k").asInt();
      assertThat(pt.get("saturated")).isEqualTo(loads.get(k).get("saturated"));
      assertThat(pt.get("replicas")).isEqualTo(loads.get(k).get("replicas"));
      if (!pt.get("saturated").asBoolean()) {
        same("/v1/curve k=" + k, ref.get(new Key(k, p)),
            new double[] {mean(pt.get("cost_usd")), mean(pt.get("latency_s")), mean(pt.get("accuracy"))});
      }
    }
  }

  /** The example: a batched-max, rate-limited catalog model plans with the latency curve reports. */
  @Test
  void rateLimitedBatchedMax_plansWithItsOwnLatency() throws Exception {
    Path f = Files.writeString(dir.resolve("limited.yaml"), """
        models:
          limited:
            c_in: 1.25e-6
            c_out: 1.0e-5
            t_in: 0.0005
            t_out: 0.005
            mu_Lin: 1024
            sigma_Lin: 64
            mu_Lout: 2048
            sigma_Lout: 128
            acc_mean: 0.94
            acc_std: 0.02
            default_parallel: 4
            latency_model: batched-max
            rate_limit_tpm: 20000
        """);
    JsonNode curve = cli("curve", "--models", f.toString(), "--model", "limited", "--format", "json");
    double t8 = 0;
    for (JsonNode pt : curve.get("points")) {
      if (pt.get("k").asInt() == 8) {
        t8 = pt.get("latency_s").get("mean").asDouble();
      }
    }
    // 8 samples × (1024 + 2048) tokens at 20 000 tokens per minute: 73.7 s
    assertThat(t8).isCloseTo(8 * (1024 + 2048) * 60.0 / 20000, org.assertj.core.api.Assertions.within(0.05));
    JsonNode plan = cli("plan", "--models", f.toString(), "--model", "limited", "--max-cost", "1", "--max-latency", "60",
        "--min-accuracy", "0.5", "--format", "json");
    // 60 s admits at most k = 4 (36.9 s); at k = 8 the rate limit makes it 73.7 s
    assertThat(plan.get("feasible_k").get("4")).extracting(JsonNode::asInt).containsExactly(4);
  }

  private static String asJson(String yaml) throws Exception {
    return JSON.writeValueAsString(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml));
  }

  private static void checkPicks(String where, Map<Key, double[]> ref, JsonNode picks) {
    assertThat(picks.size()).isPositive();
    picks.fields().forEachRemaining(e -> {
      JsonNode pick = e.getValue();
      if (pick != null && !pick.isNull() && pick.has("k") && !pick.get("k").isNull()) {
        double[] r = ref.get(new Key(pick.get("k").asInt(), pick.get("parallel").asInt()));
        same(where + " " + e.getKey(), r,
            new double[] {mean(pick.get("cost_usd")), mean(pick.get("latency_s")), mean(pick.get("accuracy"))});
        sameInterval(where + " " + e.getKey(), r, pick);
      }
    });
  }

  private static void checkOperatingPoints(String where, Map<Key, double[]> ref, JsonNode points) {
    points.forEach(pt -> checkOperatingPoint(where, ref, pt));
  }

  private static void checkOperatingPoint(String where, Map<Key, double[]> ref, JsonNode pt) {
    if (pt == null || pt.isNull()) {
      return;
    }
    double[] r = ref.get(new Key(pt.get("k").asInt(), pt.get("parallel").asInt()));
    same(where + " k=" + pt.get("k").asInt(), r,
        new double[] {mean(pt.get("cost_usd")), mean(pt.get("latency_s")), mean(pt.get("accuracy"))});
    sameInterval(where + " k=" + pt.get("k").asInt(), r, pt);
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
  }
}
