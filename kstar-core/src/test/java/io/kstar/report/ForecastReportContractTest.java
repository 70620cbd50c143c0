package io.kstar.report;

import static io.kstar.report.Golden.names;
import static io.kstar.report.Golden.num;
import static io.kstar.report.Golden.same;
import static io.kstar.report.Golden.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.calibrate.forecast.Forecast;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar calibrate --curve FILE}: the layouts as {@code ./kstar calibrate --curve
 * docs/examples/r1-distill-qwen7b-scaling-curves.json --dataset MATH500} prints them (two curves and their
 * summary) and with nothing held out; the JSON of the class comment read back against the forecasts, the
 * summary's means included; the CSV of the predictions.
 */
class ForecastReportContractTest {

  static final List<Forecast> TWO = Fixtures.Forecasts.MATH500;
  static final List<Forecast> NONE_HELD_OUT = Fixtures.Forecasts.NOTHING_HELD_OUT;

  @Test
  void layouts_pinTheDocumentedLayout_twoCurvesAndTheirSummary() {
    Golden.check("forecast-math500-both.txt", ForecastReport.render(TWO, Format.TABLE));
    Golden.check("forecast-math500-both.md", ForecastReport.render(TWO, Format.MARKDOWN));
  }

  @Test
  void layouts_pinTheDocumentedLayout_whenNothingIsHeldOut() {
    Golden.check("forecast-nothing-held-out.txt", ForecastReport.render(NONE_HELD_OUT, Format.TABLE));
    Golden.check("forecast-nothing-held-out.md", ForecastReport.render(NONE_HELD_OUT, Format.MARKDOWN));
  }

  /** The first forecast with a flagged parameter, a candidate's note and two warnings. */
  static Forecast flagged() {
    Forecast f = TWO.get(0);
    List<Forecast.Parameter> ps = new java.util.ArrayList<>(f.chosen().parameters());
    Forecast.Parameter p = ps.get(0);
    ps.set(0, new Forecast.Parameter(p.name(), p.value(), p.p05(), p.p95(), "at its bound"));
    Forecast.Chosen chosen = new Forecast.Chosen(f.chosen().model(), f.chosen().mode(), ps, f.chosen().criterion(),
        f.chosen().criterionName());
    List<Forecast.Candidate> cs = new java.util.ArrayList<>(f.candidates());
    Forecast.Candidate c = cs.get(0);
    cs.set(0, new Forecast.Candidate(c.model(), c.mode(), c.parameters(), c.criterion(), c.aicc(), c.rmseFitted(),
        "did not converge"));
    return new Forecast(f.dataset(), f.method(), f.fitUpTo(), f.edge(), f.questions(), chosen, cs, f.predictions(),
        f.baselines(), f.heldOut(), List.of("first warning", "second warning"), f.rule(), f.intervalMethod(), f.fitted(),
        f.replicates(), f.refit());
  }

  @Test
  void flagsNotesAndWarnings_areShownInEveryFormat() {
    Forecast f = flagged();
    String t = ForecastReport.render(List.of(f), Format.TABLE);
    assertThat(t).contains("  " + f.chosen().parameters().get(0).name() + " ").contains("  at its bound\n")
        .contains("did not converge")
        .contains(f.beatsBaselinesNote() + "\nWarnings:\n  - first warning\n  - second warning\nRule: ");
    assertThat(ForecastReport.render(List.of(f), Format.MARKDOWN)).contains("| at its bound |")
        .contains(f.beatsBaselinesNote() + "\n\nWarnings:\n\n- first warning\n- second warning\n\nRule: ");
    JsonNode j = Fixtures.json(ForecastReport.render(List.of(f), Format.JSON));
    assertCurve(j, f);
    assertThat(j.get("chosen").get("parameters").get(f.chosen().parameters().get(0).name()).get("flag").asText())
        .isEqualTo("at its bound");
    assertThat(j.get("candidates").get(0).get("note").asText()).isEqualTo("did not converge");
    assertThat(strings(j.get("warnings"))).containsExactly("first warning", "second warning");
  }

