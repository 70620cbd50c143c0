package io.kstar.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/** One request's distribution: CDF, exceedance and quantile are one distribution, seen three ways. */
class MarginalTest {

  @Test
  void normal_knownValues() {
    // Φ(1.959963984540054) = 0.975, Φ(0) = 1/2, φ(0) = 1/√(2π)
    assertThat(Normal.cdf(1.959963984540054)).isCloseTo(0.975, within(1e-15));
    assertThat(Normal.cdf(0)).isEqualTo(0.5);
    assertThat(Normal.pdf(0)).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(1e-16));
    assertThat(Normal.pdf(1)).isCloseTo(Math.exp(-0.5) / Math.sqrt(2 * Math.PI), within(1e-16));
    assertThat(Normal.pdf(Double.POSITIVE_INFINITY)).isZero();
    assertThat(Normal.cdf(Double.NEGATIVE_INFINITY)).isZero();
    assertThat(Normal.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1);
    // the upper tail keeps relative precision: Q(10) = 7.619853024160527e-24
    assertThat(Normal.upperTail(10)).isCloseTo(7.619853024160527e-24, within(1e-36));
    assertThat(Normal.logCdf(-10)).isCloseTo(Math.log(7.619853024160527e-24), within(1e-10));
    assertThat(Normal.logCdf(10)).isCloseTo(-7.619853024160527e-24, within(1e-36));
    assertThat(Normal.quantile(0.975, false)).isCloseTo(1.959963984540054, within(1e-12));
    assertThat(Normal.quantile(0.025, true)).isCloseTo(1.959963984540054, within(1e-12));
    assertThat(Normal.quantile(0, false)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Normal.quantile(0, true)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Normal.quantile(1, false)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Normal.quantile(1, true)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void maxMoments_ofOneAndTwoNormals() {
    // max of one: E = 0, E² = 1; of two: E = 1/√π, E² = 1
    assertThat(Normal.maxMoments(0)).containsExactly(0, 0);
    assertThat(Normal.maxMoments(1)[0]).isCloseTo(0, within(1e-12));
    assertThat(Normal.maxMoments(1)[1]).isCloseTo(1, within(1e-12));
    assertThat(Normal.maxMoments(2)[0]).isCloseTo(1 / Math.sqrt(Math.PI), within(1e-12));
    assertThat(Normal.maxMoments(2)[1]).isCloseTo(1, within(1e-12));
    // of three: E = 3/(2√π), E² = 1 + √3/(2π)
    assertThat(Normal.maxMoments(3)[0]).isCloseTo(1.5 / Math.sqrt(Math.PI), within(1e-12));
    assertThat(Normal.maxMoments(3)[1]).isCloseTo(1 + Math.sqrt(3) / (2 * Math.PI), within(1e-12));
  }

  @Property(tries = 200, seed = "16")
  void normalApprox_cdfAndExceedanceSumToOne_andQuantileInvertsTheCdf(
      @ForAll @DoubleRange(min = -5, max = 5) double mean, @ForAll @DoubleRange(min = 0.01, max = 3) double sd,
      @ForAll @Scale(4) @DoubleRange(min = 0.001, max = 0.999) double q) {
    Marginal.NormalApprox d = new Marginal.NormalApprox(mean, sd, -100);
    double x = d.quantile(q);
    assertThat(d.cdf(x)).isCloseTo(q, within(1e-9));
    assertThat(d.cdf(x) + d.exceedance(x)).isCloseTo(1, within(1e-15));
    assertThat(x).isCloseTo(mean + sd * Normal.quantile(q, false), within(1e-9));
  }

  @Test
  void normalApprox_floorAndPointMass() {
    Marginal.NormalApprox d = new Marginal.NormalApprox(1, 2, 0.5);
    assertThat(d.cdf(0.49)).isZero();
    assertThat(d.exceedance(0.49)).isEqualTo(1);
    assertThat(d.cdf(1)).isEqualTo(0.5);
    assertThat(d.exceedance(3)).isCloseTo(Normal.upperTail(1), within(1e-16));
    assertThat(d.quantile(0.01)).isEqualTo(0.5); // 1 − 2·2.33 is below the floor
    assertThat(d.quantile(0.99)).isCloseTo(1 + 2 * 2.3263478740408408, within(1e-9));
    assertThat(d.method()).isEqualTo("normal approximation");
    Marginal.NormalApprox point = new Marginal.NormalApprox(3, 0, 0);
    assertThat(point.cdf(2.99)).isZero();
    assertThat(point.cdf(3)).isEqualTo(1);
    assertThat(point.exceedance(3)).isZero();
    assertThat(point.exceedance(2.99)).isEqualTo(1);
    assertThat(point.quantile(0.9)).isEqualTo(3);
  }

  @Property(tries = 200, seed = "16")
  void bestOfKScore_isThePowerOfTheClippedNormal(
      @ForAll @DoubleRange(min = 0.2, max = 0.9) double mu, @ForAll @DoubleRange(min = 0.01, max = 0.3) double sigma,
      @ForAll @IntRange(min = 1, max = 64) int k, @ForAll @Scale(4) @DoubleRange(min = 0, max = 0.999) double x) {
    Marginal.BestOfKScore d = new Marginal.BestOfKScore(mu, sigma, k);
    double single = Normal.cdf((x - mu) / sigma);
    assertThat(d.cdf(x)).isCloseTo(Math.pow(single, k), within(1e-12));
    assertThat(d.exceedance(x)).isCloseTo(1 - Math.pow(single, k), within(1e-12));
  }

  @Test
  void bestOfKScore_edges() {
    Marginal.BestOfKScore d = new Marginal.BestOfKScore(0.6, 0.1, 4);
    assertThat(d.cdf(-0.01)).isZero();
    assertThat(d.exceedance(-0.01)).isEqualTo(1);
    assertThat(d.cdf(1)).isEqualTo(1);
    assertThat(d.exceedance(1)).isZero();
    assertThat(d.method()).isEqualTo("exact");
    // the median of the best of 4: Φ((x − μ)/σ)^4 = 1/2
    double median = 0.6 + 0.1 * Normal.quantile(Math.pow(0.5, 0.25), false);
    assertThat(d.quantile(0.5)).isCloseTo(median, within(1e-9));
    Marginal.BestOfKScore sure = new Marginal.BestOfKScore(0.7, 0, 3);
    assertThat(sure.cdf(0.69)).isZero();
    assertThat(sure.cdf(0.7)).isEqualTo(1);
    assertThat(sure.exceedance(0.7)).isZero();
    assertThat(sure.exceedance(0.69)).isEqualTo(1);
  }

  @Test
  void bernoulli_isExact() {
    Marginal.Bernoulli d = new Marginal.Bernoulli(0.7);
    assertThat(d.cdf(-0.5)).isZero();
    assertThat(d.cdf(0)).isCloseTo(0.3, within(1e-15));
    assertThat(d.cdf(0.99)).isCloseTo(0.3, within(1e-15));
    assertThat(d.cdf(1)).isEqualTo(1);
    assertThat(d.exceedance(-0.5)).isEqualTo(1);
    assertThat(d.exceedance(0.5)).isEqualTo(0.7);
    assertThat(d.exceedance(1)).isZero();
    assertThat(d.quantile(0.3)).isZero();
    assertThat(d.quantile(0.31)).isEqualTo(1);
    assertThat(d.method()).isEqualTo("exact");
  }

  @Test
  void histogram_isPiecewiseUniform() {
    // 10 values below 0, 20 in [0, 1), 30 in [1, 2), 40 at or above 2; seen from -1 to 3
    Marginal.Histogram h = new Marginal.Histogram(0, 1, new int[] {10, 20, 30, 40}, 100, -1, 3);
    assertThat(h.cdf(-1.5)).isZero();
    assertThat(h.cdf(-0.5)).isCloseTo(0.10, within(1e-15));
    assertThat(h.cdf(0.5)).isCloseTo(0.20, within(1e-15)); // 10 + 20·0.5
    assertThat(h.cdf(1.5)).isCloseTo(0.45, within(1e-15)); // 10 + 20 + 30·0.5
    assertThat(h.cdf(2.5)).isCloseTo(0.60, within(1e-15)); // the top slot has no width
    assertThat(h.cdf(3)).isEqualTo(1);
    assertThat(h.exceedance(1.5)).isCloseTo(0.55, within(1e-15));
    assertThat(h.quantile(0.05)).isEqualTo(-1);
    assertThat(h.quantile(0.2)).isCloseTo(0.5, within(1e-15));
    assertThat(h.quantile(0.45)).isCloseTo(1.5, within(1e-15));
    assertThat(h.quantile(0.9)).isEqualTo(3);
    assertThat(h.method()).isEqualTo("simulated");
    assertThat(h).isEqualTo(new Marginal.Histogram(0, 1, new int[] {10, 20, 30, 40}, 100, -1, 3));
    assertThat(h.hashCode()).isEqualTo(new Marginal.Histogram(0, 1, new int[] {10, 20, 30, 40}, 100, -1, 3).hashCode());
    assertThat(h).isNotEqualTo(new Marginal.Histogram(0, 1, new int[] {10, 20, 30, 40}, 100, -1, 4));
    assertThat(h).isNotEqualTo(new Marginal.Histogram(0, 1, new int[] {10, 20, 31, 39}, 100, -1, 3));
    assertThat(h).isNotEqualTo(new Marginal.Histogram(0, 2, new int[] {10, 20, 30, 40}, 100, -1, 3));
  }

  @Test
  void histogram_quantileInvertsTheCdfInsideTheBins() {
    Marginal.Histogram h = new Marginal.Histogram(2, 0.5, new int[] {0, 5, 0, 15, 0}, 20, 2, 3.5);
    for (double q = 0.05; q < 0.999; q += 0.05) {
      assertThat(h.cdf(h.quantile(q))).as("q=%s", q).isCloseTo(q, within(1e-12));
    }
  }
}
