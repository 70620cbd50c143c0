package io.kstar.accuracy;

import io.kstar.parameter.Parameter;
import io.kstar.parameter.ParameterValues;
import io.kstar.parameter.Range;
import org.hipparchus.special.Beta;

/**
 * Question difficulty: a question's per-sample success probability p ~ Beta(α, β). Moments of the
 * form E[p^a (1 − p)^b] = B(α + a, β + b) / B(α, β) are computed through log B (Hipparchus), so that
 * large k keeps its precision.
 */
public record BetaDifficulty(double alpha, double beta) {

  public static final Parameter ALPHA = Parameter.number("difficulty_alpha", "difficulty_alpha", "difficulty.alpha",
      "", Range.positiveAtMost(1e9, ""), "α of the Beta distribution of a question's per-sample success probability");
  public static final Parameter BETA = Parameter.number("difficulty_beta", "difficulty_beta", "difficulty.beta",
      "", Range.positiveAtMost(1e9, ""), "β of the Beta distribution of a question's per-sample success probability");

  public BetaDifficulty {
    ALPHA.check(alpha);
    BETA.check(beta);
  }

  static BetaDifficulty of(ParameterValues v) {
    return new BetaDifficulty(v.number(ALPHA.name()), v.number(BETA.name()));
  }

  ParameterValues.Builder values() {
    return ParameterValues.builder().number(ALPHA.name(), alpha).number(BETA.name(), beta);
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
