package io.kstar.distribution;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;

/**
 * Independent reference values, computed differently from the production code: through densities
 * (not survival functions) and Hipparchus' adaptive Gauss–Legendre integrator on many sub-intervals.
 */
public final class ReferenceIntegrals {
  private ReferenceIntegrals() {}

  public static double integrate(UnivariateFunction f, double a, double b) {
    int pieces = 400;
    double sum = 0;
    double w = (b - a) / pieces;
    for (int i = 0; i < pieces; i++) {
      IterativeLegendreGaussIntegrator integ = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-17);
      sum += integ.integrate(100_000, f, a + i * w, a + (i + 1) * w);
    }
    return sum;
  }

  /** E[M^power] for M the best of k scores clip(N(mu, sigma²), 0, 1), from the density of M. */
  public static double bestOfKMoment(double mu, double sigma, int k, int power) {
    UnivariateFunction f = x -> {
      double z = (x - mu) / sigma;
      double cdf = Normal.cdf(z);
      double pdf = Normal.pdf(z) / sigma;
      return Math.pow(x, power) * k * Math.pow(cdf, k - 1) * pdf;
    };
    double lo = Math.max(0, mu - 12 * sigma);
    double hi = Math.min(1, mu + 12 * sigma);
    double inside = integrate(f, lo, hi);
    double atOne = 1 - Math.pow(Normal.cdf((1 - mu) / sigma), k); // P(M = 1)
    double atZero = 0; // contributes 0 to every positive power
    return inside + atOne + atZero;
  }
}
