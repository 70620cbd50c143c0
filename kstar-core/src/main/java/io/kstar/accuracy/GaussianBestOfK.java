package io.kstar.accuracy;

import io.kstar.distribution.BestOfK;
import io.kstar.estimate.Marginal;
import org.apache.commons.rng.UniformRandomProvider;

/** The paper's model: A(k) = max of k scores clip(N(μ, σ²), 0, 1); exact via {@link BestOfK}. */
public final class GaussianBestOfK implements AccuracyModel {
  public static final String ID = "gaussian-best-of-k";
  private final double mean;
  private final double std;
  private BestOfK exact;

  public GaussianBestOfK(double mean, double std) {
    this.mean = mean;
    this.std = std;
  }

  public double scoreMean() {
    return mean;
  }

  public double scoreStd() {
    return std;
  }

  synchronized BestOfK exact() {
    if (exact == null) {
      exact = new BestOfK(mean, std);
    }
    return exact;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public double mean(int k) {
    return exact().mean(k);
  }

  /** {E[A(k)], E[A(k)²]}. */
  public double[] moments(int k) {
    return exact().moments(k);
  }

  @Override
  public double std(int k) {
    return exact().std(k);
  }

  @Override
  public Marginal distribution(int k) {
    return new Marginal.BestOfKScore(mean, std, k);
  }

  @Override
  public Trial trial(UniformRandomProvider rng) {
    double[] best = {0};
    return (z, r) -> {
      double a = mean + std * z;
      a = a < 0 ? 0 : (a > 1 ? 1 : a);
      if (a > best[0]) {
        best[0] = a;
      }
      return best[0];
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GaussianBestOfK g && g.mean == mean && g.std == std;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(mean) * 31 + Double.hashCode(std);
  }
}
