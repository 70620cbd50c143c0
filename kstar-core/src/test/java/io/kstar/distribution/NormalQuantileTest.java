package io.kstar.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Φ⁻¹ keeps its relative precision deep in both tails. References: z with Q(z) = p solved in 60-digit
 * arithmetic (mpmath 1.3: findroot on log(erfc(z/√2)/2) = log p), printed to 20 digits. The tolerance
 * is 4e-15 relative, about 16 ulps: inverse-erfc implementations differ by a few ulps, while
 * erfInv(1 − x), Hipparchus' erfcInv, is off by 1e-8 relative at p = 2.5e-10 (1 − 5e-10 keeps 7 of
 * the tail's digits) and returns infinity below p = 1e-17.
 */
class NormalQuantileTest {

  @ParameterizedTest
  @CsvSource({
      "1e-10, 6.3613409024040562047",
      "2.5e-10, 6.2191045740434999605",
      "1e-20, 9.2623400897984075737",
      "1e-100, 21.273453560965324295",
      "1e-300, 37.047096299361199237",
      "0.025, 1.9599639845400542355",
      "0.3, 0.52440051270804078404"})
  void quantile_ofATailProbability_isExactToAFewUlps(double p, double z) {
    assertThat(Normal.quantile(p, true)).isCloseTo(z, within(4e-15 * z));
    assertThat(Normal.quantile(p, false)).isCloseTo(-z, within(4e-15 * z));
    // and back: the upper tail of the quantile is p, relative
    assertThat(Normal.upperTail(Normal.quantile(p, true))).isCloseTo(p, within(1e-12 * p));
  }
}
