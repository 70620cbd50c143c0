package io.kstar.budget;

import io.kstar.input.Check;

/**
 * Per-request budgets (docs/semantics.md §5): total USD over all k samples, total seconds, minimum expected
 * accuracy. Each must be a positive finite number; accuracy at most 1.
 */
public record Budget(double maxCostUsd, double maxLatencyS, double minAccuracy) {
  public Budget {
    Check.positiveFinite("max_cost_usd", maxCostUsd);
    Check.positiveFinite("max_latency_s", maxLatencyS);
    Check.probabilityOpen("min_accuracy", minAccuracy);
  }

  public static Budget of(double maxCostUsd, double maxLatencyS, double minAccuracy) {
    return new Budget(maxCostUsd, maxLatencyS, minAccuracy);
  }
}
