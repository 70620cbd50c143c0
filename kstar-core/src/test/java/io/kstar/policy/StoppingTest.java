package io.kstar.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.accuracy.PassAtKWithUnsolved;
import io.kstar.estimate.Curve;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.ExactEstimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.profile.ModelProfile;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.hipparchus.special.Beta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Adaptive stopping policies: exact identities, independent enumerations, and exact against Monte Carlo. */
class StoppingTest {

  static ModelProfile base(AccuracyModel acc) {
    return ModelProfile.builder("m").name(null).prices(1e-6, 4e-6).speeds(1e-4, 2e-3)
        .inputTokens(400, 60).outputTokens(900, 300)
        .scores(0.6, 0.1).parallel(4).build().withAccuracy(acc);
  }

  static final BetaDifficulty D = new BetaDifficulty(0.9, 0.6);

  @Test
  void untilPassKeepsPassAtKAndDrawsFewerSamples() {
    for (AccuracyModel acc : List.of(new PassAtK(D), new PassAtKWithUnsolved(D, 0.2))) {
      ModelProfile m = base(acc);
      for (int parallel : new int[] {1, 3, 4}) {
        Curve fixed = new ExactEstimator().estimate(m, parallel, new int[] {1, 2, 5, 8, 16, 33});
        Curve stop = new ExactEstimator().estimate(new Estimator.Job(m, parallel, new int[] {1, 2, 5, 8, 16, 33},
            Policy.UNTIL_PASS));
        for (int i = 0; i < fixed.points().size(); i++) {
          CurvePoint f = fixed.points().get(i);
          CurvePoint s = stop.points().get(i);
          assertThat(s.accuracy().mean()).isCloseTo(f.accuracy().mean(), within(1e-12));
          assertThat(s.accuracy().mean()).isCloseTo(acc.mean(f.k()), within(1e-12));
          if (f.k() > parallel) {
            assertThat(s.draws().samples().mean()).isLessThan(f.k());
            assertThat(s.cost().mean()).isLessThan(f.cost().mean());
          } else {
            assertThat(s.draws().samples().mean()).isEqualTo(f.k());
            assertThat(s.cost().mean()).isCloseTo(f.cost().mean(), within(1e-15));
          }
        }
      }
    }
  }

  @Test
  void untilPassExpectedRoundsAreASumOfBetaRatios() {
    // E[R] = Σ_{r=0}^{R-1} P(R > r) = Σ_r B(α, β + rP)/B(α, β), written out independently of Stopping
    ModelProfile m = base(new PassAtK(D));
    int parallel = 3;
    int k = 20;
    CurvePoint p = new ExactEstimator().estimate(new Estimator.Job(m, parallel, new int[] {k}, Policy.UNTIL_PASS))
        .points().get(0);
    double rounds = 0;
    for (int r = 0; r < (k + parallel - 1) / parallel; r++) {
      rounds += Math.exp(Beta.logBeta(D.alpha(), D.beta() + r * parallel) - Beta.logBeta(D.alpha(), D.beta()));
    }
    assertThat(p.draws().rounds().mean()).isCloseTo(rounds, within(1e-12));
  }

  @Test
  void untilDecidedKeepsMajorityVote() {
    for (int m : new int[] {1, 2, 5}) {
      MajorityVote acc = new MajorityVote(D, m);
      ModelProfile profile = base(acc);
      int[] ks = {1, 3, 4, 7, 12, 25};
      Curve stop = new ExactEstimator().estimate(new Estimator.Job(profile, 2, ks, Policy.UNTIL_DECIDED));
      for (CurvePoint s : stop.points()) {
        assertThat(s.accuracy().mean()).isCloseTo(acc.mean(s.k()), within(1e-12));
        // the vote can be decided after n < k samples only if n > k − n (a lead above the samples left):
        // with P = 2 that needs a round end in (k/2, k), which k = 4 lacks (2 votes can only tie 2 more)
        int lastRoundEnd = (s.k() - 1) / 2 * 2;
        if (2 * lastRoundEnd > s.k()) {
          assertThat(s.draws().samples().mean()).as("k=%d", s.k()).isLessThan(s.k());
        } else {
          assertThat(s.draws().samples().mean()).as("k=%d", s.k()).isEqualTo(s.k());
        }
      }
    }
  }

