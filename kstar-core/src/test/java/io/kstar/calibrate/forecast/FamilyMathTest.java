package io.kstar.calibrate.forecast;

import static io.kstar.accuracy.BetaMoments.moment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.accuracy.SelectorBestOfK;
import io.kstar.estimate.MonteCarloEstimator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The candidate families (Family's javadoc): parameters on the unconstrained scale, clamped to ±12; each
 * family's mean is the formula of its accuracy model; the simulated re-measurement is coherent over n (a
 * question's outcome comes from the same draws at every n), and its share answered agrees with the mean;
 * CurveForecaster's helpers (the conditional forecast, the binomial re-measurement band, the log-linear
 * baseline, the forward-chaining origins) are the formulas of its javadoc.
 */
class FamilyMathTest {

  static final int[] NS = {1, 2, 4, 8, 16};

  @Test
  void naturalParameters_areExpOrLogisticOfTheClampedValue() {
    Family sel = new Family.Selector();
    double[] v = sel.natural(new double[] {Math.log(2), 30, -1});
    assertThat(v[0]).isCloseTo(2, within(1e-15));
    assertThat(v[1]).isEqualTo(Math.exp(12)); // clamped at +12
    assertThat(v[2]).isCloseTo(1 / (1 + Math.E), within(1e-15));
    assertThat(new Family.PowerLaw().natural(new double[] {-40, 0, 0})[0]).isEqualTo(1 / (1 + Math.exp(12)));
    assertThat(Family.clamp(-13)).isEqualTo(-12);
    assertThat(Family.clamp(5)).isEqualTo(5);
    assertThat(Family.logit(0.25)).isCloseTo(Math.log(1.0 / 3), within(1e-15));
    // shares are held in [1e-6, 1 − 1e-6] before the logit
    assertThat(Family.logit(0)).isCloseTo(Math.log(1e-6 / (1 - 1e-6)), within(1e-9));
    assertThat(Family.logit(1)).isCloseTo(-Math.log(1e-6 / (1 - 1e-6)), within(1e-9));
    assertThat(sel.dims()).isEqualTo(3);
    assertThat(sel.scale(2)).isEqualTo(Family.Scale.LOGIT);
    assertThat(sel).hasToString("selector-best-of-k");
  }

  @Test
  void theCandidates_dependOnTheMethodsName() {
    assertThat(Family.forMethod("majority_vote")).extracting(Family::id).containsExactly("majority-vote(m=1)",
        "majority-vote(m=2)", "majority-vote(m=3)", "majority-vote(m=4)", "majority-vote(m=6)", "majority-vote(m=8)",
        "pass-at-k", "pass-at-k-with-unsolved", "power-law");
    assertThat(Family.forMethod("SC")).hasSize(9);
    assertThat(Family.forMethod("self-vote")).hasSize(9);
    assertThat(Family.forMethod("Best_of_N")).extracting(Family::id)
        .containsExactly("selector-best-of-k", "pass-at-k", "pass-at-k-with-unsolved", "power-law");
    assertThat(Family.forMethod("pass@k")).extracting(Family::id).containsExactly("pass-at-k", "pass-at-k-with-unsolved", "power-law");
    assertThat(Family.forMethod("beam")).extracting(Family::id).containsExactly("selector-best-of-k", "majority-vote(m=1)",
        "majority-vote(m=2)", "majority-vote(m=4)", "majority-vote(m=8)", "pass-at-k", "pass-at-k-with-unsolved", "power-law");
  }

  @Test
  void eachFamilysMean_isItsModelsFormula() {
    double[] x = {Math.log(0.7), Math.log(1.8), Family.logit(0.25)};
    BetaDifficulty d = new BetaDifficulty(0.7, 1.8);
    double[] pass = new Family.Pass(false).means(x, NS);
    double[] unsolved = new Family.Pass(true).means(x, NS);
    double[] sel = new Family.Selector().means(x, NS);
    for (int i = 0; i < NS.length; i++) {
      double any = 1 - moment(0.7, 1.8, 0, NS[i]);
      double all = moment(0.7, 1.8, NS[i], 0);
      assertThat(pass[i]).isCloseTo(any, within(1e-12));
      // a quarter of the questions never solved: three quarters of pass@k
      assertThat(unsolved[i]).isCloseTo(0.75 * any, within(1e-12));
      assertThat(sel[i]).isCloseTo(0.25 * (any - all) + all, within(1e-12));
    }
    assertThat(new Family.Pass(false).model(x)).contains(new PassAtK(d));
    assertThat(new Family.Pass(true).model(x)).isEmpty();
    assertThat(new Family.Selector().model(x).orElseThrow()).isInstanceOf(SelectorBestOfK.class)
        .satisfies(m -> assertThat(((SelectorBestOfK) m).selectorAccuracy()).isCloseTo(0.25, within(1e-15)));
    assertThat(new Family.Majority(3).model(x)).contains(new MajorityVote(d, 3));
    assertThat(new Family.PowerLaw().model(x)).isEmpty();
    assertThat(new Family.Pass(false).monotone()).isTrue();
    assertThat(new Family.Pass(true).monotone()).isTrue();
    assertThat(new Family.PowerLaw().monotone()).isTrue();
    assertThat(new Family.Selector().monotone()).isFalse();
    assertThat(new Family.Majority(2).monotone()).isFalse();
  }

