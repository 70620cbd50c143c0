package io.kstar.space;

/**
 * Cost (USD), latency (s) and accuracy of one request served by {@code model} with k samples, P at a
 * time ({@code parallel}; 0 when the caller does not say). The coordinates are expectations unless a
 * percentile budget asks for a quantile of cost or latency.
 */
public record OperatingPoint(String model, int k, double costUsd, double latencyS, double accuracy, int parallel) {

  public OperatingPoint(String model, int k, double costUsd, double latencyS, double accuracy) {
    this(model, k, costUsd, latencyS, accuracy, 0);
  }

  /**
   * The point in canonical, minimised form (MOEA's convention): cost and latency as they are,
   * accuracy negated, so that "better" is "smaller" in every coordinate.
   */
  public double[] canonical() {
    return new double[] {costUsd, latencyS, -accuracy};
  }

  /** True when this point is no worse than {@code o} in every objective and better in one. */
  public boolean dominates(OperatingPoint o) {
    boolean noWorse = costUsd <= o.costUsd && latencyS <= o.latencyS && accuracy >= o.accuracy;
    boolean better = costUsd < o.costUsd || latencyS < o.latencyS || accuracy > o.accuracy;
    return noWorse && better;
  }
}
