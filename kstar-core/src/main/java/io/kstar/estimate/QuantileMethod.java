package io.kstar.estimate;

/** How the 2.5 % / 97.5 % quantiles of a curve were obtained; shown beside them in every output. */
public enum QuantileMethod {
  /** Quantiles of A(k) exact; of C(k) and T(k) from a normal approximation with the exact mean and sd. */
  EXACT_ACCURACY_NORMAL_APPROX_SUMS("exact for accuracy; normal approximation for cost and latency"),
  /** Empirical quantiles of the simulated requests, from fine histograms (bin width 16·sd/1024). */
  SIMULATED("empirical, from simulated requests");

  private final String description;

  QuantileMethod(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
