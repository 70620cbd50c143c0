package io.kstar.calibrate;

import static io.kstar.accuracy.BetaMoments.moment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.accuracy.PassAtKWithUnsolved;
import io.kstar.accuracy.SelectorBestOfK;
import io.kstar.profile.Calibration;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The formulas LogCalibration's javadoc states, each against an independent computation: least squares by
 * the orthogonality of its residuals, the sample sd by two passes, the unbiased pass@k by exact integer
 * binomials, the beta-binomial likelihood by the finite product for E[p^c (1 − p)^d], the lower median, the
 * m of majority vote by brute-force maximisation of m!/(m − d)!·m^(−w), and the flags of the intervals.
 */
class LogCalibrationMathTest {

  static double logChoose(int n, int k) {
    return Math.log(new BigDecimal(choose(n, k)).doubleValue());
  }

  static BigInteger choose(int n, int k) {
    BigInteger r = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return r;
  }

  @Test
  void leastSquares_leavesResidualsOrthogonalToBothRegressors() {
    double[] x1 = {600, 420, 800, 1000, 350};
    double[] x2 = {1500, 1700, 900, 1300, 2100};
    double[] y = {19.1, 21.0, 12.6, 17.2, 26.3};
    double[] s = sums(x1, x2, y);
    double[] ab = LogCalibration.leastSquares(s[0], s[1], s[2], s[3], s[4]);
    double r1 = 0;
    double r2 = 0;
    for (int i = 0; i < y.length; i++) {
      double r = y[i] - ab[0] * x1[i] - ab[1] * x2[i];
      r1 += r * x1[i];
      r2 += r * x2[i];
    }
    // the normal equations: Σ r·x1 = Σ r·x2 = 0, to rounding of sums of size Σ y·x ≈ 1e5
    assertThat(r1).isCloseTo(0, within(1e-8));
    assertThat(r2).isCloseTo(0, within(1e-8));
    // an exact linear relation is recovered exactly
    double[] exact = new double[x1.length];
    for (int i = 0; i < x1.length; i++) {
      exact[i] = 0.0003 * x1[i] + 0.012 * x2[i];
    }
    double[] e = sums(x1, x2, exact);
    double[] fit = LogCalibration.leastSquares(e[0], e[1], e[2], e[3], e[4]);
    assertThat(fit[0]).isCloseTo(0.0003, within(1e-12));
    assertThat(fit[1]).isCloseTo(0.012, within(1e-12));
  }

  static double[] sums(double[] x1, double[] x2, double[] y) {
    double[] s = new double[5];
    for (int i = 0; i < y.length; i++) {
      s[0] += x1[i] * x1[i];
      s[1] += x1[i] * x2[i];
      s[2] += x2[i] * x2[i];
      s[3] += x1[i] * y[i];
      s[4] += x2[i] * y[i];
    }
    return s;
  }

  @Test
  void collinearTokens_fallBackToOutputTokensAlone_withAWarning() {
    // x2 = 2·x1: the determinant is 0 (Cauchy–Schwarz equality)
    double[] x1 = {100, 200, 300};
    double[] x2 = {200, 400, 600};
    double[] y = {3, 5, 8};
    double[] s = sums(x1, x2, y);
    assertThat(LogCalibration.leastSquares(s[0], s[1], s[2], s[3], s[4])).isNull();
    List<String> warnings = new ArrayList<>();
    double[] ab = LogCalibration.leastSquaresOrOutputOnly(s[0], s[1], s[2], s[3], s[4], "latency", warnings);
    // y on x2 alone, through the origin: Σ x2·y / Σ x2²
    assertThat(ab[0]).isZero();
    assertThat(ab[1]).isCloseTo((200 * 3 + 400 * 5 + 600 * 8) / (200.0 * 200 + 400 * 400 + 600 * 600), within(1e-15));
    assertThat(warnings).singleElement().asString().contains("collinear").contains("latency");
    // no tokens at all: nothing to divide by, both 0
    List<String> w2 = new ArrayList<>();
    assertThat(LogCalibration.leastSquaresOrOutputOnly(0, 0, 0, 0, 0, "cost", w2)).containsExactly(0, 0);
    assertThat(LogCalibration.leastSquares(0, 0, 5, 0, 1)).isNull();
    // not collinear: no warning
    List<String> w3 = new ArrayList<>();
    double[] t = sums(new double[] {1, 0}, new double[] {0, 1}, new double[] {2, 3});
    assertThat(LogCalibration.leastSquaresOrOutputOnly(t[0], t[1], t[2], t[3], t[4], "latency", w3)).containsExactly(2, 3);
    assertThat(w3).isEmpty();
  }

