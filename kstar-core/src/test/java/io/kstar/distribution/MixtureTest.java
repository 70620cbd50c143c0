package io.kstar.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * A mixture: F(x) = Σ w_i F_i(x), P(X > x) = Σ w_i (1 − F_i(x)), and the q-quantile is
 * inf{x : F(x) ≥ q}. Reference values from Hipparchus' normal distribution (not kstar's Normal) and a
 * plain bisection written here.
 */
class MixtureTest {

  private static final NormalDistribution A = new NormalDistribution(0, 1);
  private static final NormalDistribution B = new NormalDistribution(5, 2);

  private static Marginal.Mixture twoNormals() {
    return new Marginal.Mixture(new double[] {0.3, 0.7},
        List.of(new Marginal.NormalApprox(0, 1, Double.NEGATIVE_INFINITY), new Marginal.NormalApprox(5, 2, Double.NEGATIVE_INFINITY)),
        "mixture");
  }

  private static double referenceCdf(double x) {
    return 0.3 * A.cumulativeProbability(x) + 0.7 * B.cumulativeProbability(x);
  }

  @Test
  void cdfAndExceedance_areTheWeightedSums() {
    Marginal.Mixture m = twoNormals();
    for (double x = -4; x <= 12; x += 0.5) {
      // both normal CDFs are accurate to ~1e-15; 1e-13 leaves room for the weighted sum's rounding
      assertThat(m.cdf(x)).as("F(%s)", x).isCloseTo(referenceCdf(x), within(1e-13));
      assertThat(m.exceedance(x)).as("P(X > %s)", x).isCloseTo(1 - referenceCdf(x), within(1e-13));
    }
    // far in the upper tail the exceedance keeps its digits: 0.7 P(N(5, 4) > 40) = 0.7 Φ(−17.5)
    double tail = 0.7 * new NormalDistribution(0, 1).cumulativeProbability(-17.5);
    assertThat(m.exceedance(40)).isCloseTo(tail, within(tail * 1e-6));
  }

