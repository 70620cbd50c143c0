package io.kstar.calibrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.calibrate.MeasuredCurve;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 90 % intervals (CurveForecaster's javadoc, step 3). Inside the window: fit + the 5th/95th percentiles of
 * the bootstrap error (simulated − refitted). Beyond it: the envelope of the held level ± the binomial noise
 * of Q questions and the chosen model's growth interval shifted onto the forecasts of the competing
 * candidates (criterion within 1.5× the best).
 */
class ForecastIntervalTest {

  @Test
  void insideTheWindow_theFitLiesStrictlyInsideItsInterval() {
    // a noisy pass@n curve of 200 questions: the bootstrap errors at every fitted n have negative and positive values
    // among 40 replicates, so p05 < fit < p95 (the fit is in (0, 1), so no clipping meets it)
    MeasuredCurve c = CurveForecasterTest.simulated(0.6, 1.5, 200, 24, 17);
    Forecast f = CurveForecaster.forecast(c, new CurveForecaster.Options(16, QuestionCount.fromFlag(200), 4L, 40)
        .withFamilies(List.of(new Family.Pass(false))));
    for (Forecast.Prediction p : f.predictions()) {
      if (p.fitted()) {
        assertThat(p.mean()).isBetween(0.01, 0.99);
        assertThat(p.p05()).as("n = %d", p.n()).isLessThan(p.mean());
        assertThat(p.p95()).as("n = %d", p.n()).isGreaterThan(p.mean());
        // the percentiles of an error whose sd is about √(A(1 − A)/200) ≤ 0.036: the interval is far narrower than 0.5
        assertThat(p.p95() - p.p05()).as("n = %d", p.n()).isLessThan(0.25);
      }
    }
  }

  /**
   * The flat family's re-measurement is flat and its refit is that level, so in conditional mode (carry-forward)
   * the bootstrap error beyond the window is sim − (c' + (c − c')) = rounding (below 1e-15): the growth interval is
   * the growth forecast itself, and shifted onto a competitor it is that competitor's forecast. The envelope is
   * then [min(band, hold, forecasts), max(band, hold, forecasts)] exactly, band the binomial 90 % noise of Q.
   */
  static void envelopeIsTheStatedOne(double[] y, boolean competitorBelow) {
    int[] ns = {1, 2, 3, 4, 5, 6, 7, 8, 10, 12};
    double[] all = new double[ns.length];
    System.arraycopy(y, 0, all, 0, 8);
    all[8] = y[7];
    all[9] = y[7];
    int q = 10_000;
    Forecast f = CurveForecaster.forecast(ForecastSelectionTest.curve("best_of_n", ns, all),
        new CurveForecaster.Options(8, QuestionCount.fromFlag(q), 9L, 10).withFamilies(List.of(new TestFamilies.Level())));
    // carry-forward (conditional) scores best; the mean (level mode) is within 1.5x of it, so it competes
    assertThat(f.chosen().mode()).isEqualTo(CurveForecaster.CONDITIONAL);
    Forecast.Candidate level = ForecastSelectionTest.candidate(f, "level", CurveForecaster.LEVEL);
    assertThat(level.criterion()).isGreaterThan(f.chosen().criterion()).isLessThanOrEqualTo(1.5 * f.chosen().criterion());
    assertThat(f.chosen().parameters().get(0).flag()).isNull();
    assertThat(ForecastSelectionTest.competitors(f)).isEqualTo(1);
    double hold = y[7];
    double mean = level.parameters().get("a"); // the level mode's forecast: the fitted level, the mean of the 8 points
    assertThat(mean).isCloseTo(ForecastSelectionTest.meanOfFirst(y, 8), within(1e-9));
    double[] band = CurveForecaster.remeasurement(hold, q);
    for (Forecast.Prediction p : f.predictions()) {
      if (!p.fitted()) {
        assertThat(p.mean()).isEqualTo(hold);
        assertThat(p.modelForecast()).isCloseTo(hold, within(1e-15));
        assertThat(p.p05()).isCloseTo(Math.min(band[0], mean), within(1e-12));
        assertThat(p.p95()).isCloseTo(Math.max(band[1], mean), within(1e-12));
      }
    }
    // the competitor's forecast lies outside the band, so it is what widens the interval (on the stated side)
    assertThat(competitorBelow ? mean < band[0] : mean > band[1]).isTrue();
  }

  @Test
  void beyondTheWindow_aCompetitorBelowTheHeldLevelWidensTheIntervalDownToItsForecast() {
    // criteria (by hand): carry-forward 0.06375, mean 0.07; the mean of the points 0.55375 is below the held 0.65
    envelopeIsTheStatedOne(new double[] {0.48, 0.59, 0.48, 0.59, 0.59, 0.56, 0.49, 0.65}, true);
  }

  @Test
  void beyondTheWindow_aCompetitorAboveTheHeldLevelWidensTheIntervalUpToItsForecast() {
    // criteria (by hand): carry-forward 0.03, mean 0.0325; the mean of the points 0.5225 is above the held 0.49
    envelopeIsTheStatedOne(new double[] {0.59, 0.54, 0.51, 0.54, 0.45, 0.53, 0.53, 0.49}, false);
  }
}
