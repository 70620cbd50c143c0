package io.kstar.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.input.InvalidInputException;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.special.Beta;
import org.junit.jupiter.api.Test;

/**
 * The laws of {@link Stopping} against independent computations: the round each request stops at
 * (P(R = r) for every r, not only its mean) by enumeration or closed forms, and until-score's
 * accuracy as ∫ P(A > x) dx by Simpson's rule (a different method from the Gauss–Legendre panels
 * the code uses).
 */
class StoppingLawTest {

  private static final BetaDifficulty D = new BetaDifficulty(0.9, 0.6);

  /** pass@n = 1 − B(α, β + n)/B(α, β), written out here. */
  private static double passAt(BetaDifficulty b, int n) {
    return 1 - Math.exp(Beta.logBeta(b.alpha(), b.beta() + n) - Beta.logBeta(b.alpha(), b.beta()));
  }

  /**
   * until-pass: the request stops after round r < R when the first correct sample is in it, so
   * P(R = r) = pass@(rP) − pass@((r−1)P) and P(R = R) = 1 − pass@((R−1)P); N = min(rP, k).
   */
  @Test
  void untilPassRoundLawIsTheIncrementsOfPassAtK() {
    int parallel = 3;
    int k = 10; // rounds of 3, 3, 3, 1
    Stopping.Outcome o = Stopping.of(Policy.UNTIL_PASS, "m", new PassAtK(D), parallel).at(k, k);
    assertThat(o.samples()).containsExactly(3, 6, 9, 10);
    double[] expected = new double[4];
    for (int r = 1; r <= 3; r++) {
      expected[r - 1] = passAt(D, r * parallel) - passAt(D, (r - 1) * parallel);
    }
    expected[3] = 1 - passAt(D, 9);
    for (int r = 0; r < 4; r++) {
      assertThat(o.pRound()[r]).as("r=%d", r + 1).isCloseTo(expected[r], within(1e-13));
    }
    double samples = 0;
    double rounds = 0;
    for (int r = 0; r < 4; r++) {
      samples += expected[r] * o.samples()[r];
      rounds += expected[r] * (r + 1);
    }
    assertThat(o.samplesMean()).isCloseTo(samples, within(1e-12));
    assertThat(o.roundsMean()).isCloseTo(rounds, within(1e-12));
    // accuracy is pass@k, a Bernoulli outcome: sd = √(q(1−q))
    double q = passAt(D, k);
    assertThat(o.accuracyMean()).isCloseTo(q, within(1e-13));
    assertThat(o.accuracyStd()).isCloseTo(Math.sqrt(q * (1 - q)), within(1e-12));
    assertThat(o.accuracy().cdf(0.5)).isCloseTo(1 - q, within(1e-13));
    // a held calibration reads accuracy at another cap; the stopping law is still the cap's
    Stopping.Outcome held = Stopping.of(Policy.UNTIL_PASS, "m", new PassAtK(D), parallel).at(k, 4);
    assertThat(held.accuracyMean()).isCloseTo(passAt(D, 4), within(1e-13));
    assertThat(held.pRound()).containsExactly(o.pRound());
  }

  /**
   * until-decided by enumerating every sequence of k votes (0 = correct, 1..m wrong), each with
   * probability B(α + c, β + k − c)/B(α, β)·m^−(k−c) for c correct: the request stops at the first
   * round end n < k where the leader is ahead of every other answer by more than k − n.
   */
  private static double[] decidedRoundsByEnumeration(BetaDifficulty b, int m, int k, int parallel) {
    int rounds = (k + parallel - 1) / parallel;
    double[] p = new double[rounds];
    int total = (int) Math.pow(m + 1, k);
    for (int code = 0; code < total; code++) {
      int[] votes = new int[m + 1];
      int x = code;
      int stopRound = rounds;
      for (int i = 1; i <= k; i++) {
        votes[x % (m + 1)]++;
        x /= m + 1;
        if (i % parallel == 0 && i < k && stopRound == rounds) {
          int[] s = votes.clone();
          java.util.Arrays.sort(s);
          if (s[m] - s[m - 1] > k - i) {
            stopRound = i / parallel;
          }
        }
      }
      int c = votes[0];
      double w = Math.exp(Beta.logBeta(b.alpha() + c, b.beta() + k - c) - Beta.logBeta(b.alpha(), b.beta())
          - (k - c) * Math.log(m));
      p[stopRound - 1] += w;
    }
    return p;
  }

