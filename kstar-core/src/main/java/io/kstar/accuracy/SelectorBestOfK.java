package io.kstar.accuracy;

import io.kstar.parameter.ModelKind;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.ParameterValues;
import io.kstar.parameter.Range;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;

/**
 * Best-of-k with an imperfect selector (a reward model): among k samples of a question with success
 * probability p ~ Beta(α, β), if all are correct the answer is correct; if none, wrong; otherwise the
 * selector picks a correct one with probability s. So E[A(k)] = s·(1 − E[(1 − p)^k]) + (1 − s)·E[p^k].
 * At k = 1 this is E[p]; as k grows it tends to s·P(p > 0) = s, so a weak selector makes accuracy rise
 * and then fall, as measured best-of-N curves do.
 */
public record SelectorBestOfK(BetaDifficulty difficulty, double selectorAccuracy) implements BernoulliOutcome {
  public static final String ID = "selector-best-of-k";
  public static final Parameter SELECTOR_ACCURACY = Parameter.number("selector_accuracy", "selector_accuracy",
      "selector_accuracy", "", Range.unitInterval(),
      "probability that the selector picks a correct sample when some but not all are correct");
  public static final ModelKind<SelectorBestOfK> KIND = ModelKind.of(ID,
          "best-of-k with an imperfect selector (a reward model)",
          List.of(BetaDifficulty.ALPHA, BetaDifficulty.BETA, SELECTOR_ACCURACY),
          v -> new SelectorBestOfK(BetaDifficulty.of(v), v.number(SELECTOR_ACCURACY.name())))
      .withFriendlyTag("difficulty.distribution", "beta");

  public SelectorBestOfK {
    SELECTOR_ACCURACY.check(selectorAccuracy);
  }

  @Override
  public ModelKind<SelectorBestOfK> kind() {
    return KIND;
  }

  @Override
  public ParameterValues values() {
    return difficulty.values().number(SELECTOR_ACCURACY.name(), selectorAccuracy).build();
  }

  @Override
  public double mean(int k) {
    double anyCorrect = -Math.expm1(Math.log(difficulty.moment(0, k)));
    double allCorrect = difficulty.moment(k, 0);
    double s = selectorAccuracy;
    return s * (anyCorrect - allCorrect) + allCorrect;
  }

  @Override
  public Trial trial(UniformRandomProvider rng) {
    double p = ChengBetaSampler.of(rng, difficulty.alpha(), difficulty.beta()).sample();
    int[] counts = new int[2]; // [correct, total]
    return (z, r) -> {
      counts[1]++;
      if (r.nextDouble() < p) {
        counts[0]++;
      }
      double u = r.nextDouble(); // the selector's own draw, taken at every prefix to keep the stream aligned
      if (counts[0] == counts[1]) {
        return 1;
      }
      if (counts[0] == 0) {
        return 0;
      }
      return u < selectorAccuracy ? 1 : 0;
    };
  }
}
