package io.kstar.plan;

import io.kstar.estimate.CurvePoint;
import io.kstar.input.InvalidInputException;
import java.util.OptionalDouble;

/**
 * What a budget is compared with. By default the expectation (docs/semantics.md §5). Real SLOs are percentiles:
 * with a cost or latency quantile q, a k is feasible only when the q-quantile of C(k) or T(k) is
 * within budget, and that quantile is the point's cost or latency coordinate everywhere (front,
 * selectors). Quantiles come from the estimator's distribution of one request: a normal
 * approximation of the sums for the exact estimator, the simulated requests for Monte Carlo.
 */
public record BudgetBasis(OptionalDouble costQuantile, OptionalDouble latencyQuantile) {

  public static final BudgetBasis MEANS = new BudgetBasis(OptionalDouble.empty(), OptionalDouble.empty());

  public BudgetBasis {
    check("cost_quantile", costQuantile);
    check("latency_quantile", latencyQuantile);
  }

  private static void check(String field, OptionalDouble q) {
    if (q.isPresent() && !(q.getAsDouble() > 0 && q.getAsDouble() < 1)) {
      throw InvalidInputException.of(field, q.getAsDouble(), "must be a probability strictly between 0 and 1");
    }
  }

  public double cost(CurvePoint p) {
    return costQuantile.isPresent() ? p.cost().distribution().quantile(costQuantile.getAsDouble()) : p.cost().mean();
  }

  public double latency(CurvePoint p) {
    return latencyQuantile.isPresent()
        ? p.latency().distribution().quantile(latencyQuantile.getAsDouble())
        : p.latency().mean();
  }

  /** "mean" or "p95 (normal approximation)" — what the cost coordinate is, for outputs. */
  public String describeCost(CurvePoint any) {
    return describe(costQuantile, any.cost().distribution().method());
  }

  public String describeLatency(CurvePoint any) {
    return describe(latencyQuantile, any.latency().distribution().method());
  }

  private static String describe(OptionalDouble q, String method) {
    if (q.isEmpty()) {
      return "mean";
    }
    double p = 100 * q.getAsDouble();
    String label = p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    return "p" + label + ", " + method;
  }
}
