package io.kstar.calibrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.calibrate.MeasuredCurve;
import io.kstar.input.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Forecast's documented accessors: the chosen model beats the baselines only when its held-out error is
 * below both, and the sentence says which case holds; fitted models copy their parameters; replicates
 * that are accuracy models are listed as such; QuestionCount's sources and refusals.
 */
class ForecastRecordTest {

  static Forecast forecast(Forecast.HeldOut held, double carry, double logLinear, List<Forecast.FittedModel> reps) {
    Forecast.FittedModel fit = new Forecast.FittedModel(new Family.Pass(false), new double[] {0, 0});
    return new Forecast("d", "m", 8, 8, new QuestionCount(100, QuestionCount.FROM_FLAG),
        new Forecast.Chosen("pass-at-k", "level", List.of(), 0.01, "cv"), List.of(), List.of(),
        new Forecast.Baselines(new Forecast.Baseline("carry_forward", carry), new Forecast.Baseline("log_linear", logLinear)),
        held, List.of(), "rule", "how", fit, reps, null);
  }

  @Test
  void theModelBeatsTheBaselines_onlyWhenBelowBoth() {
    Forecast better = forecast(new Forecast.HeldOut(3, 0.02, 0.03, 1, 0.01), 0.02, 0.03, List.of());
    assertThat(better.beatsBaselines()).isTrue();
    assertThat(better.beatsBaselinesNote()).startsWith("The chosen model's own growth forecast beat both baselines on the 3"
        + " held-out points (MAE 0.0100 against carry-forward 0.0200 and log-linear 0.0300)");
    Forecast worseThanCarry = forecast(new Forecast.HeldOut(3, 0.02, 0.03, 1, 0.025), 0.02, 0.03, List.of());
    assertThat(worseThanCarry.beatsBaselines()).isFalse();
    assertThat(worseThanCarry.beatsBaselinesNote()).startsWith("No model beats the baselines on the 3 held-out points");
    assertThat(forecast(new Forecast.HeldOut(3, 0.02, 0.03, 1, 0.025), 0.03, 0.02, List.of()).beatsBaselines()).isFalse();
    // equal is not better
    assertThat(forecast(new Forecast.HeldOut(3, 0.02, 0.03, 1, 0.02), 0.02, 0.03, List.of()).beatsBaselines()).isFalse();
    assertThat(forecast(new Forecast.HeldOut(3, 0.02, 0.03, 1, 0.03), 0.04, 0.03, List.of()).beatsBaselines()).isFalse();
    // better means by more than 1e-12: a difference of exactly 1e-12 is not
    assertThat(forecast(new Forecast.HeldOut(3, 0.02, 0.03, 1, 0.02 - 1e-12), 0.02, 0.03, List.of()).beatsBaselines()).isFalse();
    assertThat(forecast(new Forecast.HeldOut(3, 0.02, 0.03, 1, 0.03 - 1e-12), 0.04, 0.03, List.of()).beatsBaselines()).isFalse();
    assertThat(forecast(new Forecast.HeldOut(3, 0.02, 0.03, 1, 0.03 - 2e-12), 0.04, 0.03, List.of()).beatsBaselines()).isTrue();
    // with nothing held out there is nothing to beat, whatever the other numbers say
    assertThat(forecast(new Forecast.HeldOut(0, 0.02, 0.03, 1, 0.01), 0.02, 0.03, List.of()).beatsBaselines()).isFalse();
    Forecast nothing = forecast(new Forecast.HeldOut(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN), Double.NaN,
        Double.NaN, List.of());
    assertThat(nothing.beatsBaselines()).isFalse();
    assertThat(nothing.beatsBaselinesNote()).startsWith("Nothing is held out (every point has n <= 8)");
  }

  @Test
  void replicatesAndFittedModels_areAccuracyModelsWhereTheFamilyIsOne() {
    double[] x = {Math.log(2), Math.log(0.5)};
    Forecast.FittedModel mv = new Forecast.FittedModel(new Family.Majority(3), x);
    Forecast.FittedModel pl = new Forecast.FittedModel(new Family.PowerLaw(), new double[] {0, 0, 0});
    Forecast f = forecast(new Forecast.HeldOut(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN), 0, 0, List.of(mv, pl, mv));
    assertThat(f.accuracyModelReplicates()).containsExactly(new MajorityVote(new BetaDifficulty(2, 0.5), 3),
        new MajorityVote(new BetaDifficulty(2, 0.5), 3));
    assertThat(f.parameterReplicates()).hasSize(3);
    assertThat(f.parameterReplicates().get(0)).containsOnlyKeys("alpha", "beta", "wrong_answers");
    assertThat(f.parameterReplicates().get(0).get("wrong_answers")).isEqualTo(3);
    assertThat(f.parameterReplicates().get(1)).containsOnlyKeys("asymptote", "scale", "exponent");
    assertThat(f.accuracyModel()).contains(new PassAtK(new BetaDifficulty(1, 1)));
    // the parameters are copied in and out
    x[0] = 99;
    assertThat(mv.x()[0]).isCloseTo(Math.log(2), within(1e-15));
    mv.x()[1] = 99;
    assertThat(mv.x()[1]).isCloseTo(Math.log(0.5), within(1e-15));
    assertThat(mv.mean(1)).isCloseTo(2 / 2.5, within(1e-12));
    assertThat(mv.parameters().get("alpha")).isCloseTo(2, within(1e-12));
  }

  @Test
  void questionCounts_comeFromTheFlagTheFieldOrInference() {
    MeasuredCurve withField = new MeasuredCurve("d", "m", List.of(new MeasuredCurve.Point(1, 0.5, null)), 40);
    assertThat(QuestionCount.fromCurve(withField)).isEqualTo(new QuestionCount(40, QuestionCount.FROM_FIELD));
    assertThat(QuestionCount.fromCurve(new MeasuredCurve("d", "m", List.of()))).isNull();
    assertThat(QuestionCount.resolve(withField, 7)).isEqualTo(new QuestionCount(7, QuestionCount.FROM_FLAG));
    assertThatThrownBy(() -> new QuestionCount(0, "x")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> QuestionCount.fromFlag(-3)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--questions");
  }

  @Test
  void inference_takesTheSmallestQ_withinThePrintedRoundingWhenNeeded() {
    // k/7 printed to 6 decimals: no Q ≤ 100 000 is exact within 1e-6/Q, Q = 7 is within the rounding ½·10^−6
    double[] sevenths = new double[6];
    for (int k = 1; k <= 6; k++) {
      sevenths[k - 1] = Math.round(k / 7.0 * 1e6) / 1e6;
    }
    QuestionCount q = QuestionCount.infer(QuestionCountTest.curve(sevenths));
    assertThat(q.count()).isEqualTo(7);
    assertThat(q.source()).startsWith(QuestionCount.INFERRED);
    // exact multiples of 1/8: found within 1e-6, no rounding note
    assertThat(QuestionCount.infer(QuestionCountTest.curve(0.125, 0.25, 0.375, 0.5, 0.625)))
        .isEqualTo(new QuestionCount(8, QuestionCount.INFERRED));
    // five distinct values are enough, four are not
    assertThatThrownBy(() -> QuestionCount.infer(QuestionCountTest.curve(0.125, 0.25, 0.375, 0.5)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("only 4 distinct").hasMessageContaining("Q = 8");
  }
}
