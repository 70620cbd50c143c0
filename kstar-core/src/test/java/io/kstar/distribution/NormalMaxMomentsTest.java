package io.kstar.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Moments of the maximum of n standard normals against their closed forms (n ≤ 4), computed without the
 * table {@link Normal#maxMoments} keeps, so that every call integrates.
 */
class NormalMaxMomentsTest {
  private static final double SQRT_PI = Math.sqrt(Math.PI);

  @Test
  void theQuadrature_matchesTheClosedForms() {
    // n = 1: a standard normal; n = 2: E[max] = 1/√π and E[M²] = 1 (M² has the law of Z² for n = 2)
    assertThat(Normal.integrateMaxMoments(1)).containsExactly(new double[] {0, 1}, within(1e-12));
    assertThat(Normal.integrateMaxMoments(2)).containsExactly(new double[] {1 / SQRT_PI, 1}, within(1e-12));
    // n = 3: 3/(2√π) and 1 + √3/(2π); n = 4: (3/√π)(1/2 + asin(1/3)/π) and 1 + √3/π
    assertThat(Normal.integrateMaxMoments(3))
        .containsExactly(new double[] {1.5 / SQRT_PI, 1 + Math.sqrt(3) / (2 * Math.PI)}, within(1e-12));
    assertThat(Normal.integrateMaxMoments(4)).containsExactly(new double[] {
        3 / SQRT_PI * (0.5 + Math.asin(1.0 / 3) / Math.PI), 1 + Math.sqrt(3) / Math.PI}, within(1e-12));
  }

  @Test
  void theTable_answersWhatTheQuadratureGives_andNoMaximumIsZero() {
    for (int n : new int[] {1, 2, 3, 4, 9, 64}) {
      assertThat(Normal.maxMoments(n)).containsExactly(Normal.integrateMaxMoments(n));
    }
    assertThat(Normal.maxMoments(0)).containsExactly(0, 0);
    assertThat(Normal.maxMoments(-3)).containsExactly(0, 0);
    // E[max] rises with n, slower than √(2 ln n)
    assertThat(Normal.integrateMaxMoments(64)[0]).isGreaterThan(Normal.integrateMaxMoments(9)[0])
        .isLessThan(Math.sqrt(2 * Math.log(64)));
  }
}
