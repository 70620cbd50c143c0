package io.kstar.report;

import static io.kstar.report.Golden.names;
import static io.kstar.report.Golden.num;
import static io.kstar.report.Golden.same;
import static io.kstar.report.Golden.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.calibrate.LogCalibration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar calibrate LOGS}: the layouts as {@code ./kstar calibrate docs/examples/sample-log.jsonl --skip-bad}
 * prints them, the JSON read back against the fit, the CSV of the pass@k curve, and the summary's wording for
 * records without tokens or prices, a fit with no evidence of a spread and a flagged parameter.
 */
class LogCalibrationReportTest {

  static final LogCalibration.Result FIT = Fixtures.Logs.FIT;
  static final int SKIPPED = Fixtures.Logs.READ.skipped().size();

  /** Records with correct flags only: no tokens, no prices, a flagged parameter, a warning. */
  static LogCalibration.Result sparse() {
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("alpha", 1.0);
    params.put("beta", 2.0);
    Map<String, Double> voteParams = new LinkedHashMap<>();
    voteParams.put("wrong_answers", 3.0);
    voteParams.put("alpha", 1.5);
    return new LogCalibration.Result("m", 10, 5, 0, 0, 0, 0, 0, 0, 0, null, null, new PassAtK(new BetaDifficulty(1, 2)),
        params, 10.0, 9.0, List.of(new LogCalibration.PassAtKPoint(1, 0.5, 0.25, 0.75, 0.5625)),
        List.of(new LogCalibration.Candidate(new MajorityVote(new BetaDifficulty(1.5, 1), 3), voteParams, 4, 0.625, 0.5,
            0.75, 0.6875)),
        5.0, 4, "m", List.of(), List.of(new LogCalibration.ParameterInterval("alpha", 1, 0.5, 2, "at its bound")),
        List.of(), List.of("few questions"));
  }

  /** The same without a difficulty fit, intervals or candidates. */
  static LogCalibration.Result bare() {
    LogCalibration.Result s = sparse();
    return new LogCalibration.Result("m", 10, 5, 0, 0, 0, 0, 0, 0, 0, 1e-6, 2e-6, s.accuracy(), s.parameters(), Double.NaN,
        Double.NaN, s.passAtK(), List.of(), Double.NaN, 4, "m", List.of(), List.of(), List.of(), List.of());
  }

  @Test
  void layouts_pinTheDocumentedLayout_sampleLog() {
    Golden.check("calibrate-sample-log.txt", LogCalibrationReport.render(FIT, SKIPPED, Format.TABLE));
    Golden.check("calibrate-sample-log.md", LogCalibrationReport.render(FIT, SKIPPED, Format.MARKDOWN));
  }

  @Test
  void summary_saysWhatTheRecordsDoNotCarry_andWhenTheBetaShowsNoSpread() {
    assertThat(LogCalibrationReport.summary(sparse(), 0)).isEqualTo(
        "Calibrated m from 10 samples over 5 questions\n"
            + "  token counts and times: not in every record, not fitted\n"
            + "  accuracy: pass-at-k alpha=1.00000 beta=2.00000 \n"
            + "  parameter uncertainty, 90% (5%–95% of the replicates' refits): alpha 1.00000 [0.500000, 2.00000] (!)\n"
            + "  replicates: m\n"
            + "  the logs cover k <= 4 (median samples per question); beyond it the model extrapolates\n"
            + "  difficulty: Beta by maximum likelihood, AIC 10.0, against one success rate for all questions, AIC 9.0"
            + " (no evidence of a spread)\n"
            + "  difficulty with a never-solved share of questions: AIC 5.0 (fits better than the Beta alone)\n"
            + "  pass@k: observed (unbiased estimator, bootstrap 95% interval over questions) against fitted\n");
    assertThat(LogCalibrationReport.summary(bare(), 1)).isEqualTo(
        "Calibrated m from 10 samples over 5 questions (1 bad record skipped)\n"
            + "  token counts and times: not in every record, not fitted\n"
            + "  prices from recorded costs: 1.00000 / 2.00000 USD per million input / output tokens\n"
            + "  accuracy: pass-at-k alpha=1.00000 beta=2.00000 \n"
            + "  the logs cover k <= 4 (median samples per question); beyond it the model extrapolates\n");
  }