  /** Quantiles where F is strictly increasing: the root of F(x) = q, found here by plain bisection. */
  @Test
  void quantile_solvesFOfXEqualsQ() {
    Marginal.Mixture m = twoNormals();
    for (double q : new double[] {0.001, 0.05, 0.2, 0.3, 0.5, 0.8, 0.95, 0.999}) {
      double lo = -20;
      double hi = 30;
      for (int i = 0; i < 200; i++) {
        double mid = 0.5 * (lo + hi);
        if (referenceCdf(mid) >= q) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      // the density is at least ~0.003 at these quantiles, so a CDF error of 1e-13 moves the root by
      // < 1e-10; the production bracket is 1e-12 relative
      assertThat(m.quantile(q)).as("q = %s", q).isCloseTo(hi, within(1e-9));
    }
  }

  /**
   * Two narrow normals far apart: F is exactly 1/2 (in doubles) over most of [0, 10], so the median is
   * the left end of that flat stretch — the smallest x with F(x) ≥ 1/2 — not any point of it.
   */
  @Test
  void quantile_isTheSmallestXWithFAtLeastQ_acrossAFlatStretch() {
    Marginal.Mixture m = new Marginal.Mixture(new double[] {0.5, 0.5},
        List.of(new Marginal.NormalApprox(0, 0.01, Double.NEGATIVE_INFINITY),
            new Marginal.NormalApprox(10, 0.01, Double.NEGATIVE_INFINITY)), "gap");
    assertThat(m.cdf(5)).isEqualTo(0.5);
    for (double q : new double[] {0.25, 0.5, 0.75}) {
      double x = m.quantile(q);
      assertThat(m.cdf(x)).as("F(Q(%s))", q).isGreaterThanOrEqualTo(q);
      // the bracket is 1e-12 relative to |x| <= 10, far below this step
      assertThat(m.cdf(x - 1e-9)).as("F(Q(%s) - 1e-9)", q).isLessThan(q);
    }
    assertThat(m.quantile(0.5)).isLessThan(1);
  }

  @Test
  void quantile_ofPointMasses_isWhereTheStepReachesQ() {
    Marginal.Mixture m = new Marginal.Mixture(new double[] {0.4, 0.6},
        List.of(new Marginal.NormalApprox(1, 0, 0), new Marginal.NormalApprox(3, 0, 0)), "steps");
    assertThat(m.cdf(0.5)).isZero();
    assertThat(m.cdf(1)).isEqualTo(0.4);
    assertThat(m.cdf(2.9)).isEqualTo(0.4);
    assertThat(m.cdf(3)).isEqualTo(1);
    assertThat(m.exceedance(2)).isEqualTo(0.6);
    assertThat(m.quantile(0.2)).isEqualTo(1);
    assertThat(m.quantile(0.4)).isEqualTo(1);
    assertThat(m.quantile(0.5)).isEqualTo(3);
    assertThat(m.quantile(0.99)).isEqualTo(3);
  }

  @Test
  void negligibleWeights_areLeftOut_butNeverAll() {
    Marginal p = new Marginal.NormalApprox(1, 0, 0);
    Marginal q = new Marginal.NormalApprox(2, 0, 0);
    Marginal r = new Marginal.NormalApprox(3, 0, 0);
    Marginal.Mixture m = new Marginal.Mixture(new double[] {0.5, 1e-18, 0.5}, List.of(p, q, r), "x");
    assertThat(m.weights()).containsExactly(0.5, 0.5);
    assertThat(m.parts()).containsExactly(p, r);
    // the threshold itself is kept
    assertThat(new Marginal.Mixture(new double[] {1, Marginal.Mixture.NEGLIGIBLE}, List.of(p, q), "x").parts())
        .containsExactly(p, q);
    // all negligible: the heaviest stands for the whole, the first of equals
    Marginal.Mixture tiny = new Marginal.Mixture(new double[] {1e-19, 5e-18, 2e-18}, List.of(p, q, r), "x");
    assertThat(tiny.parts()).containsExactly(q);
    assertThat(tiny.weights()).containsExactly(5e-18);
    assertThat(new Marginal.Mixture(new double[] {1e-18, 1e-18}, List.of(p, q), "x").parts()).containsExactly(p);
  }

  @Test
  void weightsAndParts_mustPair() {
    Marginal p = new Marginal.NormalApprox(1, 0, 0);
    assertThatThrownBy(() -> new Marginal.Mixture(new double[] {0.5, 0.5}, List.of(p), "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Marginal.Mixture(new double[0], List.of(), "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equality_isByWeightsPartsAndMethod() {
    Marginal p = new Marginal.NormalApprox(1, 0, 0);
    Marginal q = new Marginal.NormalApprox(2, 0, 0);
    Marginal.Mixture a = new Marginal.Mixture(new double[] {0.25, 0.75}, List.of(p, q), "x");
    assertThat(a).isEqualTo(new Marginal.Mixture(new double[] {0.25, 0.75}, List.of(p, q), "x"));
    assertThat(a.hashCode()).isEqualTo(new Marginal.Mixture(new double[] {0.25, 0.75}, List.of(p, q), "x").hashCode());
    assertThat(a).isNotEqualTo(new Marginal.Mixture(new double[] {0.75, 0.25}, List.of(p, q), "x"));
    assertThat(a).isNotEqualTo(new Marginal.Mixture(new double[] {0.25, 0.75}, List.of(q, p), "x"));
    assertThat(a).isNotEqualTo(new Marginal.Mixture(new double[] {0.25, 0.75}, List.of(p, q), "y"));
    assertThat(a).isNotEqualTo(p);
    assertThat(a.toString()).isEqualTo("Mixture[[0.25, 0.75], " + List.of(p, q) + "]");
  }
}
