package io.kstar.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.distribution.BestOfK;
import io.kstar.distribution.Marginal;
import io.kstar.parameter.ModelKind;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import io.kstar.estimate.MonteCarloEstimator;
import org.junit.jupiter.api.Test;

/**
 * Identities each accuracy model must satisfy, from its formula: the value at k = 1 is one sample's
 * E[p]; a right-or-wrong outcome has sd √(q(1−q)); parameters round-trip through the registry.
 */
class AccuracyIdentitiesTest {

  private static List<AccuracyModel> models(BetaDifficulty d) {
    return List.of(new GaussianBestOfK(0.6, 0.15), new PassAtK(d), new MajorityVote(d, 3),
        new SelectorBestOfK(d, 0.7), new PassAtKWithUnsolved(d, 0.25));
  }

  @Test
  void everyModel_roundTripsThroughItsKind_andItsValues() {
    for (AccuracyModel m : models(new BetaDifficulty(1.7, 0.9))) {
      @SuppressWarnings("unchecked")
      ModelKind<AccuracyModel> kind = (ModelKind<AccuracyModel>) m.kind();
      AccuracyModel again = kind.create(m.values());
      assertThat(again).as(kind.id()).isEqualTo(m);
      assertThat(again.hashCode()).isEqualTo(m.hashCode());
      assertThat(again.mean(7)).isEqualTo(m.mean(7));
      assertThat(AccuracyModels.REGISTRY.require(kind.id())).isSameAs(kind);
    }
    assertThat(AccuracyModels.REGISTRY.ids()).containsExactly(
        "gaussian-best-of-k", "pass-at-k", "majority-vote", "selector-best-of-k", "pass-at-k-with-unsolved");
  }

  @Property(tries = 60, seed = "16")
  void atOneSample_everyBetaModelIsTheMeanDifficulty(
      @ForAll @Scale(3) @DoubleRange(min = 0.2, max = 6) double a, @ForAll @Scale(3) @DoubleRange(min = 0.2, max = 6) double b,
      @ForAll @Scale(3) @DoubleRange(min = 0, max = 1) double s, @ForAll @IntRange(min = 1, max = 8) int m) {
    BetaDifficulty d = new BetaDifficulty(a, b);
    double ep = a / (a + b);
    assertThat(d.mean()).isCloseTo(ep, within(1e-15));
    assertThat(new PassAtK(d).mean(1)).isCloseTo(ep, within(1e-12));
    assertThat(new SelectorBestOfK(d, s).mean(1)).isCloseTo(ep, within(1e-12));
    assertThat(new MajorityVote(d, m).mean(1)).isCloseTo(ep, within(1e-12));
    // two votes: both right wins, one right and one wrong is a tie won half the time
    assertThat(new MajorityVote(d, m).mean(2)).isCloseTo(ep, within(1e-12));
    assertThat(new PassAtKWithUnsolved(d, s).mean(1)).isCloseTo((1 - s) * ep, within(1e-12));
  }

  @Property(tries = 60, seed = "16")
  void passAtK_withUnsolved_isTheSolvableShareOfPassAtK_andTheSelectorIsBetweenAllAndAny(
      @ForAll @Scale(3) @DoubleRange(min = 0.2, max = 6) double a, @ForAll @Scale(3) @DoubleRange(min = 0.2, max = 6) double b,
      @ForAll @Scale(3) @DoubleRange(min = 0, max = 1) double u, @ForAll @IntRange(min = 1, max = 300) int k) {
    BetaDifficulty d = new BetaDifficulty(a, b);
    double any = 1 - BetaMoments.moment(a, b, 0, k);
    double all = BetaMoments.moment(a, b, k, 0);
    assertThat(new PassAtK(d).mean(k)).isCloseTo(any, within(1e-10));
    assertThat(new PassAtKWithUnsolved(d, u).mean(k)).isCloseTo((1 - u) * any, within(1e-10));
    // s = 1: a perfect selector is pass@k; s = 0: only all-correct answers count
    assertThat(new SelectorBestOfK(d, 1).mean(k)).isCloseTo(any, within(1e-10));
    assertThat(new SelectorBestOfK(d, 0).mean(k)).isCloseTo(all, within(1e-10));
    assertThat(new SelectorBestOfK(d, u).mean(k)).isCloseTo(u * any + (1 - u) * all, within(1e-10));
  }

