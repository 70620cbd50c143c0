package io.kstar.plan;

import io.kstar.budget.Budget;
import io.kstar.estimate.Curve;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.LoadedEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import io.kstar.select.Baselines;
import io.kstar.select.Selection;
import io.kstar.select.Selectors;
import io.kstar.space.FeasibleSpace;
import io.kstar.space.Objective;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code kstar plan}: one model under one budget, optionally choosing P and a stopping policy with k.
 * Every (policy, P) gets its own grid and curve; the points of all of them form one feasible set,
 * ordered by (k, P, policy in the order asked) so that ties go to the smaller k, then the smaller P,
 * then the policy listed first. Each pick comes with its intervals, nearest
 * budget, marginal prices of accuracy, cost of pass and breach probabilities ({@link PickDetail}).
 */
public final class Deployment {
  private Deployment() {}

  public record Request(
      ModelProfile model,
      List<Integer> parallels,
      Grid.Kind grid,
      int kMax,
      Budget budget,
      BudgetBasis basis,
      double accuracyTolerance,
      int baselineK,
      Confidence confidence,
      List<Policy> policies,
      Selectors selectors) {

    /** A request picking with kstar's selectors ({@link Selectors#REGISTRY}). */
    public Request(ModelProfile model, List<Integer> parallels, Grid.Kind grid, int kMax, Budget budget,
        BudgetBasis basis, double accuracyTolerance, int baselineK, Confidence confidence, List<Policy> policies) {
      this(model, parallels, grid, kMax, budget, basis, accuracyTolerance, baselineK, confidence, policies,
          Selectors.REGISTRY);
    }

    /** A request planning on expectations (no confidence asked). */
    public Request(ModelProfile model, List<Integer> parallels, Grid.Kind grid, int kMax, Budget budget,
        BudgetBasis basis, double accuracyTolerance, int baselineK) {
      this(model, parallels, grid, kMax, budget, basis, accuracyTolerance, baselineK, Confidence.OFF);
    }

    /** A request under the fixed policy. */
    public Request(ModelProfile model, List<Integer> parallels, Grid.Kind grid, int kMax, Budget budget,
        BudgetBasis basis, double accuracyTolerance, int baselineK, Confidence confidence) {
      this(model, parallels, grid, kMax, budget, basis, accuracyTolerance, baselineK, confidence, List.of(Policy.FIXED));
    }

    public Request {
      Objects.requireNonNull(confidence, "confidence");
      Objects.requireNonNull(selectors, "selectors");
      parallels = List.copyOf(new TreeSet<>(parallels));
      if (parallels.isEmpty()) {
        throw InvalidInputException.of("parallel", "[]", "must list at least one P >= 1");
      }
      policies = List.copyOf(new java.util.LinkedHashSet<>(policies));
      if (policies.isEmpty()) {
        throw InvalidInputException.of("policy", "[]", "must list at least one policy");
      }
      for (Policy p : policies) {
        p.check(model.id(), model.accuracy());
      }
    }

    public Request withModel(ModelProfile m) {
      return new Request(m, parallels, grid, kMax, budget, basis, accuracyTolerance, baselineK, confidence, policies,
          selectors);
    }

    public Request withBudget(Budget b) {
      return new Request(model, parallels, grid, kMax, b, basis, accuracyTolerance, baselineK, confidence, policies,
          selectors);
    }

    /** The same request picking with {@code s} (an extended registry, or a subset). */
    public Request withSelectors(Selectors s) {
      return new Request(model, parallels, grid, kMax, budget, basis, accuracyTolerance, baselineK, confidence, policies,
          s);
    }

    /** True when the request searches anything but the fixed policy alone. */
    public boolean adaptive() {
      return !policies.equals(List.of(Policy.FIXED));
    }
  }

  /** One curve of a plan: a stopping policy at a parallelism. */
  public record Arm(Policy policy, int parallel) {
    public static Arm of(OperatingPoint o) {
      return new Arm(o.policy(), o.parallel());
    }
  }