  @Test
  void theSdFromSums_isTheTwoPassSampleSd() {
    double[] v = {3, 7, 7, 19};
    double mean = 9;
    double ss = 36 + 4 + 4 + 100;
    assertThat(LogCalibration.sd(36, 9 + 49 + 49 + 361, 4)).isCloseTo(Math.sqrt(ss / 3), within(1e-12));
    assertThat(mean).isEqualTo((3 + 7 + 7 + 19) / 4.0);
    assertThat(v).hasSize(4);
    assertThat(LogCalibration.sd(5, 25, 1)).isZero();
    assertThat(LogCalibration.sd(0, 0, 0)).isZero();
    // two values a, b: sd = |a − b|/√2
    assertThat(LogCalibration.sd(1 + 4, 1 + 16, 2)).isCloseTo(3 / Math.sqrt(2), within(1e-12));
  }

  @Test
  void unbiasedPassAtK_isOneMinusTheExactBinomialRatio_onBothBranches() {
    // c ≤ 256 takes a product, c > 256 log-gamma: both are 1 − C(n − c, k)/C(n, k)
    int[][] cases = {{20, 3, 5}, {300, 100, 4}, {600, 257, 3}, {1000, 400, 10}, {2000, 1500, 2}, {10, 0, 3}};
    for (int[] x : cases) {
      int n = x[0];
      int c = x[1];
      int k = x[2];
      double exact = 1 - new BigDecimal(choose(n - c, k)).divide(new BigDecimal(choose(n, k)), MathContext.DECIMAL64)
          .doubleValue();
      // log-gamma branch: error of the log-ratio a few ulps of lnΓ(n + 1), below 1e-11 here
      assertThat(LogCalibration.unbiasedPassAtK(n, c, k)).as("n=%d c=%d k=%d", n, c, k).isCloseTo(exact, within(1e-11));
    }
    // fewer wrong samples than k: every k-subset holds a right one
    assertThat(LogCalibration.unbiasedPassAtK(10, 8, 3)).isEqualTo(1);
    assertThat(LogCalibration.unbiasedPassAtK(600, 598, 3)).isEqualTo(1);
    assertThat(LogCalibration.unbiasedPassAtK(10, 7, 3)).isLessThan(1);
  }

  @Test
  void theLikelihoods_areTheBetaBinomialAndBinomialOnes() {
    int[][] counts = {{8, 3}, {8, 0}, {5, 5}, {8, 3}, {3, 1}};
    double a = 1.3;
    double b = 0.7;
    double ll = 0;
    for (int[] c : counts) {
      ll += logChoose(c[0], c[1]) + Math.log(moment(a, b, c[1], c[0] - c[1]));
    }
    assertThat(LogCalibration.logLikelihood(counts, a, b)).isCloseTo(ll, within(1e-10));
    // grouped by pattern, without the binomial constant, then with it added back
    BetaBinomial.Patterns p = BetaBinomial.Patterns.of(counts);
    double[] w = p.weights();
    assertThat(p.size()).isEqualTo(4);
    assertThat(p.nMax()).isEqualTo(8);
    assertThat(w).containsExactly(2, 1, 1, 1);
    assertThat(BetaBinomial.betaLogLik(p, w, a, b) + BetaBinomial.binomialConstant(p, w)).isCloseTo(ll, within(1e-10));
    // a single rate for all: p̂ = 12/32
    double ph = 12.0 / 32;
    double single = 0;
    for (int[] c : counts) {
      single += logChoose(c[0], c[1]) + c[1] * Math.log(ph) + (c[0] - c[1]) * Math.log(1 - ph);
    }
    assertThat(LogCalibration.singleRateLogLikelihood(counts)).isCloseTo(single, within(1e-10));
  }

