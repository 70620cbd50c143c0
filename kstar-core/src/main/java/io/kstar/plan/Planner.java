package io.kstar.plan;

import io.kstar.budget.Budget;
import io.kstar.estimate.CurvePoint;
import io.kstar.pareto.ParetoFront;
import io.kstar.select.Baselines;
import io.kstar.select.Selection;
import io.kstar.select.SelectionContext;
import io.kstar.select.Selectors;
import io.kstar.space.FeasibleSpace;
import io.kstar.space.OperatingPoint;
import java.util.List;
import java.util.function.Predicate;

/** From a model's expected values on a grid to a {@link Plan}: feasibility, front, selectors, baselines. */
public final class Planner {
  private Planner() {}

  /**
   * @param grid the grid's points, in increasing k
   * @param fixedK the 1-D baseline's point (any k, on the grid or not)
   */
  public static Plan plan(Budget budget, List<OperatingPoint> grid, OperatingPoint fixedK, double accuracyTolerance) {
    return plan(budget, grid, fixedK, accuracyTolerance, p -> true, Selectors.REGISTRY);
  }

  /**
   * The same, with points feasible only when {@code robust} admits them too (see {@link Confidence}), and
   * the picks of {@code selectors}, in their order.
   */
  public static Plan plan(Budget budget, List<OperatingPoint> grid, OperatingPoint fixedK, double accuracyTolerance,
      Predicate<OperatingPoint> robust, Selectors selectors) {
    FeasibleSpace space = FeasibleSpace.of(budget, grid, robust);
    List<OperatingPoint> pareto = ParetoFront.of(space.feasible());
    SelectionContext ctx = new SelectionContext(budget, space.feasible(), pareto, accuracyTolerance);
    List<Selection> selections = selectors.select(ctx);
    return new Plan(
        budget,
        space,
        pareto,
        selections,
        Baselines.fixedK(budget, fixedK),
        Baselines.costAccuracyKnee(budget, grid),
        space.infeasibility());
  }

  /** The mean of each quantity at each point: the coordinates kstar optimises. */
  public static OperatingPoint means(String model, CurvePoint p) {
    return new OperatingPoint(model, p.k(), p.cost().mean(), p.latency().mean(), p.accuracy().mean());
  }

  /** The same under a stopping policy (k is the cap). */
  public static OperatingPoint means(String model, CurvePoint p, io.kstar.policy.Policy policy) {
    return new OperatingPoint(model, p.k(), p.cost().mean(), p.latency().mean(), p.accuracy().mean(), 0, policy);
  }
}