  public record Result(
      Request request,
      String estimator,
      Map<Arm, Curve> curves,
      Plan plan,
      List<PickDetail> picks,
      PickDetail oneD,
      PickDetail twoD,
      Map<Arm, List<Integer>> feasibleByArm,
      List<String> notes) {

    /** One request's statistics at (P, k) under the first policy asked. */
    public CurvePoint at(int parallel, int k) {
      return curves.get(new Arm(request.policies().get(0), parallel)).at(k).orElseThrow();
    }

    /** One request's statistics at (policy, P, k). */
    public CurvePoint at(OperatingPoint o) {
      return curves.get(Arm.of(o)).at(o.k()).orElseThrow();
    }

    /** The probability that the expectations at this point meet the budgets ({@link Confidence}). */
    public double pMeets(OperatingPoint o) {
      return Confidence.pMeets(request.budget(), o, at(o));
    }

    /** The feasible k at each P under any of the policies asked. */
    public Map<Integer, List<Integer>> feasibleKs() {
      Map<Integer, TreeSet<Integer>> out = new java.util.TreeMap<>();
      for (int p : request.parallels()) {
        out.put(p, new TreeSet<>());
      }
      feasibleByArm.forEach((a, ks) -> out.get(a.parallel()).addAll(ks));
      Map<Integer, List<Integer>> lists = new LinkedHashMap<>();
      out.forEach((p, ks) -> lists.put(p, List.copyOf(ks)));
      return lists;
    }
  }