  @Test
  void nothingToRender_isRefused() {
    assertThatThrownBy(() -> ForecastReport.render(List.of(), Format.TABLE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no forecasts to render");
  }

  @Test
  void summaryTable_averagesTheHeldOutErrors_andPoolsCoverageOverThePoints() {
    Table t = ForecastReport.summaryTable(TWO);
    List<String> lines = t.csv(false).lines().toList();
    assertThat(lines).hasSize(3);
    double[] mean = new double[4];
    double covered = 0;
    int points = 0;
    for (Forecast f : TWO) {
      mean[0] += f.heldOut().mae() / 2;
      mean[1] += f.heldOut().modelMae() / 2;
      mean[2] += f.baselines().carryForward().maeHeldOut() / 2;
      mean[3] += f.baselines().logLinear().maeHeldOut() / 2;
      covered += f.heldOut().coverage90() * f.heldOut().points();
      points += f.heldOut().points();
    }
    assertThat(lines.get(2)).isEqualTo(String.format(java.util.Locale.ROOT, "mean,,,%.4f,%.4f,%.4f,%.4f,%.4f", mean[0],
        mean[1], mean[2], mean[3], covered / points));
    assertThat(ForecastReport.summaryTable(NONE_HELD_OUT).isEmpty()).isTrue();
  }

  @Test
  void json_readsBackAsTheForecasts_withTheSummaryOfTheHeldOutCurves() {
    JsonNode j = Fixtures.json(ForecastReport.render(TWO, Format.JSON));
    assertThat(names(j)).containsExactly("curves", "summary");
    for (int i = 0; i < TWO.size(); i++) {
      assertCurve(j.get("curves").get(i), TWO.get(i));
    }
    JsonNode s = j.get("summary");
    assertThat(s.get("curves").intValue()).isEqualTo(2);
    same(num(s.get("mean_mae_held_out")), TWO.stream().mapToDouble(f -> f.heldOut().mae()).average().orElseThrow());
    same(num(s.get("mean_model_mae_held_out")), TWO.stream().mapToDouble(f -> f.heldOut().modelMae()).average().orElseThrow());
    same(num(s.get("mean_carry_forward_mae_held_out")),
        TWO.stream().mapToDouble(f -> f.baselines().carryForward().maeHeldOut()).average().orElseThrow());
    same(num(s.get("mean_log_linear_mae_held_out")),
        TWO.stream().mapToDouble(f -> f.baselines().logLinear().maeHeldOut()).average().orElseThrow());
    double covered = TWO.stream().mapToDouble(f -> f.heldOut().coverage90() * f.heldOut().points()).sum();
    same(num(s.get("coverage_90")), covered / TWO.stream().mapToInt(f -> f.heldOut().points()).sum());
    // one curve is one object; a list with nothing held out has no summary
    assertCurve(Fixtures.json(ForecastReport.render(NONE_HELD_OUT, Format.JSON)), NONE_HELD_OUT.get(0));
    JsonNode twice = Fixtures.json(ForecastReport.render(List.of(NONE_HELD_OUT.get(0), NONE_HELD_OUT.get(0)), Format.JSON));
    assertThat(names(twice)).containsExactly("curves");
  }

  private static void assertCurve(JsonNode j, Forecast f) {
    assertThat(names(j)).containsExactly("dataset", "method", "fit_up_to", "edge_n", "chosen", "candidates", "predictions",
        "baselines", "held_out", "questions", "warnings", "beats_baselines", "beats_baselines_note", "rule",
        "interval_method");
    assertThat(j.get("dataset").asText()).isEqualTo(f.dataset());
    assertThat(j.get("method").asText()).isEqualTo(f.method());
    assertThat(j.get("fit_up_to").intValue()).isEqualTo(f.fitUpTo());
    assertThat(j.get("edge_n").intValue()).isEqualTo(f.edge());
    JsonNode c = j.get("chosen");
    assertThat(c.get("model").asText()).isEqualTo(f.chosen().model());
    assertThat(c.get("mode").asText()).isEqualTo(f.chosen().mode());
    assertThat(names(c.get("parameters"))).isEqualTo(f.chosen().parameters().stream().map(Forecast.Parameter::name).toList());
    for (Forecast.Parameter p : f.chosen().parameters()) {
      JsonNode q = c.get("parameters").get(p.name());
      same(num(q.get("value")), p.value());
      same(num(q.get("p05")), p.p05());
      same(num(q.get("p95")), p.p95());
      assertThat(q.has("flag")).isEqualTo(p.flag() != null);
    }
    same(num(c.get("criterion")), f.chosen().criterion());
    assertThat(c.get("criterion_name").asText()).isEqualTo(f.chosen().criterionName());
    assertThat(j.get("candidates")).hasSize(f.candidates().size());
    for (int i = 0; i < f.candidates().size(); i++) {
      Forecast.Candidate d = f.candidates().get(i);
      JsonNode q = j.get("candidates").get(i);
      assertThat(q.get("model").asText()).isEqualTo(d.model());
      assertThat(q.get("mode").asText()).isEqualTo(d.mode());
      same(num(q.get("criterion")), d.criterion());
      same(num(q.get("aicc")), d.aicc());
      same(num(q.get("rmse_fitted")), d.rmseFitted());
      assertThat(names(q.get("parameters"))).isEqualTo(List.copyOf(d.parameters().keySet()));
      d.parameters().forEach((k, v) -> same(num(q.get("parameters").get(k)), v));
      assertThat(q.has("note")).isEqualTo(d.note() != null);
      if (d.note() != null) {
        assertThat(q.get("note").asText()).isEqualTo(d.note());
      }
    }
    assertThat(j.get("predictions")).hasSize(f.predictions().size());
    for (int i = 0; i < f.predictions().size(); i++) {
      Forecast.Prediction p = f.predictions().get(i);
      JsonNode q = j.get("predictions").get(i);
      assertThat(names(q)).containsExactly("n", "observed", "fitted", "mean", "p05", "p95", "model_forecast");
      assertThat(q.get("n").intValue()).isEqualTo(p.n());
      same(num(q.get("observed")), p.observed());
      assertThat(q.get("fitted").booleanValue()).isEqualTo(p.fitted());
      same(num(q.get("mean")), p.mean());
      same(num(q.get("p05")), p.p05());
      same(num(q.get("p95")), p.p95());
      same(num(q.get("model_forecast")), p.modelForecast());
    }
    same(num(j.get("baselines").get("carry_forward").get("mae_held_out")), f.baselines().carryForward().maeHeldOut());
    same(num(j.get("baselines").get("log_linear").get("mae_held_out")), f.baselines().logLinear().maeHeldOut());
    JsonNode h = j.get("held_out");
    assertThat(h.get("points").intValue()).isEqualTo(f.heldOut().points());
    same(num(h.get("mae")), f.heldOut().mae());
    same(num(h.get("max_abs_error")), f.heldOut().maxAbsError());
    same(num(h.get("coverage_90")), f.heldOut().coverage90());
    same(num(h.get("model_mae")), f.heldOut().modelMae());
    assertThat(j.get("questions").get("count").intValue()).isEqualTo(f.questions().count());
    assertThat(j.get("questions").get("source").asText()).isEqualTo(f.questions().source());
    assertThat(strings(j.get("warnings"))).isEqualTo(f.warnings());
    assertThat(j.get("beats_baselines").booleanValue()).isEqualTo(f.beatsBaselines());
    assertThat(j.get("beats_baselines_note").asText()).isEqualTo(f.beatsBaselinesNote());
    assertThat(j.get("rule").asText()).isEqualTo(f.rule());
    assertThat(j.get("interval_method").asText()).isEqualTo(f.intervalMethod());
  }

  @Test
  void csv_hasOneRowPerPredictionOfEveryCurve_atFullPrecision() {
    List<List<String>> rows = Fixtures.csv(ForecastReport.render(TWO, Format.CSV));
    assertThat(rows.get(0)).containsExactly("dataset", "method", "n", "observed", "fitted", "mean", "p05", "p95",
        "model_forecast");
    int i = 1;
    for (Forecast f : TWO) {
      for (Forecast.Prediction p : f.predictions()) {
        List<String> row = rows.get(i++);
        assertThat(row.subList(0, 3)).containsExactly(f.dataset(), f.method(), Integer.toString(p.n()));
        same(Fixtures.num(row.get(3)), p.observed());
        assertThat(row.get(4)).isEqualTo(Boolean.toString(p.fitted()));
        same(Fixtures.num(row.get(5)), p.mean());
        same(Fixtures.num(row.get(6)), p.p05());
        same(Fixtures.num(row.get(7)), p.p95());
        same(Fixtures.num(row.get(8)), p.modelForecast());
      }
    }
    assertThat(rows).hasSize(i);
  }
}
