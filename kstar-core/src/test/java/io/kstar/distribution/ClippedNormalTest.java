package io.kstar.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClippedNormalTest {

  @Test
  void mean_isTheNormalMeanWhenTheBoundsAreFarAway() {
    ClippedNormal x = new ClippedNormal(2048, 128, 1, Double.POSITIVE_INFINITY);
    assertThat(x.mean()).isCloseTo(2048, within(1e-9));
    assertThat(x.variance()).isCloseTo(128.0 * 128.0, within(1e-6));
  }

  @Test
  void mean_followsSpecFormula() {
    // SPEC §3: a·Φ(α) + b·(1−Φ(β)) + μ·(Φ(β)−Φ(α)) + σ·(φ(α)−φ(β)), written out independently here
    double mu = 0.94;
    double s = 0.05;
    double a = 0;
    double b = 1;
    double al = (a - mu) / s;
    double be = (b - mu) / s;
    double phiA = 0.5 * org.hipparchus.special.Erf.erfc(-al / Math.sqrt(2));
    double phiB = 0.5 * org.hipparchus.special.Erf.erfc(-be / Math.sqrt(2));
    double dA = Math.exp(-al * al / 2) / Math.sqrt(2 * Math.PI);
    double dB = Math.exp(-be * be / 2) / Math.sqrt(2 * Math.PI);
    double expected = a * phiA + b * (1 - phiB) + mu * (phiB - phiA) + s * (dA - dB);
    assertThat(new ClippedNormal(mu, s, a, b).mean()).isCloseTo(expected, within(1e-15));
  }

  @ParameterizedTest
  @CsvSource({"0.94,0.05,0,1", "0.5,0.4,0,1", "3,2,1,48", "-1,2,0,5", "0.99,0.2,0,1"})
  void moments_matchNumericalIntegrationOfTheDensityPlusAtoms(double mu, double s, double a, double b) {
    ClippedNormal x = new ClippedNormal(mu, s, a, b);
    double pa = Normal.cdf((a - mu) / s);
    double pb = Normal.upperTail((b - mu) / s);
    double m1 = a * pa + b * pb
        + ReferenceIntegrals.integrate(t -> t * Normal.pdf((t - mu) / s) / s, a, b);
    double m2 = a * a * pa + b * b * pb
        + ReferenceIntegrals.integrate(t -> t * t * Normal.pdf((t - mu) / s) / s, a, b);
    assertThat(x.mean()).isCloseTo(m1, within(1e-12 * Math.max(1, Math.abs(m1))));
    assertThat(x.variance()).isCloseTo(m2 - m1 * m1, within(1e-11 * Math.max(1, m2)));
  }

  @Test
  void zeroSigma_isAPointMassAtTheClippedMean() {
    assertThat(new ClippedNormal(5, 0, 1, 3).mean()).isEqualTo(3);
    assertThat(new ClippedNormal(5, 0, 1, 3).variance()).isZero();
    assertThat(new ClippedNormal(-2, 0, 1, 3).mean()).isEqualTo(1);
  }
}
