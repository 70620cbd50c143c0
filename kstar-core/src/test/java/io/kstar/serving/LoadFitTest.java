package io.kstar.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.input.InvalidInputException;
import java.util.List;
import org.hipparchus.fitting.PolynomialCurveFitter;
import org.hipparchus.fitting.WeightedObservedPoints;
import org.junit.jupiter.api.Test;

class LoadFitTest {

  // the vLLM sweep of Llama-3.1-8B-Instruct on an H100 (docs/examples/vllm-sweep-llama-3.1-8b-h100.jsonl):
  // achieved requests/s and mean TPOT (s) of the four runs below saturation, capacity 28.452 requests/s
  static final double CAPACITY = 28.451986430968518;
  static final double[] RATE = {1.2081006055190666, 9.596860197935362, 19.219663764546027, 27.91219585134988};
  static final double[] TPOT = {0.008564716330980287, 0.011844500969877462, 0.02138563188041505, 0.09000667989586192};

  static double[] rho() {
    double[] r = new double[RATE.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = RATE[i] / CAPACITY;
    }
    return r;
  }

  @Test
  void queueingFit_isTheWeightedLeastSquaresLineInRhoOverOneMinusRho_asHipparchusFitsIt() {
    LoadFit.Queue q = (LoadFit.Queue) LoadFit.QUEUEING.fit(rho(), TPOT).orElseThrow();
    // independent: Hipparchus' polynomial fitter (Levenberg-Marquardt) on u = rho/(1-rho), weights 1/y^2
    WeightedObservedPoints obs = new WeightedObservedPoints();
    for (int i = 0; i < RATE.length; i++) {
      double u = rho()[i] / (1 - rho()[i]);
      obs.add(1 / (TPOT[i] * TPOT[i]), u, TPOT[i]);
    }
    double[] ab = PolynomialCurveFitter.create(1).fit(obs.toList());
    assertThat(q.a()).isCloseTo(ab[0], within(1e-9 * ab[0]));
    assertThat(q.b()).isCloseTo(ab[1], within(1e-9 * ab[1]));
    assertThat(q.idle()).isEqualTo(q.a());
    assertThat(q.at(0.5)).isCloseTo(q.a() + q.b(), within(1e-15));
  }

  @Test
  void queueingFit_withLoadThatSpeedsThingsUp_isFlat_andWithNoPositiveInterceptIsRefused() {
    double[] rho = {0.1, 0.5, 0.8};
    LoadFit.Queue flat = (LoadFit.Queue) LoadFit.QUEUEING.fit(rho, new double[] {3, 2, 1}).orElseThrow();
    assertThat(flat.b()).isZero();
    // weighted mean with weights 1/y^2: (3/9 + 2/4 + 1/1) / (1/9 + 1/4 + 1)
    assertThat(flat.a()).isCloseTo((3 / 9.0 + 2 / 4.0 + 1) / (1 / 9.0 + 1 / 4.0 + 1), within(1e-12));
    // a steep rise from (almost) nothing: the line through them crosses zero before rho = 0
    assertThat(LoadFit.QUEUEING.fit(new double[] {0.5, 0.9}, new double[] {0.001, 1})).isEmpty();
    assertThat(LoadFit.QUEUEING.fit(new double[] {0.5}, new double[] {1})).isEmpty();
  }

  @Test
  void interpolation_runsStraightThroughTheRunningMaximum_flatBefore_continuedAfter() {
    LoadFit.Shape s = LoadFit.INTERPOLATION.fit(new double[] {0.1, 0.4, 0.6, 0.8}, new double[] {2, 4, 3, 8})
        .orElseThrow();
    assertThat(s.at(0)).isEqualTo(2);
    assertThat(s.at(0.1)).isEqualTo(2);
    assertThat(s.at(0.25)).isCloseTo(3, within(1e-12));
    // the dip to 3 at 0.6 is lifted to 4: load never makes a replica faster
    assertThat(s.at(0.6)).isEqualTo(4);
    assertThat(s.at(0.5)).isEqualTo(4);
    assertThat(s.at(0.7)).isCloseTo(6, within(1e-12));
    assertThat(s.at(0.9)).isCloseTo(10, within(1e-12)); // the last segment continued: slope 20
  }

  @Test
  void aCurve_refusesOneRate_ratesNotIncreasing_andACapacityAtOrBelowARate_byKeyPath() {
    LoadPoint a = new LoadPoint(1, 0.05, 0.01);
    LoadPoint b = new LoadPoint(10, 0.06, 0.012);
    assertThatThrownBy(() -> new LoadCurve(1000, 100, 28, List.of(a), LoadFit.INTERPOLATION))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("serving.load");
          assertThat(e.allowed()).contains("at least 2 measured rates");
        });
    assertThatThrownBy(() -> new LoadCurve(1000, 100, 28, List.of(b, a), LoadFit.INTERPOLATION))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("serving.load[1].requests_per_s");
          assertThat(e.allowed()).contains("strictly increasing");
        });
    assertThatThrownBy(() -> new LoadCurve(1000, 100, 10, List.of(a, b), LoadFit.INTERPOLATION))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("serving.capacity_rps"));
    assertThatThrownBy(() -> new LoadCurve(1000, 0, 28, List.of(a, b), LoadFit.INTERPOLATION))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("serving.measured_with.output_tokens"));
    assertThatThrownBy(() -> new LoadPoint(0, 0.05, 0.01)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("requests_per_s"));
  }

  @Test
  void slowdown_isOneAtNoLoad_theMeasuredRatioAtAMeasuredRate_andMarkedBeyondTheLastRate() {
    List<LoadPoint> pts = List.of(new LoadPoint(2, 0.05, 0.010), new LoadPoint(10, 0.06, 0.015),
        new LoadPoint(18, 0.2, 0.040));
    LoadCurve c = new LoadCurve(1000, 100, 20, pts, LoadFit.INTERPOLATION);
    assertThat(c.slowdown(0)).isEqualTo(LoadCurve.Slowdown.NONE);
    LoadCurve.Slowdown at10 = c.slowdown(0.5);
    assertThat(at10.ttft()).isCloseTo(0.06 / 0.05, within(1e-12));
    assertThat(at10.tpot()).isCloseTo(0.015 / 0.010, within(1e-12));
    assertThat(at10.extrapolated()).isFalse();
    assertThat(c.slowdown(0.95).extrapolated()).isTrue();
    assertThat(c.capacityTokensPerS()).isEqualTo(20 * 1100);
    assertThatThrownBy(() -> c.slowdown(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
