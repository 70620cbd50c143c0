package io.kstar.space;

import io.kstar.budget.Budget;
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
    OptionalDouble cost =
        all.stream()
            .filter(p -> p.latencyS() <= b.maxLatencyS() && p.accuracy() >= b.minAccuracy())
            .mapToDouble(OperatingPoint::costUsd)
            .min();
    OptionalDouble latency =
        all.stream()
            .filter(p -> p.costUsd() <= b.maxCostUsd() && p.accuracy() >= b.minAccuracy())
            .mapToDouble(OperatingPoint::latencyS)
            .min();
    OptionalDouble accuracy =
        all.stream()
            .filter(p -> p.costUsd() <= b.maxCostUsd() && p.latencyS() <= b.maxLatencyS())
            .mapToDouble(OperatingPoint::accuracy)
            .max();
    List<String> binding = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    if (cost.isPresent()) {
      binding.add("max_cost_usd");
      parts.add("max_cost_usd >= " + fmt(cost.getAsDouble(), java.math.RoundingMode.CEILING));
    }
    if (latency.isPresent()) {
      binding.add("max_latency_s");
      parts.add("max_latency_s >= " + fmt(latency.getAsDouble(), java.math.RoundingMode.CEILING));
    }
    if (accuracy.isPresent()) {
      binding.add("min_accuracy");
      parts.add("min_accuracy <= " + fmt(accuracy.getAsDouble(), java.math.RoundingMode.FLOOR));
    }
    String reason =
        binding.isEmpty()
            ? "no k is feasible and no single budget binds: every k breaks two or more budgets"
            : "no k is feasible; any one of these would admit a k: " + String.join(", ", parts);
    return new Infeasibility(binding, cost, latency, accuracy, reason);
  }

  /** Six significant digits, rounded towards the side that still admits the point. */
  static String fmt(double v, java.math.RoundingMode mode) {
    String nearest = new java.math.BigDecimal(v).round(new java.math.MathContext(6, java.math.RoundingMode.HALF_EVEN))
        .stripTrailingZeros().toPlainString();
    double back = Double.parseDouble(nearest);
    boolean admits = mode == java.math.RoundingMode.CEILING ? back >= v : back <= v;
    return admits
        ? nearest
        : new java.math.BigDecimal(v).round(new java.math.MathContext(6, mode)).stripTrailingZeros().toPlainString();
  }
}
