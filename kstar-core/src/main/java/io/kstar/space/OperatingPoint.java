package io.kstar.space;

import io.kstar.policy.Policy;

/**
 * Cost (USD), latency (s) and accuracy of one request served by {@code model} with k samples, P at a
 * time ({@code parallel}; 0 when the caller does not say). The coordinates are expectations unless a
 * percentile budget asks for a quantile of cost or latency. Under a stopping {@code policy} k is the cap.
 */
public record OperatingPoint(String model, int k, double costUsd, double latencyS, double accuracy, int parallel,
    Policy policy) {

  public OperatingPoint {
    java.util.Objects.requireNonNull(policy, "policy");
  }

  public OperatingPoint(String model, int k, double costUsd, double latencyS, double accuracy, int parallel) {
    this(model, k, costUsd, latencyS, accuracy, parallel, Policy.FIXED);
  }

  public OperatingPoint(String model, int k, double costUsd, double latencyS, double accuracy) {
    this(model, k, costUsd, latencyS, accuracy, 0);
  }

  /**
   * The point in canonical, minimised form (MOEA's convention): cost and latency as they are,
   * accuracy negated, so that "better" is "smaller" in every coordinate.
   */
  public double[] canonical() {
    double[] c = new double[Objective.ALL.size()];
    for (Objective o : Objective.ALL) {
      c[o.ordinal()] = o.canonical(this);
    }
    return c;
  }

  /** True when this point is no worse than {@code o} in every objective and better in one. */
  public boolean dominates(OperatingPoint o) {
    double[] a = canonical();
    double[] b = o.canonical();
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) {
        return false;
      }
      better |= a[i] < b[i];
    }
    return better;
  }
}
