package io.kstar.report;

import io.kstar.select.Selectors;
import static io.kstar.report.Golden.assertExpectations;
import static io.kstar.report.Golden.assertSpread;
import static io.kstar.report.Golden.assertStatistic;
import static io.kstar.report.Golden.ints;
import static io.kstar.report.Golden.names;
import static io.kstar.report.Golden.num;
import static io.kstar.report.Golden.same;
import static io.kstar.report.Golden.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.budget.Budget;
import io.kstar.estimate.CurvePoint;
import io.kstar.grid.Grid;
import io.kstar.plan.Deployment;
import io.kstar.plan.PickDetail;
import io.kstar.space.FeasibleSpace;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar plan} in its four formats. The text and Markdown layouts are pinned to what {@code ./kstar plan}
 * prints (the README's example among them); the JSON and CSV are read back and compared, field by field,
 * with the plan that was rendered.
 */
class PlanReportTest {

  static final Deployment.Result NANO = Fixtures.Plans.NANO_P95;
  static final Deployment.Result QWEN = Fixtures.Plans.QWEN_INFEASIBLE;
  static final Deployment.Result CAL = Fixtures.Plans.CALIBRATED_ADAPTIVE;

  // ---- the documented layouts -------------------------------------------------------------------

  @Test
  void table_pinsTheReadmeLayout_gpt5NanoLatencyCriticalP95() {
    // README "kstar plan — one model, one budget": the header, the feasible ranges, the pick table and its footnotes
    Golden.check("plan-gpt5-nano-latency-critical-p95.txt", PlanReport.render(NANO, Format.TABLE));
  }

  @Test
  void markdown_pinsTheDocumentedLayout_gpt5NanoLatencyCriticalP95() {
    Golden.check("plan-gpt5-nano-latency-critical-p95.md", PlanReport.render(NANO, Format.MARKDOWN));
  }

  @Test
  void table_pinsTheDocumentedLayout_whenNoKIsFeasible_qwen3MaxLatencyCritical() {
    // README: "one round of qwen3-max takes 17.2 s, over the 15 s budget whatever P is"
    String t = PlanReport.render(QWEN, Format.TABLE);
    Golden.check("plan-qwen3-max-latency-critical-infeasible.txt", t);
    assertThat(t).contains("Feasible k at P = 4: none\nFeasible k at P = 8: none\nFeasible k at P = 16: none\n"
        + "no k is feasible; any one of these would admit a k: max_latency_s >= 17.2032\n");
  }

  @Test
  void table_pinsTheDocumentedLayout_withPoliciesAndCalibration() {
    // policy and samples columns (README "Adaptive stopping"), E[accuracy] [90%] and P(meets) (calibration),
    // the robust line (--confidence) and the notes
    Golden.check("plan-calibrated-fixed-until-pass.txt", PlanReport.render(CAL, Format.TABLE));
  }

  @Test
  void markdown_pinsTheDocumentedLayout_withPoliciesAndCalibration() {
    Golden.check("plan-calibrated-fixed-until-pass.md", PlanReport.render(CAL, Format.MARKDOWN));
  }

  @Test
  void markdown_isATitleBulletsAndOneTableWhoseAlignmentRowFollowsTheColumns() {
    String md = PlanReport.render(QWEN, Format.MARKDOWN);
    List<String> lines = md.lines().toList();
    assertThat(lines.get(0)).isEqualTo("# kstar plan: qwen3-max");
    assertThat(lines.get(1)).isEmpty();
    assertThat(lines.get(2)).startsWith("- Plan for qwen3-max (Qwen3-Max): ");
    assertThat(lines.get(6)).isEqualTo("- Feasible k at P = 16: none");
    assertThat(lines.get(7)).isEqualTo("- no k is feasible; any one of these would admit a k: max_latency_s >= 17.2032");
    assertThat(lines.get(9)).startsWith("| pick | P | k | cost_usd [95%] |").endsWith("| note |");
    // pick, nearest budget and note are text (left); every other column is a number (right)
    assertThat(lines.get(10)).isEqualTo("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    // a selector with no pick: dashes for P and k, blanks after, the reason last
    assertThat(lines.get(11)).isEqualTo("| accuracy-max | - | - |" + "   |".repeat(10) + " no feasible k |");
    assertThat(lines.get(11 + Selectors.REGISTRY.all().size())).startsWith("| baseline-1d | 4 | 1 | 0.005837 [0.005224, 0.006449] |")
        .endsWith("| breaks max_latency_s, min_accuracy |");
  }

  // ---- header pieces --------------------------------------------------------------------------------

  @Test
  void ranges_joinRunsOfConsecutiveGridPoints() {
    assertThat(PlanReport.ranges(List.of(), 4, Grid.Kind.BATCH)).isEqualTo("none");
    assertThat(PlanReport.ranges(List.of(8), 4, Grid.Kind.BATCH)).isEqualTo("8 (1 point)");
    assertThat(PlanReport.ranges(List.of(4, 8, 12, 16, 20), 4, Grid.Kind.BATCH)).isEqualTo("4..20 (5 points)");
    assertThat(PlanReport.ranges(List.of(4, 8, 16, 20, 28), 4, Grid.Kind.BATCH)).isEqualTo("4..8, 16..20, 28 (5 points)");
    assertThat(PlanReport.ranges(List.of(4, 12), 4, Grid.Kind.BATCH)).isEqualTo("4, 12 (2 points)");
    // on the all grid the step is 1 whatever P is
    assertThat(PlanReport.ranges(List.of(4, 8), 4, Grid.Kind.ALL)).isEqualTo("4, 8 (2 points)");
    assertThat(PlanReport.ranges(List.of(1, 2, 3, 5, 6, 9), 4, Grid.Kind.ALL)).isEqualTo("1..3, 5..6, 9 (6 points)");
    assertThat(PlanReport.ranges(List.of(3, 4, 5, 6, 7), 4, Grid.Kind.ALL)).isEqualTo("3..7 (5 points)");
  }

  @Test
  void probabilities_readAsThreeSignificantDigits_zeroAsZero_andTinyAsBelowOneInAMillion() {
    assertThat(PlanReport.prob(0)).isEqualTo("0");
    assertThat(PlanReport.prob(Double.NaN)).isEqualTo("n/a");
    assertThat(PlanReport.prob(Double.POSITIVE_INFINITY)).isEqualTo("n/a");
    assertThat(PlanReport.prob(2.9e-45)).isEqualTo("<1e-6");
    assertThat(PlanReport.prob(9.99e-7)).isEqualTo("<1e-6");
    assertThat(PlanReport.prob(1e-6)).isEqualTo("1.00e-06");
    assertThat(PlanReport.prob(0.000244)).isEqualTo("0.000244");
    assertThat(PlanReport.prob(0.02588)).isEqualTo("0.0259");
    assertThat(PlanReport.prob(0.5)).isEqualTo("0.500");
    assertThat(PlanReport.prob(1)).isEqualTo("1.00");
  }

  @Test
  void marginalPrices_readAsFourSignificantDigits_orNotApplicable() {
    assertThat(PlanReport.sig(0.016871)).isEqualTo("0.01687");
    assertThat(PlanReport.sig(10.5249)).isEqualTo("10.52");
    assertThat(PlanReport.sig(0)).isEqualTo("0.000");
    assertThat(PlanReport.sig(-1234.5)).isEqualTo("-1235");
    assertThat(PlanReport.sig(Double.NaN)).isEqualTo("n/a");
    assertThat(PlanReport.sig(Double.NEGATIVE_INFINITY)).isEqualTo("n/a");
  }

  @Test
  void reason_isTheInfeasibilitysOwnSentence() {
    var i = QWEN.plan().infeasibility().orElseThrow();
    assertThat(PlanReport.reason(i)).isEqualTo(i.reason()).startsWith("no k is feasible");
  }

  @Test
  void basis_namesTheQuantileAndHowItWasObtained() {
    assertThat(PlanReport.basisCost(NANO)).isEqualTo("mean");
    assertThat(PlanReport.basisLatency(NANO)).isEqualTo("p95, normal approximation");
    assertThat(PlanReport.basisLatency(QWEN)).isEqualTo("mean");
  }

  @Test
  void samplesCell_isTheMeanToTwoDecimalsAndThe95PercentRange() {
    CurvePoint p = CAL.picks().get(0).point();
    assertThat(PlanReport.samples(p)).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f [4, 8]", p.draws().samples().mean()))
        .isEqualTo("5.31 [4, 8]");
  }

  // ---- JSON: everything the table shows, read back -------------------------------------------------

  @Test
  void json_readsBackAsThePlan_gpt5NanoP95() {
    JsonNode j = Fixtures.json(PlanReport.render(NANO, Format.JSON));
    assertTopLevel(j, NANO);
    assertThat(j.get("budget_basis").get("latency").asText()).isEqualTo("p95, normal approximation");
    assertThat(j.get("feasible").booleanValue()).isTrue();
    assertThat(j.get("infeasible").isNull()).isTrue();
    assertThat(ints(j.get("feasible_k").get("4"))).containsExactly(4, 8, 12, 16, 20, 24);
    // the pick's latency coordinate is the p95 the budget is on, the statistics stay the mean's
    JsonNode am = j.get("picks").get("accuracy-max");
    assertThat(num(am.get("budget_latency_s"))).isGreaterThan(num(am.get("latency_s").get("mean")));
    assertThat(am.get("nearest_budget").get("field").asText()).isEqualTo("max_latency_s");
    // the 1-D baseline at k = 1 has no next grid point below it: no marginal price (null, not NaN)
    JsonNode oneD = j.get("baselines").get("1d");
    assertThat(oneD.get("usd_per_accuracy_point").isNull()).isTrue();
    assertThat(oneD.get("seconds_per_accuracy_point").isNull()).isTrue();
    assertThat(strings(oneD.get("breaks"))).isEmpty();
  }

  @Test
  void json_readsBackAsThePlan_whenNothingIsFeasible() {
    JsonNode j = Fixtures.json(PlanReport.render(QWEN, Format.JSON));
    assertTopLevel(j, QWEN);
    assertThat(j.get("feasible").booleanValue()).isFalse();
    assertThat(names(j.get("feasible_k"))).containsExactly("4", "8", "16");
    j.get("feasible_k").forEach(ks -> assertThat(ks).isEmpty());
    j.get("picks").forEach(p -> assertThat(p.isNull()).isTrue());
    assertThat(j.get("reasons").get("accuracy-max").asText()).isEqualTo("no feasible k");
    JsonNode inf = j.get("infeasible");
    assertThat(strings(inf.get("binding"))).containsExactly("max_latency_s");
    assertThat(names(inf.get("smallest_admitting_budget"))).containsExactly("max_latency_s");
    assertThat(num(inf.get("smallest_admitting_budget").get("max_latency_s")))
        .isEqualTo(QWEN.plan().infeasibility().orElseThrow().maxLatencySNeeded().getAsDouble());
    assertThat(inf.get("reason").asText()).isEqualTo("no k is feasible; any one of these would admit a k: max_latency_s >= 17.2032");
    assertThat(strings(j.get("baselines").get("1d").get("breaks"))).containsExactly("max_latency_s", "min_accuracy");
    assertThat(strings(j.get("baselines").get("2d").get("breaks"))).containsExactly("max_latency_s");
    j.get("points").forEach(p -> {
      assertThat(p.get("feasible").booleanValue()).isFalse();
      assertThat(p.get("pareto").booleanValue()).isFalse();
      assertThat(num(p.get("p_meets_budgets"))).isZero();
    });
  }

  @Test
  void json_readsBackAsThePlan_withPoliciesAndCalibration() {
    JsonNode j = Fixtures.json(PlanReport.render(CAL, Format.JSON));
    assertTopLevel(j, CAL);
    assertThat(strings(j.get("policies"))).containsExactly("fixed", "until-pass");
    assertThat(j.get("picks").get("accuracy-max").get("policy").asText()).isEqualTo("until-pass");
    assertThat(j.get("picks").get("cube").get("policy").asText()).isEqualTo("fixed");
    // points beyond the calibration's data (k > 8) say so
    List<Boolean> extrapolated = new ArrayList<>();
    j.get("points").forEach(p -> extrapolated.add(p.get("extrapolated").booleanValue()));
    assertThat(extrapolated).contains(true, false);
    assertThat(j.get("notes")).isNotEmpty();
  }

  @Test
  void json_theServicesCompactAnswer_isTheSameDocument_withOrWithoutEveryGridPoint() {
    for (Deployment.Result r : List.of(NANO, QWEN, CAL)) {
      String pretty = PlanReport.render(r, Format.JSON);
      assertThat(PlanReport.json(r, true, true)).isEqualTo(pretty);
      String compact = PlanReport.json(r, true, false);
      assertThat(compact).endsWith("}\n").doesNotContain("\n ").doesNotContain(" : ");
      assertThat(compact.indexOf('\n')).isEqualTo(compact.length() - 1);
      assertThat(Fixtures.json(compact)).isEqualTo(Fixtures.json(pretty));
      // without the points: the same document less its "points" array
      com.fasterxml.jackson.databind.node.ObjectNode less = (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.json(pretty);
      less.remove("points");
      JsonNode picksOnly = Fixtures.json(PlanReport.json(r, false, false));
      assertThat(picksOnly).isEqualTo(less);
      assertThat(names(picksOnly)).doesNotContain("points").endsWith("infeasible", "notes");
      assertThat(Fixtures.json(PlanReport.json(r, false, true))).isEqualTo(less);
    }
  }

  /** Every field of the document against the result it was rendered from. */
  private static void assertTopLevel(JsonNode j, Deployment.Result r) {
    Deployment.Request q = r.request();
    assertThat(names(j)).containsExactly("model", "estimator", "grid", "k_max", "parallel", "policies", "budget",
        "budget_basis", "feasible", "feasible_k", "picks", "reasons", "baselines", "infeasible", "points", "notes");
    assertThat(j.get("model").asText()).isEqualTo(q.model().id());
    assertThat(j.get("estimator").asText()).isEqualTo(r.estimator());
    assertThat(j.get("grid").asText()).isEqualTo(q.grid().id());
    assertThat(j.get("k_max").intValue()).isEqualTo(q.kMax());
    assertThat(ints(j.get("parallel"))).isEqualTo(q.parallels());
    assertThat(strings(j.get("policies"))).isEqualTo(q.policies().stream().map(p -> p.label()).toList());
    assertBudget(j.get("budget"), q.budget());
    assertThat(j.get("budget_basis").get("cost").asText()).isEqualTo(PlanReport.basisCost(r));
    assertThat(j.get("budget_basis").get("latency").asText()).isEqualTo(PlanReport.basisLatency(r));
    assertThat(j.get("budget_basis").get("accuracy").asText()).isEqualTo("mean");
    assertThat(j.get("feasible").booleanValue()).isEqualTo(Deployment.anyFeasible(r));
    for (Map.Entry<Integer, List<Integer>> e : r.feasibleKs().entrySet()) {
      assertThat(ints(j.get("feasible_k").get(Integer.toString(e.getKey())))).isEqualTo(e.getValue());
    }
    assertThat(names(j.get("feasible_k"))).hasSize(r.feasibleKs().size());
    assertThat(names(j.get("picks"))).containsExactlyElementsOf(q.selectors().ids());
    assertThat(names(j.get("reasons"))).containsExactlyElementsOf(q.selectors().ids());
    for (PickDetail d : r.picks()) {
      assertDetail(j.get("picks").get(d.selection().selector()), d, r, null);
      assertThat(j.get("reasons").get(d.selection().selector()).asText()).isEqualTo(d.selection().reason());
    }
    assertThat(names(j.get("baselines"))).containsExactly("1d", "2d");
    assertDetail(j.get("baselines").get("1d"), r.oneD(), r, q.budget());
    assertDetail(j.get("baselines").get("2d"), r.twoD(), r, q.budget());
    List<OperatingPoint> all = r.plan().space().all();
    assertThat(j.get("points")).hasSize(all.size());
    for (int i = 0; i < all.size(); i++) {
      OperatingPoint o = all.get(i);
      JsonNode p = j.get("points").get(i);
      assertThat(p.get("k").intValue()).isEqualTo(o.k());
      assertThat(p.get("parallel").intValue()).isEqualTo(o.parallel());
      assertThat(p.has("policy")).isEqualTo(q.adaptive());
      if (q.adaptive()) {
        assertThat(p.get("policy").asText()).isEqualTo(o.policy().label());
      }
      same(num(p.get("cost_usd")), o.costUsd());
      same(num(p.get("latency_s")), o.latencyS());
      same(num(p.get("accuracy")), o.accuracy());
      assertThat(p.get("feasible").booleanValue()).isEqualTo(r.plan().space().feasible().contains(o));
      assertThat(p.get("pareto").booleanValue()).isEqualTo(r.plan().pareto().contains(o));
      same(num(p.get("p_meets_budgets")), r.pMeets(o));
      assertExpectations(p, r.at(o));
    }
    assertThat(strings(j.get("notes"))).isEqualTo(r.notes());
  }

  static void assertBudget(JsonNode j, Budget b) {
    assertThat(names(j)).containsExactly("max_cost_usd", "max_latency_s", "min_accuracy");
    same(num(j.get("max_cost_usd")), b.maxCostUsd());
    same(num(j.get("max_latency_s")), b.maxLatencyS());
    same(num(j.get("min_accuracy")), b.minAccuracy());
  }

  private static void assertDetail(JsonNode j, PickDetail d, Deployment.Result r, Budget breaksOf) {
    if (d.point() == null) {
      assertThat(j.isNull()).as(d.selection().selector()).isTrue();
      return;
    }
    CurvePoint p = d.point();
    OperatingPoint o = d.selection().point().orElseThrow();
    assertThat(j.get("k").intValue()).isEqualTo(p.k());
    assertThat(j.get("parallel").intValue()).isEqualTo(d.parallel());
    assertThat(j.get("policy").asText()).isEqualTo(o.policy().label());
    assertSpread(j.get("samples"), p.draws().samples());
    assertSpread(j.get("rounds"), p.draws().rounds());
    assertStatistic(j.get("cost_usd"), p.cost());
    assertStatistic(j.get("latency_s"), p.latency());
    assertStatistic(j.get("accuracy"), p.accuracy());
    same(num(j.get("budget_cost_usd")), o.costUsd());
    same(num(j.get("budget_latency_s")), o.latencyS());
    assertThat(j.get("nearest_budget").get("field").asText()).isEqualTo(d.nearestBudget());
    same(num(j.get("nearest_budget").get("slack")), d.slack());
    same(num(j.get("usd_per_accuracy_point")), d.usdPerAccuracyPoint());
    same(num(j.get("seconds_per_accuracy_point")), d.secondsPerAccuracyPoint());
    same(num(j.get("cost_of_pass_usd")), d.costOfPass());
    assertThat(names(j.get("p_breach"))).containsExactly("max_cost_usd", "max_latency_s", "min_accuracy");
    same(num(j.get("p_breach").get("max_cost_usd")), d.pCostOver());
    same(num(j.get("p_breach").get("max_latency_s")), d.pLatencyOver());
    same(num(j.get("p_breach").get("min_accuracy")), d.pAccuracyUnder());
    same(num(j.get("p_meets_budgets")), r.pMeets(o));
    assertExpectations(j, p);
    assertThat(j.has("breaks")).isEqualTo(breaksOf != null);
    if (breaksOf != null) {
      assertThat(strings(j.get("breaks"))).isEqualTo(FeasibleSpace.breaks(breaksOf, o));
    }
  }

  // ---- CSV: one row per pick and baseline, full precision ------------------------------------------

  static final List<String> CSV_HEADER = List.of("pick", "parallel", "k", "cost_usd", "cost_p025", "cost_p975", "latency_s",
      "latency_p025", "latency_p975", "accuracy", "accuracy_p025", "accuracy_p975", "nearest_budget", "slack",
      "usd_per_accuracy_point", "seconds_per_accuracy_point", "cost_of_pass_usd", "p_cost_over", "p_latency_over",
      "p_accuracy_under", "note");

  @Test
  void csv_hasOneRowPerPickAndBaseline_whoseCellsReadBackAsTheirValues() {
    List<List<String>> rows = Fixtures.csv(PlanReport.render(NANO, Format.CSV));
    assertThat(rows.get(0)).isEqualTo(CSV_HEADER);
    List<PickDetail> details = PlanReport.rows(NANO);
    assertThat(rows).hasSize(1 + details.size()).hasSize(1 + Selectors.REGISTRY.all().size() + 2);
    for (int i = 0; i < details.size(); i++) {
      assertCsvRow(rows.get(i + 1), details.get(i));
    }
  }

  @Test
  void csv_leavesTheCellsOfAMissingPickEmpty_andGivesTheReasonInTheNote() {
    List<List<String>> rows = Fixtures.csv(PlanReport.render(QWEN, Format.CSV));
    assertThat(rows.get(0)).isEqualTo(CSV_HEADER);
    int selectors = Selectors.REGISTRY.all().size();
    assertThat(rows).hasSize(1 + selectors + 2);
    for (int i = 1; i <= selectors; i++) {
      List<String> row = rows.get(i);
      assertThat(row).hasSize(CSV_HEADER.size());
      assertThat(row.get(0)).isEqualTo(QWEN.picks().get(i - 1).selection().selector());
      assertThat(row.subList(1, row.size() - 1)).allMatch(String::isEmpty);
      assertThat(row.get(row.size() - 1)).isEqualTo(QWEN.picks().get(i - 1).selection().reason());
    }
    assertCsvRow(rows.get(selectors + 1), QWEN.oneD());
    assertCsvRow(rows.get(selectors + 2), QWEN.twoD());
  }

  @Test
  void csv_addsPolicySamplesAndExpectedAccuracyColumns_withPoliciesAndCalibration() {
    List<List<String>> rows = Fixtures.csv(PlanReport.render(CAL, Format.CSV));
    List<String> h = new ArrayList<>(CSV_HEADER);
    h.add(2, "policy");
    h.add(4, "samples");
    h.addAll(h.size() - 1, List.of("expected_accuracy_p05", "expected_accuracy_p95", "extrapolated", "p_meets_budgets"));
    assertThat(rows.get(0)).isEqualTo(h);
    List<PickDetail> details = PlanReport.rows(CAL);
    assertThat(rows).hasSize(1 + details.size());
    for (int i = 0; i < details.size(); i++) {
      PickDetail d = details.get(i);
      List<String> row = new ArrayList<>(rows.get(i + 1));
      OperatingPoint o = d.selection().point().orElseThrow();
      assertThat(row.get(2)).isEqualTo(o.policy().label());
      same(Fixtures.num(row.get(4)), d.point().draws().samples().mean());
      int e = row.size() - 5;
      same(Fixtures.num(row.get(e)), d.point().expected().accuracy().p05());
      same(Fixtures.num(row.get(e + 1)), d.point().expected().accuracy().p95());
      assertThat(row.get(e + 2)).isEqualTo(Boolean.toString(d.point().expected().extrapolated()));
      same(Fixtures.num(row.get(e + 3)), CAL.pMeets(o));
      row.remove(4);
      row.remove(2);
      assertCsvRow(row.subList(0, row.size() - 5), d);
    }
  }

  /** The cells of the fixed columns (pick .. p_accuracy_under), and the note when the row has it. */
  private static void assertCsvRow(List<String> row, PickDetail d) {
    CurvePoint p = d.point();
    assertThat(row.get(0)).isEqualTo(d.selection().selector());
    assertThat(row.get(1)).isEqualTo(Integer.toString(d.parallel()));
    assertThat(row.get(2)).isEqualTo(Integer.toString(p.k()));
    double[] values = {p.cost().mean(), p.cost().p025(), p.cost().p975(), p.latency().mean(), p.latency().p025(),
        p.latency().p975(), p.accuracy().mean(), p.accuracy().p025(), p.accuracy().p975()};
    for (int c = 0; c < values.length; c++) {
      same(Fixtures.num(row.get(3 + c)), values[c], CSV_HEADER.get(3 + c));
    }
    assertThat(row.get(12)).isEqualTo(d.nearestBudget());
    double[] rest = {d.slack(), d.usdPerAccuracyPoint(), d.secondsPerAccuracyPoint(), d.costOfPass(), d.pCostOver(),
        d.pLatencyOver(), d.pAccuracyUnder()};
    for (int c = 0; c < rest.length; c++) {
      same(Fixtures.num(row.get(13 + c)), rest[c], CSV_HEADER.get(13 + c));
    }
    if (row.size() == CSV_HEADER.size()) {
      assertThat(row.get(20)).isEmpty();
    }
  }
}
