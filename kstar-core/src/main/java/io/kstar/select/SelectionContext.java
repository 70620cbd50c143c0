package io.kstar.select;

import io.kstar.budget.Budget;
import io.kstar.space.OperatingPoint;
import java.util.List;

/**
 * What a selector sees: the budget, the feasible points and the Pareto front (both in increasing k,
 * or in the caller's order for joint fronts), and the accuracy tolerance τ of accuracy-max.
 */
public record SelectionContext(
    Budget budget, List<OperatingPoint> feasible, List<OperatingPoint> pareto, double accuracyTolerance) {

  public static final double DEFAULT_ACCURACY_TOLERANCE = 1e-6;

  public SelectionContext {
    feasible = List.copyOf(feasible);
    pareto = List.copyOf(pareto);
  }
}
