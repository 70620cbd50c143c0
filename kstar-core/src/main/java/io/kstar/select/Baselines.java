package io.kstar.select;

import io.kstar.budget.Budget;
import io.kstar.pareto.ParetoFront;
import io.kstar.space.FeasibleSpace;
import io.kstar.space.Objective;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * What one or two dimensions miss (docs/semantics.md §6). <b>1D</b>: a fixed k, whatever the budgets say.
 * <b>2D</b>: the knee of accuracy against cost alone: among grid points meeting the cost and accuracy
 * budgets (latency ignored), the accuracy–cost Pareto front, and on it the point of largest 2-D
 * curvature of (C/C_max, A) in k. Each baseline is reported with the budgets it breaks.
 */
public final class Baselines {
  private Baselines() {}

  public static final String ONE_D = "baseline-1d";
  public static final String TWO_D = "baseline-2d";

  /** A baseline's pick and the budgets (field names) it breaks. */
  public record Baseline(Selection selection, List<String> breaks) {}

  public static Baseline fixedK(Budget b, OperatingPoint atK) {
    return new Baseline(
        Selection.of(ONE_D, atK, "fixed k = " + atK.k()), FeasibleSpace.breaks(b, atK));
  }

  public static Baseline costAccuracyKnee(Budget b, List<OperatingPoint> grid) {
    List<OperatingPoint> admitted =
        grid.stream().filter(p -> Objective.COST.meets(p, b) && Objective.ACCURACY.meets(p, b)).toList();
    // the 2-D front: latency ignored, so give every point the same latency
    List<OperatingPoint> flat =
        admitted.stream().map(p -> new OperatingPoint(p.model(), p.k(), p.costUsd(), 0.0, p.accuracy())).toList();
    boolean[] on = ParetoFront.members(flat);
    List<OperatingPoint> front = new ArrayList<>();
    for (int i = 0; i < admitted.size(); i++) {
      if (on[i]) {
        front.add(admitted.get(i));
      }
    }
    Selection s = Knee.select(TWO_D, b, front, false);
    return new Baseline(s, s.point().map(p -> FeasibleSpace.breaks(b, p)).orElse(List.of()));
  }
}
