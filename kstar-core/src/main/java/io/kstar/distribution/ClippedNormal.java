package io.kstar.distribution;

/**
 * {@code clip(N(μ, σ²), a, b)}: a normal variable pushed to the nearest bound when it falls outside
 * [a, b] (the bounds carry point masses; this is not a truncated normal). {@code b} may be +∞.
 *
 * <p>Mean and variance in closed form (docs/semantics.md §3). With Z standardised and α = (a−μ)/σ, β = (b−μ)/σ:
 * E[clip Z] = α·Φ(α) + β·Q(β) + φ(α) − φ(β) and E[(clip Z)²] = α²·Φ(α) + β²·Q(β) + Φ(β) − Φ(α) +
 * α·φ(α) − β·φ(β), terms with an infinite bound being 0. The variance is formed in standard units and
 * scaled by σ², so no large numbers cancel. σ = 0 is a point mass at clip(μ, a, b).
 */
public record ClippedNormal(double mu, double sigma, double lower, double upper) {

  public ClippedNormal {
    if (!(sigma >= 0) || !(lower <= upper)) {
      throw new IllegalArgumentException("clip(N(" + mu + ", " + sigma + "²), " + lower + ", " + upper + ")");
    }
  }

  public double mean() {
    if (sigma == 0) {
      return clamp(mu);
    }
    return mu + sigma * standardMoments()[0];
  }

  public double variance() {
    if (sigma == 0) {
      return 0.0;
    }
    double[] m = standardMoments();
    return Math.max(0.0, sigma * sigma * (m[1] - m[0] * m[0]));
  }

  public double std() {
    return Math.sqrt(variance());
  }

  /** Clamps x into [lower, upper]. */
  public double clamp(double x) {
    return x < lower ? lower : (x > upper ? upper : x);
  }

  /** {E[clip Z], E[(clip Z)²]} for the standardised variable. */
  private double[] standardMoments() {
    double alpha = (lower - mu) / sigma;
    double beta = (upper - mu) / sigma;
    double phiA = Normal.cdf(alpha);
    double qB = Normal.upperTail(beta);
    double dA = Normal.pdf(alpha);
    double dB = Normal.pdf(beta);
    double inside = 1.0 - phiA - qB;
    double lowerAtom = Double.isInfinite(alpha) ? 0.0 : alpha * phiA;
    double upperAtom = Double.isInfinite(beta) ? 0.0 : beta * qB;
    double m1 = lowerAtom + upperAtom + dA - dB;
    double lowerAtom2 = Double.isInfinite(alpha) ? 0.0 : alpha * alpha * phiA;
    double upperAtom2 = Double.isInfinite(beta) ? 0.0 : beta * beta * qB;
    double aDa = Double.isInfinite(alpha) ? 0.0 : alpha * dA;
    double bDb = Double.isInfinite(beta) ? 0.0 : beta * dB;
    double m2 = lowerAtom2 + upperAtom2 + inside + aDa - bDb;
    return new double[] {m1, m2};
  }
}
