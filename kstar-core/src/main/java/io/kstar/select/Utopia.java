package io.kstar.select;

import io.kstar.space.Objective;

import io.kstar.budget.Budget;
import io.kstar.space.OperatingPoint;

/**
 * utopia: the Pareto point nearest the utopia point (0 cost, 0 latency, accuracy 1) in budget-scaled
 * coordinates: the smallest √((C/C_max)² + (T/T_max)² + (1 − A)²).
 */
public final class Utopia implements Selector {
  public static final String ID = "utopia";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "the Pareto point nearest the ideal (0, 0, 1) in (C/C_max, T/T_max, A): free, instant and always right";
  }

  public static double distance(Budget b, OperatingPoint p) {
    double sum = 0;
    for (Objective o : Objective.ALL) {
      double x = o.scaled(p, b);
      double d = o.minimised() ? x : 1 - x; // distance to the utopia point (0 cost, 0 latency, accuracy 1)
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  @Override
  public Selection select(SelectionContext c) {
    OperatingPoint pick = null;
    double best = Double.POSITIVE_INFINITY;
    for (OperatingPoint p : c.pareto()) {
      double d = distance(c.budget(), p);
      if (pick == null || Selector.greater(best, d)) {
        pick = p;
        best = d;
      }
    }
    return pick == null
        ? Selection.none(ID, "no feasible k, so no Pareto front")
        : Selection.of(ID, pick, "nearest the utopia point, distance " + best);
  }
}
