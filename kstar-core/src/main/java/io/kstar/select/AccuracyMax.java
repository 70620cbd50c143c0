package io.kstar.select;

import io.kstar.parameter.Parameter;
import io.kstar.parameter.Range;
import io.kstar.space.OperatingPoint;
import java.util.List;

/**
 * accuracy-max: the smallest feasible k whose E[A(k)] is within τ of the largest feasible E[A(k)]
 * (τ = 1e-6 by default): closer accuracies cannot be told apart in a deployment, and near saturation
 * a strict maximum would buy differences of 1e-15 with many more samples. At the same k, the same model
 * under a cheaper stopping policy (until-decided keeps majority vote's accuracy with fewer samples) wins.
 */
public final class AccuracyMax implements Selector {
  public static final String ID = "accuracy-max";

  /** τ: accuracies closer than this to the best feasible one count as the best. */
  public static final Parameter TOLERANCE = Parameter.number("accuracy_tolerance", "accuracy_tolerance",
      "accuracy_tolerance", "", Range.nonNegative(),
      "tau of accuracy-max: expected accuracies within tau of the best feasible one count as the best")
      .withDefault(SelectionContext.DEFAULT_ACCURACY_TOLERANCE);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "the smallest feasible k whose expected accuracy is within tau (accuracy_tolerance, default 1e-6) of the"
        + " best feasible one";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(TOLERANCE);
  }

  @Override
  public Selection select(SelectionContext c) {
    if (c.feasible().isEmpty()) {
      return Selection.none(ID, "no feasible k");
    }
    double best = c.feasible().stream().mapToDouble(OperatingPoint::accuracy).max().orElseThrow();
    OperatingPoint pick = null;
    for (OperatingPoint p : c.feasible()) {
      if (p.accuracy() >= best - c.accuracyTolerance() && (pick == null || p.k() < pick.k()
          || (p.k() == pick.k() && p.model().equals(pick.model()) && p.costUsd() < pick.costUsd()))) {
        pick = p;
      }
    }
    return Selection.of(
        ID, pick, "smallest k within " + c.accuracyTolerance() + " of the best feasible accuracy");
  }
}
