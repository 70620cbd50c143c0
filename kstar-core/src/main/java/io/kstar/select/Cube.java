package io.kstar.select;

import io.kstar.space.Objective;

import io.kstar.budget.Budget;
import io.kstar.space.OperatingPoint;

/**
 * cube: the feasible k with the largest (1 − C/C_max)·(1 − T/T_max)·A, the volume of the box between
 * the point and the budget corner, scaled by accuracy.
 */
public final class Cube implements Selector {
  public static final String ID = "cube";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "the feasible point with the largest (1 \u2212 C/C_max)\u00b7(1 \u2212 T/T_max)\u00b7A: the volume it leaves under"
        + " the cost and latency budgets, weighted by accuracy";
  }

  public static double volume(Budget b, OperatingPoint p) {
    double v = 1;
    for (Objective o : Objective.ALL) {
      double x = o.scaled(p, b);
      v *= o.minimised() ? 1 - x : x;
    }
    return v;
  }

  @Override
  public Selection select(SelectionContext c) {
    OperatingPoint pick = null;
    double best = Double.NEGATIVE_INFINITY;
    for (OperatingPoint p : c.feasible()) {
      double v = volume(c.budget(), p);
      if (pick == null || Selector.greater(v, best)) {
        pick = p;
        best = v;
      }
    }
    return pick == null
        ? Selection.none(ID, "no feasible k")
        : Selection.of(ID, pick, "largest (1-C/Cmax)(1-T/Tmax)A = " + best);
  }
}
