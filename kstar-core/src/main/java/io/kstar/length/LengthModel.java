package io.kstar.length;

import io.kstar.distribution.ClippedNormal;
import io.kstar.distribution.Normal;
import io.kstar.input.Check;
import io.kstar.input.InvalidInputException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The token length of a prompt or of one sample, before clipping to [lower, upper]:
 *
 * <ul>
 *   <li>{@link ClippedNormalLength} — the paper's, N(μ, σ²);
 *   <li>{@link LogNormalLength} — given by its mean and sd; long right tails, as generated lengths have;
 *   <li>{@link EmpiricalLength} — observed lengths, resampled.
 * </ul>
 *
 * Moments of the clipped length are exact for all three (closed forms, or finite sums).
 */
public sealed interface LengthModel
    permits LengthModel.ClippedNormalLength, LengthModel.LogNormalLength, LengthModel.EmpiricalLength {

  String id();

  /** Mean of the distribution before clipping. */
  double mean();

  /** sd of the distribution before clipping. */
  double sd();

  /** {E[clip(L, lower, upper)], Var[clip(L, lower, upper)]}. */
  double[] clippedMoments(double lower, double upper);

  /** One draw before clipping; {@code z} is a standard normal the simulator drew for it. */
  double sample(double z, UniformRandomProvider rng);

  record ClippedNormalLength(double mu, double sigma) implements LengthModel {
    public static final String ID = "clipped-normal";

    @Override
    public String id() {
      return ID;
    }

    @Override
    public double mean() {
      return mu;
    }

    @Override
    public double sd() {
      return sigma;
    }

    @Override
    public double[] clippedMoments(double lower, double upper) {
      ClippedNormal c = new ClippedNormal(mu, sigma, lower, upper);
      return new double[] {c.mean(), c.variance()};
    }

    @Override
    public double sample(double z, UniformRandomProvider rng) {
      return mu + sigma * z;
    }
  }

  /**
   * Lognormal with the given mean m and sd s: log L ~ N(ν, τ²), τ² = ln(1 + s²/m²), ν = ln m − τ²/2.
   * Clipped moments in closed form: E[L^r; a < L < b] = e^(rν + r²τ²/2)·[Φ((ln b − ν − rτ²)/τ) − Φ((ln a − ν − rτ²)/τ)].
   */
  record LogNormalLength(double mean, double sd) implements LengthModel {
    public static final String ID = "lognormal";

    public LogNormalLength {
      Check.positiveFinite("mean", mean);
      Check.finiteNonNegative("sd", sd);
    }

    double tau() {
      return Math.sqrt(Math.log1p(sd * sd / (mean * mean)));
    }

    double nu() {
      double t = tau();
      return Math.log(mean) - t * t / 2;
    }

    @Override
    public String id() {
      return ID;
    }

    @Override
    public double[] clippedMoments(double lower, double upper) {
      double t = tau();
      double v = nu();
      if (t == 0) {
        double x = Math.max(lower, Math.min(upper, mean));
        return new double[] {x, 0};
      }
      double la = Math.log(lower);
      double lb = Double.isInfinite(upper) ? Double.POSITIVE_INFINITY : Math.log(upper);
      double pBelow = Normal.cdf((la - v) / t);
      double pAbove = Double.isInfinite(lb) ? 0 : Normal.upperTail((lb - v) / t);
      double m1 = partial(1, la, lb, v, t) + lower * pBelow + (Double.isInfinite(upper) ? 0 : upper * pAbove);
      double m2 = partial(2, la, lb, v, t) + lower * lower * pBelow + (Double.isInfinite(upper) ? 0 : upper * upper * pAbove);
      return new double[] {m1, Math.max(0, m2 - m1 * m1)};
    }

    private static double partial(int r, double la, double lb, double v, double t) {
      double scale = Math.exp(r * v + r * r * t * t / 2);
      double hi = Double.isInfinite(lb) ? 1 : Normal.cdf((lb - v - r * t * t) / t);
      double lo = Normal.cdf((la - v - r * t * t) / t);
      return scale * (hi - lo);
    }

    @Override
    public double sample(double z, UniformRandomProvider rng) {
      return Math.exp(nu() + tau() * z);
    }
  }

  /** Observed lengths, each equally likely; moments are finite sums. */
  record EmpiricalLength(double[] values) implements LengthModel {
    public static final String ID = "empirical";

    public EmpiricalLength {
      if (values == null || values.length == 0) {
        throw InvalidInputException.of("values", "[]", "must hold at least one observed length");
      }
      values = values.clone();
      for (double v : values) {
        Check.finiteNonNegative("values", v);
      }
    }

    @Override
    public String id() {
      return ID;
    }

    @Override
    public double mean() {
      return Arrays.stream(values).average().orElse(0);
    }

    @Override
    public double sd() {
      double m = mean();
      return values.length < 2 ? 0 : Math.sqrt(Arrays.stream(values).map(x -> (x - m) * (x - m)).sum() / (values.length - 1));
    }

    @Override
    public double[] clippedMoments(double lower, double upper) {
      double s1 = 0;
      double s2 = 0;
      for (double v : values) {
        double c = Math.max(lower, Math.min(upper, v));
        s1 += c;
        s2 += c * c;
      }
      double m = s1 / values.length;
      return new double[] {m, Math.max(0, s2 / values.length - m * m)};
    }

    @Override
    public double sample(double z, UniformRandomProvider rng) {
      return values[rng.nextInt(values.length)];
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EmpiricalLength e && Arrays.equals(e.values, values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "EmpiricalLength[" + values.length + " values]";
    }
  }
}