  @Test
  void difficultyVerdicts_needAStrictlyLowerAic_andTwoPointsForTheNeverSolvedShare() {
    LogCalibration.Result s = sparse();
    // equal AICs: no evidence of a spread; the never-solved share exactly 2 below: not better by more than 2
    LogCalibration.Result tie = new LogCalibration.Result("m", 10, 5, 0, 0, 0, 0, 0, 0, 0, null, null, s.accuracy(),
        s.parameters(), 10.0, 10.0, s.passAtK(), List.of(), 8.0, 4, "m", List.of(), List.of(), List.of(), List.of());
    assertThat(LogCalibrationReport.summary(tie, 0))
        .contains("  difficulty: Beta by maximum likelihood, AIC 10.0, against one success rate for all questions, AIC 10.0"
            + " (no evidence of a spread)\n")
        .contains("  difficulty with a never-solved share of questions: AIC 8.0 (no better than the Beta alone by more than 2)\n");
    LogCalibration.Result within = new LogCalibration.Result("m", 10, 5, 0, 0, 0, 0, 0, 0, 0, null, null, s.accuracy(),
        s.parameters(), 10.0, 10.5, s.passAtK(), List.of(), 9.0, 4, "m", List.of(), List.of(), List.of(), List.of());
    assertThat(LogCalibrationReport.summary(within, 0)).contains("AIC 10.5 (Beta fits better)\n")
        .contains("AIC 9.0 (no better than the Beta alone by more than 2)\n");
  }

  @Test
  void table_showsCandidatesAndWarnings_onlyWhenThereAreSome() {
    String t = LogCalibrationReport.render(sparse(), 0, Format.TABLE);
    assertThat(t).isEqualTo(LogCalibrationReport.summary(sparse(), 0) + "\n"
        + "  k  observed    p025    p975  fitted  fitted - observed\n"
        + "  1    0.5000  0.2500  0.7500  0.5625            +0.0625\n"
        + "\nAccuracy models the records support, each against its own strategy at k = n (bootstrap 95%);\n"
        + "the profile takes the one that predicts best:\n"
        + "  model          parameters                     n  observed    p025    p975  predicted  chosen\n"
        + "  majority-vote  wrong_answers=3 alpha=1.50000  4    0.6250  0.5000  0.7500     0.6875\n"
        + "\nwarning: few questions\n");
    String bare = LogCalibrationReport.render(bare(), 0, Format.TABLE);
    assertThat(bare).endsWith("  k  observed    p025    p975  fitted  fitted - observed\n"
        + "  1    0.5000  0.2500  0.7500  0.5625            +0.0625\n");
    assertThat(LogCalibrationReport.render(bare(), 0, Format.MARKDOWN)).isEqualTo("# kstar calibrate\n\n```\n"
        + LogCalibrationReport.summary(bare(), 0) + "```\n\n"
        + "| k | observed | p025 | p975 | fitted | fitted - observed |\n"
        + "| ---: | ---: | ---: | ---: | ---: | ---: |\n"
        + "| 1 | 0.5000 | 0.2500 | 0.7500 | 0.5625 | +0.0625 |\n");
    assertThat(LogCalibrationReport.render(sparse(), 0, Format.MARKDOWN))
        .contains("\n\n| model | parameters | n | observed | p025 | p975 | predicted | chosen |\n")
        .endsWith("|   |\n\n\nwarning: few questions\n");
  }

