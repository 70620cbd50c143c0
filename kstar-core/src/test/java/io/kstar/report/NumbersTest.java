package io.kstar.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * How numbers read (Numbers' rules): tables show fixed decimals per unit (USD and accuracy to 6, seconds
 * to 3, shares as a percentage to 1), blank when not finite; CSV and JSON cells are the shortest decimal
 * that reads back as the same double. Expected strings are worked out by hand from those rules.
 */
class NumbersTest {

  @Test
  void usd_hasSixDecimals_roundingHalfUp_andIsBlankWhenNotFinite() {
    assertThat(Numbers.usd(0.4352)).isEqualTo("0.435200");
    assertThat(Numbers.usd(0)).isEqualTo("0.000000");
    assertThat(Numbers.usd(-0.5)).isEqualTo("-0.500000");
    assertThat(Numbers.usd(2.4371200000000003)).isEqualTo("2.437120");
    // 0.0000015 is stored a hair above 1.5e-6: it rounds up
    assertThat(Numbers.usd(0.0000015)).isEqualTo("0.000002");
    assertThat(Numbers.usd(0.00000049)).isEqualTo("0.000000");
    assertThat(Numbers.usd(Double.NaN)).isEmpty();
    assertThat(Numbers.usd(Double.POSITIVE_INFINITY)).isEmpty();
    assertThat(Numbers.usd(Double.NEGATIVE_INFINITY)).isEmpty();
  }

  @Test
  void seconds_haveThreeDecimals_andAreBlankWhenNotFinite() {
    assertThat(Numbers.seconds(12.902)).isEqualTo("12.902");
    assertThat(Numbers.seconds(60)).isEqualTo("60.000");
    assertThat(Numbers.seconds(0.0625)).isEqualTo("0.063"); // exactly halfway in binary: half up
    assertThat(Numbers.seconds(-14.7)).isEqualTo("-14.700");
    assertThat(Numbers.seconds(Double.NaN)).isEmpty();
    assertThat(Numbers.seconds(Double.NEGATIVE_INFINITY)).isEmpty();
  }

  @Test
  void accuracy_hasSixDecimals_andIsBlankWhenNotFinite() {
    assertThat(Numbers.accuracy(0.977198123)).isEqualTo("0.977198");
    assertThat(Numbers.accuracy(1)).isEqualTo("1.000000");
    assertThat(Numbers.accuracy(0)).isEqualTo("0.000000");
    assertThat(Numbers.accuracy(0.9999995)).isEqualTo("1.000000");
    assertThat(Numbers.accuracy(Double.NaN)).isEmpty();
    assertThat(Numbers.accuracy(Double.POSITIVE_INFINITY)).isEmpty();
  }

  @Test
  void percent_isOneDecimalOfAHundredTimesTheShare_orNotApplicable() {
    assertThat(Numbers.percent(0.123)).isEqualTo("12.3%");
    assertThat(Numbers.percent(0.846)).isEqualTo("84.6%");
    assertThat(Numbers.percent(1)).isEqualTo("100.0%");
    assertThat(Numbers.percent(0)).isEqualTo("0.0%");
    assertThat(Numbers.percent(-0.147)).isEqualTo("-14.7%");
    assertThat(Numbers.percent(-2.441)).isEqualTo("-244.1%");
    assertThat(Numbers.percent(Double.NaN)).isEqualTo("n/a");
    assertThat(Numbers.percent(Double.POSITIVE_INFINITY)).isEqualTo("n/a");
  }

  @Test
  void full_isTheShortestRoundTripDecimal_andBlankWhenNotFinite() {
    assertThat(Numbers.full(0.1)).isEqualTo("0.1");
    assertThat(Numbers.full(0.5)).isEqualTo("0.5");
    assertThat(Numbers.full(60)).isEqualTo("60");
    assertThat(Numbers.full(Double.NaN)).isEmpty();
    assertThat(Numbers.full(Double.POSITIVE_INFINITY)).isEmpty();
    assertThat(Numbers.full(Double.NEGATIVE_INFINITY)).isEmpty();
  }

  @Test
  void shortest_usesTheFewestSignificantDigitsThatReadBackExactly() {
    assertThat(Numbers.shortest(0.1)).isEqualTo("0.1");
    assertThat(Numbers.shortest(0.4352)).isEqualTo("0.4352");
    assertThat(Numbers.shortest(100)).isEqualTo("100");
    assertThat(Numbers.shortest(-2.5)).isEqualTo("-2.5");
    assertThat(Numbers.shortest(0.05)).isEqualTo("0.05");
    assertThat(Numbers.shortest(0.0034816)).isEqualTo("0.0034816");
    // a double that is not the nearest to a short decimal keeps its 17 digits
    assertThat(Numbers.shortest(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(Numbers.shortest(Math.nextUp(0.4352))).isEqualTo("0.43520000000000003");
    assertThat(Numbers.shortest(1.0 / 3)).isEqualTo("0.3333333333333333");
    for (double v : new double[] {0.1, 1.0 / 3, 0.1 + 0.2, 123.456, 2.897272758570891e-45, 6.02214076e23, -7.5e-9}) {
      assertThat(Double.parseDouble(Numbers.shortest(v))).as("%s reads back", v).isEqualTo(v);
    }
  }

  @Test
  void shortest_isPlainBetweenOneTenMillionthAndTenToThe21_andHasAnExponentOutside() {
    assertThat(Numbers.shortest(0)).isEqualTo("0");
    assertThat(Numbers.shortest(-0.0)).isEqualTo("0");
    assertThat(Numbers.shortest(1e-7)).isEqualTo("0.0000001");
    assertThat(Numbers.shortest(-1e-7)).isEqualTo("-0.0000001");
    assertThat(Numbers.shortest(9.9e-8)).isEqualTo("9.9e-8");
    assertThat(Numbers.shortest(-2e-8)).isEqualTo("-2e-8");
    assertThat(Numbers.shortest(2.897272758570891e-45)).isEqualTo("2.897272758570891e-45");
    assertThat(Numbers.shortest(1e20)).isEqualTo("100000000000000000000");
    assertThat(Numbers.shortest(-1e20)).isEqualTo("-100000000000000000000");
    assertThat(Numbers.shortest(1e21)).isEqualTo("1e21");
    // Java 17's Double.toString gives 9.999999999999999E22 here; the shortest decimal is 1e23
    assertThat(Numbers.shortest(1e23)).isEqualTo("1e23");
    assertThat(Numbers.shortest(-1.5e300)).isEqualTo("-1.5e300");
  }

  @Test
  void shortest_refusesWhatIsNotANumber() {
    assertThatThrownBy(() -> Numbers.shortest(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a finite number: NaN");
    assertThatThrownBy(() -> Numbers.shortest(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a finite number: Infinity");
  }

  @Test
  void plain_writesWholeNumbersWithoutADecimalPoint() {
    assertThat(Numbers.plain(60)).isEqualTo("60");
    assertThat(Numbers.plain(0.88)).isEqualTo("0.88");
    assertThat(Numbers.plain(17.2032)).isEqualTo("17.2032");
  }
}
