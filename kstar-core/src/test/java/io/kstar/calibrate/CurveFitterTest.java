package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.PassAtK;
import io.kstar.accuracy.SelectorBestOfK;
import io.kstar.estimate.MonteCarloEstimator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CurveFitterTest {

  static MeasuredCurve exactCurve(AccuracyModel m, int maxN) {
    List<MeasuredCurve.Point> pts = new ArrayList<>();
    for (int n = 1; n <= maxN; n++) {
      pts.add(new MeasuredCurve.Point(n, m.mean(n), 1000.0 * n));
    }
    return new MeasuredCurve("synthetic", "best_of_n", pts);
  }

  /**
   * A curve measured the way a harness measures it: Q questions, each with p ~ Beta(α, β); for each n,
   * the share of questions whose first n samples contain a correct one (pass@n, an oracle verifier).
   * The same samples serve every n, as in a real evaluation.
   */
  static MeasuredCurve simulatedPassAtN(double alpha, double beta, int questions, int maxN, long seed) {
    UniformRandomProvider rng = MonteCarloEstimator.generator(seed, 0);
    var difficulty = ChengBetaSampler.of(rng, alpha, beta);
    int[] solvedBy = new int[maxN + 1];
    for (int q = 0; q < questions; q++) {
      double p = difficulty.sample();
      for (int n = 1; n <= maxN; n++) {
        if (rng.nextDouble() < p) {
          for (int m = n; m <= maxN; m++) {
            solvedBy[m]++;
          }
          break;
        }
      }
    }
    List<MeasuredCurve.Point> pts = new ArrayList<>();
    for (int n = 1; n <= maxN; n++) {
      pts.add(new MeasuredCurve.Point(n, (double) solvedBy[n] / questions, null));
    }
    return new MeasuredCurve("simulated", "pass", pts);
  }

  @Test
  void recoversTheParametersOfANoiseFreeCurve() {
    SelectorBestOfK truth = new SelectorBestOfK(new BetaDifficulty(1.3, 0.15), 0.84);
    CurveFitter.Fit fit = CurveFitter.fit(exactCurve(truth, 64), SelectorBestOfK.ID, 0, 64);
    assertThat(fit.parameters().get("alpha")).isCloseTo(1.3, within(1e-3));
    assertThat(fit.parameters().get("beta")).isCloseTo(0.15, within(1e-4));
    assertThat(fit.parameters().get("selector_accuracy")).isCloseTo(0.84, within(1e-4));
    assertThat(fit.rmseFitted()).isLessThan(1e-7);
    assertThat(CurveFitter.tokensPerSample(exactCurve(truth, 64))).isCloseTo(1000, within(1e-9));
  }

  /**
   * Recovery from measured curves for several question counts. The accuracy at each n is a share of Q
   * questions, with sd ≤ 0.5/√Q; the tolerance on E[p] = α/(α+β) (what the curve pins down best) is
   * 4 of those, and the fitted curve must stay within 4·0.5/√Q of the true one everywhere.
   */
  @ParameterizedTest
  @ValueSource(ints = {500, 5_000, 50_000})
  void recoversKnownParameters_fromSimulatedMeasurements(int questions) {
    double alpha = 0.9;
    double beta = 0.6;
    PassAtK truth = new PassAtK(new BetaDifficulty(alpha, beta));
    MeasuredCurve measured = simulatedPassAtN(alpha, beta, questions, 64, 11 + questions);
    CurveFitter.Fit fit = CurveFitter.fit(measured, PassAtK.ID, 0, 64);
    double tol = 4 * 0.5 / Math.sqrt(questions);
    double fittedMean = fit.parameters().get("alpha") / (fit.parameters().get("alpha") + fit.parameters().get("beta"));
    assertThat(fittedMean).isCloseTo(alpha / (alpha + beta), within(tol));
    for (int n : new int[] {1, 4, 16, 64}) {
      assertThat(fit.model().mean(n)).as("n=%d, Q=%d", n, questions).isCloseTo(truth.mean(n), within(tol));
    }
  }

  @Test
  void realR1DistillCurves_fitWell_andTheRightModelWins() {
    // a copy of shared/data/real/r1-distill-qwen7b-scaling-curves.json (OptScale, MIT licence)
    List<MeasuredCurve> all = MeasuredCurve.read(Path.of("src", "test", "resources", "r1-distill-qwen7b-scaling-curves.json"));
    MeasuredCurve bon = MeasuredCurve.select(all, "MATH500", "best_of_n").get(0);
    MeasuredCurve vote = MeasuredCurve.select(all, "MATH500", "majority_vote").get(0);
    List<CurveFitter.Fit> bonFits = CurveFitter.fitAll(bon, CurveFitter.candidates(bon.method()), 16);
    List<CurveFitter.Fit> voteFits = CurveFitter.fitAll(vote, List.of("majority-vote", "pass-at-k"), 16);
    // best-of-N with a reward model rises, then falls: only the imperfect selector can do that
    assertThat(bonFits.get(0).modelId()).isEqualTo("selector-best-of-k");
    assertThat(bonFits.get(0).rmseAll()).isLessThan(0.005);
    assertThat(bonFits.get(0).rmseHeldOut()).isLessThan(0.02);
    assertThat(voteFits.get(0).modelId()).isEqualTo("majority-vote");
    assertThat(voteFits.get(0).rmseHeldOut()).isLessThan(0.01);
    assertThat(CurveFitter.tokensPerSample(bon)).isBetween(2700.0, 2760.0);
  }
}
