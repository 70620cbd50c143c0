package io.kstar.select;

import io.kstar.space.OperatingPoint;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * min-cost: the cheapest feasible point, that is the cheapest point meeting the accuracy floor within
 * the other budgets; among points whose costs tie (within a relative {@value Selector#TIE}), the one of
 * lower latency, then the first in the context's order (the smaller k). This is the one implementation
 * of "the cheapest point that reaches an accuracy": {@code compare}'s matches, {@code budget}'s answer
 * and the reproduction's headline use {@link #cheapest} too.
 */
public final class MinCost implements Selector {
  public static final String ID = "min-cost";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "the cheapest feasible point: the lowest expected cost that meets the accuracy floor within the other"
        + " budgets (ties to lower latency)";
  }

  @Override
  public Selection select(SelectionContext c) {
    return cheapest(c.feasible(), p -> true)
        .map(p -> Selection.of(ID, p, "lowest cost meeting the budgets, " + p.costUsd() + " USD"))
        .orElseGet(() -> Selection.none(ID, "no feasible k"));
  }

  /**
   * The cheapest of {@code points} that {@code admits}; costs within a relative {@value Selector#TIE}
   * tie and go to the lower latency, then to the point listed first. Empty when none is admitted.
   */
  public static Optional<OperatingPoint> cheapest(Iterable<OperatingPoint> points, Predicate<OperatingPoint> admits) {
    OperatingPoint best = null;
    for (OperatingPoint p : points) {
      if (!admits.test(p)) {
        continue;
      }
      if (best == null || Selector.greater(best.costUsd(), p.costUsd())
          || (!Selector.greater(p.costUsd(), best.costUsd()) && Selector.greater(best.latencyS(), p.latencyS()))) {
        best = p;
      }
    }
    return Optional.ofNullable(best);
  }
}
