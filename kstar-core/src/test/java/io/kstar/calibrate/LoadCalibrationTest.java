package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.calibrate.format.VllmSweep;
import io.kstar.input.InvalidInputException;
import io.kstar.serving.LoadFit;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The load curve from the real H100 sweep (docs/examples/vllm-sweep-llama-3.1-8b-h100.jsonl): which runs make
 * the curve, the capacity, and a held-out rate scored against the nearest measured rate, recomputed here from
 * the runs' own figures.
 */
class LoadCalibrationTest {

  static final Path SWEEP = Path.of("../docs/examples/vllm-sweep-llama-3.1-8b-h100.jsonl");

  static List<ServingRun> runs() {
    return VllmSweep.read(List.of(SWEEP), "--serving");
  }

  static double err(double predicted, double measured) {
    return Math.abs(Math.log(predicted / measured));
  }

  @Test
  void theSweep_fourRatesMakeTheCurve_theSaturatedRunTheCapacity_theIncompleteOneIsLeftOut() {
    LoadCalibration.Result r = LoadCalibration.fit(runs(), Optional.empty(), "--serving", "sweep");
    assertThat(r.uses()).containsExactly(LoadCalibration.Use.CURVE, LoadCalibration.Use.CURVE, LoadCalibration.Use.CURVE,
        LoadCalibration.Use.CURVE, LoadCalibration.Use.CAPACITY, LoadCalibration.Use.LEFT_OUT);
    assertThat(r.capacityMeasured()).isTrue();
    assertThat(r.capacityRps()).isEqualTo(28.451986430968518); // the 35 requests/s run's achieved throughput
    assertThat(r.curve().points()).extracting(p -> p.requestsPerS())
        .containsExactly(1.2081006055190666, 9.596860197935362, 19.219663764546027, 27.91219585134988);
    assertThat(r.curve().fit()).isEqualTo(LoadFit.QUEUEING);
    assertThat(r.mixInputTokens()).isEqualTo(1000);
    assertThat(r.mixOutputTokens()).isEqualTo(100);
    assertThat(r.warnings()).anyMatch(w -> w.contains("1015 of 2000 requests completed: left out"));
    assertThat(r.loadCurve()).isPresent();
    assertThat(LoadCalibration.Use.CAPACITY.label()).isEqualTo("capacity only (saturated)");
    // asked for interpolation, interpolation it is
    assertThat(LoadCalibration.fit(runs(), Optional.of(LoadFit.INTERPOLATION), "--serving", "s").curve().fit())
        .isEqualTo(LoadFit.INTERPOLATION);
  }

  @Test
  void aHeldOutRate_isScoredByTheCurveFittedWithoutIt_andByTheNearestMeasuredRate() {
    List<ServingRun> all = runs();
    LoadCalibration.Result r = LoadCalibration.fitHoldingOut(all, 20, Optional.empty(), "--serving", "sweep");
    LoadCalibration.HeldOut h = r.heldOut();
    ServingRun twenty = all.get(2);
    assertThat(h.run()).isEqualTo(twenty);
    assertThat(r.curve().points()).extracting(p -> p.requestsPerS())
        .containsExactly(1.2081006055190666, 9.596860197935362, 27.91219585134988);
    // the fit's prediction at the held-out run's utilisation
    double rho = twenty.achievedRps() / r.curve().capacityRps();
    assertThat(h.fit().ttftS()).isEqualTo(r.curve().ttft().at(rho));
    assertThat(h.fit().tpotS()).isEqualTo(r.curve().tpot().at(rho));
    assertThat(h.fitError()).isCloseTo((err(h.fit().ttftS(), twenty.ttftS()) + err(h.fit().tpotS(), twenty.tpotS())) / 2,
        within(1e-12));
    // nearest measured rate to 19.22 of 1.21, 9.60 and 27.91: 27.91 (8.69 away, against 9.62)
    ServingRun thirty = all.get(3);
    assertThat(h.nearest().ttftS()).isEqualTo(thirty.ttftS());
    assertThat(h.nearest().tpotS()).isEqualTo(thirty.tpotS());
    assertThat(h.nearestError()).isCloseTo((err(thirty.ttftS(), twenty.ttftS()) + err(thirty.tpotS(), twenty.tpotS())) / 2,
        within(1e-12));
    assertThat(h.fitError()).isCloseTo(0.444, within(0.0005));
    assertThat(h.nearestError()).isCloseTo(1.440, within(0.0005));
    // holding out the lowest rate: the nearest is 10 requests/s
    LoadCalibration.HeldOut low = LoadCalibration.fitHoldingOut(all, 1, Optional.empty(), "--serving", "s").heldOut();
    assertThat(low.nearest().ttftS()).isEqualTo(all.get(1).ttftS());
  }

  @Test
  void aRateThatCannotBeHeldOut_isRefusedWithTheRatesThatCan() {
    List<ServingRun> all = runs();
    assertThatThrownBy(() -> LoadCalibration.fitHoldingOut(all, 7, Optional.empty(), "--serving", "s"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.allowed()).endsWith("[1, 10, 20, 30]"));
    assertThatThrownBy(() -> LoadCalibration.fitHoldingOut(all, 35, Optional.empty(), "--serving", "s"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.allowed()).contains("saturated"));
    assertThatThrownBy(() -> LoadCalibration.fitHoldingOut(all, Double.POSITIVE_INFINITY, Optional.empty(), "--serving",
        "s")).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.allowed()).contains("incomplete"));
    // two rates below saturation and one held out leave one: no curve to score it with
    List<ServingRun> three = List.of(all.get(0), all.get(1), all.get(4));
    assertThatThrownBy(() -> LoadCalibration.fitHoldingOut(three, 10, Optional.empty(), "--serving", "s"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.allowed()).contains("fewer than 2 rates"));
  }
}
