package io.kstar.length;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.input.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * What each length model states (LengthModel's javadoc): the lognormal's (ν, τ) reproduce the given
 * mean and sd; empirical lengths are equally likely, with the sample sd (n − 1); clipped moments are
 * those of clip(L, lower, upper); the tail test and the practical minimum are the documented formulas.
 */
class LengthModelContractTest {

  @Test
  void lognormalParameters_reproduceTheGivenMeanAndSd() {
    LengthModel.LogNormalLength l = new LengthModel.LogNormalLength(1500, 700);
    double nu = l.nu();
    double tau = l.tau();
    // E[e^X] = e^(ν + τ²/2), Var[e^X] = (e^(τ²) − 1)·e^(2ν + τ²) for X ~ N(ν, τ²)
    assertThat(Math.exp(nu + tau * tau / 2)).isCloseTo(1500, within(1e-9));
    assertThat(Math.sqrt(Math.expm1(tau * tau) * Math.exp(2 * nu + tau * tau))).isCloseTo(700, within(1e-9));
    assertThat(l.mean()).isEqualTo(1500);
    assertThat(l.sd()).isEqualTo(700);
    // a draw is e^(ν + τ·z): z = 0 gives the median e^ν, z = 1 one τ above it
    var rng = MonteCarloEstimator.generator(1, 0);
    assertThat(l.sample(0, rng)).isCloseTo(Math.exp(nu), within(1e-9));
    assertThat(l.sample(1, rng)).isCloseTo(Math.exp(nu + tau), within(1e-9));
  }

  @Test
  void aLognormalWithoutSpread_isItsMean_clipped() {
    LengthModel.LogNormalLength l = new LengthModel.LogNormalLength(100, 0);
    assertThat(l.clippedMoments(1, Double.POSITIVE_INFINITY)).containsExactly(100, 0);
    assertThat(l.clippedMoments(1, 50)).containsExactly(50, 0);
    assertThat(l.clippedMoments(200, 400)).containsExactly(200, 0);
  }

  @Test
  void lognormalClippedMoments_withNegligibleClipping_areTheMeanAndVariance() {
    // mean 2048, sd 128: P(L < 1) is far below 1e-300, so clipping at 1 changes nothing
    double[] m = new LengthModel.LogNormalLength(2048, 128).clippedMoments(1, Double.POSITIVE_INFINITY);
    assertThat(m[0]).isCloseTo(2048, within(1e-9 * 2048));
    assertThat(m[1]).isCloseTo(128.0 * 128, within(1e-6 * 128 * 128));
    // clipped from above at a value below nearly all the mass: the clip bound, no spread
    double[] top = new LengthModel.LogNormalLength(2048, 128).clippedMoments(1, 10);
    assertThat(top[0]).isCloseTo(10, within(1e-9));
    assertThat(top[1]).isCloseTo(0, within(1e-6));
  }

  /**
   * Clipping from below at a bound other than 1 (the clip bound's own square enters the second moment):
   * against numerical integration in log space (composite Simpson, 2 000 intervals of width h ≈ 1e-3 on a
   * smooth integrand: error of order h⁴, far below the 1e-6 relative allowed here), plus the point masses at
   * the bounds.
   */
  @Test
  void lognormalClippedMoments_atABoundAboveOne_matchNumericalIntegration() {
    LengthModel.LogNormalLength l = new LengthModel.LogNormalLength(100, 80);
    double tau = l.tau();
    double nu = l.nu();
    double lo = 50;
    double hi = 400;
    java.util.function.DoubleUnaryOperator density = u -> io.kstar.distribution.Normal.pdf((u - nu) / tau) / tau;
    double in1 = simpson(u -> Math.exp(u) * density.applyAsDouble(u), Math.log(lo), Math.log(hi), 2000);
    double in2 = simpson(u -> Math.exp(2 * u) * density.applyAsDouble(u), Math.log(lo), Math.log(hi), 2000);
    double pLo = io.kstar.distribution.Normal.cdf((Math.log(lo) - nu) / tau);
    double pHi = 1 - io.kstar.distribution.Normal.cdf((Math.log(hi) - nu) / tau);
    double m1 = in1 + lo * pLo + hi * pHi;
    double m2 = in2 + lo * lo * pLo + hi * hi * pHi;
    double[] got = l.clippedMoments(lo, hi);
    assertThat(got[0]).isCloseTo(m1, within(1e-6 * m1));
    assertThat(got[1]).isCloseTo(m2 - m1 * m1, within(1e-6 * (m2 - m1 * m1)));
  }

  static double simpson(java.util.function.DoubleUnaryOperator f, double a, double b, int intervals) {
    double h = (b - a) / intervals;
    double s = f.applyAsDouble(a) + f.applyAsDouble(b);
    for (int i = 1; i < intervals; i++) {
      s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
    }
    return s * h / 3;
  }

  @Test
  void empiricalLengths_areEquallyLikely_withTheSampleSd() {
    LengthModel.EmpiricalLength e = new LengthModel.EmpiricalLength(new double[] {1, 5, 10});
    assertThat(e.mean()).isCloseTo(16.0 / 3, within(1e-12));
    double m = 16.0 / 3;
    double sd = Math.sqrt(((1 - m) * (1 - m) + (5 - m) * (5 - m) + (10 - m) * (10 - m)) / 2);
    assertThat(e.sd()).isCloseTo(sd, within(1e-12));
    assertThat(new LengthModel.EmpiricalLength(new double[] {7}).sd()).isZero();
    // clip to [2, 8]: {2, 5, 8}, mean 5, variance (9 + 0 + 9)/3 = 6
    assertThat(e.clippedMoments(2, 8)).containsExactly(5, 6);
    // no clipping: the mean and the population variance (n in the denominator)
    double[] all = e.clippedMoments(0, Double.POSITIVE_INFINITY);
    assertThat(all[0]).isCloseTo(m, within(1e-12));
    assertThat(all[1]).isCloseTo(sd * sd * 2 / 3, within(1e-12));
  }

  @Test
  void empiricalDraws_resampleTheObservedLengthsUniformly() {
    LengthModel.EmpiricalLength e = new LengthModel.EmpiricalLength(new double[] {10, 20, 30});
    var rng = MonteCarloEstimator.generator(7, 0);
    int n = 30_000;
    int[] seen = new int[3];
    for (int i = 0; i < n; i++) {
      double v = e.sample(0, rng);
      seen[(int) (v / 10) - 1]++; // any other value throws here
    }
    // each share is Binomial(n, 1/3)/n: 4.5 standard errors of √(2/9/n)
    for (int c : seen) {
      assertThat((double) c / n).isCloseTo(1.0 / 3, within(4.5 * Math.sqrt(2.0 / 9 / n)));
    }
  }

  @Test
  void empiricalLengths_areCopied_comparedByValue_andMustNotBeEmpty() {
    double[] v = {3, 4};
    LengthModel.EmpiricalLength e = new LengthModel.EmpiricalLength(v);
    v[0] = 99;
    assertThat(e.lengths()).containsExactly(3, 4);
    e.lengths()[1] = 99;
    assertThat(e.lengths()).containsExactly(3, 4);
    assertThat(e).isEqualTo(new LengthModel.EmpiricalLength(new double[] {3, 4}))
        .isNotEqualTo(new LengthModel.EmpiricalLength(new double[] {3, 5}));
    assertThat(e.hashCode()).isEqualTo(new LengthModel.EmpiricalLength(new double[] {3, 4}).hashCode());
    assertThat(e).hasToString("EmpiricalLength[2 values]");
    assertThatThrownBy(() -> new LengthModel.EmpiricalLength(new double[0])).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> new LengthModel.EmpiricalLength(null)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new LengthModel.EmpiricalLength(new double[] {5, -1})).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void clippedNormal_drawsMuPlusSigmaZ_andItsTailTestIsTheNormalTail() {
    LengthModel.ClippedNormalLength n = new LengthModel.ClippedNormalLength(100, 10);
    assertThat(n.sample(-1.5, MonteCarloEstimator.generator(1, 0))).isEqualTo(85);
    // P(L > 170) = Q(7) ≈ 1.3e-12 > 1e-15; P(L > 190) = Q(9) ≈ 1.1e-19
    assertThat(n.mayExceed(170)).isTrue();
    assertThat(n.mayExceed(190)).isFalse();
    LengthModel.ClippedNormalLength fixed = new LengthModel.ClippedNormalLength(100, 0);
    assertThat(fixed.mayExceed(99.5)).isTrue();
    assertThat(fixed.mayExceed(100)).isFalse();
    assertThat(n.clippedMoments(-1e9, 1e9)[0]).isCloseTo(100, within(1e-9));
    assertThat(n.clippedMoments(-1e9, 1e9)[1]).isCloseTo(100, within(1e-9));
  }

  @Test
  void theDefaultTailTest_isTheClippedMeanPlusTwelveSd() {
    // {100, 200}: mean 150, sd √5000 ≈ 70.71; 150 + 12·70.71 ≈ 998.53
    LengthModel.EmpiricalLength e = new LengthModel.EmpiricalLength(new double[] {100, 200});
    double edge = 150 + 12 * Math.sqrt(5000);
    assertThat(e.mayExceed(edge - 0.01)).isTrue();
    assertThat(e.mayExceed(edge + 0.01)).isFalse();
    // "exceed" is strict: at exactly the edge the length cannot exceed it
    assertThat(e.mayExceed(e.clippedMoments(1, Double.POSITIVE_INFINITY)[0] + 12 * e.sd())).isFalse();
    LengthModel.LogNormalLength l = new LengthModel.LogNormalLength(1000, 50);
    double lEdge = l.clippedMoments(1, Double.POSITIVE_INFINITY)[0] + 12 * 50;
    assertThat(l.mayExceed(lEdge - 0.01)).isTrue();
    assertThat(l.mayExceed(lEdge + 0.01)).isFalse();
  }

  @Test
  void thePracticalMinimum_isTwelveSdBelowTheMean_butAtLeastOneToken() {
    assertThat(new LengthModel.LogNormalLength(1000, 50).practicalMinimum()).isEqualTo(400);
    assertThat(new LengthModel.LogNormalLength(1000, 100).practicalMinimum()).isEqualTo(1);
    assertThat(new LengthModel.ClippedNormalLength(500, 10).practicalMinimum()).isEqualTo(380);
  }

  @Test
  void everyModel_roundTripsThroughTheRegistry() {
    assertThat(LengthModels.REGISTRY.ids()).containsExactly("clipped-normal", "lognormal", "empirical");
    assertThat(LengthModels.REGISTRY.require("normal")).isSameAs(LengthModel.ClippedNormalLength.KIND);
    for (LengthModel m : new LengthModel[] {new LengthModel.ClippedNormalLength(800, 120),
        new LengthModel.LogNormalLength(1500, 700), new LengthModel.EmpiricalLength(new double[] {3, 9, 27})}) {
      assertThat(LengthModels.REGISTRY.require(m.kind().id()).create(m.values())).isEqualTo(m);
    }
    assertThatThrownBy(() -> new LengthModel.ClippedNormalLength(0.5, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new LengthModel.ClippedNormalLength(10, -1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new LengthModel.LogNormalLength(0.5, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new LengthModel.LogNormalLength(10, -1)).isInstanceOf(InvalidInputException.class);
  }
}