  @Test
  void untilDecidedRoundLawMatchesEnumeration() {
    for (int m : new int[] {1, 2}) {
      MajorityVote mv = new MajorityVote(D, m);
      for (int parallel : new int[] {1, 2}) {
        // one instance serves every cap, in increasing and then decreasing order (its tables grow)
        Stopping s = Stopping.of(Policy.UNTIL_DECIDED, "m", mv, parallel);
        for (int k : new int[] {3, 5, 8, 7, 2, 5}) {
          Stopping.Outcome o = s.at(k, k);
          double[] e = decidedRoundsByEnumeration(D, m, k, parallel);
          assertThat(o.pRound()).hasSize(e.length);
          for (int r = 0; r < e.length; r++) {
            assertThat(o.pRound()[r]).as("m=%d P=%d k=%d r=%d", m, parallel, k, r + 1).isCloseTo(e[r], within(1e-12));
            assertThat(o.samples()[r]).isEqualTo(Math.min((r + 1) * parallel, k));
          }
          assertThat(o.accuracyMean()).isCloseTo(mv.mean(k), within(1e-12));
          double q = mv.mean(k);
          assertThat(o.accuracyStd()).isCloseTo(Math.sqrt(q * (1 - q)), within(1e-12));
        }
      }
    }
  }

  /** until-lead's P(R = r): the walk on the vote difference against enumerating the 2^k sequences. */
  @Test
  void untilLeadRoundLawMatchesEnumeration() {
    MajorityVote mv = new MajorityVote(D, 1);
    int parallel = 2;
    int margin = 2;
    int k = 9; // rounds end at 2, 4, 6, 8, 9
    double[] p = new double[5];
    for (int code = 0; code < (1 << k); code++) {
      int c = 0;
      int stopRound = 5;
      for (int i = 1; i <= k; i++) {
        c += code >> (i - 1) & 1;
        if (i % parallel == 0 && i < k && Math.abs(2 * c - i) >= margin) {
          stopRound = i / parallel;
          break;
        }
      }
      int all = Integer.bitCount(code);
      // a full sequence's probability; sequences that stopped early are summed over their completions
      p[stopRound - 1] += Math.exp(Beta.logBeta(D.alpha() + all, D.beta() + k - all) - Beta.logBeta(D.alpha(), D.beta()));
    }
    Stopping.Outcome o = Stopping.of(Policy.untilLead(margin), "m", mv, parallel).at(k, k);
    for (int r = 0; r < 5; r++) {
      assertThat(o.pRound()[r]).as("r=%d", r + 1).isCloseTo(p[r], within(1e-12));
    }
    // accuracy read at a held cap (4): the walk capped at 4, which the enumeration test checks at k = 4
    Stopping.Outcome at4 = Stopping.of(Policy.untilLead(margin), "m", mv, parallel).at(4, 4);
    Stopping.Outcome held = Stopping.of(Policy.untilLead(margin), "m", mv, parallel).at(k, 4);
    assertThat(held.accuracyMean()).isEqualTo(at4.accuracyMean());
    assertThat(held.accuracyMean()).isNotCloseTo(o.accuracyMean(), within(1e-3));
    assertThat(held.pRound()).containsExactly(o.pRound());
    double q = o.accuracyMean();
    assertThat(o.accuracyStd()).isCloseTo(Math.sqrt(q * (1 - q)), within(1e-12));
  }

