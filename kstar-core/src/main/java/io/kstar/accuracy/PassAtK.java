package io.kstar.accuracy;

import io.kstar.parameter.ModelKind;
import io.kstar.parameter.ParameterValues;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;

/**
 * pass@k with an oracle verifier: a request is answered when any of its k samples is correct; the
 * question's success probability p ~ Beta(α, β), so E[pass@k] = 1 − E[(1 − p)^k]
 * = 1 − B(α, β + k) / B(α, β). One request's outcome is Bernoulli.
 */
public record PassAtK(BetaDifficulty difficulty) implements BernoulliOutcome {
  public static final String ID = "pass-at-k";
  public static final ModelKind<PassAtK> KIND = ModelKind.of(ID,
          "an oracle verifier: a request is answered when any of its k samples is correct",
          List.of(BetaDifficulty.ALPHA, BetaDifficulty.BETA), v -> new PassAtK(BetaDifficulty.of(v)))
      .withFriendlyTag("difficulty.distribution", "beta")
      .withCapabilities(AccuracyModels.VERIFIED);

  @Override
  public ModelKind<PassAtK> kind() {
    return KIND;
  }

  @Override
  public ParameterValues values() {
    return difficulty.values().build();
  }

  @Override
  public double mean(int k) {
    return -Math.expm1(Math.log(difficulty.moment(0, k)));
  }

  @Override
  public Trial trial(UniformRandomProvider rng) {
    double p = ChengBetaSampler.of(rng, difficulty.alpha(), difficulty.beta()).sample();
    boolean[] solved = {false};
    return (z, r) -> {
      if (!solved[0] && r.nextDouble() < p) {
        solved[0] = true;
      }
      return solved[0] ? 1 : 0;
    };
  }
}
