package io.kstar.distribution;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.numbers.gamma.InverseErfc;

/**
 * The standard normal distribution, computed so that both tails keep their relative precision:
 * {@code cdf} and {@code upperTail} go through {@code erfc} and its inverse (Commons Numbers), never through
 * {@code 1 − cdf}. Pure functions; no state.
 */
public final class Normal {
  private Normal() {}

  static final double SQRT2 = Math.sqrt(2.0);
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

  private static final ConcurrentHashMap<Integer, double[]> MAX_MOMENTS =
      new ConcurrentHashMap<>();

  /**
   * {E[M], E[M²]} for M the maximum of n independent standard normals (n ≥ 1; n = 0 gives {0, 0}):
   * ∫ z^r · n·φ(z)·Φ(z)^(n−1) dz by Gauss–Legendre quadrature (Hipparchus nodes) on 0.25-wide panels
   * over [−12, 12], beyond which the density is below 1e-30.
   */
  public static double[] maxMoments(int n) {
    if (n <= 0) {
      return new double[] {0, 0};
    }
    return MAX_MOMENTS.computeIfAbsent(n, Normal::integrateMaxMoments);
  }

  /** {@link #maxMoments}'s quadrature itself, without the table of values already computed (n ≥ 1). */
  static double[] integrateMaxMoments(int m) {
    var rule = new org.hipparchus.analysis.integration.gauss.LegendreRuleFactory().getRule(16);
    double m1 = 0;
    double m2 = 0;
    for (double a = -12; a < 12; a += 0.25) {
      for (int j = 0; j < 16; j++) {
        double z = a + 0.125 * (rule.getFirst()[j] + 1);
        double w = 0.125 * rule.getSecond()[j];
        double dens = m * pdf(z) * Math.exp((m - 1) * logCdf(z));
        m1 += w * z * dens;
        m2 += w * z * z * dens;
      }
    }
    return new double[] {m1, m2};
  }

  /** φ(z), the density. */
  public static double pdf(double z) {
    if (Double.isInfinite(z)) {
      return 0.0;
    }
    return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
  }

  /**
   * Φ(z) = P(Z ≤ z); exact to the precision of erfc in the lower tail (Commons Numbers' erfc, a
   * rational approximation good to about 1e-16 relative, much faster than an incomplete gamma).
   */
  public static double cdf(double z) {
    if (z == Double.NEGATIVE_INFINITY) {
      return 0.0;
    }
    if (z == Double.POSITIVE_INFINITY) {
      return 1.0;
    }
    return 0.5 * org.apache.commons.numbers.gamma.Erfc.value(-z / SQRT2);
  }

  /** Q(z) = P(Z > z) = 1 − Φ(z), without cancellation in the upper tail. */
  public static double upperTail(double z) {
    return cdf(-z);
  }

  /** log Φ(z), accurate in both tails. */
  public static double logCdf(double z) {
    return z < 0 ? Math.log(cdf(z)) : Math.log1p(-upperTail(z));
  }

  /**
   * Φ⁻¹(p) for p in (0, 1); {@code upper} says that {@code p} is given as an upper-tail probability
   * 1 − p (so that p close to 1 keeps its precision). Through Commons Numbers' InverseErfc, which keeps
   * the relative precision of a small argument: Hipparchus' erfcInv(x) is erfInv(1 − x), which loses it
   * (a tail of 2.5e-10 came back with a relative error of 1e-7 in z).
   */
  public static double quantile(double p, boolean upper) {
    if (p <= 0) {
      return upper ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    if (p >= 1) {
      return upper ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    // Φ⁻¹(p) = −√2 · erfcInv(2p)
    double z = -SQRT2 * InverseErfc.value(2.0 * p);
    return upper ? -z : z;
  }
}