  @Test
  void thePowerLaw_isASaturatingCurve_clippedToTheUnitInterval() {
    // a = 0.8, b = 0.5, c = 1: 0.8 − 0.5/n
    double[] x = {Family.logit(0.8), Math.log(0.5), 0};
    double[] v = new Family.PowerLaw().means(x, NS);
    for (int i = 0; i < NS.length; i++) {
      assertThat(v[i]).isCloseTo(0.8 - 0.5 / NS[i], within(1e-9));
    }
    // b = 2: 0.8 − 2/n is negative at n = 1, 2 and clipped to 0
    double[] low = new Family.PowerLaw().means(new double[] {Family.logit(0.8), Math.log(2), 0}, NS);
    assertThat(low[0]).isZero();
    assertThat(low[1]).isZero();
    assertThat(low[2]).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void startingPoints_areTheDocumentedGrids() {
    double[] y = {0.3, 0.5, 0.6};
    int[] ns = {1, 2, 4};
    List<double[]> plain = new Family.Pass(false).starts(ns, y);
    assertThat(plain).hasSize(5);
    assertThat(plain.get(4)).containsExactly(0, 0);
    assertThat(plain.get(0)).containsExactly(Math.log(0.3), Math.log(0.1));
    assertThat(plain.get(3)).containsExactly(Math.log(2), Math.log(0.8));
    List<double[]> unsolved = new Family.Pass(true).starts(ns, y);
    assertThat(unsolved).hasSize(8);
    // the never-solved share starts at 80 % of what the top point leaves unsolved, and at 1 %
    assertThat(unsolved.get(0)[2]).isCloseTo(Family.logit(0.4 * 0.8), within(1e-12));
    assertThat(unsolved.get(1)[2]).isCloseTo(Family.logit(0.01), within(1e-12));
    assertThat(new Family.Pass(true).starts(ns, new double[] {0.3, 0.9, 0.999}).get(0)[2])
        .isCloseTo(Family.logit(0.01), within(1e-12));
    List<double[]> sel = new Family.Selector().starts(ns, y);
    assertThat(sel).hasSize(8);
    assertThat(sel.get(0)[2]).isCloseTo(Family.logit(0.9), within(1e-12));
    assertThat(sel.get(1)[2]).isCloseTo(Family.logit(0.99), within(1e-12));
    assertThat(new Family.Majority(2).starts(ns, y)).hasSize(5);
    List<double[]> pl = new Family.PowerLaw().starts(ns, y);
    assertThat(pl).hasSize(4);
    // first start: asymptote just above the top point, scale the rise still to come (0.6 + 0.01 − 0.3), exponent ½
    assertThat(pl.get(0)).containsExactly(new double[] {Family.logit(0.61), Math.log(0.31), Math.log(0.5)}, within(1e-12));
    // second asymptote: half-way from the top point to 1; the scale grows by as much
    assertThat(pl.get(2)[0]).isCloseTo(Family.logit(0.8), within(1e-12));
    assertThat(pl.get(2)[1]).isCloseTo(Math.log(0.31 + 0.8 - 0.61), within(1e-12));
    assertThat(pl.get(3)[2]).isCloseTo(Math.log(1.5), within(1e-15));
    // a flat curve keeps a positive scale
    assertThat(new Family.PowerLaw().starts(ns, new double[] {0.5, 0.5, 0.5}).get(0)[1]).isCloseTo(Math.log(0.01), within(1e-12));
  }

  /**
   * Each family's simulated re-measurement on Q = 10 000 questions: at every n the share answered is a mean
   * of Q outcomes with variance at most A(1 − A)/Q (questions independent), so it is within 4.5 of those
   * standard errors of the family's mean; and for the monotone families a question once answered stays
   * answered, so counts never fall with n.
   */
  @Test
  void simulatedRemeasurements_agreeWithTheMean_andAreCoherentOverN() {
    int q = 10_000;
    int maxN = 16;
    int[] all = new int[maxN];
    for (int n = 1; n <= maxN; n++) {
      all[n - 1] = n;
    }
    Object[][] cases = {
      {new Family.Pass(false), new double[] {Math.log(0.6), Math.log(1.2)}},
      {new Family.Pass(true), new double[] {Math.log(0.6), Math.log(1.2), Family.logit(0.3)}},
      {new Family.Selector(), new double[] {Math.log(1.5), Math.log(0.7), Family.logit(0.7)}},
      {new Family.Majority(3), new double[] {Math.log(1.5), Math.log(0.7)}},
      {new Family.PowerLaw(), new double[] {Family.logit(0.8), Math.log(0.5), Math.log(0.7)}},
    };
    for (Object[] c : cases) {
      Family f = (Family) c[0];
      double[] x = (double[]) c[1];
      int[] counts = new int[maxN];
      f.simulate(x, q, maxN, MonteCarloEstimator.generator(16, 0), counts);
      double[] mean = f.means(x, all);
      for (int n = 1; n <= maxN; n++) {
        double a = mean[n - 1];
        double se = Math.sqrt(a * (1 - a) / q);
        assertThat((double) counts[n - 1] / q).as("%s n=%d", f.id(), n).isCloseTo(a, within(4.5 * se + 1e-12));
        if (f.monotone() && n > 1) {
          assertThat(counts[n - 1]).as("%s n=%d", f.id(), n).isGreaterThanOrEqualTo(counts[n - 2]);
        }
      }
      // counts are added to what the array held
      int[] twice = counts.clone();
      f.simulate(x, 10, maxN, MonteCarloEstimator.generator(17, 0), twice);
      assertThat(twice[maxN - 1]).isGreaterThanOrEqualTo(counts[maxN - 1]);
      double[] sim = CurveForecaster.simulate(f, x, 50, maxN, new int[] {1, 16}, MonteCarloEstimator.generator(3, 0));
      assertThat(sim).hasSize(2);
      assertThat(sim[0] * 50).isCloseTo(Math.rint(sim[0] * 50), within(1e-9)); // a whole number of the 50 questions
    }
  }

  @Test
  void certainQuestions_areAnsweredAtOneSample() {
    // α = e^12, β = e^−12: p = 1 for every question; the never-solved share 0
    int[] counts = new int[4];
    new Family.Pass(false).simulate(new double[] {12, -12}, 100, 4, MonteCarloEstimator.generator(1, 0), counts);
    assertThat(counts).containsExactly(100, 100, 100, 100);
    int[] none = new int[4];
    new Family.Pass(true).simulate(new double[] {12, -12, 12}, 100, 4, MonteCarloEstimator.generator(1, 0), none);
    assertThat(none).containsExactly(0, 0, 0, 0);
    // a re-measurement of n = 1 alone: the first sample solves each question
    int[] one = new int[1];
    new Family.Pass(false).simulate(new double[] {12, -12}, 100, 1, MonteCarloEstimator.generator(1, 0), one);
    assertThat(one).containsExactly(100);
    // every sample right: the selector and the vote answer each of the q questions at every n, no more
    int[] sel = new int[3];
    new Family.Selector().simulate(new double[] {12, -12, 0}, 100, 3, MonteCarloEstimator.generator(1, 0), sel);
    assertThat(sel).containsExactly(100, 100, 100);
    int[] vote = new int[3];
    new Family.Majority(2).simulate(new double[] {12, -12}, 100, 3, MonteCarloEstimator.generator(1, 0), vote);
    assertThat(vote).containsExactly(100, 100, 100);
    // a power law at its top, a = logistic(12) = 1 − 6.1e-6 (scale e^−12): each of 100 questions is answered unless
    // its uniform exceeds 1 − 1.2e-5 (chance 0.1 % for any of them, seed fixed)
    int[] pl = new int[3];
    new Family.PowerLaw().simulate(new double[] {12, -12, 0}, 100, 3, MonteCarloEstimator.generator(1, 0), pl);
    assertThat(pl).containsExactly(100, 100, 100);
  }

  /** A flat curve logistic(|x|) that cannot be evaluated anywhere but at its starting points. */
  static final class Brittle extends Family {
    Brittle() {
      super("brittle", List.of("a"), List.of(Scale.LOGIT));
    }

    @Override
    boolean monotone() {
      return true;
    }

    @Override
    double[] means(double[] x, int[] ns) {
      if (x[0] != 0 && Math.abs(x[0]) != 1) {
        throw new IllegalStateException("singular at " + x[0]);
      }
      double[] v = new double[ns.length];
      java.util.Arrays.fill(v, logistic(Math.abs(x[0])));
      return v;
    }

    @Override
    List<double[]> starts(int[] ns, double[] y) {
      return List.of(new double[] {0});
    }

    @Override
    void simulate(double[] x, int q, int maxN, org.apache.commons.rng.UniformRandomProvider rng, int[] counts) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void leastSquares_whenEveryStartFails_keepsTheStartWithTheSmallestRss_theEarlierOnTies() {
    // every start fails at its first finite-difference step; of the starts 0, 1, −1 (means 0.5, 0.731, 0.731) the
    // points 0.7 are closest to logistic(1): RSS 3·(0.7 − 0.731)²; −1 ties with 1 and comes later
    int[] ns = {1, 2, 3};
    double[] y = {0.7, 0.7, 0.7};
    LeastSquaresFit.Solution s = LeastSquaresFit.fit(new Brittle(), ns, y,
        List.of(new double[] {0}, new double[] {1}, new double[] {-1}));
    assertThat(s.x()).containsExactly(1);
    double d = 0.7 - 1 / (1 + Math.exp(-1));
    assertThat(s.rss()).isCloseTo(3 * d * d, within(1e-15));
  }

  @Test
  void theConditionalForecast_scalesTheFailureRateByTheLastPointsDeviation() {
    Family f = new Family.Pass(false);
    double[] x = {Math.log(0.6), Math.log(1.2)};
    int[] ns = {1, 2, 4, 8, 16, 32};
    double[] a = f.means(x, ns);
    assertThat(CurveForecaster.forecast(f, x, CurveForecaster.LEVEL, ns, 4, 0.9)).containsExactly(a);
    double af = a[2];
    double y = af + 0.05;
    double[] c = CurveForecaster.forecast(f, x, CurveForecaster.CONDITIONAL, ns, 4, y);
    for (int j = 0; j < ns.length; j++) {
      if (ns[j] <= 4) {
        assertThat(c[j]).isEqualTo(a[j]);
      } else {
        // A rising: ρ = A_F(1 − A_n)/(A_F(1 − A_F)), so 1 − forecast = (1 − A_n)(1 − y)/(1 − A_F)
        assertThat(1 - c[j]).isCloseTo((1 - a[j]) * (1 - y) / (1 - af), within(1e-12));
      }
    }
    // no deviation at the anchor: the mean
    assertThat(CurveForecaster.forecast(f, x, CurveForecaster.CONDITIONAL, ns, 4, af)).containsExactly(a);
    // a certain anchor (A_F(1 − A_F) = 0) carries nothing
    double[] sure = {12, -12};
    assertThat(CurveForecaster.forecast(f, sure, CurveForecaster.CONDITIONAL, ns, 4, 0.5)).containsExactly(f.means(sure, ns));
    // a falling curve: ρ = (A_n − A_n·A_F)/(A_F(1 − A_F)) = A_n/A_F for A_n < A_F
    Family pl = new Family.PowerLaw();
    double[] px = {Family.logit(0.8), Math.log(0.5), 0};
    double[] pa = pl.means(px, ns);
    double[] back = CurveForecaster.forecast(pl, px, CurveForecaster.CONDITIONAL, ns, 1, pa[0] + 0.1);
    assertThat(back[1]).isCloseTo(pa[1] + (pa[0] * (1 - pa[1]) / (pa[0] * (1 - pa[0]))) * 0.1, within(1e-12));
    assertThatThrownBy(() -> CurveForecaster.forecast(f, x, "trend", ns, 4, 0.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trend");
  }

  @Test
  void theRemeasurementBand_isTheBinomialQuantiles() {
    // smallest k with P(X ≤ k) ≥ 0.05, resp. 0.95, for X ~ Binomial(30, 0.4), by summing the pmf
    int q = 30;
    double p = 0.4;
    double cdf = 0;
    int lo = -1;
    int hi = -1;
    for (int k = 0; k <= q; k++) {
      cdf += Math.exp(logChoose(q, k) + k * Math.log(p) + (q - k) * Math.log1p(-p));
      if (lo < 0 && cdf >= 0.05) {
        lo = k;
      }
      if (hi < 0 && cdf >= 0.95) {
        hi = k;
      }
    }
    double[] r = CurveForecaster.remeasurement(p, q);
    assertThat(r[0]).isEqualTo((double) lo / q);
    assertThat(r[1]).isEqualTo((double) hi / q);
    assertThat(CurveForecaster.remeasurement(0, 30)).containsExactly(0, 0);
    assertThat(CurveForecaster.remeasurement(1.3, 30)).containsExactly(1, 1);
    assertThat(CurveForecaster.remeasurement(-0.2, 30)).containsExactly(0, 0);
  }

  static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 0; i < k; i++) {
      s += Math.log(n - i) - Math.log(i + 1);
    }
    return s;
  }

  @Test
  void theLogLinearBaseline_isLeastSquaresOnLogN() {
    int[] ns = {1, 2, 4, 8, 16};
    double[] y = new double[ns.length];
    for (int i = 0; i < ns.length; i++) {
      y[i] = 0.2 + 0.05 * Math.log(ns[i]);
    }
    assertThat(CurveForecaster.logLinear(ns, y)).containsExactly(new double[] {0.2, 0.05}, within(1e-12));
    // residuals of noisy points are orthogonal to 1 and ln n
    double[] noisy = {0.31, 0.35, 0.47, 0.49, 0.6};
    double[] ab = CurveForecaster.logLinear(ns, noisy);
    double r0 = 0;
    double r1 = 0;
    for (int i = 0; i < ns.length; i++) {
      double r = noisy[i] - ab[0] - ab[1] * Math.log(ns[i]);
      r0 += r;
      r1 += r * Math.log(ns[i]);
    }
    assertThat(r0).isCloseTo(0, within(1e-12));
    assertThat(r1).isCloseTo(0, within(1e-12));
    // one n: a flat line through it
    assertThat(CurveForecaster.logLinear(new int[] {4, 4}, new double[] {0.3, 0.5})).containsExactly(new double[] {0.4, 0},
        within(1e-15));
  }

  @Test
  void forwardChainingOrigins_areHalfAndThreeQuartersOfTheEdge() {
    assertThat(CurveForecaster.origins(new int[] {1, 2, 4, 8, 16})).containsExactly(8, 12);
    assertThat(CurveForecaster.origins(new int[] {1, 3})).containsExactly(1, 2);
    assertThat(CurveForecaster.origins(new int[] {1, 2})).containsExactly(1);
    assertThat(CurveForecaster.origins(new int[] {1})).isEmpty();
    assertThat(CurveForecaster.origins(new int[] {5, 10, 20})).containsExactly(10, 15);
  }

  @Test
  void helpers() {
    assertThat(CurveForecaster.clip(-0.1)).isZero();
    assertThat(CurveForecaster.clip(1.1)).isEqualTo(1);
    assertThat(CurveForecaster.clip(0.4)).isEqualTo(0.4);
    assertThat(CurveForecaster.column(new double[][] {{1, 2}, {3, 4}, {5, 6}}, 1)).containsExactly(2, 4, 6);
  }

  @Test
  void leastSquares_recoversANoiseFreeCurve_andItsRssIsTheSumOfSquares() {
    Family pl = new Family.PowerLaw();
    double[] truth = {Family.logit(0.8), Math.log(0.5), Math.log(0.7)};
    int[] ns = {1, 2, 3, 4, 6, 8, 12, 16};
    double[] y = pl.means(truth, ns);
    LeastSquaresFit.Solution s = LeastSquaresFit.fit(pl, ns, y, pl.starts(ns, y));
    assertThat(s.rss()).isLessThan(1e-12);
    assertThat(pl.natural(s.x())).containsExactly(new double[] {0.8, 0.5, 0.7}, within(1e-4));
    double[] off = y.clone();
    off[0] += 0.1;
    off[3] -= 0.2;
    assertThat(LeastSquaresFit.rss(pl, truth, ns, off)).isCloseTo(0.01 + 0.04, within(1e-12));
    // the refit from a given start returns the same optimum
    assertThat(pl.natural(CurveForecaster.refit(pl, ns, y, truth))).containsExactly(new double[] {0.8, 0.5, 0.7}, within(1e-6));
  }
}
