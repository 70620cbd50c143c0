package io.kstar.length;

import io.kstar.distribution.ClippedNormal;
import io.kstar.distribution.Normal;
import io.kstar.input.InvalidInputException;
import io.kstar.parameter.ModelKind;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.ParameterValues;
import io.kstar.parameter.Parameterised;
import io.kstar.parameter.Range;
import io.kstar.parameter.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
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
 * Moments of the clipped length are exact for all three (closed forms, or finite sums). Each declares
 * its kind and parameters; {@link LengthModels#REGISTRY} lists them.
 */
public sealed interface LengthModel extends Parameterised
    permits LengthModel.ClippedNormalLength, LengthModel.LogNormalLength, LengthModel.EmpiricalLength {

  /** A length's mean: at least one token. In the flat format {@code mu_Lin} / {@code mu_Lout}. */
  Parameter MEAN = Parameter.number("mean", "mu_L{side}", "mean", "tokens",
      Range.between(1, 1e8, " (tokens; every prompt and every sample has at least one)"), "mean length");
  /** A length's sd. In the flat format {@code sigma_Lin} / {@code sigma_Lout}. */
  Parameter SD = Parameter.number("sd", "sigma_L{side}", "sd", "tokens", Range.between(0, 1e8, " (tokens)"),
      "sd of the length");
  /** Observed lengths. In the flat format {@code lin_values} / {@code lout_values}. */
  Parameter VALUES = new Parameter("values", Shape.NUMBER_LIST, "l{side}_values", "values", "tokens",
      Range.between(0, 1e8, " (tokens)"), "observed lengths, each equally likely", OptionalDouble.empty(), false);

  /** Mean of the distribution before clipping. */
  double mean();

  /** sd of the distribution before clipping. */
  double sd();

  /** {E[clip(L, lower, upper)], Var[clip(L, lower, upper)]}. */
  double[] clippedMoments(double lower, double upper);

  /** One draw before clipping; {@code z} is a standard normal the simulator drew for it. */
  double sample(double z, UniformRandomProvider rng);

  /**
   * Whether the length can exceed {@code bound} with a probability that could change a reported digit
   * (above about 1e-15): the exact estimator leaves out the bound L_out ≤ 16·L_in and says so then.
   */
  default boolean mayExceed(double bound) {
    return clippedMoments(1, Double.POSITIVE_INFINITY)[0] + 12 * sd() > bound;
  }

  /** Lengths below this value have probability below 1e-32 (a lower end for bounds that depend on it). */
  default double practicalMinimum() {
    return Math.max(1.0, mean() - 12.0 * sd());
  }

  record ClippedNormalLength(double mu, double sigma) implements LengthModel {
    public static final String ID = "clipped-normal";
    public static final ModelKind<ClippedNormalLength> KIND = ModelKind.of(ID, "the paper's: N(mean, sd²), clipped",
        List.of(MEAN, SD), v -> new ClippedNormalLength(v.number(MEAN.name()), v.number(SD.name()))).withAliases("normal");

    public ClippedNormalLength {
      MEAN.check(mu);
      SD.check(sigma);
    }

    @Override
    public ModelKind<ClippedNormalLength> kind() {
      return KIND;
    }

    @Override
    public ParameterValues values() {
      return ParameterValues.builder().number(MEAN.name(), mu).number(SD.name(), sigma).build();
    }

    @Override
    public boolean mayExceed(double bound) {
      return sigma == 0 ? mu > bound : Normal.upperTail((bound - mu) / sigma) > 1e-15;
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
    public static final ModelKind<LogNormalLength> KIND = ModelKind.of(ID,
        "lognormal with the given mean and sd: long right tails, as generated lengths have",
        List.of(MEAN, SD), v -> new LogNormalLength(v.number(MEAN.name()), v.number(SD.name())));

    public LogNormalLength {
      MEAN.check(mean);
      SD.check(sd);
    }

    @Override
    public ModelKind<LogNormalLength> kind() {
      return KIND;
    }

    @Override
    public ParameterValues values() {
      return ParameterValues.builder().number(MEAN.name(), mean).number(SD.name(), sd).build();
    }

    double tau() {
      return Math.sqrt(Math.log1p(sd * sd / (mean * mean)));
    }

    double nu() {
      double t = tau();
      return Math.log(mean) - t * t / 2;
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
  record EmpiricalLength(double[] lengths) implements LengthModel {
    public static final String ID = "empirical";
    public static final ModelKind<EmpiricalLength> KIND = ModelKind.of(ID, "observed lengths, resampled",
        List.of(VALUES), v -> new EmpiricalLength(v.list(VALUES.name())));

    public EmpiricalLength {
      if (lengths == null || lengths.length == 0) {
        throw InvalidInputException.of("values", "[]", "must hold at least one observed length");
      }
      lengths = lengths.clone();
      for (double v : lengths) {
        VALUES.check(v);
      }
    }

    @Override
    public ModelKind<EmpiricalLength> kind() {
      return KIND;
    }

    @Override
    public ParameterValues values() {
      return ParameterValues.builder().list(VALUES.name(), lengths).build();
    }

    @Override
    public double mean() {
      return Arrays.stream(lengths).average().orElse(0);
    }

    @Override
    public double sd() {
      double m = mean();
      return lengths.length < 2 ? 0 : Math.sqrt(Arrays.stream(lengths).map(x -> (x - m) * (x - m)).sum() / (lengths.length - 1));
    }

    @Override
    public double[] clippedMoments(double lower, double upper) {
      double s1 = 0;
      double s2 = 0;
      for (double v : lengths) {
        double c = Math.max(lower, Math.min(upper, v));
        s1 += c;
        s2 += c * c;
      }
      double m = s1 / lengths.length;
      return new double[] {m, Math.max(0, s2 / lengths.length - m * m)};
    }

    @Override
    public double sample(double z, UniformRandomProvider rng) {
      return lengths[rng.nextInt(lengths.length)];
    }

    @Override
    public double[] lengths() {
      return lengths.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EmpiricalLength e && Arrays.equals(e.lengths, lengths);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
      return "EmpiricalLength[" + lengths.length + " values]";
    }
  }
}
