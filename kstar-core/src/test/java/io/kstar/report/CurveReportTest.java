package io.kstar.report;

import static io.kstar.report.Golden.assertExpectations;
import static io.kstar.report.Golden.assertSpread;
import static io.kstar.report.Golden.assertStatistic;
import static io.kstar.report.Golden.names;
import static io.kstar.report.Golden.num;
import static io.kstar.report.Golden.same;
import static io.kstar.report.Golden.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.estimate.Curve;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Statistic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar curve}: SPEC §7's JSON ({@code model, parallel, estimator, points: [{k, cost_usd, latency_s,
 * accuracy}]}, each quantity {@code {mean, std, p025, p975}}, Monte Carlo adding {@code se}), read back
 * against the curve; the CSV's columns and rows; the text and Markdown layouts as {@code ./kstar curve} prints them.
 */
class CurveReportTest {

  static final Curve NANO = Fixtures.Curves.NANO;
  static final Curve MC = Fixtures.Curves.GPT5_MC;
  static final Curve CAL = Fixtures.Curves.CAL_UNTIL_PASS;
  static final CurveReport.Run MC_RUN = new CurveReport.Run(500, 7L);

  @Test
  void table_pinsTheDocumentedLayout_gpt5NanoToK32() {
    Golden.check("curve-nano.txt", CurveReport.render(NANO, null, Format.TABLE));
  }

  @Test
  void markdown_pinsTheDocumentedLayout_gpt5NanoToK32() {
    Golden.check("curve-nano.md", CurveReport.render(NANO, null, Format.MARKDOWN));
  }

  @Test
  void table_pinsTheDocumentedLayout_monteCarloNamesItsTrialsAndSeed() {
    String t = CurveReport.render(MC, MC_RUN, Format.TABLE);
    Golden.check("curve-gpt5-mc.txt", t);
    assertThat(t).startsWith("Curve of gpt5 at P = 4, estimator monte-carlo (500 trials, seed 7); one request per row;");
    Golden.check("curve-gpt5-mc.md", CurveReport.render(MC, MC_RUN, Format.MARKDOWN));
    // without the run's settings the estimator is named alone
    assertThat(CurveReport.render(MC, null, Format.TABLE)).startsWith("Curve of gpt5 at P = 4, estimator monte-carlo; ");
    assertThat(CurveReport.render(MC, new CurveReport.Run(null, null), Format.TABLE))
        .startsWith("Curve of gpt5 at P = 4, estimator monte-carlo; ");
  }

  @Test
  void table_pinsTheDocumentedLayout_withAPolicyAndACalibration() {
    // samples and rounds columns (README "Adaptive stopping"), E[accuracy] [90%] starred beyond the data, notes
    Golden.check("curve-cal-until-pass.txt", CurveReport.render(CAL, null, Format.TABLE));
    Golden.check("curve-cal-until-pass.md", CurveReport.render(CAL, null, Format.MARKDOWN));
  }

  @Test
  void json_followsSpec7_andReadsBackAsTheCurve_exact() {
    JsonNode j = Fixtures.json(CurveReport.render(NANO, null, Format.JSON));
    assertThat(names(j)).containsExactly("model", "parallel", "policy", "estimator", "quantile_method", "points", "notes");
    assertCurve(j, NANO);
    // README: points[0] of gpt5-nano is k = 4, E[C] = 4 × (1024·5e-8 + 2048·4e-7)
    assertThat(j.get("points").get(0).get("k").intValue()).isEqualTo(4);
    assertThat(j.get("points")).hasSize(8);
    assertThat(j.get("points").get(0).get("cost_usd").has("se")).isFalse();
  }

  @Test
  void json_addsTrialsSeedAndStandardErrors_forMonteCarlo() {
    JsonNode j = Fixtures.json(CurveReport.render(MC, MC_RUN, Format.JSON));
    assertThat(names(j)).containsExactly("model", "parallel", "policy", "estimator", "quantile_method", "trials", "seed",
        "points", "notes");
    assertThat(j.get("trials").intValue()).isEqualTo(500);
    assertThat(j.get("seed").longValue()).isEqualTo(7);
    assertCurve(j, MC);
    for (int i = 0; i < MC.points().size(); i++) {
      CurvePoint p = MC.points().get(i);
      JsonNode q = j.get("points").get(i);
      same(num(q.get("cost_usd").get("se")), p.cost().stderr());
      same(num(q.get("latency_s").get("se")), p.latency().stderr());
      same(num(q.get("accuracy").get("se")), p.accuracy().stderr());
      assertThat(p.accuracy().stderr()).isPositive();
    }
    // the run's settings are only written when the run has them
    assertThat(Fixtures.json(CurveReport.render(MC, null, Format.JSON)).has("trials")).isFalse();
    assertThat(Fixtures.json(CurveReport.render(MC, new CurveReport.Run(null, null), Format.JSON)).has("seed")).isFalse();
  }

  @Test
  void json_readsBackAsTheCurve_withAPolicyAndACalibration() {
    JsonNode j = Fixtures.json(CurveReport.render(CAL, null, Format.JSON));
    assertThat(j.get("policy").asText()).isEqualTo("until-pass");
    assertCurve(j, CAL);
    assertThat(strings(j.get("notes"))).hasSize(2);
  }