  @Test
  void json_readsBackAsTheFit() {
    for (LogCalibration.Result r : List.of(FIT, sparse(), bare())) {
      JsonNode j = Fixtures.json(LogCalibrationReport.render(r, 2, Format.JSON));
      assertThat(j.get("model").asText()).isEqualTo(r.model());
      assertThat(j.get("samples").intValue()).isEqualTo(r.samples());
      assertThat(j.get("questions").intValue()).isEqualTo(r.questions());
      assertThat(j.get("skipped_records").intValue()).isEqualTo(2);
      // a part the records do not carry is null, and named in not_fitted
      assertThat(j.get("not_fitted").toString()).isEqualTo(r.lengthsFitted() ? "[]" : "[\"lengths\",\"latency\"]");
      if (r.lengthsFitted()) {
        same(num(j.get("input_tokens_mean")), r.inputMean());
        same(num(j.get("input_tokens_sd")), r.inputSd());
        same(num(j.get("output_tokens_mean")), r.outputMean());
        same(num(j.get("output_tokens_sd")), r.outputSd());
        same(num(j.get("t_in")), r.tIn());
        same(num(j.get("t_out")), r.tOut());
        same(num(j.get("latency_r2")), r.latencyR2());
      } else {
        for (String f : List.of("input_tokens_mean", "input_tokens_sd", "output_tokens_mean", "output_tokens_sd", "t_in",
            "t_out", "latency_r2")) {
          assertThat(j.get(f).isNull()).as(f).isTrue();
        }
      }
      assertThat(j.has("c_in")).isEqualTo(r.cIn() != null);
      if (r.cIn() != null) {
        same(num(j.get("c_in")), r.cIn());
        same(num(j.get("c_out")), r.cOut());
      }
      assertThat(j.get("accuracy_model").asText()).isEqualTo(r.accuracy().id());
      assertThat(names(j.get("parameters"))).isEqualTo(List.copyOf(r.parameters().keySet()));
      r.parameters().forEach((k, v) -> same(num(j.get("parameters").get(k)), v));
      same(num(j.get("aic_beta")), r.aicBeta());
      same(num(j.get("aic_single_rate")), r.aicSingleRate());
      assertThat(j.get("candidates")).hasSize(r.candidates().size());
      for (int i = 0; i < r.candidates().size(); i++) {
        LogCalibration.Candidate c = r.candidates().get(i);
        JsonNode q = j.get("candidates").get(i);
        assertThat(q.get("model").asText()).isEqualTo(c.model().id());
        c.parameters().forEach((k, v) -> same(num(q.get("parameters").get(k)), v));
        assertThat(q.get("n").intValue()).isEqualTo(c.n());
        same(num(q.get("observed")), c.observed());
        same(num(q.get("p025")), c.lower());
        same(num(q.get("p975")), c.upper());
        same(num(q.get("predicted")), c.predicted());
        assertThat(q.get("chosen").booleanValue()).isEqualTo(c.model().equals(r.accuracy()));
      }
      assertThat(j.get("pass_at_k")).hasSize(r.passAtK().size());
      for (int i = 0; i < r.passAtK().size(); i++) {
        LogCalibration.PassAtKPoint p = r.passAtK().get(i);
        JsonNode q = j.get("pass_at_k").get(i);
        assertThat(names(q)).containsExactly("k", "observed", "p025", "p975", "fitted");
        assertThat(q.get("k").intValue()).isEqualTo(p.k());
        same(num(q.get("observed")), p.observed());
        same(num(q.get("p025")), p.lower());
        same(num(q.get("p975")), p.upper());
        same(num(q.get("fitted")), p.fitted());
      }
      same(num(j.get("aic_beta_unsolved")), r.aicBetaUnsolved());
      assertThat(j.get("data_up_to_k").intValue()).isEqualTo(r.dataUpToK());
      assertThat(j.get("replicates").get("count").intValue()).isEqualTo(r.replicates().size());
      assertThat(j.get("replicates").get("method").asText()).isEqualTo(r.replicateMethod());
      assertThat(names(j.get("parameter_intervals"))).isEqualTo(r.intervals().stream().map(p -> p.name()).toList());
      for (LogCalibration.ParameterInterval p : r.intervals()) {
        JsonNode q = j.get("parameter_intervals").get(p.name());
        same(num(q.get("value")), p.value());
        same(num(q.get("p05")), p.p05());
        same(num(q.get("p95")), p.p95());
        assertThat(q.has("warning")).isEqualTo(p.flag() != null);
        if (p.flag() != null) {
          assertThat(q.get("warning").asText()).isEqualTo(p.flag());
        }
      }
      assertThat(j.get("expected_accuracy")).hasSize(r.expectedAccuracy().size());
      for (int i = 0; i < r.expectedAccuracy().size(); i++) {
        LogCalibration.ExpectedAccuracy e = r.expectedAccuracy().get(i);
        JsonNode q = j.get("expected_accuracy").get(i);
        assertThat(q.get("k").intValue()).isEqualTo(e.k());
        same(num(q.get("mean")), e.mean());
        same(num(q.get("p05")), e.p05());
        same(num(q.get("p95")), e.p95());
        assertThat(q.get("extrapolated").booleanValue()).isEqualTo(e.extrapolated());
      }
      assertThat(strings(j.get("warnings"))).isEqualTo(r.warnings());
    }
  }

  @Test
  void csv_isThePassAtKCurve_fourDecimals_andTheSignedGap() {
    List<List<String>> rows = Fixtures.csv(LogCalibrationReport.render(FIT, SKIPPED, Format.CSV));
    assertThat(rows.get(0)).containsExactly("k", "observed", "p025", "p975", "fitted", "fitted - observed");
    assertThat(rows).hasSize(1 + FIT.passAtK().size());
    for (int i = 0; i < FIT.passAtK().size(); i++) {
      LogCalibration.PassAtKPoint p = FIT.passAtK().get(i);
      assertThat(rows.get(i + 1)).containsExactly(Integer.toString(p.k()), f4(p.observed()), f4(p.lower()), f4(p.upper()),
          f4(p.fitted()), String.format(Locale.ROOT, "%+.4f", p.fitted() - p.observed()));
    }
    assertThat(LogCalibrationReport.fmt(1.63595123)).isEqualTo("1.63595");
    assertThat(LogCalibrationReport.fmt(0.000450611)).isEqualTo("0.000450611");
  }

  private static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