  @Test
  void theExactLawOfUntilLeadNeedsOneWrongAnswer() {
    assertThatThrownBy(() -> Stopping.of(Policy.untilLead(2), "m3", new MajorityVote(D, 3), 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("estimator = exact: the exact estimator computes until-lead for wrong_answers = 1 (model m3 has 3);"
            + " use --estimator monte-carlo");
    assertThatThrownBy(() -> Stopping.of(Policy.FIXED, "m", new PassAtK(D), 2).at(4, 4))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Stopping.of(Policy.UNTIL_PASS, "g", new GaussianBestOfK(0.5, 0.1), 2))
        .isInstanceOf(InvalidInputException.class);
  }

  // ---- until-score ------------------------------------------------------------------------------

  /** F(x) = P(clip(N(μ, σ²), 0, 1) ≤ x) on [0, 1), continued to its left limit at 1 (P(A > 1) = 0 is a single point). */
  private static double scoreCdf(NormalDistribution n, double x) {
    return n.cumulativeProbability(x);
  }

  /**
   * P(A > x) of until-score at cap k, P at a time, threshold τ. Below τ: the answer exceeds x unless all
   * k samples do not (a request that stopped has an answer ≥ τ > x; one that did not answers the best of
   * k), so 1 − F(x)^k. At or above τ: only a stopped request can, and the one stopping at round r (all
   * earlier rounds below τ, probability F(τ⁻)^{(r−1)P}) answers the best of its n_r samples:
   * Σ_r F(τ⁻)^{(r−1)P}·(1 − F(x)^{n_r}).
   */
  private static double exceeds(NormalDistribution n, double tau, int k, int parallel, double x) {
    double f = scoreCdf(n, x);
    if (x < tau) {
      return 1 - Math.pow(f, k);
    }
    double below = n.cumulativeProbability(tau); // F(τ⁻) = F(τ) for a continuous law inside (0, 1)
    double s = 0;
    for (int done = 0; done < k; done += parallel) {
      int nr = Math.min(parallel, k - done);
      s += Math.pow(below, done) * (1 - Math.pow(f, nr));
    }
    return s;
  }

  /** {∫_a^b g, ∫_a^b 2x·g} by composite Simpson with 2n panels. */
  private static double[] simpson(java.util.function.DoubleUnaryOperator g, double a, double b, int n) {
    double h = (b - a) / (2 * n);
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i <= 2 * n; i++) {
      double x = a + i * h;
      double w = i == 0 || i == 2 * n ? 1 : i % 2 == 1 ? 4 : 2;
      double v = g.applyAsDouble(x);
      s1 += w * v;
      s2 += w * 2 * x * v;
    }
    return new double[] {s1 * h / 3, s2 * h / 3};
  }

