package io.kstar.accuracy;

import io.kstar.input.Check;
import org.hipparchus.special.Beta;

/**
 * Question difficulty: a question's per-sample success probability p ~ Beta(α, β). Moments of the
 * form E[p^a (1 − p)^b] = B(α + a, β + b) / B(α, β) are computed through log B (Hipparchus), so that
 * large k keeps its precision.
 */
public record BetaDifficulty(double alpha, double beta) {

  public BetaDifficulty {
    Check.positiveFinite("difficulty_alpha", alpha);
    Check.positiveFinite("difficulty_beta", beta);
  }

  /** E[p^a (1 − p)^b]. */
  public double moment(double a, double b) {
    return Math.exp(Beta.logBeta(alpha + a, beta + b) - Beta.logBeta(alpha, beta));
  }

  /** E[p]. */
  public double mean() {
    return alpha / (alpha + beta);
  }
}
