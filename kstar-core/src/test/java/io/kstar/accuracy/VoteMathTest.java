package io.kstar.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * Majority vote's pieces against their definitions (MajorityVote's javadoc): g(c, n) by enumerating every
 * placement of the n wrong votes over the m answers; a simulated request's votes from scripted uniforms
 * (one picks the answer, one breaks a tie, at every sample); the Beta moments by finite products.
 */
class VoteMathTest {

  /** g(c, n, m) by brute force: each of the m^n placements equally likely, the correct answer wins 1/(j + 1) of j-way ties. */
  static double bruteWin(int c, int n, int m) {
    if (c == 0) {
      return 0;
    }
    int total = (int) Math.pow(m, n);
    double sum = 0;
    for (int code = 0; code < total; code++) {
      int[] box = new int[m];
      int x = code;
      for (int i = 0; i < n; i++) {
        box[x % m]++;
        x /= m;
      }
      boolean lose = false;
      int tied = 0;
      for (int b : box) {
        lose |= b > c;
        tied += b == c ? 1 : 0;
      }
      sum += lose ? 0 : 1.0 / (tied + 1);
    }
    return sum / total;
  }

  @Test
  void winProbabilities_matchEnumeration() {
    for (int m = 1; m <= 4; m++) {
      for (int n = 0; n <= 6; n++) {
        for (int c = 0; c <= 5; c++) {
          // a sum of at most 4^6 terms of size ≥ 4^−6: rounding far below 1e-13
          assertThat(MajorityVote.win(c, n, m)).as("c=%d n=%d m=%d", c, n, m).isCloseTo(bruteWin(c, n, m), within(1e-13));
        }
      }
    }
  }

  /**
   * Closed forms for many wrong answers (keys no other test computes, so the static cache cannot answer for
   * them): with n = c wrong votes only one answer can reach c, and does when all n fall on it (probability
   * m^(1 − n)), a two-way tie won half the time: g = 1 − ½·m^(1 − n). With c = 1 the right answer wins only
   * when the n wrong votes fall on n distinct answers (probability m!/(m − n)!/m^n), then an (n + 1)-way tie.
   */
  @Test
  void winProbabilities_forManyWrongAnswers_matchClosedForms() {
    for (int m : new int[] {41, 47, 53, 59, 61}) {
      for (int c = 2; c <= 5; c++) {
        assertThat(MajorityVote.win(c, c, m)).as("c=n=%d m=%d", c, m).isCloseTo(1 - 0.5 * Math.pow(m, 1 - c), within(1e-13));
        // fewer wrong votes than c: no answer can tie
        assertThat(MajorityVote.win(c, c - 1, m)).isCloseTo(1, within(1e-13));
      }
      for (int n = 1; n <= 6; n++) {
        double distinct = 1;
        for (int i = 0; i < n; i++) {
          distinct *= (double) (m - i) / m;
        }
        assertThat(MajorityVote.win(1, n, m)).as("c=1 n=%d m=%d", n, m).isCloseTo(distinct / (n + 1), within(1e-13));
      }
    }
  }

  @Test
  void theBetaMoments_areTheFiniteProducts() {
    BetaDifficulty d = new BetaDifficulty(1.7, 0.6);
    // E[p^2 (1 − p)^3] = (α)(α+1)·(β)(β+1)(β+2) / Π_{l<5}(α+β+l)
    double expected = 1.7 * 2.7 * 0.6 * 1.6 * 2.6 / (2.3 * 3.3 * 4.3 * 5.3 * 6.3);
    assertThat(d.moment(2, 3)).isCloseTo(expected, within(1e-14));
    assertThat(d.moment(0, 0)).isCloseTo(1, within(1e-15));
    assertThat(d.mean()).isCloseTo(1.7 / 2.3, within(1e-15));
    assertThat(d.moment(1, 0)).isCloseTo(d.mean(), within(1e-14));
  }

  /** Uniforms from a script, in order. */
  static final class Scripted implements UniformRandomProvider {
    private final double[] v;
    private int i;

    Scripted(double... v) {
      this.v = v;
    }

    @Override
    public double nextDouble() {
      return v[i++];
    }

    @Override
    public long nextLong() {
      throw new UnsupportedOperationException();
    }

    int used() {
      return i;
    }
  }