  @Test
  void bernoulliOutcomes_haveTheBernoulliSdAndDistribution() {
    for (AccuracyModel m : models(new BetaDifficulty(0.9, 1.4)).subList(1, 5)) {
      for (int k : new int[] {1, 3, 10}) {
        double q = m.mean(k);
        assertThat(m.std(k)).isCloseTo(Math.sqrt(q * (1 - q)), within(1e-15));
        assertThat(m.meanAndStd(k)).containsExactly(q, Math.sqrt(q * (1 - q)));
        assertThat(m.distribution(k)).isEqualTo(new Marginal.Bernoulli(q));
      }
    }
  }

  @Test
  void gaussian_isTheBestOfKOfItsScores() {
    GaussianBestOfK g = new GaussianBestOfK(0.6, 0.15);
    BestOfK exact = new BestOfK(0.6, 0.15);
    for (int k : new int[] {1, 2, 5, 40}) {
      assertThat(g.mean(k)).isEqualTo(exact.mean(k));
      assertThat(g.std(k)).isEqualTo(exact.std(k));
      double[] ms = g.meanAndStd(k);
      assertThat(ms[0]).isEqualTo(exact.mean(k));
      assertThat(ms[1]).isCloseTo(exact.std(k), within(1e-12));
      assertThat(g.moments(k)[1]).isCloseTo(ms[1] * ms[1] + ms[0] * ms[0], within(1e-12));
      assertThat(g.distribution(k)).isEqualTo(new Marginal.BestOfKScore(0.6, 0.15, k));
    }
    assertThat(g.scoreMean()).isEqualTo(0.6);
    assertThat(g.scoreStd()).isEqualTo(0.15);
    assertThat(g.maxExactK()).isEqualTo(Integer.MAX_VALUE);
    assertThat(g).isNotEqualTo(new GaussianBestOfK(0.6, 0.16)).isNotEqualTo(new GaussianBestOfK(0.61, 0.15));
    assertThat(g).hasToString("GaussianBestOfK[mean=0.6, std=0.15]");
    // one sample: the mean of clip(N(0.6, 0.15²), 0, 1) is 0.6 up to the clipped tails (< 1e-3 here)
    assertThat(g.mean(1)).isCloseTo(0.6, within(1e-3));
  }

  @Test
  void gaussianTrial_isTheRunningMaximumOfTheClippedScores() {
    GaussianBestOfK g = new GaussianBestOfK(0.6, 0.2);
    var rng = MonteCarloEstimator.generator(16, 0);
    AccuracyModel.Trial t = g.trial(rng);
    assertThat(t.next(-4, rng)).isZero(); // 0.6 − 0.8 clips to 0
    assertThat(t.next(0.5, rng)).isCloseTo(0.7, within(1e-15));
    assertThat(t.next(-1, rng)).isCloseTo(0.7, within(1e-15)); // 0.4 does not lower the best
    assertThat(t.next(3, rng)).isEqualTo(1); // 1.2 clips to 1
  }

  @Test
  void majorityVote_isExactUpToItsLimit_andSaysSoBeyond() {
    MajorityVote m = new MajorityVote(new BetaDifficulty(2, 1), 2);
    assertThat(m.maxExactK()).isEqualTo(MajorityVote.MAX_EXACT_K);
    assertThat(m.mean(MajorityVote.MAX_EXACT_K)).isBetween(0.0, 1.0);
    assertThatThrownBy(() -> m.mean(MajorityVote.MAX_EXACT_K + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("up to k = " + MajorityVote.MAX_EXACT_K);
    assertThat(MajorityVote.exactWork(10, 3)).isEqualTo(3000);
    // g(c, n) with one wrong answer: [c > n] + ½[c = n]
    assertThat(MajorityVote.win(0, 0, 1)).isZero();
    assertThat(MajorityVote.win(3, 2, 1)).isEqualTo(1);
    assertThat(MajorityVote.win(2, 2, 1)).isEqualTo(0.5);
    assertThat(MajorityVote.win(1, 2, 1)).isZero();
    // two wrong votes over two answers: split 1–1 (prob ½) loses only a three-way tie draw at c = 1
    // c = 1: P(split) = ½ → three-way tie, win 1/3; P(both on one) = ½ → lose: g = 1/6
    assertThat(MajorityVote.win(1, 2, 2)).isCloseTo(1.0 / 6, within(1e-15));
    // c = 2: both on one answer ties (win ½), split loses nothing: g = ½·½ + ½·1 = 3/4
    assertThat(MajorityVote.win(2, 2, 2)).isCloseTo(0.75, within(1e-15));
  }
}
