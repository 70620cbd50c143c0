package io.kstar.study;

import io.kstar.budget.Scenario;
import io.kstar.estimate.Curve;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.estimate.SampleMoments;
import io.kstar.grid.Grid;
import io.kstar.plan.Confidence;
import io.kstar.plan.Plan;
import io.kstar.plan.Planner;
import io.kstar.policy.Policy;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.select.AccuracyMax;
import io.kstar.select.MinCost;
import io.kstar.select.Selectors;
import io.kstar.select.Knee;
import io.kstar.select.Selection;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The paper's study: every scenario × every model × every selector. Each model's curve is estimated
 * once, on the union of the grids its scenarios need (with common random numbers a larger k_max
 * only extends the prefix, so a scenario's numbers do not depend on the others), and each scenario
 * reads its own grid off it.
 */
public final class Study {
  private Study() {}

  private static List<java.util.Map<Policy, Curve>> curves(Estimator estimator, List<Estimator.Job> jobs,
      List<List<Policy>> policiesOf, LinkedHashSet<String> notes) {
    List<Curve> all = estimator.estimateAll(jobs);
    all.forEach(c -> notes.addAll(c.notes()));
    List<java.util.Map<Policy, Curve>> curves = new ArrayList<>();
    int next = 0;
    for (List<Policy> mine : policiesOf) {
      java.util.Map<Policy, Curve> byPolicy = new java.util.LinkedHashMap<>();
      for (Policy policy : mine) {
        byPolicy.put(policy, all.get(next++));
      }
      curves.add(byPolicy);
    }
    return curves;
  }

  public static StudyResult run(Catalog catalog, List<Scenario> scenarios, StudyOptions o) {
    int[] kMaxes = scenarios.stream().mapToInt(s -> kMaxOf(s, o)).toArray();
    int kMaxAll = Arrays.stream(kMaxes).max().orElse(Grid.DEFAULT_K_MAX);
    List<Estimator.Job> jobs = new ArrayList<>();
    LinkedHashSet<String> notes = new LinkedHashSet<>();
    for (Policy policy : o.policies()) {
      if (catalog.models().stream().noneMatch(m -> policy.appliesTo(m.accuracy()))) {
        throw io.kstar.input.InvalidInputException.of("policy", policy.rule().id(), "applies to none of the models;"
            + " " + policy.rule().id() + " applies to " + String.join(", ", policy.rule().models().stream().sorted().toList()));
      }
    }
    List<List<Policy>> policiesOf = new ArrayList<>();
    for (ModelProfile m : catalog.models()) {
      int p = o.parallel().orElse(m.defaultParallel());
      TreeSet<Integer> ks = new TreeSet<>();
      for (int k : Grid.of(o.grid(), kMaxAll, p).ks()) {
        ks.add(k);
      }
      ks.add(o.baselineK());
      List<Policy> mine = Policy.applicable(o.policies(), m.accuracy());
      if (mine.isEmpty()) {
        mine = List.of(Policy.FIXED);
        notes.add(m.id() + ": none of the policies asked applies to its " + m.accuracy().id()
            + " accuracy model; planned under fixed k");
      } else if (mine.size() < o.policies().size()) {
        notes.add(m.id() + ": planned without " + o.policies().stream().filter(x -> !x.appliesTo(m.accuracy()))
            .map(Policy::label).collect(java.util.stream.Collectors.joining(", ")) + ", which does not apply to its "
            + m.accuracy().id() + " accuracy model");
      }
      policiesOf.add(mine);
      for (Policy policy : mine) {
        jobs.add(new Estimator.Job(m, p, ks.stream().mapToInt(Integer::intValue).toArray(), policy));
      }
    }
    // at a traffic with replicas auto, each scenario's latency budget sets the replicas: curves per scenario
    boolean perScenario = o.estimator() instanceof io.kstar.estimate.LoadedEstimator l && l.traffic().auto();
    List<java.util.Map<Policy, Curve>> once = perScenario ? null : curves(o.estimator(), jobs, policiesOf, notes);

    List<ScenarioResult> results = new ArrayList<>();
    for (int s = 0; s < scenarios.size(); s++) {
      Scenario sc = scenarios.get(s);
      List<java.util.Map<Policy, Curve>> curves = perScenario
          ? curves(io.kstar.estimate.LoadedEstimator.within(o.estimator(), sc.budget().maxLatencyS(),
              java.util.OptionalDouble.empty()), jobs, policiesOf, notes)
          : once;
      List<ModelResult> models = new ArrayList<>();
      for (int i = 0; i < catalog.models().size(); i++) {
        ModelProfile m = catalog.models().get(i);
        java.util.Map<Policy, Curve> byPolicy = curves.get(i);
        Curve curve = byPolicy.values().iterator().next();
        Grid grid = Grid.of(o.grid(), kMaxes[s], curve.parallel());
        List<Policy> order = List.copyOf(byPolicy.keySet());
        List<OperatingPoint> points = new ArrayList<>();
        byPolicy.forEach((policy, c) -> c.select(grid.ks()).stream()
            .filter(p -> policy.distinctAt(p.k(), c.parallel(), order))
            .forEach(p -> points.add(Planner.means(m.id(), p, policy))));
        points.sort(Comparator.comparingInt(OperatingPoint::k).thenComparingInt(op -> order.indexOf(op.policy())));
        CurvePoint fixed = curve.at(o.baselineK()).orElseThrow();
        Plan plan = Planner.plan(sc.budget(), points, Planner.means(m.id(), fixed, order.get(0)), o.accuracyTolerance(),
            op -> o.confidence().admits(Confidence.pMeets(sc.budget(), op,
                byPolicy.get(op.policy()).at(op.k()).orElseThrow())), Selectors.PAPER);
        models.add(new ModelResult(m, curve.parallel(), points.size(), plan, byPolicy));
      }
      results.add(new ScenarioResult(sc, kMaxes[s], models));
    }
    String reference = o.referenceModel().orElseGet(() -> largest(catalog));
    catalog.require("reference_model", reference);
    Headline headline = new Headline(kneeVsAccuracyMax(results), matches(results, reference, o.accuracyTolerance()),
        AdaptiveSavings.of(results));
    Estimator base = o.estimator() instanceof io.kstar.estimate.LoadedEstimator l ? l.base() : o.estimator();
    Integer trials = base instanceof MonteCarloEstimator mc ? mc.trials() : null;
    Long seed = base instanceof MonteCarloEstimator mc ? mc.seed() : null;
    Curve first = results.isEmpty() || results.get(0).models().isEmpty() ? null
        : results.get(0).models().get(0).curves().values().iterator().next();
    return new StudyResult(
        o.estimator().name(), o.grid(), first == null ? null : first.quantileMethod(),
        trials, seed, results, headline, List.copyOf(notes));
  }

  static int kMaxOf(Scenario s, StudyOptions o) {
    return o.kMax().orElse(s.kMax().orElse(Grid.DEFAULT_K_MAX));
  }

  /** The catalog's "largest" model: the highest expected cost of one sample (first one on a tie). */
  static String largest(Catalog catalog) {
    return catalog.models().stream()
        .max(Comparator.comparingDouble(m -> SampleMoments.of(m).costMean()))
        .orElseThrow()
        .id();
  }

  static Headline.KneeVsAccuracyMax kneeVsAccuracyMax(List<ScenarioResult> results) {
    List<Double> cost = new ArrayList<>();
    List<Double> latency = new ArrayList<>();
    List<Double> accuracy = new ArrayList<>();
    for (ScenarioResult sr : results) {
      for (ModelResult mr : sr.models()) {
        Optional<OperatingPoint> am = mr.plan().selection(AccuracyMax.ID).point();
        Optional<OperatingPoint> kn = mr.plan().selection(Knee.ID).point();
        if (am.isPresent() && kn.isPresent()) {
          OperatingPoint a = am.get();
          OperatingPoint b = kn.get();
          cost.add(1 - b.costUsd() / a.costUsd());
          latency.add(1 - b.latencyS() / a.latencyS());
          accuracy.add(100 * (a.accuracy() - b.accuracy()));
        }
      }
    }
    return new Headline.KneeVsAccuracyMax(cost.size(), median(cost), median(latency), median(accuracy));
  }

  static List<Headline.Match> matches(List<ScenarioResult> results, String reference, double tolerance) {
    List<Headline.Match> out = new ArrayList<>();
    for (ScenarioResult sr : results) {
      String name = sr.scenario().name();
      ModelResult ref =
          sr.models().stream().filter(m -> m.model().id().equals(reference)).findFirst().orElseThrow();
      Selection refPick = ref.plan().selection(AccuracyMax.ID);
      if (refPick.point().isEmpty()) {
        out.add(new Headline.Match(name, reference, Optional.empty(), Optional.empty(), Double.NaN,
            reference + " has no feasible k in this scenario, so there is no accuracy to match"));
        continue;
      }
      OperatingPoint r = refPick.point().get();
      List<OperatingPoint> feasible = new ArrayList<>();
      sr.models().forEach(mr -> feasible.addAll(mr.plan().space().feasible()));
      // r itself qualifies, so there is always one
      OperatingPoint best = MinCost.cheapest(feasible, p -> p.accuracy() >= r.accuracy() - tolerance).orElseThrow();
      double ratio = best.costUsd() / r.costUsd();
      String verdict =
          best.model().equals(reference)
              ? "holds not: no other model reaches " + reference + "'s accuracy more cheaply"
              : String.format(
                  Locale.ROOT,
                  "holds: %s with k = %d reaches %.4f (>= %.4f) at %.1f%% of %s's cost",
                  best.model(), best.k(), best.accuracy(), r.accuracy(), 100 * ratio, reference);
      out.add(new Headline.Match(name, reference, Optional.of(r), Optional.of(best), ratio, verdict));
    }
    return out;
  }

  /** Median of a list (mean of the middle two for an even count); NaN when empty. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