  @Test
  void json_theServicesCompactAnswer_isTheSameDocumentWithoutWhitespace() {
    for (Curve c : List.of(NANO, MC, CAL)) {
      CurveReport.Run run = c == MC ? MC_RUN : null;
      String pretty = CurveReport.render(c, run, Format.JSON);
      assertThat(CurveReport.json(c, run, true)).isEqualTo(pretty);
      String compact = CurveReport.json(c, run, false);
      assertThat(compact.indexOf('\n')).isEqualTo(compact.length() - 1);
      assertThat(compact).startsWith("{\"model\":\"" + c.modelId() + "\",\"parallel\":");
      assertThat(Fixtures.json(compact)).isEqualTo(Fixtures.json(pretty));
    }
  }

  private static void assertCurve(JsonNode j, Curve c) {
    assertThat(j.get("model").asText()).isEqualTo(c.modelId());
    assertThat(j.get("parallel").intValue()).isEqualTo(c.parallel());
    assertThat(j.get("policy").asText()).isEqualTo(c.policy().label());
    assertThat(j.get("estimator").asText()).isEqualTo(c.estimator());
    assertThat(j.get("quantile_method").asText()).isEqualTo(c.quantileMethod().description());
    assertThat(j.get("points")).hasSize(c.points().size());
    for (int i = 0; i < c.points().size(); i++) {
      CurvePoint p = c.points().get(i);
      JsonNode q = j.get("points").get(i);
      assertThat(q.get("k").intValue()).isEqualTo(p.k());
      assertStatistic(q.get("cost_usd"), p.cost());
      assertStatistic(q.get("latency_s"), p.latency());
      assertStatistic(q.get("accuracy"), p.accuracy());
      assertSpread(q.get("samples"), p.draws().samples());
      assertSpread(q.get("rounds"), p.draws().rounds());
      assertExpectations(q, p);
    }
    assertThat(strings(j.get("notes"))).isEqualTo(c.notes());
  }

  static final List<String> CSV_HEADER = List.of("k", "cost_usd_mean", "cost_usd_std", "cost_usd_p025", "cost_usd_p975",
      "latency_s_mean", "latency_s_std", "latency_s_p025", "latency_s_p975", "accuracy_mean", "accuracy_std",
      "accuracy_p025", "accuracy_p975");

  @Test
  void csv_hasOneRowPerPoint_whoseCellsReadBackAsThePointsStatistics() {
    for (Curve c : List.of(NANO, MC)) {
      List<List<String>> rows = Fixtures.csv(CurveReport.render(c, null, Format.CSV));
      assertThat(rows.get(0)).isEqualTo(CSV_HEADER);
      assertThat(rows).hasSize(1 + c.points().size());
      for (int i = 0; i < c.points().size(); i++) {
        assertCsvStatistics(rows.get(i + 1), c.points().get(i));
      }
    }
  }

  @Test
  void csv_addsSamplesRoundsAndExpectedAccuracy_withAPolicyAndACalibration() {
    List<List<String>> rows = Fixtures.csv(CurveReport.render(CAL, null, Format.CSV));
    List<String> h = new ArrayList<>(CSV_HEADER);
    h.addAll(List.of("samples_mean", "samples_p025", "samples_p975", "rounds_mean", "expected_accuracy_p05",
        "expected_accuracy_p95", "extrapolated"));
    assertThat(rows.get(0)).isEqualTo(h);
    assertThat(rows).hasSize(1 + CAL.points().size());
    for (int i = 0; i < CAL.points().size(); i++) {
      CurvePoint p = CAL.points().get(i);
      List<String> row = rows.get(i + 1);
      assertCsvStatistics(row, p);
      same(Fixtures.num(row.get(13)), p.draws().samples().mean());
      same(Fixtures.num(row.get(14)), p.draws().samples().p025());
      same(Fixtures.num(row.get(15)), p.draws().samples().p975());
      same(Fixtures.num(row.get(16)), p.draws().rounds().mean());
      same(Fixtures.num(row.get(17)), p.expected().accuracy().p05());
      same(Fixtures.num(row.get(18)), p.expected().accuracy().p95());
      assertThat(row.get(19)).isEqualTo(Boolean.toString(p.expected().extrapolated()));
    }
    assertThat(rows.get(12).get(19)).isEqualTo("true");
    assertThat(rows.get(1).get(19)).isEqualTo("false");
  }

  private static void assertCsvStatistics(List<String> row, CurvePoint p) {
    assertThat(row.get(0)).isEqualTo(Integer.toString(p.k()));
    int c = 1;
    for (Statistic s : List.of(p.cost(), p.latency(), p.accuracy())) {
      same(Fixtures.num(row.get(c++)), s.mean(), CSV_HEADER.get(c - 1));
      same(Fixtures.num(row.get(c++)), s.std(), CSV_HEADER.get(c - 1));
      same(Fixtures.num(row.get(c++)), s.p025(), CSV_HEADER.get(c - 1));
      same(Fixtures.num(row.get(c++)), s.p975(), CSV_HEADER.get(c - 1));
    }
  }

  @Test
  void header_namesTheModelPolicyEstimatorAndQuantileMethod() {
    assertThat(CurveReport.header(NANO, null)).isEqualTo("Curve of gpt5-nano at P = 4, estimator exact; one request per row;"
        + " quantiles: " + NANO.quantileMethod().description());
    assertThat(CurveReport.header(CAL, null)).startsWith("Curve of cal at P = 4, policy until-pass (k is the cap), estimator exact;");
  }
}
