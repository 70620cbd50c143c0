package io.kstar.space;

import io.kstar.budget.Budget;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Why no k is feasible. For each budget, the loosest value of it alone that would admit some k of the
 * grid while the other two stay as they are: the smallest cost budget (the least E[C] among points
 * meeting the latency and accuracy budgets), the smallest latency budget, the largest accuracy floor.
 * A budget is <em>binding</em> when relaxing it alone to that value suffices. When no single budget
 * does, every k breaks two or more.
 */
public record Infeasibility(
    List<String> binding,
    OptionalDouble maxCostUsdNeeded,
    OptionalDouble maxLatencySNeeded,
    OptionalDouble minAccuracyNeeded,
    String reason) {

  public Infeasibility {
    binding = List.copyOf(binding);
  }

  static Infeasibility diagnose(Budget b, List<OperatingPoint> all) {
    if (all.isEmpty()) {
      return new Infeasibility(
          List.of(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
          "the grid is empty (k_max is below P on the batch grid)");
    }
    // for each budget on its own: the best value among points that meet the other two
    OptionalDouble[] needed = new OptionalDouble[Objective.ALL.size()];
    List<String> binding = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Objective o : Objective.ALL) {
      OptionalDouble best = OptionalDouble.empty();
      for (OperatingPoint p : all) {
        if (!Double.isFinite(o.value(p))) {
          continue; // a point with no finite latency (past a server's capacity) is admitted by no budget
        }
        boolean othersMet = Objective.ALL.stream().filter(x -> x != o).allMatch(x -> x.meets(p, b));
        if (othersMet && (best.isEmpty() || o.better(o.value(p), best.getAsDouble()))) {
          best = OptionalDouble.of(o.value(p));
        }
      }
      needed[o.ordinal()] = best;
      if (best.isPresent()) {
        binding.add(o.budgetField());
        parts.add(o.relaxation(fmt(best.getAsDouble(), o.admittingRounding())));
      }
    }
    OptionalDouble cost = needed[Objective.COST.ordinal()];
    OptionalDouble latency = needed[Objective.LATENCY.ordinal()];
    OptionalDouble accuracy = needed[Objective.ACCURACY.ordinal()];
    List<String> unbounded = all.stream().filter(p -> !Double.isFinite(p.latencyS()))
        .map(p -> Integer.toString(p.k())).distinct().toList();
    String reason =
        binding.isEmpty()
            ? unbounded.isEmpty()
                ? "no k is feasible and no single budget binds: every k breaks two or more budgets"
                : unbounded.size() == all.stream().map(OperatingPoint::k).distinct().count()
                    ? "no k is feasible: no finite latency at k = " + String.join(", ", unbounded) + " (past the"
                        + " server's capacity: see the notes)"
                    : "no k is feasible: no finite latency at k = " + String.join(", ", unbounded) + " (past the"
                        + " server's capacity: see the notes), and every other k breaks two or more budgets"
            : "no k is feasible; any one of these would admit a k: " + String.join(", ", parts)
                + (unbounded.isEmpty() ? "" : " (no finite latency at k = " + String.join(", ", unbounded)
                    + ": past the server's capacity)");
    return new Infeasibility(binding, cost, latency, accuracy, reason);
  }

  /** Six significant digits, rounded towards the side that still admits the point. */
  static String fmt(double v, RoundingMode mode) {
    String nearest = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN))
        .stripTrailingZeros().toPlainString();
    double back = Double.parseDouble(nearest);
    boolean admits = mode == RoundingMode.CEILING ? back >= v : back <= v;
    return admits
        ? nearest
        : new BigDecimal(v).round(new MathContext(6, mode)).stripTrailingZeros().toPlainString();
  }
}
