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
    List<String> ids = r.catalog().ids();
    points.sort(Comparator.comparingInt(OperatingPoint::k)
        .thenComparingInt(o -> ids.indexOf(o.model()))
        .thenComparingInt(OperatingPoint::parallel)
        .thenComparingInt(o -> r.policies().indexOf(o.policy())));
    FeasibleSpace space = FeasibleSpace.of(r.budget(), points, o -> r.confidence().admits(
        Confidence.pMeets(r.budget(), o, stats.get(o))));
    List<OperatingPoint> front = ParetoFront.of(space.feasible());
    SelectionContext ctx = new SelectionContext(r.budget(), space.feasible(), front, r.accuracyTolerance());
    List<Selection> selections = r.selectors().select(ctx);
    List<OperatingPoint> candidates = new ArrayList<>(points);
    candidates.addAll(ones);
    List<Match> matches = new ArrayList<>();
    for (OperatingPoint one : ones) {
      Optional<OperatingPoint> best = MinCost.cheapest(candidates,
          p -> Objective.LATENCY.meets(p, r.budget()) && p.accuracy() >= one.accuracy());
      matches.add(new Match(one.model(), one, best,
          best.map(b -> b.costUsd() / one.costUsd()).orElse(Double.NaN)));
    }
    return new Result(r, estimator.name(), points, space, front, selections, matches, notes, stats);
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