  /**
   * P(decided after n votes, lead ≥ d) by enumerating every sequence of n answers (0 = correct, 1..m
   * wrong): each sequence with c correct has probability B(α + c, β + n − c)/B(α, β) · m^−(n−c).
   */
  static double decidedByEnumeration(BetaDifficulty b, int m, int n, int d) {
    int total = (int) Math.pow(m + 1, n);
    double sum = 0;
    for (int code = 0; code < total; code++) {
      int[] votes = new int[m + 1];
      int x = code;
      for (int i = 0; i < n; i++) {
        votes[x % (m + 1)]++;
        x /= m + 1;
      }
      int[] sorted = votes.clone();
      java.util.Arrays.sort(sorted);
      int lead = sorted[m] - sorted[m - 1];
      if (lead >= d) {
        int c = votes[0];
        sum += Math.exp(Beta.logBeta(b.alpha() + c, b.beta() + n - c) - Beta.logBeta(b.alpha(), b.beta())
            - (n - c) * Math.log(m));
      }
    }
    return sum;
  }

  @Test
  void decidedProbabilitiesMatchEnumeration() {
    for (int m : new int[] {1, 2, 3}) {
      Stopping.VoteSplits v = new Stopping.VoteSplits(D, m, 8);
      for (int n = 1; n <= 7; n++) {
        for (int d = 1; d <= 5; d++) {
          assertThat(v.decided(n, d)).as("m=%d n=%d d=%d", m, n, d)
              .isCloseTo(decidedByEnumeration(D, m, n, d), within(1e-12));
        }
      }
    }
  }

  /** until-lead (one wrong answer) by enumerating all 2^k sequences of right/wrong samples. */
  static double[] leadByEnumeration(BetaDifficulty b, int k, int parallel, int d) {
    double acc = 0;
    double samples = 0;
    for (int code = 0; code < (1 << k); code++) {
      int c = 0;
      int n = 0;
      int stopAt = k;
      double right = -1;
      for (int i = 1; i <= k; i++) {
        if ((code >> (i - 1) & 1) == 1) {
          c++;
        }
        n = i;
        if (i % parallel == 0 && i < k && Math.abs(2 * c - n) >= d) {
          stopAt = i;
          right = 2 * c - n > 0 ? 1 : 0;
          break;
        }
      }
      if (right < 0) {
        right = 2 * c > n ? 1 : 2 * c == n ? 0.5 : 0;
      }
      int correctAll = Integer.bitCount(code & ((1 << stopAt) - 1));
      double w = Math.exp(Beta.logBeta(b.alpha() + correctAll, b.beta() + stopAt - correctAll)
          - Beta.logBeta(b.alpha(), b.beta()));
      // each stopped prefix is counted once per completion of the unseen samples: weight them by 2^-(k - stopAt)
      // through the Beta identity Σ over completions of B(α + c', β + k − c') = B(α + c, β + stopAt − c)
      w /= 1 << (k - stopAt);
      acc += w * right;
      samples += w * stopAt;
    }
    return new double[] {acc, samples};
  }

  @Test
  void untilLeadMatchesEnumeration() {
    MajorityVote mv = new MajorityVote(D, 1);
    for (int parallel : new int[] {1, 2, 3}) {
      for (int d : new int[] {1, 2, 3}) {
        for (int k : new int[] {1, 4, 7, 10}) {
          Stopping s = Stopping.of(Policy.untilLead(d), "m", mv, parallel);
          Stopping.Outcome o = s.at(k, k);
          double[] e = leadByEnumeration(D, k, parallel, d);
          assertThat(o.accuracyMean()).as("P=%d d=%d k=%d", parallel, d, k).isCloseTo(e[0], within(1e-12));
          assertThat(o.samplesMean()).isCloseTo(e[1], within(1e-12));
        }
      }
    }
  }

