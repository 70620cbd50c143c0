package io.kstar.calibrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The chosen fit's parameters and their bootstrap flags (CurveForecaster's javadoc, step 3): a parameter is
 * "not identified" when its estimate is at the bound of its range, when at least 10 % of the bootstrap refits
 * end at a bound, when its 90 % bootstrap range spans more than a factor 100 (a positive parameter, log
 * scale) or is wider than 0.5 (a share), or when the estimate lies outside that range; then a warning says
 * so and every scored candidate widens the interval. Checked on the flat family, whose re-measurement is a
 * share of Q questions answered (Binomial(Q, A)/Q) and whose refit is that share.
 */
class ForecastParameterFlagsTest {

  static Forecast flat(double level, int q, int replicates, TestFamilies.Level family) {
    // fitted n = 1..6, held out n = 8, 10, all at the same level
    int[] ns = {1, 2, 3, 4, 5, 6, 8, 10};
    double[] y = new double[ns.length];
    java.util.Arrays.fill(y, level);
    return CurveForecaster.forecast(ForecastSelectionTest.curve("best_of_n", ns, y),
        new CurveForecaster.Options(6, QuestionCount.fromFlag(q), 7L, replicates).withFamilies(List.of(family)));
  }

  static int replicatesAtBound(Forecast f) {
    int at = 0;
    for (Forecast.FittedModel m : f.replicates()) {
      if (Math.abs(m.x()[0]) >= Family.BOUND - Family.NEAR_BOUND_MARGIN) {
        at++;
      }
    }
    return at;
  }

  @Test
  void aLevelOfOne_isAtTheBound_andSoIsEveryRefit() {
    // every point 1.0: the share runs to its bound logistic(12); with A = 1 − 6.1e-6 a re-measurement of 50 questions
    // answers all of them (20 replicates: chance of a miss 1000 × 6.1e-6 = 0.6 %, and the seed is fixed)
    Forecast f = flat(1.0, 50, 20, new TestFamilies.Level());
    Forecast.Parameter a = f.chosen().parameters().get(0);
    double bound = 1 / (1 + Math.exp(-Family.BOUND));
    assertThat(a.name()).isEqualTo("a");
    assertThat(a.value()).isEqualTo(bound);
    assertThat(a.p05()).isEqualTo(bound);
    assertThat(a.p95()).isEqualTo(bound);
    assertThat(replicatesAtBound(f)).isEqualTo(20);
    // the estimate equals both percentiles: not outside them; the range has width 0: not wide
    String flag = "not identified: the estimate is at the bound of its range; 100% of the bootstrap refits end at a bound";
    assertThat(a.flag()).isEqualTo(flag);
    assertThat(f.warnings()).contains("level a = 1.000 " + flag + "; the intervals carry this spread (bootstrap), they are "
        + "not narrowed");
    assertThat(f.intervalMethod()).endsWith(" competing candidate(s): every other scored candidate, since a parameter of the"
        + " chosen fit is not identified").doesNotContain("1.5x");
    // re-measuring a level of 1 gives 1: the held-out observations 1.0 lie in their interval [1, 1]
    assertThat(f.predictions().get(7).p95()).isEqualTo(1.0);
    assertThat(f.heldOut().coverage90()).isEqualTo(1.0);
  }

  @Test
  void aShareMeasuredOnManyQuestions_isIdentified() {
    // Q = 10 000: the refitted share has standard deviation √(0.25/10 000) = 0.005, so its 90 % range is about
    // ±0.008, far narrower than 0.5, and contains the estimate 0.5
    Forecast f = flat(0.5, 10_000, 20, new TestFamilies.Level());
    Forecast.Parameter a = f.chosen().parameters().get(0);
    assertThat(a.value()).isCloseTo(0.5, within(1e-12));
    assertThat(a.p05()).isLessThan(0.5);
    assertThat(a.p95()).isGreaterThan(0.5);
    assertThat(a.p95() - a.p05()).isLessThan(0.05);
    assertThat(a.flag()).isNull();
    assertThat(replicatesAtBound(f)).isZero();
    assertThat(f.warnings()).noneMatch(w -> w.startsWith("level a = "));
    assertThat(f.intervalMethod()).endsWith("with criterion <= 1.5x the best");
  }

  @Test
  void aPositiveParameter_isJudgedByTheRatioOfItsRange_notItsWidth() {
    // odds A/(1 − A) of a level 0.95 measured on 1000 questions: 19, the share's sd √(0.95·0.05/1000) = 0.0069 gives
    // odds from about 15 to 25: wider than 0.5, but a factor below 2, not 100
    Forecast f = flat(0.95, 1000, 20, new TestFamilies.Level("odds", Family.Scale.LOG));
    Forecast.Parameter odds = f.chosen().parameters().get(0);
    assertThat(odds.name()).isEqualTo("odds");
    assertThat(odds.value()).isCloseTo(19, within(1e-6));
    assertThat(odds.p05()).isLessThan(19);
    assertThat(odds.p95()).isGreaterThan(19);
    assertThat(odds.p95() - odds.p05()).isGreaterThan(0.5);
    assertThat(odds.p95()).isLessThan(2 * odds.p05());
    assertThat(odds.flag()).isNull();
  }

  @Test
  void aShareMeasuredOnTwoQuestions_hasARangeWiderThanHalf() {
    // Q = 2: a re-measured share is 0, 1/2 or 1 (probabilities 1/4, 1/2, 1/4), so 20 refits span [0, 1]; those at 0
    // or 1 end at the bound
    Forecast f = flat(0.5, 2, 20, new TestFamilies.Level());
    Forecast.Parameter a = f.chosen().parameters().get(0);
    assertThat(a.p05()).isLessThan(0.01);
    assertThat(a.p95()).isGreaterThan(0.99);
    int at = replicatesAtBound(f);
    assertThat(at).isGreaterThanOrEqualTo(2); // 10 % of 20
    assertThat(a.flag()).isEqualTo(String.format(Locale.ROOT, "not identified: %.0f%% of the bootstrap refits end at a bound; "
        + "its 90%% bootstrap range is wider than 0.5", 100.0 * at / 20));
  }
}