  @Test
  void theNeverSolvedLikelihood_mixesAPointMassAtZero() {
    int[][] counts = {{6, 0}, {6, 2}, {4, 0}, {6, 6}};
    double a = 2;
    double b = 1.5;
    double u = 0.3;
    double ll = 0;
    for (int[] c : counts) {
      double beta = moment(a, b, c[1], c[0] - c[1]);
      ll += Math.log(c[1] == 0 ? u + (1 - u) * beta : (1 - u) * beta);
    }
    BetaBinomial.Patterns p = BetaBinomial.Patterns.of(counts);
    assertThat(BetaBinomial.unsolvedLogLik(p, p.weights(), a, b, u)).isCloseTo(ll, within(1e-12));
    // u = 0 is the plain Beta
    assertThat(BetaBinomial.unsolvedLogLik(p, p.weights(), a, b, 0)).isCloseTo(BetaBinomial.betaLogLik(p, p.weights(), a, b),
        within(1e-12));
    // a zero weight leaves a pattern out of both
    double[] w = p.weights();
    w[0] = 0;
    double without = ll - Math.log(u + (1 - u) * moment(a, b, 0, 6));
    assertThat(BetaBinomial.unsolvedLogLik(p, w, a, b, u)).isCloseTo(without, within(1e-12));
    assertThat(BetaBinomial.binomialConstant(p, new double[] {0, 2, 0, 1})).isCloseTo(2 * logChoose(6, 2), within(1e-12));
  }