  @Test
  void untilScoreAtTheExtremes() {
    GaussianBestOfK g = new GaussianBestOfK(0.55, 0.15);
    // a threshold every sample reaches stops after the first round: the best of P
    Stopping low = Stopping.of(Policy.untilScore(Double.MIN_VALUE), "m", g, 4);
    Stopping.Outcome o = low.at(16, 16);
    assertThat(o.samplesMean()).isCloseTo(4, within(1e-12));
    assertThat(o.accuracyMean()).isCloseTo(g.mean(4), within(1e-10));
    // a threshold only a score clipped to 1 reaches almost never stops: the best of k
    Stopping high = Stopping.of(Policy.untilScore(1.0), "m", g, 4);
    Stopping.Outcome h = high.at(16, 16);
    assertThat(h.accuracyMean()).isCloseTo(g.mean(16), within(1e-9));
    assertThat(h.accuracyStd()).isCloseTo(g.std(16), within(1e-7));
    // only a clipped score of 1 reaches it: q = 1 − Φ(3); E[N] = 4·Σ_{r<4} (1 − q)^{4r}
    double q = 1 - new org.hipparchus.distribution.continuous.NormalDistribution(0, 1).cumulativeProbability(3);
    double rounds = 0;
    for (int r = 0; r < 4; r++) {
      rounds += Math.pow(1 - q, 4 * r);
    }
    assertThat(h.samplesMean()).isCloseTo(4 * rounds, within(1e-9));
  }

  static Stream<Arguments> policiesAndModels() {
    ModelProfile paper = base(new GaussianBestOfK(0.6, 0.1));
    ModelProfile maxLatency = paper.withLatency(new LatencyModel(LatencyModel.BATCHED_MAX, 0, OptionalDouble.empty()));
    return Stream.of(
        Arguments.of(Policy.UNTIL_PASS, base(new PassAtK(D)), 3),
        Arguments.of(Policy.UNTIL_PASS, base(new PassAtKWithUnsolved(D, 0.25)), 2),
        Arguments.of(Policy.UNTIL_DECIDED, base(new MajorityVote(D, 1)), 2),
        Arguments.of(Policy.UNTIL_DECIDED, base(new MajorityVote(D, 3)), 3),
        Arguments.of(Policy.untilLead(2), base(new MajorityVote(D, 1)), 2),
        Arguments.of(Policy.untilLead(3), base(new MajorityVote(D, 1)), 1),
        Arguments.of(Policy.untilScore(0.7), paper, 4),
        Arguments.of(Policy.untilScore(0.8), maxLatency, 2));
  }

  /**
   * Exact against Monte Carlo at 40 000 requests: every mean within 4.5 standard errors of the simulated
   * mean (SE = simulated sd / √40 000; for 40 comparisons the chance of one false alarm is about 3e-4).
   */
  @ParameterizedTest
  @MethodSource("policiesAndModels")
  void exactAgreesWithMonteCarlo(Policy policy, ModelProfile m, int parallel) {
    int trials = 40_000;
    int[] ks = {1, 2, parallel + 1, 8, 13};
    ks = java.util.Arrays.stream(ks).distinct().sorted().toArray();
    Curve exact = new ExactEstimator().estimate(new Estimator.Job(m, parallel, ks, policy));
    Curve mc = new MonteCarloEstimator(trials, 7, 2).estimate(new Estimator.Job(m, parallel, ks, policy));
    assertThat(mc.policy()).isEqualTo(policy);
    for (int i = 0; i < ks.length; i++) {
      CurvePoint e = exact.points().get(i);
      CurvePoint s = mc.points().get(i);
      double n = Math.sqrt(trials);
      String at = policy + " k=" + ks[i];
      assertThat(e.cost().mean()).as("cost " + at).isCloseTo(s.cost().mean(), within(4.5 * s.cost().std() / n + 1e-15));
      assertThat(e.latency().mean()).as("latency " + at)
          .isCloseTo(s.latency().mean(), within(4.5 * s.latency().std() / n + 1e-12));
      assertThat(e.accuracy().mean()).as("accuracy " + at)
          .isCloseTo(s.accuracy().mean(), within(4.5 * s.accuracy().std() / n + 1e-12));
      assertThat(e.draws().samples().mean()).as("samples " + at)
          .isCloseTo(s.draws().samples().mean(), within(4.5 * s.draws().samples().std() / n + 1e-12));
      assertThat(e.draws().rounds().mean()).as("rounds " + at)
          .isCloseTo(s.draws().rounds().mean(), within(4.5 * s.draws().rounds().std() / n + 1e-12));
      assertThat(e.cost().std()).as("cost sd " + at).isCloseTo(s.cost().std(), within(0.05 * s.cost().std() + 1e-15));
    }
  }