  /**
   * E[A] = ∫₀¹ P(A > x) dx and E[A²] = ∫₀¹ 2x·P(A > x) dx, by Simpson on [0, τ] and [τ, 1] separately
   * (P(A > x) jumps at τ). Simpson's error falls as h⁴: with 2000 panels a
   * piece, halving h moves these integrals by less than 2e-12 (500 → 1000 panels: below 2e-11), so a
   * tolerance of 1e-10 for E[A]; sd = √(E[A²] − E[A]²) moves by about δVar/(2·sd) with sd ≥ 0.005: 1e-8.
   */
  @Test
  void untilScoreAccuracyIsTheIntegralOfItsSurvival() {
    double[][] cases = {
        // μ, σ, τ, P, k
        {0.6, 0.1, 0.7, 4, 10},
        {0.5, 0.03, 0.55, 2, 7}, // μ − 9σ = 0.23 > 0: F = 0 on [0, 0.23), a flat stretch below τ
        {0.5, 0.03, 0.1, 3, 8}, // τ below μ − 9σ: every sample reaches it, the flat stretch is above τ
        {0.9, 0.08, 0.95, 4, 9}, // F(1⁻) < 1: the atom at 1 is reached
        {0.3, 0.2, 0.5, 1, 5}};
    for (double[] c : cases) {
      double mu = c[0];
      double sigma = c[1];
      double tau = c[2];
      int parallel = (int) c[3];
      int k = (int) c[4];
      NormalDistribution n = new NormalDistribution(mu, sigma);
      Stopping.Outcome o = Stopping.of(Policy.untilScore(tau), "m", new GaussianBestOfK(mu, sigma), parallel).at(k, k);
      int panels = 1000;
      double[] lowPart = simpson(x -> exceeds(n, tau, k, parallel, x), 0, tau, panels);
      double[] highPart = simpson(x -> exceeds(n, tau, k, parallel, x), tau, 1, panels);
      double m1 = lowPart[0] + highPart[0];
      double m2 = lowPart[1] + highPart[1];
      String at = java.util.Arrays.toString(c);
      assertThat(o.accuracyMean()).as("mean " + at).isCloseTo(m1, within(1e-10));
      assertThat(o.accuracyStd()).as("sd " + at).isCloseTo(Math.sqrt(m2 - m1 * m1), within(1e-8));
      // the distribution is the same law: its CDF is 1 − P(A > x) (sd 1e-7 / density is the scale of 1e-9 here)
      for (double x : new double[] {0.2, tau - 0.01, tau + 0.01, 0.97, Math.nextDown(1.0)}) {
        assertThat(o.accuracy().cdf(x)).as("cdf(%s) %s", x, at).isCloseTo(1 - exceeds(n, tau, k, parallel, x), within(1e-9));
      }
      // the stopping law: S(r) = F(τ⁻)^{rP}
      double below = n.cumulativeProbability(tau);
      int rounds = (k + parallel - 1) / parallel;
      for (int r = 1; r <= rounds; r++) {
        double expected = r < rounds
            ? Math.pow(below, (r - 1) * parallel) - Math.pow(below, r * parallel) : Math.pow(below, (r - 1) * parallel);
        assertThat(o.pRound()[r - 1]).as("P(R=%d) %s", r, at).isCloseTo(expected, within(1e-12));
      }
    }
  }

  /** A score with σ = 0 is μ for every sample: best-of-k is μ, with no spread, whatever the threshold. */
  @Test
  void untilScoreOfAPointMassIsThatPoint() {
    for (double tau : new double[] {0.5, 0.7, 0.8, Math.nextUp(0.7)}) {
      Stopping.Outcome o = Stopping.of(Policy.untilScore(tau), "m", new GaussianBestOfK(0.7, 0), 2).at(6, 6);
      assertThat(o.accuracyMean()).isEqualTo(0.7);
      assertThat(o.accuracyStd()).isZero();
      assertThat(o.accuracy().cdf(Math.nextDown(0.7))).isZero();
      assertThat(o.accuracy().cdf(0.7)).isEqualTo(1.0);
      // reached at the first round when τ ≤ μ, never when τ > μ (not even by the next double above μ)
      assertThat(o.samplesMean()).as("tau=%s", tau).isEqualTo(tau <= 0.7 ? 2.0 : 6.0);
    }
  }

  /**
   * A threshold of 1 with μ + 14σ below it: F(1⁻) = Φ(14) is 1 in double precision, so no request stops
   * early and the answer is the best of k: the fixed policy's accuracy, exactly as the Gaussian model
   * computes it, with every sample drawn.
   */
  @Test
  void untilScoreThatNeverStopsIsBestOfK() {
    GaussianBestOfK g = new GaussianBestOfK(0.3, 0.05);
    Stopping.Outcome o = Stopping.of(Policy.untilScore(1.0), "m", g, 3).at(8, 8);
    assertThat(o.samplesMean()).isEqualTo(8.0);
    assertThat(o.pRound()).containsExactly(0, 0, 1);
    assertThat(o.accuracyMean()).isCloseTo(g.mean(8), within(1e-10));
    assertThat(o.accuracyStd()).isCloseTo(g.std(8), within(1e-8));
    assertThat(o.accuracy().cdf(0.35)).isCloseTo(Math.pow(new NormalDistribution(0.3, 0.05).cumulativeProbability(0.35), 8),
        within(1e-12));
  }
}
