package io.kstar.plan;

import io.kstar.budget.Budget;
import io.kstar.estimate.Curve;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.LoadedEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.pareto.ParetoFront;
import io.kstar.policy.Policy;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.select.MinCost;
import io.kstar.select.Selection;
import io.kstar.select.SelectionContext;
import io.kstar.select.Selectors;
import io.kstar.space.FeasibleSpace;
import io.kstar.space.Objective;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code kstar compare}: a catalog against one budget. Every (model, P, k) of every model's grid is a
 * point; the feasible ones form one joint Pareto front, and the selectors run over it (the knee
 * takes the front in order of cost). For each model at k = 1, the cheapest (model, P, k) that matches
 * or beats its accuracy within the latency budget ({@link MinCost#cheapest}: ties to lower latency), and
 * the cost ratio: the paper's "small model with the right k beats a large model", as a tool.
 */
public final class Comparison {
  private Comparison() {}

  public record Request(
      Catalog catalog, List<Integer> parallels, Grid.Kind grid, int kMax, Budget budget, BudgetBasis basis,
      double accuracyTolerance, Confidence confidence, List<Policy> policies, Selectors selectors) {

    /** A request picking with kstar's selectors ({@link Selectors#REGISTRY}). */
    public Request(Catalog catalog, List<Integer> parallels, Grid.Kind grid, int kMax, Budget budget,
        BudgetBasis basis, double accuracyTolerance, Confidence confidence, List<Policy> policies) {
      this(catalog, parallels, grid, kMax, budget, basis, accuracyTolerance, confidence, policies, Selectors.REGISTRY);
    }

    /** The same request picking with {@code s}. */
    public Request withSelectors(Selectors s) {
      return new Request(catalog, parallels, grid, kMax, budget, basis, accuracyTolerance, confidence, policies, s);
    }

    /** A request comparing on expectations (no confidence asked). */
    public Request(Catalog catalog, List<Integer> parallels, Grid.Kind grid, int kMax, Budget budget,
        BudgetBasis basis, double accuracyTolerance) {
      this(catalog, parallels, grid, kMax, budget, basis, accuracyTolerance, Confidence.OFF);
    }

    /** A request under the fixed policy. */
    public Request(Catalog catalog, List<Integer> parallels, Grid.Kind grid, int kMax, Budget budget,
        BudgetBasis basis, double accuracyTolerance, Confidence confidence) {
      this(catalog, parallels, grid, kMax, budget, basis, accuracyTolerance, confidence, List.of(Policy.FIXED));
    }

    public Request {
      java.util.Objects.requireNonNull(selectors, "selectors");
      policies = List.copyOf(new java.util.LinkedHashSet<>(policies));
      if (policies.isEmpty()) {
        throw InvalidInputException.of("policy", "[]", "must list at least one policy");
      }
      for (Policy p : policies) {
        if (catalog.models().stream().noneMatch(m -> p.appliesTo(m.accuracy()))) {
          throw InvalidInputException.of("policy", p.rule().id(), "applies to none of the models compared; "
              + p.rule().id() + " applies to " + String.join(", ", p.rule().models().stream().sorted().toList()));
        }
      }
    }

    /** True when the request searches anything but the fixed policy alone. */
    public boolean adaptive() {
      return !policies.equals(List.of(Policy.FIXED));
    }

    /** The policies asked that apply to {@code m}. */
    public List<Policy> policiesOf(ModelProfile m) {
      return Policy.applicable(policies, m.accuracy());
    }
  }

  /**
   * @param atOne the model's point at k = 1 (its first P)
   * @param cheapest the cheapest point of any model whose accuracy is at least {@code atOne}'s and
   *     whose latency is within budget (possibly {@code atOne} itself)
   */
  public record Match(String model, OperatingPoint atOne, Optional<OperatingPoint> cheapest, double costRatio) {}

  public record Result(
      Request request,
      String estimator,
      List<OperatingPoint> points,
      FeasibleSpace space,
      List<OperatingPoint> front,
      List<Selection> selections,
      List<Match> matches,
      List<String> notes,
      Map<OperatingPoint, CurvePoint> statistics) {

    /** The probability that the expectations at this point meet the budget ({@link Confidence}). */
    public double pMeets(OperatingPoint o) {
      return Confidence.pMeets(request.budget(), o, statistics.get(o));
    }

    public CurvePoint at(OperatingPoint o) {
      return statistics.get(o);
    }
  }

  public static Result compare(Request r, Estimator estimator) {
    estimator = LoadedEstimator.within(estimator, r.budget().maxLatencyS(), r.basis().latencyQuantile());
    List<Estimator.Job> jobs = new ArrayList<>();
    List<ModelProfile> order = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (ModelProfile m : r.catalog().models()) {
      List<Policy> policies = r.policiesOf(m);
      if (policies.size() < r.policies().size()) {
        skipped.add(m.id() + ": " + r.policies().stream().filter(p -> !policies.contains(p)).map(Policy::label)
            .collect(java.util.stream.Collectors.joining(", ")) + " does not apply to its " + m.accuracy().id()
            + " accuracy model; compared without it");
      }
      for (Policy policy : policies) {
        for (int p : parallelsOf(r, m)) {
          TreeSet<Integer> ks = new TreeSet<>();
          for (int k : Grid.of(r.grid(), r.kMax(), p).ks()) {
            ks.add(k);
          }
          ks.add(1);
          jobs.add(new Estimator.Job(m, p, ks.stream().mapToInt(Integer::intValue).toArray(), policy));
          order.add(m);
        }
      }
    }
    List<Curve> curves = estimator.estimateAll(jobs);
    List<OperatingPoint> points = new ArrayList<>();
    List<OperatingPoint> ones = new ArrayList<>();
    Map<OperatingPoint, CurvePoint> stats = new HashMap<>();
    List<String> notes = new ArrayList<>(skipped);
    for (int i = 0; i < curves.size(); i++) {
      Curve c = curves.get(i);
      c.notes().stream().filter(n -> !notes.contains(n)).forEach(notes::add);
      for (int k : Grid.of(r.grid(), r.kMax(), c.parallel()).ks()) {
        if (!c.policy().distinctAt(k, c.parallel(), r.policiesOf(order.get(i)))) {
          continue;
        }
        OperatingPoint o = point(r, c, k);
        points.add(o);
        stats.put(o, c.at(k).orElseThrow());
      }
      if (ones.stream().noneMatch(o -> o.model().equals(c.modelId()))) {
        ones.add(point(r, c, 1));
      }
    }
    java.util.Map<String, Integer> modelOrder = new java.util.HashMap<>();
    List<String> ids = r.catalog().ids();
    for (int i = 0; i < ids.size(); i++) {
      modelOrder.putIfAbsent(ids.get(i), i);
    }
    points.sort(Comparator.comparingInt(OperatingPoint::k)
        .thenComparingInt(o -> modelOrder.getOrDefault(o.model(), -1))
        .thenComparingInt(OperatingPoint::parallel)
        .thenComparingInt(o -> r.policies().indexOf(o.policy())));
    FeasibleSpace space = FeasibleSpace.of(r.budget(), points, o -> r.confidence().admits(
        Confidence.pMeets(r.budget(), o, stats.get(o))));
    List<OperatingPoint> front = ParetoFront.of(space.feasible());
    SelectionContext ctx = new SelectionContext(r.budget(), space.feasible(), front, r.accuracyTolerance());
    List<Selection> selections = r.selectors().select(ctx);
    List<OperatingPoint> candidates = new ArrayList<>(points);
    candidates.addAll(ones);
    List<OperatingPoint> inTime = candidates.stream().filter(p -> Objective.LATENCY.meets(p, r.budget())).toList();
    List<Optional<OperatingPoint>> cheapest = cheapestReaching(inTime,
        ones.stream().mapToDouble(OperatingPoint::accuracy).toArray());
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < ones.size(); i++) {
      OperatingPoint one = ones.get(i);
      Optional<OperatingPoint> best = cheapest.get(i);
      matches.add(new Match(one.model(), one, best,
          best.map(b -> b.costUsd() / one.costUsd()).orElse(Double.NaN)));
    }
    return new Result(r, estimator.name(), points, space, front, selections, matches, notes, stats);
  }

  /**
   * For each accuracy floor, {@link MinCost#cheapest} over the points reaching it: the same point, in
   * O((N + F) log N) for N points and F floors instead of O(N·F). The cheapest point's cost is the least among
   * the points reaching the floor (a prefix minimum over the points sorted by accuracy); the fold that breaks
   * ties then runs, in list order, over the points reaching the floor whose cost is within a relative 1e-3 of
   * that least: a point costlier than that can be the fold's result only through a chain of more than 10⁹
   * relative ties of 1e-12, and before the first point of the window is met it is replaced by it. Points of
   * non-finite cost take the direct fold.
   */
  static List<Optional<OperatingPoint>> cheapestReaching(List<OperatingPoint> points, double[] floors) {
    List<Optional<OperatingPoint>> out = new ArrayList<>(floors.length);
    if (points.stream().anyMatch(p -> !Double.isFinite(p.costUsd()) || Double.isNaN(p.accuracy()))) {
      for (double a : floors) {
        out.add(MinCost.cheapest(points, p -> p.accuracy() >= a));
      }
      return out;
    }
    int n = points.size();
    Integer[] byAccuracy = new Integer[n];
    Integer[] byCost = new Integer[n];
    for (int i = 0; i < n; i++) {
      byAccuracy[i] = i;
      byCost[i] = i;
    }
    java.util.Arrays.sort(byAccuracy, (x, y) -> Double.compare(points.get(y).accuracy(), points.get(x).accuracy()));
    java.util.Arrays.sort(byCost, Comparator.<Integer>comparingDouble(i -> points.get(i).costUsd())
        .thenComparingInt(i -> i));
    double[] accuracyDown = new double[n];
    double[] prefixMinCost = new double[n];
    double[] costUp = new double[n];
    for (int i = 0; i < n; i++) {
      accuracyDown[i] = points.get(byAccuracy[i]).accuracy();
      double c = points.get(byAccuracy[i]).costUsd();
      prefixMinCost[i] = i == 0 ? c : Math.min(prefixMinCost[i - 1], c);
      costUp[i] = points.get(byCost[i]).costUsd();
    }
    for (double a : floors) {
      // how many points reach a: accuracies sorted downwards, the first index below a
      int lo = 0;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (accuracyDown[mid] >= a) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (lo == 0) {
        out.add(Optional.empty());
        continue;
      }
      double least = prefixMinCost[lo - 1];
      double ceiling = least + 1e-3 * Math.abs(least);
      int from = lowerBound(costUp, least);
      List<Integer> window = new ArrayList<>();
      for (int j = from; j < n && costUp[j] <= ceiling; j++) {
        if (points.get(byCost[j]).accuracy() >= a) {
          window.add(byCost[j]);
        }
      }
      window.sort(null);
      out.add(MinCost.cheapest(window.stream().map(points::get).toList(), p -> true));
    }
    return out;
  }

  private static int lowerBound(double[] up, double v) {
    int lo = 0;
    int hi = up.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (up[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  static List<Integer> parallelsOf(Request r, ModelProfile m) {
    return r.parallels().isEmpty() ? List.of(m.defaultParallel()) : r.parallels();
  }

  static OperatingPoint point(Request r, Curve c, int k) {
    CurvePoint p = c.at(k).orElseThrow();
    return new OperatingPoint(c.modelId(), k, r.basis().cost(p), r.basis().latency(p), p.accuracy().mean(), c.parallel(),
        c.policy());
  }
}