  @Test
  void theMaximumLikelihoodBeta_isAMaximum() {
    int[][] counts = new int[40][];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new int[] {8, (i * 7) % 9};
    }
    double[] ab = LogCalibration.betaMle(counts);
    double best = LogCalibration.logLikelihood(counts, ab[0], ab[1]);
    // every neighbour 1 % away along either axis is lower (the optimiser's tolerance is 1e-12)
    for (double[] d : new double[][] {{1.01, 1}, {0.99, 1}, {1, 1.01}, {1, 0.99}, {1.01, 1.01}, {0.99, 0.99}}) {
      assertThat(LogCalibration.logLikelihood(counts, ab[0] * d[0], ab[1] * d[1])).isLessThan(best);
    }
    // the grouped fit reports its own likelihood
    BetaBinomial.Patterns p = BetaBinomial.Patterns.of(counts);
    double[] fit = BetaBinomial.fitBeta(p, p.weights(), 1e-12, new double[] {0, 0});
    assertThat(fit[2]).isCloseTo(BetaBinomial.betaLogLik(p, p.weights(), fit[0], fit[1]), within(1e-9));
    assertThat(fit[0]).isCloseTo(ab[0], within(1e-3 * ab[0]));
  }

  @Test
  void theNeverSolvedFit_neverFallsBelowTheNestedBeta_andFindsAShareOfZeros() {
    // 30 questions never solved, 30 solved 7 or 8 times of 8: a point mass at 0 the Beta cannot make
    int[][] counts = new int[60][];
    for (int i = 0; i < 60; i++) {
      counts[i] = i < 30 ? new int[] {8, 0} : new int[] {8, 7 + i % 2};
    }
    BetaBinomial.Patterns p = BetaBinomial.Patterns.of(counts);
    double[] w = p.weights();
    double[] nested = BetaBinomial.fitBeta(p, w, 1e-12, new double[] {0, 0});
    double[] zu = BetaBinomial.fitUnsolved(p, w, 1e-12, nested, new double[] {0, 0, 0});
    assertThat(zu[3]).isGreaterThanOrEqualTo(nested[2]);
    // all the zeros are explained by u: its MLE is the share of unsolved questions up to the Beta's own zeros
    assertThat(zu[2]).isCloseTo(0.5, within(0.01));
    assertThat(zu[3]).isCloseTo(BetaBinomial.unsolvedLogLik(p, w, zu[0], zu[1], zu[2]), within(1e-9));
    // with no question unsolved u goes to 0 and the nested Beta is returned as it is
    int[][] none = new int[20][];
    for (int i = 0; i < 20; i++) {
      none[i] = new int[] {8, 1 + i % 7};
    }
    BetaBinomial.Patterns q = BetaBinomial.Patterns.of(none);
    double[] n2 = BetaBinomial.fitBeta(q, q.weights(), 1e-12, new double[] {0, 0});
    double[] z2 = BetaBinomial.fitUnsolved(q, q.weights(), 1e-12, n2, new double[] {0, 0, -8});
    assertThat(z2[0]).isEqualTo(n2[0]);
    assertThat(z2[1]).isEqualTo(n2[1]);
    assertThat(z2[2]).isZero();
    assertThat(z2[3]).isGreaterThanOrEqualTo(n2[2]);
  }

  @Test
  void transformsAreClampedAsDocumented() {
    assertThat(BetaBinomial.expClamp(100)).isEqualTo(Math.exp(12));
    assertThat(BetaBinomial.expClamp(-100)).isEqualTo(Math.exp(-12));
    assertThat(BetaBinomial.expClamp(1)).isEqualTo(Math.E);
    assertThat(BetaBinomial.logistic(0)).isEqualTo(0.5);
    assertThat(BetaBinomial.logistic(100)).isEqualTo(1 / (1 + Math.exp(-20)));
    assertThat(BetaBinomial.logistic(-100)).isEqualTo(1 / (1 + Math.exp(20)));
    assertThat(BetaBinomial.logistic(BetaBinomial.logit(0.3))).isCloseTo(0.3, within(1e-15));
    // u is held in [1e-9, 1 − 1e-9]: logit ±ln(1e9 − 1) ≈ ±20.7233 (to the rounding of 1 − 1e-9)
    assertThat(BetaBinomial.logit(0)).isCloseTo(-Math.log(1e9 - 1), within(1e-6));
    assertThat(BetaBinomial.logit(1)).isCloseTo(Math.log(1e9 - 1), within(1e-6));
  }

  @Test
  void theGridsOfK_areTheDocumentedPoints() {
    assertThat(BetaBinomial.grid(64)).containsExactly(1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64);
    assertThat(BetaBinomial.grid(100)).containsExactly(1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 100);
    assertThat(BetaBinomial.grid(5)).containsExactly(1, 2, 3, 4, 5);
    assertThat(BetaBinomial.grid(2)).containsExactly(1, 2);
    assertThat(BetaBinomial.grid(1)).containsExactly(1);
    int[] ks = LogCalibration.curveKs(40);
    assertThat(ks).hasSize(33);
    assertThat(ks[31]).isEqualTo(32);
    assertThat(ks[32]).isEqualTo(40);
    assertThat(LogCalibration.curveKs(7)).containsExactly(1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void projectingABetaOntoTheBetas_returnsItself() {
    BetaDifficulty d = new BetaDifficulty(0.8, 2.5);
    BetaDifficulty got = BetaBinomial.project(new PassAtKWithUnsolved(d, 0), 64, new BetaDifficulty(1, 1));
    // the least-squares distance is 0 there; the simplex stops within about 1e-5 on the log scale
    assertThat(got.alpha()).isCloseTo(0.8, within(1e-3));
    assertThat(got.beta()).isCloseTo(2.5, within(3e-3));
    // a never-solved share is projected onto a Beta whose pass@k is close over the grid and lower at large k
    PassAtKWithUnsolved alt = new PassAtKWithUnsolved(d, 0.2);
    BetaDifficulty proj = BetaBinomial.project(alt, 64, d);
    PassAtK p = new PassAtK(proj);
    double worst = 0;
    for (int k : BetaBinomial.grid(64)) {
      worst = Math.max(worst, Math.abs(p.mean(k) - alt.mean(k)));
    }
    double plain = 0;
    PassAtK unprojected = new PassAtK(d);
    for (int k : BetaBinomial.grid(64)) {
      plain = Math.max(plain, Math.abs(unprojected.mean(k) - alt.mean(k)));
    }
    assertThat(worst).isLessThan(plain);
  }

  @Test
  void theLogsCoverUpToTheLowerMedianSampleCount() {
    assertThat(LogCalibration.dataUpToK(new int[][] {{1, 0}, {2, 0}, {3, 0}, {4, 0}})).isEqualTo(2);
    assertThat(LogCalibration.dataUpToK(new int[][] {{9, 0}, {3, 0}, {5, 0}})).isEqualTo(5);
    assertThat(LogCalibration.dataUpToK(new int[][] {{7, 0}})).isEqualTo(7);
    assertThat(LogCalibration.dataUpToK(new int[][] {{100, 0}, {8, 0}, {8, 0}, {2, 0}, {8, 0}})).isEqualTo(8);
  }

  @Test
  void identified_isTheDocumentedWindow() {
    assertThat(LogCalibration.identified(1e-4)).isTrue();
    assertThat(LogCalibration.identified(1e4)).isTrue();
    assertThat(LogCalibration.identified(0.99e-4)).isFalse();
    assertThat(LogCalibration.identified(1.01e4)).isFalse();
  }

  /** m!/(m − d)!·m^(−w) as an explicit product, maximised over m = max d … 64 by brute force. */
  static int bruteForceM(List<int[]> wd) {
    int maxD = 1;
    for (int[] x : wd) {
      maxD = Math.max(maxD, x[1]);
    }
    int best = -1;
    double bestL = Double.NEGATIVE_INFINITY;
    for (int m = maxD; m <= 64; m++) {
      double l = 0;
      for (int[] x : wd) {
        for (int i = 0; i < x[1]; i++) {
          l += Math.log(m - i);
        }
        l -= x[0] * Math.log(m);
      }
      if (l > bestL + 1e-12) {
        bestL = l;
        best = m;
      }
    }
    return best;
  }

  @Test
  void theNumberOfWrongAnswers_maximisesItsLikelihood() {
    // all wrong samples of a question agree: m = 1 (the likelihood m^(1 − w) falls with m)
    List<int[]> same = List.of(new int[] {4, 1}, new int[] {3, 1});
    assertThat(LogCalibration.bestWrongAnswers(same, new double[] {1, 1})).isEqualTo(1);
    // every wrong sample differs: m(m−1)(m−2)/m³ rises with m, up to the search's end at 64
    List<int[]> distinct = List.of(new int[] {3, 3});
    assertThat(LogCalibration.bestWrongAnswers(distinct, new double[] {1})).isEqualTo(64);
    // a mixture has an interior maximum, the brute-force one
    List<int[]> mixed = List.of(new int[] {5, 3}, new int[] {4, 3}, new int[] {3, 3}, new int[] {6, 4});
    int m = LogCalibration.bestWrongAnswers(mixed, new double[] {1, 1, 1, 1});
    assertThat(m).isEqualTo(bruteForceM(mixed)).isEqualTo(5); // above max d = 4, below 64
    // weights are multiplicities; a zero weight leaves the pattern out (also from max d)
    List<int[]> doubled = List.of(new int[] {6, 3}, new int[] {6, 3}, new int[] {5, 2});
    assertThat(LogCalibration.bestWrongAnswers(List.of(new int[] {6, 3}, new int[] {5, 2}), new double[] {2, 1}))
        .isEqualTo(bruteForceM(doubled));
    assertThat(LogCalibration.bestWrongAnswers(List.of(new int[] {4, 1}, new int[] {3, 3}), new double[] {1, 0})).isEqualTo(1);
  }

  @Test
  void withDifficulty_replacesTheDifficulty_andMOrSOnlyWhenGiven() {
    BetaDifficulty d0 = new BetaDifficulty(1, 1);
    BetaDifficulty d = new BetaDifficulty(2, 3);
    assertThat(LogCalibration.withDifficulty(new MajorityVote(d0, 4), d, -1, -1)).isEqualTo(new MajorityVote(d, 4));
    assertThat(LogCalibration.withDifficulty(new MajorityVote(d0, 4), d, 7, -1)).isEqualTo(new MajorityVote(d, 7));
    assertThat(LogCalibration.withDifficulty(new SelectorBestOfK(d0, 0.6), d, -1, -1)).isEqualTo(new SelectorBestOfK(d, 0.6));
    assertThat(LogCalibration.withDifficulty(new SelectorBestOfK(d0, 0.6), d, -1, 0)).isEqualTo(new SelectorBestOfK(d, 0));
    assertThat(LogCalibration.withDifficulty(new PassAtK(d0), d, -1, -1)).isEqualTo(new PassAtK(d));
    assertThatThrownBy(() -> LogCalibration.withDifficulty(new GaussianBestOfK(0.5, 0.1), d, -1, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gaussian-best-of-k");
  }

  static List<AccuracyModel> passAtK(double... alphas) {
    List<AccuracyModel> out = new ArrayList<>();
    for (double a : alphas) {
      out.add(new PassAtK(new BetaDifficulty(a, 1)));
    }
    return out;
  }

  @Test
  void parameterIntervals_areTheReplicatesQuantiles_widenedToTheEstimate_andFlaggedAsDocumented() {
    // 21 replicates of α: 1.0, 1.1, …, 3.0 → type-7 quantiles 1.1 and 2.9; β = 1 everywhere
    double[] alphas = new double[21];
    for (int i = 0; i < 21; i++) {
      alphas[i] = 1 + 0.1 * i;
    }
    List<LogCalibration.ParameterInterval> ok = LogCalibration.intervals(new PassAtK(new BetaDifficulty(2, 1)),
        passAtK(alphas), List.of());
    assertThat(ok).hasSize(2);
    assertThat(ok.get(0).name()).isEqualTo("difficulty_alpha");
    assertThat(ok.get(0).value()).isEqualTo(2);
    assertThat(ok.get(0).p05()).isCloseTo(1.1, within(1e-12));
    assertThat(ok.get(0).p95()).isCloseTo(2.9, within(1e-12));
    assertThat(ok.get(0).flag()).isNull();
    assertThat(ok.get(1).p05()).isEqualTo(1);
    assertThat(ok.get(1).flag()).isNull();
    // an estimate outside its replicates: the interval is widened to hold it, and flagged unstable
    LogCalibration.ParameterInterval out = LogCalibration.intervals(new PassAtK(new BetaDifficulty(4, 1)), passAtK(alphas),
        List.of()).get(0);
    assertThat(out.p95()).isEqualTo(4);
    assertThat(out.p05()).isCloseTo(1.1, within(1e-12));
    assertThat(out.flag()).contains("outside its own bootstrap");
    LogCalibration.ParameterInterval below = LogCalibration.intervals(new PassAtK(new BetaDifficulty(0.5, 1)),
        passAtK(alphas), List.of()).get(0);
    assertThat(below.p05()).isEqualTo(0.5);
    assertThat(below.flag()).contains("outside its own bootstrap");
    // at the edge of the search
    assertThat(LogCalibration.intervals(new PassAtK(new BetaDifficulty(2e4, 1)), passAtK(alphas), List.of()).get(0).flag())
        .contains("at the edge of the search");
    assertThat(LogCalibration.intervals(new PassAtK(new BetaDifficulty(5e-5, 1)), passAtK(alphas), List.of()).get(0).flag())
        .contains("at the edge of the search");
    // replicates running off past 1e4
    double[] far = alphas.clone();
    far[20] = 1e5;
    far[19] = 1e5;
    assertThat(LogCalibration.intervals(new PassAtK(new BetaDifficulty(2, 1)), passAtK(far), List.of()).get(0).flag())
        .contains("runs to the edge");
    // a spread over more than a factor 100 (0.01 … 3, estimate inside)
    double[] wide = alphas.clone();
    wide[0] = 0.001;
    wide[1] = 0.001;
    assertThat(LogCalibration.intervals(new PassAtK(new BetaDifficulty(2, 1)), passAtK(wide), List.of()).get(0).flag())
        .contains("factor of 100");
    // fewer than two replicates: no intervals
    assertThat(LogCalibration.intervals(new PassAtK(new BetaDifficulty(2, 1)), passAtK(2), List.of())).isEmpty();
  }

  @Test
  void sharesAndMHaveTheirOwnFlags() {
    BetaDifficulty d = new BetaDifficulty(2, 1);
    List<AccuracyModel> spread = new ArrayList<>();
    List<AccuracyModel> narrow = new ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      spread.add(new SelectorBestOfK(d, 0.05 * i));
      narrow.add(new SelectorBestOfK(d, 0.6 + 0.01 * i));
    }
    // s over [0.1, 0.9] covers more than half of [0, 1]
    LogCalibration.ParameterInterval s = LogCalibration.intervals(new SelectorBestOfK(d, 0.5), spread, List.of()).get(2);
    assertThat(s.name()).isEqualTo("selector_accuracy");
    assertThat(s.flag()).contains("more than half of [0, 1]");
    assertThat(LogCalibration.intervals(new SelectorBestOfK(d, 0.7), narrow, List.of()).get(2).flag()).isNull();
    // m at the largest value searched
    List<AccuracyModel> votes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      votes.add(new MajorityVote(d, 64));
    }
    LogCalibration.ParameterInterval m = LogCalibration.intervals(new MajorityVote(d, 64), votes, List.of()).get(2);
    assertThat(m.name()).isEqualTo("wrong_answers");
    assertThat(m.flag()).contains("largest m searched");
  }

  @Test
  void theExpectedAccuracyInterval_isTheReplicatesQuantiles_heldAroundTheEstimate() {
    List<AccuracyModel> reps = passAtK(1, 1.5, 2, 2.5, 3);
    Calibration c = new Calibration("test", 8, reps);
    AccuracyModel chosen = new PassAtK(new BetaDifficulty(2, 1));
    double[] e = LogCalibration.expectedAccuracyInterval(c, chosen, 4);
    double[] v = reps.stream().mapToDouble(m -> m.mean(4)).sorted().toArray();
    // type 7 on five sorted values: 0.05·4 = 0.2 of the way from the first to the second, 0.95·4 = 3.8
    assertThat(e[0]).isEqualTo(chosen.mean(4));
    assertThat(e[1]).isCloseTo(v[0] + 0.2 * (v[1] - v[0]), within(1e-15));
    assertThat(e[2]).isCloseTo(v[3] + 0.8 * (v[4] - v[3]), within(1e-15));
    // an estimate above every replicate stretches the top of the interval to it
    double[] high = LogCalibration.expectedAccuracyInterval(c, new PassAtK(new BetaDifficulty(9, 1)), 4);
    assertThat(high[2]).isEqualTo(high[0]);
    double[] low = LogCalibration.expectedAccuracyInterval(c, new PassAtK(new BetaDifficulty(0.2, 1)), 4);
    assertThat(low[1]).isEqualTo(low[0]);
  }

  @Test
  void meanOfNothingIsNaN() {
    assertThat(LogCalibration.mean(new double[0])).isNaN();
    assertThat(LogCalibration.mean(new double[] {1, 2, 6})).isEqualTo(3);
  }
}
