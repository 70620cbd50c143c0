package io.kstar.accuracy;

import static io.kstar.accuracy.BetaMoments.moment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.catalog.CatalogReader;
import io.kstar.estimate.Curve;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.ExactEstimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.profile.ModelProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccuracyModelsTest {

  @ParameterizedTest
  @CsvSource({"2,1,1", "2,1,16", "0.5,0.8,64", "3,7,5", "1.5,0.4,200"})
  void passAtK_matchesTheIntegralOverDifficulty(double a, double b, int k) {
    PassAtK m = new PassAtK(new BetaDifficulty(a, b));
    double expected = 1 - moment(a, b, 0, k);
    assertThat(m.mean(k)).isCloseTo(expected, within(1e-12));
    assertThat(new PassAtK(new BetaDifficulty(a, b)).mean(1)).isCloseTo(a / (a + b), within(1e-13));
  }

  @ParameterizedTest
  @CsvSource({"2,1,0.7,1", "2,1,0.7,8", "0.6,0.9,0.5,32", "3,2,1.0,10"})
  void selector_matchesTheIntegralOverDifficulty(double a, double b, double s, int k) {
    SelectorBestOfK m = new SelectorBestOfK(new BetaDifficulty(a, b), s);
    double expected = s * (1 - moment(a, b, 0, k) - moment(a, b, k, 0)) + moment(a, b, k, 0);
    assertThat(m.mean(k)).isCloseTo(expected, within(1e-12));
  }

  /**
   * Majority vote by brute force: every sequence of k answers (correct, or one of m wrong ones), its
   * probability p^c ((1 − p)/m)^(k−c) averaged over the difficulty, times the correct answer's share of
   * the plurality (1 / number tied).
   */
  static double bruteForceVote(double alpha, double beta, int k, int m) {
    int answers = m + 1;
    int total = (int) Math.pow(answers, k);
    double sum = 0;
    for (int code = 0; code < total; code++) {
      int[] votes = new int[answers];
      int c = code;
      for (int i = 0; i < k; i++) {
        int a = c % answers;
        c /= answers;
        votes[a]++;
      }
      double prob = moment(alpha, beta, votes[0], k - votes[0]) * Math.pow(1.0 / m, k - votes[0]);
      int top = 0;
      for (int v : votes) {
        top = Math.max(top, v);
      }
      if (votes[0] == top) {
        int tied = 0;
        for (int v : votes) {
          if (v == top) {
            tied++;
          }
        }
        sum += prob / tied;
      }
    }
    return sum;
  }

  @ParameterizedTest
  @CsvSource({"1,1", "1,4", "1,5", "2,3", "2,6", "3,5", "4,4"})
  void majorityVote_matchesBruteForceEnumeration(int m, int k) {
    double a = 2.5;
    double b = 1.2;
    MajorityVote model = new MajorityVote(new BetaDifficulty(a, b), m);
    double expected = bruteForceVote(a, b, k, m);
    assertThat(model.mean(k)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void majorityVote_withOneWrongAnswer_isTheBinomialMajority() {
    // g(c, n) for m = 1: [c > n] + ½[c = n]
    assertThat(MajorityVote.win(3, 2, 1)).isEqualTo(1.0);
    assertThat(MajorityVote.win(2, 2, 1)).isEqualTo(0.5);
    assertThat(MajorityVote.win(1, 2, 1)).isEqualTo(0.0);
    // three answers tied at one vote each: the correct one wins a third of the draws
    assertThat(MajorityVote.win(1, 2, 2)).isCloseTo(0.5 * (1.0 / 3), within(1e-15));
  }

  /**
   * Monte Carlo against exact for every model at scale. Each request's outcome is Bernoulli(q): the
   * standard error of the simulated mean is √(q(1−q)/n); the tolerance is 4.5 of those.
   */
  @ParameterizedTest
  @CsvSource({"pass-at-k", "majority-vote", "selector-best-of-k", "pass-at-k-with-unsolved"})
  void monteCarlo_agreesWithExact(String id) {
    BetaDifficulty d = new BetaDifficulty(1.8, 0.6);
    AccuracyModel model = switch (id) {
      case "pass-at-k" -> new PassAtK(d);
      case "majority-vote" -> new MajorityVote(d, 3);
      case "pass-at-k-with-unsolved" -> new PassAtKWithUnsolved(d, 0.3);
      default -> new SelectorBestOfK(d, 0.8);
    };
    ModelProfile base = CatalogReader.embedded().require("m", "gpt5-nano").withAccuracy(model);
    int n = 40_000;
    int[] ks = {1, 2, 4, 8, 16, 32, 64};
    Curve exact = new ExactEstimator().estimate(base, 1, ks);
    Curve mc = new MonteCarloEstimator(n, 17, 2).estimate(base, 1, ks);
    for (int i = 0; i < ks.length; i++) {
      CurvePoint e = exact.points().get(i);
      CurvePoint s = mc.points().get(i);
      double q = e.accuracy().mean();
      double se = Math.sqrt(q * (1 - q) / n);
      assertThat(Math.abs(s.accuracy().mean() - q)).as("%s k=%d", id, ks[i]).isLessThanOrEqualTo(4.5 * se + 1e-12);
      assertThat(s.accuracy().std()).isCloseTo(e.accuracy().std(), within(0.02));
      // costs do not depend on the accuracy model
      assertThat(Math.abs(s.cost().mean() - e.cost().mean())).isLessThan(4.5 * s.cost().stderr());
    }
  }

  @Test
  void selector_risesThenFalls_whenTheSelectorIsWeak() {
    SelectorBestOfK m = new SelectorBestOfK(new BetaDifficulty(3, 0.4), 0.85);
    assertThat(m.mean(4)).isGreaterThan(m.mean(1));
    assertThat(m.mean(512)).isLessThan(m.mean(4));
    assertThat(m.mean(1 << 20)).isCloseTo(0.85, within(1e-3));
  }

  @Test
  void passAtK_isIncreasing_andBreachProbabilityIsTheChanceOfAWrongAnswer() {
    PassAtK m = new PassAtK(new BetaDifficulty(0.7, 1.3));
    for (int k = 1; k < 300; k++) {
      assertThat(m.mean(k + 1)).isGreaterThan(m.mean(k));
    }
    assertThat(m.distribution(8).cdf(Math.nextDown(0.9))).isCloseTo(1 - m.mean(8), within(1e-15));
  }
}
