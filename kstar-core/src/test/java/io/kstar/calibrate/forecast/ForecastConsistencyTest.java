package io.kstar.calibrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.calibrate.MeasuredCurve;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What CurveForecaster's javadoc promises of its output, recomputed from the output and the curve: inside
 * the fitted range the mean is the fit, beyond it the level observed at the edge; the interval beyond holds
 * the binomial band of re-measuring Q questions; the held-out metrics and both baselines are the stated
 * averages over the held-out points (the log-linear one by an independent least squares); candidates are
 * ranked by their criterion, the chosen first, unscored ones last.
 */
class ForecastConsistencyTest {

  private static Forecast computed;

  /**
   * Computed once each time the class runs (every test reads it, none changes it). Not cached beyond that: a
   * mutation-testing run executes the class again in the same JVM for each mutant, and a forecast kept from an
   * earlier run would check that run's code, not this one's.
   */
  @BeforeAll
  static void computeOnce() {
    computed = compute();
  }

  static Forecast forecast() {
    return computed;
  }

  static Forecast compute() {
    // a pass@n curve of 200 questions, fitted on n ≤ 8, held out up to 24
    MeasuredCurve curve = CurveForecasterTest.simulated(0.6, 1.5, 200, 24, 21);
    MeasuredCurve shorter = curve.withPoints(curve.points().stream().filter(p -> p.n() <= 6 || p.n() % 4 == 0).toList());
    return CurveForecaster.forecast(shorter, new CurveForecaster.Options(8, QuestionCount.fromFlag(200), 5L, 10)
        .withFamilies(List.of(new Family.Pass(false), new Family.PowerLaw())));
  }

  @Test
  void theMeanIsTheFitInside_andTheEdgesLevelBeyond() {
    Forecast f = forecast();
    assertThat(f.edge()).isEqualTo(8);
    assertThat(f.fitUpTo()).isEqualTo(8);
    double hold = f.predictions().stream().filter(p -> p.n() == 8).findFirst().orElseThrow().observed();
    double[] band = CurveForecaster.remeasurement(hold, 200);
    for (Forecast.Prediction p : f.predictions()) {
      assertThat(p.fitted()).isEqualTo(p.n() <= 8);
      assertThat(p.p05()).isLessThanOrEqualTo(p.mean());
      assertThat(p.p95()).isGreaterThanOrEqualTo(p.mean());
      assertThat(p.p05()).isBetween(0.0, 1.0);
      assertThat(p.p95()).isBetween(0.0, 1.0);
      if (p.fitted()) {
        assertThat(p.mean()).isEqualTo(p.modelForecast());
        assertThat(p.mean()).isCloseTo(f.fitted().mean(p.n()), within(1e-12));
      } else {
        assertThat(p.mean()).isEqualTo(hold);
        assertThat(p.p05()).isLessThanOrEqualTo(band[0]);
        assertThat(p.p95()).isGreaterThanOrEqualTo(band[1]);
      }
    }
  }

  @Test
  void heldOutMetricsAndBaselines_areTheStatedAverages() {
    Forecast f = forecast();
    List<Forecast.Prediction> held = f.predictions().stream().filter(p -> !p.fitted()).toList();
    List<Forecast.Prediction> fitted = f.predictions().stream().filter(Forecast.Prediction::fitted).toList();
    assertThat(f.heldOut().points()).isEqualTo(held.size()).isEqualTo(4);
    double hold = fitted.get(fitted.size() - 1).observed();
    double mae = 0;
    double max = 0;
    double model = 0;
    int in = 0;
    for (Forecast.Prediction p : held) {
      mae += Math.abs(p.observed() - p.mean());
      max = Math.max(max, Math.abs(p.observed() - p.mean()));
      model += Math.abs(p.observed() - p.modelForecast());
      in += p.observed() >= p.p05() - 1e-12 && p.observed() <= p.p95() + 1e-12 ? 1 : 0;
    }
    assertThat(f.heldOut().mae()).isCloseTo(mae / held.size(), within(1e-12));
    assertThat(f.heldOut().maxAbsError()).isCloseTo(max, within(1e-12));
    assertThat(f.heldOut().modelMae()).isCloseTo(model / held.size(), within(1e-12));
    assertThat(f.heldOut().coverage90()).isCloseTo((double) in / held.size(), within(1e-12));
    double carry = held.stream().mapToDouble(p -> Math.abs(p.observed() - hold)).average().orElseThrow();
    assertThat(f.baselines().carryForward().name()).isEqualTo("carry_forward");
    assertThat(f.baselines().carryForward().maeHeldOut()).isCloseTo(carry, within(1e-12));
    // log-linear: y = a + b ln n by least squares on the fitted points (normal equations, written out here)
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Forecast.Prediction p : fitted) {
      double x = Math.log(p.n());
      sx += x;
      sy += p.observed();
      sxx += x * x;
      sxy += x * p.observed();
    }
    int n = fitted.size();
    double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double a = (sy - b * sx) / n;
    double ll = held.stream().mapToDouble(p -> Math.abs(p.observed() - Math.max(0, Math.min(1, a + b * Math.log(p.n())))))
        .average().orElseThrow();
    assertThat(f.baselines().logLinear().name()).isEqualTo("log_linear");
    assertThat(f.baselines().logLinear().maeHeldOut()).isCloseTo(ll, within(1e-12));
  }

  @Test
  void candidatesAreRankedByTheirCriterion_theChosenFirst() {
    Forecast f = forecast();
    List<Forecast.Candidate> c = f.candidates();
    // 2 families × 2 modes
    assertThat(c).hasSize(4);
    assertThat(c.get(0).model()).isEqualTo(f.chosen().model());
    assertThat(c.get(0).mode()).isEqualTo(f.chosen().mode());
    assertThat(c.get(0).criterion()).isEqualTo(f.chosen().criterion());
    for (int i = 1; i < c.size(); i++) {
      if (!Double.isNaN(c.get(i).criterion())) {
        assertThat(c.get(i).criterion()).isGreaterThanOrEqualTo(c.get(i - 1).criterion());
      }
    }
    for (Forecast.Candidate x : c) {
      assertThat(x.rmseFitted()).isNotNegative();
      assertThat(x.mode()).isIn(CurveForecaster.LEVEL, CurveForecaster.CONDITIONAL);
    }
    assertThat(f.chosen().criterionName()).contains("n <= 8").contains("[4, 6]");
    assertThat(f.replicates()).hasSize(10);
    assertThat(f.intervalMethod()).contains("10 replicates of a 200-question re-measurement");
    assertThat(f.rule()).isEqualTo(CurveForecaster.RULE);
  }
}