  public static Result plan(Request r, Estimator estimator) {
    estimator = LoadedEstimator.within(estimator, r.budget().maxLatencyS(), r.basis().latencyQuantile());
    List<Estimator.Job> jobs = new ArrayList<>();
    List<Arm> arms = new ArrayList<>();
    for (Policy policy : r.policies()) {
      for (int p : r.parallels()) {
        TreeSet<Integer> ks = new TreeSet<>();
        for (int k : Grid.of(r.grid(), r.kMax(), p).ks()) {
          ks.add(k);
        }
        ks.add(r.baselineK());
        jobs.add(new Estimator.Job(r.model(), p, ks.stream().mapToInt(Integer::intValue).toArray(), policy));
        arms.add(new Arm(policy, p));
      }
    }
    List<Curve> curves = estimator.estimateAll(jobs);
    Map<Arm, Curve> byArm = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < curves.size(); i++) {
      byArm.put(arms.get(i), curves.get(i));
      curves.get(i).notes().stream().filter(n -> !notes.contains(n)).forEach(notes::add);
    }
    List<OperatingPoint> points = new ArrayList<>();
    for (Arm a : arms) {
      for (int k : Grid.of(r.grid(), r.kMax(), a.parallel()).ks()) {
        if (a.policy().distinctAt(k, a.parallel(), r.policies())) {
          points.add(point(r, byArm.get(a), k));
        }
      }
    }
    points.sort(Comparator.comparingInt(OperatingPoint::k).thenComparingInt(OperatingPoint::parallel)
        .thenComparingInt(o -> r.policies().indexOf(o.policy())));
    // the 1-D baseline: the paper's fixed k, under the first policy asked (fixed unless the request says otherwise)
    Arm first = arms.get(0);
    OperatingPoint fixed = point(r, byArm.get(first), r.baselineK());
    Plan plan = Planner.plan(r.budget(), points, fixed, r.accuracyTolerance(),
        o -> r.confidence().admits(Confidence.pMeets(r.budget(), o, byArm.get(Arm.of(o)).at(o.k()).orElseThrow())),
        r.selectors());
    if (r.confidence().level().isPresent()) {
      long expected = points.stream().filter(o -> Objective.admits(r.budget(), o)).count();
      long robust = plan.space().feasible().size();
      if (robust < expected) {
        notes.add(r.model().id() + ": " + (expected - robust) + " of " + expected + " k that meet the budgets in"
            + " expectation do so with probability below the confidence " + r.confidence().level().getAsDouble());
      }
    }
    List<PickDetail> picks = new ArrayList<>();
    for (Selection s : plan.selections()) {
      picks.add(detail(r, byArm, s));
    }
    Map<Arm, List<Integer>> feasibleKs = new LinkedHashMap<>();
    for (Arm a : arms) {
      feasibleKs.put(a, plan.space().feasible().stream().filter(o -> Arm.of(o).equals(a)).map(OperatingPoint::k)
          .toList());
    }
    return new Result(r, estimator.name(), byArm, plan, picks, detail(r, byArm, plan.oneD().selection()),
        detail(r, byArm, plan.twoD().selection()), feasibleKs, notes);
  }

  static OperatingPoint point(Request r, Curve c, int k) {
    CurvePoint p = c.at(k).orElseThrow();
    return new OperatingPoint(r.model().id(), k, r.basis().cost(p), r.basis().latency(p), p.accuracy().mean(), c.parallel(),
        c.policy());
  }

  /** The detail of a selection, or one with NaN figures and null point when it picked nothing. */
  static PickDetail detail(Request r, Map<Arm, Curve> curves, Selection s) {
    if (s.point().isEmpty()) {
      return new PickDetail(s, 0, null, "", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN);
    }
    OperatingPoint o = s.point().get();
    Curve c = curves.get(Arm.of(o));
    CurvePoint here = c.at(o.k()).orElseThrow();
    Budget b = r.budget();
    String nearest = null;
    double slack = Double.NaN;
    for (Objective obj : Objective.ALL) {
      double s2 = obj.slack(o, b);
      if (nearest == null || s2 < slack) {
        nearest = obj.budgetField();
        slack = s2;
      }
    }
    int[] grid = Grid.of(r.grid(), r.kMax(), o.parallel()).ks();
    CurvePoint a = here;
    CurvePoint z = null;
    for (int i = 0; i < grid.length; i++) {
      if (grid[i] == o.k()) {
        if (i + 1 < grid.length) {
          z = c.at(grid[i + 1]).orElseThrow();
        } else if (i > 0) {
          a = c.at(grid[i - 1]).orElseThrow();
          z = here;
        }
      }
    }
    double usdPerPoint = Double.NaN;
    double secondsPerPoint = Double.NaN;
    if (z != null) {
      double dA = 100 * (z.accuracy().mean() - a.accuracy().mean());
      if (dA > 1e-9) { // an accuracy unchanged but for rounding buys nothing: n/a, not a huge ratio
        usdPerPoint = (r.basis().cost(z) - r.basis().cost(a)) / dA;
        secondsPerPoint = (r.basis().latency(z) - r.basis().latency(a)) / dA;
      }
    }
    double costOfPass = here.accuracy().mean() > 0 ? here.cost().mean() / here.accuracy().mean() : Double.POSITIVE_INFINITY;
    return new PickDetail(s, o.parallel(), here, nearest, slack, usdPerPoint, secondsPerPoint, costOfPass,
        here.cost().distribution().exceedance(b.maxCostUsd()),
        here.latency().distribution().exceedance(b.maxLatencyS()),
        belowFloor(here, b.minAccuracy()));
  }

  /** P(A(k) < A_min): the CDF just below the floor. */
  private static double belowFloor(CurvePoint p, double floor) {
    return p.accuracy().distribution().cdf(Math.nextDown(floor));
  }

  /** Baselines of a result, in output order. */
  public static List<PickDetail> baselines(Result r) {
    return List.of(r.oneD(), r.twoD());
  }

  /** The selector id of the 1-D and 2-D baselines. */
  public static final List<String> BASELINE_IDS = List.of(Baselines.ONE_D, Baselines.TWO_D);

  /** Checks that the feasible set is not empty; for pipelines ({@code plan --check}). */
  public static boolean anyFeasible(Result r) {
    return !r.plan().space().isEmpty();
  }

}
