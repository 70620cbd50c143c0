package io.kstar.calibrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.calibrate.MeasuredCurve;
import io.kstar.report.ForecastReport;
import io.kstar.report.Format;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON contract and the human renderings of {@link ForecastReport}. */
class ForecastReportTest {
  static Forecast a;
  static Forecast b;

  @BeforeAll
  static void forecasts() {
    CurveForecaster.Options o = new CurveForecaster.Options(16, QuestionCount.fromFlag(300), 5L, 12)
        .withFamilies(List.of(new Family.Pass(false), new Family.PowerLaw()));
    a = CurveForecaster.forecast(CurveForecasterTest.simulated(0.6, 1.5, 300, 32, 3), o);
    MeasuredCurve cut = CurveForecasterTest.simulated(0.4, 2, 300, 16, 4);
    b = CurveForecaster.forecast(new MeasuredCurve("other", "pass@k", cut.points()), o);
  }

  @Test
  void oneCurveIsOneObjectWithTheContractsFields() throws Exception {
    JsonNode j = new ObjectMapper().readTree(ForecastReport.render(List.of(a), Format.JSON));
    assertThat(j.has("curves")).isFalse();
    assertThat(j.get("chosen").get("model").asText()).isEqualTo(a.chosen().model());
    assertThat(j.get("chosen").get("criterion").isNumber()).isTrue();
    JsonNode alpha = j.get("chosen").get("parameters").elements().next();
    assertThat(alpha.has("value") && alpha.has("p05") && alpha.has("p95")).isTrue();
    assertThat(j.get("candidates")).allSatisfy(c -> assertThat(c.has("model") && c.has("criterion") && c.has("parameters")).isTrue());
    JsonNode preds = j.get("predictions");
    assertThat(preds).hasSize(32);
    for (String key : List.of("n", "observed", "fitted", "mean", "p05", "p95")) {
      assertThat(preds.get(20).has(key)).as(key).isTrue();
    }
    assertThat(preds.get(15).get("fitted").asBoolean()).isTrue();
    assertThat(preds.get(16).get("fitted").asBoolean()).isFalse();
    assertThat(preds.get(31).get("mean").asDouble()).isEqualTo(preds.get(15).get("observed").asDouble());
    assertThat(j.get("baselines").get("carry_forward").get("mae_held_out").isNumber()).isTrue();
    assertThat(j.get("baselines").get("log_linear").get("mae_held_out").isNumber()).isTrue();
    for (String key : List.of("mae", "max_abs_error", "coverage_90")) {
      assertThat(j.get("held_out").get(key).isNumber()).as(key).isTrue();
    }
    assertThat(j.get("questions").get("count").asInt()).isEqualTo(300);
    assertThat(j.get("questions").get("source").asText()).isEqualTo(QuestionCount.FROM_FLAG);
    assertThat(j.get("warnings").isArray()).isTrue();
    assertThat(j.get("beats_baselines").isBoolean()).isTrue();
    assertThat(j.get("beats_baselines_note").asText()).isEqualTo(a.beatsBaselinesNote());
    assertThat(j.get("rule").asText()).contains("not independently validated");
  }

  @Test
  void severalCurvesAreListedAndNothingHeldOutIsNull() throws Exception {
    JsonNode j = new ObjectMapper().readTree(ForecastReport.render(List.of(a, b), Format.JSON));
    assertThat(j.get("curves")).hasSize(2);
    JsonNode second = j.get("curves").get(1);
    assertThat(second.get("held_out").get("points").asInt()).isZero();
    assertThat(second.get("held_out").get("mae").isNull()).isTrue();
    assertThat(second.get("baselines").get("carry_forward").get("mae_held_out").isNull()).isTrue();
    assertThat(second.get("beats_baselines").asBoolean()).isFalse();
    assertThat(second.get("beats_baselines_note").asText()).startsWith("Nothing is held out");
  }

  @Test
  void tableMarkdownAndCsv() {
    String t = ForecastReport.render(List.of(a), Format.TABLE);
    assertThat(t).contains("Chosen: " + a.chosen().model()).contains("Candidates").contains("held out")
        .contains("carry-forward MAE").contains(a.beatsBaselinesNote()).contains("not independently validated");
    assertThat(ForecastReport.render(List.of(a), Format.MARKDOWN)).startsWith("# kstar calibrate: forecast").contains("| n |");
    String csv = ForecastReport.render(List.of(a, b), Format.CSV);
    assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("dataset,method,n,observed,fitted,mean,p05,p95,model_forecast");
    assertThat(csv.lines().count()).isEqualTo(1 + 32 + 16);
  }
}