  @Test
  void untilDecidedInMonteCarloGivesTheFixedPolicysAnswersPathByPath() {
    ModelProfile m = base(new MajorityVote(D, 2));
    int[] ks = {1, 3, 6, 9};
    Curve fixed = new MonteCarloEstimator(5000, 3, 1).estimate(m, 3, ks);
    Curve stop = new MonteCarloEstimator(5000, 3, 1).estimate(new Estimator.Job(m, 3, ks, Policy.UNTIL_DECIDED));
    for (int i = 0; i < ks.length; i++) {
      assertThat(stop.points().get(i).accuracy().mean()).isEqualTo(fixed.points().get(i).accuracy().mean());
    }
  }

  /** The quantiles of the mixed laws invert their CDFs: F(x_q) = q to 1e-9 where the law is continuous. */
  @Test
  void mixtureQuantilesInvertTheirCdfs() {
    ModelProfile paper = base(new GaussianBestOfK(0.6, 0.1));
    for (Policy policy : List.of(Policy.untilScore(0.7), Policy.untilScore(0.95))) {
      CurvePoint p = new ExactEstimator().estimate(new Estimator.Job(paper, 4, new int[] {16, 64}, policy)).points().get(1);
      for (double q : new double[] {0.025, 0.3, 0.975}) {
        for (var stat : List.of(p.cost(), p.latency())) {
          double x = stat.distribution().quantile(q);
          assertThat(stat.distribution().cdf(x)).as(policy + " q=" + q).isCloseTo(q, within(1e-9));
        }
        double a = p.accuracy().distribution().quantile(q);
        double below = p.accuracy().distribution().cdf(Math.nextDown(a) - 1e-9);
        assertThat(p.accuracy().distribution().cdf(a)).isGreaterThanOrEqualTo(q - 1e-9);
        assertThat(below).isLessThanOrEqualTo(q + 1e-9);
      }
    }
  }

  @Test
  void refusesAPolicyThatDoesNotApply() {
    ModelProfile paper = base(new GaussianBestOfK(0.6, 0.1));
    assertThatThrownBy(() -> new ExactEstimator().estimate(new Estimator.Job(paper, 2, new int[] {4}, Policy.UNTIL_PASS)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("policy = until-pass")
        .hasMessageContaining("gaussian-best-of-k");
    assertThatThrownBy(() -> new MonteCarloEstimator(100, 1, 1)
        .estimate(new Estimator.Job(base(new PassAtK(D)), 2, new int[] {4}, Policy.untilScore(0.5))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("until-score");
    assertThatThrownBy(() -> new ExactEstimator()
        .estimate(new Estimator.Job(base(new MajorityVote(D, 3)), 2, new int[] {4}, Policy.untilLead(2))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("monte-carlo");
  }

  @Test
  void expandsListsAndRefusesStrayParameters() {
    assertThat(Policy.expand(List.of("fixed", "until-lead"), List.of(1, 2), List.of()))
        .containsExactly(Policy.FIXED, Policy.untilLead(1), Policy.untilLead(2));
    assertThat(Policy.untilScore(0.85).label()).isEqualTo("until-score(score_threshold=0.85)");
    assertThatThrownBy(() -> Policy.expand(List.of("until-pass"), List.of(2), List.of()))
        .hasMessageContaining("margin");
    assertThatThrownBy(() -> Policy.expand(List.of("until-score"), List.of(), List.of()))
        .hasMessageContaining("score_threshold");
    assertThatThrownBy(() -> Policy.expand(List.of("sometimes"), List.of(), List.of()))
        .hasMessageContaining("must be one of fixed, until-pass");
  }
}