  @Test
  void aSimulatedVote_countsAnswersAndBreaksTiesWithItsOwnUniform() {
    // p = 0.5, m = 2 wrong answers: u < 0.5 is right, else wrong answer 1 + ⌊(u − 0.5)/0.5·2⌋
    MajorityVote.VoteTrial t = new MajorityVote.VoteTrial(0.5, 2);
    Scripted r = new Scripted(0.2, 0.9, 0.6, 0.6, 0.7, 0.0, 0.99, 0.0, 0.1, 0.4, 0.3, 0.5);
    // right alone: answered, leads by 1
    assertThat(t.next(0, r)).isEqualTo(1);
    assertThat(t.lead()).isEqualTo(1);
    assertThat(t.correctLeads()).isTrue();
    // u = 0.6 → wrong answer 1: a two-way tie, the draw 0.6 loses it (0.6·2 ≥ 1)
    assertThat(t.next(0, r)).isZero();
    assertThat(t.lead()).isZero();
    assertThat(t.correctLeads()).isFalse();
    // u = 0.7 → wrong answer 1 again (⌊0.4·2⌋ = 0): it leads 2 to 1
    assertThat(t.next(0, r)).isZero();
    assertThat(t.lead()).isEqualTo(1);
    assertThat(t.correctLeads()).isFalse();
    // u = 0.99 → wrong answer 2 (⌊0.98·2⌋ = 1, the last box): votes 1, 2, 1
    assertThat(t.next(0, r)).isZero();
    // u = 0.1 → right: 2, 2, 1, a tie won by the draw 0.4 (0.4·2 < 1)
    assertThat(t.next(0, r)).isEqualTo(1);
    assertThat(t.lead()).isZero();
    // u = 0.3 → right: 3, 2, 1, alone ahead whatever the draw
    assertThat(t.next(0, r)).isEqualTo(1);
    assertThat(t.correctLeads()).isTrue();
    assertThat(t.lead()).isEqualTo(1);
    assertThat(r.used()).isEqualTo(12); // two uniforms a sample
  }

  /**
   * A sample is right when its uniform falls in [0, p), and a j-way tie at the top is won when the draw
   * falls in [0, 1/j): the ends of those intervals, u = p and a draw of exactly 1/j, lose.
   */
  @Test
  void theUniformsAreReadAsHalfOpenIntervals() {
    MajorityVote.VoteTrial atP = new MajorityVote.VoteTrial(0.5, 1);
    assertThat(atP.next(0, new Scripted(0.5, 0.0))).isZero(); // u = p: a wrong answer, alone on top
    MajorityVote.VoteTrial half = new MajorityVote.VoteTrial(0.5, 1);
    Scripted r = new Scripted(0.25, 0.0, 0.75, 0.5);
    half.next(0, r);
    assertThat(half.next(0, r)).isZero(); // 1 : 1, a draw of exactly ½ loses the two-way tie
    MajorityVote.VoteTrial below = new MajorityVote.VoteTrial(0.5, 1);
    Scripted r2 = new Scripted(0.25, 0.0, 0.75, Math.nextDown(0.5));
    below.next(0, r2);
    assertThat(below.next(0, r2)).isEqualTo(1);
  }

  @Test
  void aThreeWayTie_isWonAThirdOfTheDraws() {
    // p = 0.25, m = 2: u = 0.1 right, u = 0.5 → answer 1 + ⌊(0.25/0.75)·2⌋ = 1, u = 0.9 → 1 + ⌊(0.65/0.75)·2⌋ = 2
    MajorityVote.VoteTrial lose = new MajorityVote.VoteTrial(0.25, 2);
    Scripted a = new Scripted(0.1, 0.0, 0.5, 0.0, 0.9, 0.34);
    lose.next(0, a);
    lose.next(0, a);
    assertThat(lose.next(0, a)).isZero(); // 0.34·3 ≥ 1
    MajorityVote.VoteTrial win = new MajorityVote.VoteTrial(0.25, 2);
    Scripted b = new Scripted(0.1, 0.0, 0.5, 0.0, 0.9, 0.33);
    win.next(0, b);
    win.next(0, b);
    assertThat(win.next(0, b)).isEqualTo(1); // 0.33·3 < 1
  }

  @Test
  void passAtKTrials_areAnsweredOnceASampleIsRight_andStayAnswered() {
    // p ~ Beta(1e9, 1e-9): p = 1 to within 1e-17, so the first sample is right
    AccuracyModel.Trial t = new PassAtK(new BetaDifficulty(1e9, 1e-9)).trial(io.kstar.estimate.MonteCarloEstimator.generator(1, 0));
    var rng = io.kstar.estimate.MonteCarloEstimator.generator(2, 0);
    for (int i = 0; i < 5; i++) {
      assertThat(t.next(0, rng)).isEqualTo(1);
    }
    // every question never solved: u = 1
    AccuracyModel.Trial never = new PassAtKWithUnsolved(new BetaDifficulty(1e9, 1e-9), 1)
        .trial(io.kstar.estimate.MonteCarloEstimator.generator(1, 0));
    for (int i = 0; i < 5; i++) {
      assertThat(never.next(0, rng)).isZero();
    }
    AccuracyModel.Trial always = new PassAtKWithUnsolved(new BetaDifficulty(1e9, 1e-9), 0)
        .trial(io.kstar.estimate.MonteCarloEstimator.generator(1, 0));
    assertThat(always.next(0, rng)).isEqualTo(1);
  }

  @Test
  void selectorTrials_answerWhenAllAreRight_neverWhenNone_elseWithTheSelectorsAccuracy() {
    var rng = io.kstar.estimate.MonteCarloEstimator.generator(3, 0);
    AccuracyModel.Trial all = new SelectorBestOfK(new BetaDifficulty(1e9, 1e-9), 0).trial(rng);
    assertThat(all.next(0, rng)).isEqualTo(1);
    assertThat(all.next(0, rng)).isEqualTo(1); // all right: answered even by a selector that never picks right
    AccuracyModel.Trial none = new SelectorBestOfK(new BetaDifficulty(1e-9, 1e9), 1).trial(rng);
    assertThat(none.next(0, rng)).isZero();
    assertThat(none.next(0, rng)).isZero(); // none right: wrong even with a perfect selector
  }
}
