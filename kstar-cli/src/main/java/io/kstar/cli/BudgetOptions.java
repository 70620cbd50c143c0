package io.kstar.cli;

import io.kstar.input.Suggest;
import io.kstar.budget.Budget;
import io.kstar.budget.Scenario;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Confidence;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/** Budgets from flags, from a named scenario, or both (flags override the scenario). */
final class BudgetOptions {

  @Option(names = "--scenario", paramLabel = "NAME",
      description = "Take budgets (and k_max) from this scenario of --scenarios (default: the embedded three).")
  String scenario;

  @Option(names = "--max-cost", paramLabel = "USD", description = "Cost budget per request, all k samples.")
  Double maxCost;

  @Option(names = "--max-latency", paramLabel = "S", description = "Latency budget per request, seconds.")
  Double maxLatency;

  @Option(names = "--min-accuracy", paramLabel = "A", description = "Accuracy floor: expected accuracy per request.")
  Double minAccuracy;

  @Option(names = "--cost-quantile", paramLabel = "Q",
      description = "Percentile budget: k is feasible only when the Q-quantile of cost is within budget (e.g. 0.95).")
  Double costQuantile;

  @Option(names = "--latency-quantile", paramLabel = "Q",
      description = "Percentile budget: k is feasible only when the Q-quantile of latency is within budget (e.g. 0.95).")
  Double latencyQuantile;

  @Option(names = "--confidence", paramLabel = "C",
      description = "Plan robustly: a k is feasible only when the probability that its expected cost, latency and accuracy "
          + "meet the budgets (over the profile's calibration uncertainty) is at least C, e.g. 0.9. Default: off (the means).")
  Double confidence;

  Confidence confidence() {
    return Confidence.of(confidence);
  }

  Scenario chosen(List<Scenario> scenarios) {
    if (scenario == null) {
      return null;
    }
    return scenarios.stream().filter(s -> s.name().equals(scenario)).findFirst()
        .orElseThrow(() -> InvalidInputException.of("scenario", scenario,
            "must be one of " + scenarios.stream().map(Scenario::name).toList()
                + Suggest.hint(scenario, scenarios.stream().map(Scenario::name).toList())));
  }

  Budget budget(List<Scenario> scenarios) {
    Scenario s = chosen(scenarios);
    Double c = maxCost != null ? maxCost : s == null ? null : s.budget().maxCostUsd();
    Double t = maxLatency != null ? maxLatency : s == null ? null : s.budget().maxLatencyS();
    Double a = minAccuracy != null ? minAccuracy : s == null ? null : s.budget().minAccuracy();
    if (c == null || t == null || a == null) {
      List<String> missing = new ArrayList<>();
      if (c == null) {
        missing.add("--max-cost");
      }
      if (t == null) {
        missing.add("--max-latency");
      }
      if (a == null) {
        missing.add("--min-accuracy");
      }
      throw InvalidInputException.of(c == null ? "max_cost_usd" : t == null ? "max_latency_s" : "min_accuracy", null,
          "is required: give " + String.join(", ", missing) + " or --scenario NAME");
    }
    return Budget.of(c, t, a);
  }

  int kMax(List<Scenario> scenarios, Integer override) {
    if (override != null) {
      return override;
    }
    Scenario s = chosen(scenarios);
    return s != null && s.kMax().isPresent() ? s.kMax().getAsInt() : Grid.DEFAULT_K_MAX;
  }

  BudgetBasis basis() {
    return new BudgetBasis(
        costQuantile == null ? OptionalDouble.empty() : OptionalDouble.of(costQuantile),
        latencyQuantile == null ? OptionalDouble.empty() : OptionalDouble.of(latencyQuantile));
  }
}
