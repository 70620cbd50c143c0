package io.kstar.accuracy;

import io.kstar.parameter.ModelKind;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.ParameterValues;
import io.kstar.parameter.Range;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;

/**
 * pass@k with an oracle verifier when a share u of the questions is never solved (p = 0: the model
 * cannot do them at any k) and the rest have p ~ Beta(α, β). So E[pass@k] = (1 − u)·(1 − B(α, β + k)/B(α, β)),
 * which levels off at 1 − u instead of tending to 1 as {@link PassAtK} does. With u = 0 it is {@link PassAtK}.
 * Calibration from logs fits it beside pass-at-k (a zero-inflated beta-binomial) and keeps the one with the
 * lower AIC; the two often fit the observed k almost equally well and part ways far beyond them.
 */
public record PassAtKWithUnsolved(BetaDifficulty difficulty, double unsolvedShare) implements BernoulliOutcome {
  public static final String ID = "pass-at-k-with-unsolved";
  public static final Parameter UNSOLVED_SHARE = Parameter.number("unsolved_share", "unsolved_share",
      "difficulty.unsolved_share", "", Range.unitInterval(),
      "share of questions the model never solves (p = 0); the others have p ~ Beta(α, β)");
  public static final ModelKind<PassAtKWithUnsolved> KIND = ModelKind.of(ID,
          "an oracle verifier, with a share of questions that no number of samples solves",
          List.of(BetaDifficulty.ALPHA, BetaDifficulty.BETA, UNSOLVED_SHARE),
          v -> new PassAtKWithUnsolved(BetaDifficulty.of(v), v.number(UNSOLVED_SHARE.name())))
      .withFriendlyTag("difficulty.distribution", "beta")
      .withCapabilities(AccuracyModels.VERIFIED);

  public PassAtKWithUnsolved {
    UNSOLVED_SHARE.check(unsolvedShare);
  }

  @Override
  public ModelKind<PassAtKWithUnsolved> kind() {
    return KIND;
  }

  @Override
  public ParameterValues values() {
    return difficulty.values().number(UNSOLVED_SHARE.name(), unsolvedShare).build();
  }

  @Override
  public double mean(int k) {
    return (1 - unsolvedShare) * -Math.expm1(Math.log(difficulty.moment(0, k)));
  }

  @Override
  public Trial trial(UniformRandomProvider rng) {
    double p = rng.nextDouble() < unsolvedShare ? 0 : ChengBetaSampler.of(rng, difficulty.alpha(), difficulty.beta()).sample();
    boolean[] solved = {false};
    return (z, r) -> {
      if (!solved[0] && r.nextDouble() < p) {
        solved[0] = true;
      }
      return solved[0] ? 1 : 0;
    };
  }
}
