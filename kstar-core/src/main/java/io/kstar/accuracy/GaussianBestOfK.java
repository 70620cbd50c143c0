package io.kstar.accuracy;

import io.kstar.distribution.BestOfK;
import io.kstar.distribution.Marginal;
import io.kstar.parameter.ModelKind;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.ParameterValues;
import io.kstar.parameter.Range;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/** The paper's model: A(k) = max of k scores clip(N(μ, σ²), 0, 1); exact via {@link BestOfK}. */
public final class GaussianBestOfK implements AccuracyModel, Scores {
  public static final String ID = "gaussian-best-of-k";
  public static final Parameter ACC_MEAN = Parameter.number("acc_mean", "acc_mean", "mean", "score",
      Range.unitInterval(), "mean quality score of one sample");
  public static final Parameter ACC_STD = Parameter.number("acc_std", "acc_std", "sd", "score",
      Range.between(0, 100, ""), "sd of the quality score of one sample");
  public static final ModelKind<GaussianBestOfK> KIND = ModelKind.of(ID,
          "the paper's: the best of k quality scores clip(N(acc_mean, acc_std²), 0, 1)",
          List.of(ACC_MEAN, ACC_STD), v -> new GaussianBestOfK(v.number(ACC_MEAN.name()), v.number(ACC_STD.name())))
      .withFriendlyTag("distribution", "clipped-normal", "normal")
      .withCapabilities(AccuracyModels.SCORES);
  private final double mean;
  private final double std;
  private BestOfK exact;

  public GaussianBestOfK(double mean, double std) {
    this.mean = ACC_MEAN.check(mean);
    this.std = ACC_STD.check(std);
  }

  @Override
  public ModelKind<GaussianBestOfK> kind() {
    return KIND;
  }

  @Override
  public ParameterValues values() {
    return ParameterValues.builder().number(ACC_MEAN.name(), mean).number(ACC_STD.name(), std).build();
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
  public double[] meanAndStd(int k) {
    double[] a = exact().moments(k);
    return new double[] {a[0], Math.sqrt(Math.max(0.0, a[1] - a[0] * a[0]))};
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

  @Override
  public String toString() {
    return "GaussianBestOfK[mean=" + mean + ", std=" + std + "]";
  }
}
