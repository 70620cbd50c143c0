package io.kstar.report;

import static io.kstar.report.Golden.assertExpectations;
import static io.kstar.report.Golden.assertSpread;
import static io.kstar.report.Golden.names;
import static io.kstar.report.Golden.num;
import static io.kstar.report.Golden.same;
import static io.kstar.report.Golden.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.plan.Comparison;
import io.kstar.select.Selection;
import io.kstar.space.OperatingPoint;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar compare}: the layouts as {@code ./kstar compare} prints them (the README's example among them), the
 * JSON read back against the comparison, and the one rectangular CSV whose {@code row_type} tells the front, the
 * picks and the matches apart (README "Commands": unique snake_case headers, numbers only in numeric columns).
 */
class CompareReportTest {

  static final Comparison.Result LC = Fixtures.Compares.LATENCY_CRITICAL;
  static final Comparison.Result MIX = Fixtures.Compares.MIX_POLICIES;
  static final Comparison.Result NONE = Fixtures.Compares.INFEASIBLE;

  @Test
  void table_pinsTheReadmeLayout_latencyCritical() {
    Golden.check("compare-latency-critical.txt", CompareReport.render(LC, Format.TABLE));
  }

  @Test
  void markdown_pinsTheDocumentedLayout_latencyCritical() {
    Golden.check("compare-latency-critical.md", CompareReport.render(LC, Format.MARKDOWN));
  }

  @Test
  void layouts_pinTheDocumentedPolicyColumns_withAPolicyList() {
    Golden.check("compare-mix-policies.txt", CompareReport.render(MIX, Format.TABLE));
    Golden.check("compare-mix-policies.md", CompareReport.render(MIX, Format.MARKDOWN));
  }

  @Test
  void layouts_pinTheDocumentedLayout_whenNothingIsFeasible() {
    String t = CompareReport.render(NONE, Format.TABLE);
    Golden.check("compare-infeasible.txt", t);
    assertThat(t).endsWith(NONE.space().infeasibility().orElseThrow().reason() + "\n");
    Golden.check("compare-infeasible.md", CompareReport.render(NONE, Format.MARKDOWN));
  }

  @Test
  void header_countsTheModelsAndStatesTheBudgets() {
    assertThat(CompareReport.header(LC)).isEqualTo("Compare 9 models: estimator exact, batch grid, k <= 128; budgets per"
        + " request: cost <= $0.1, latency <= 15 s, accuracy >= 0.9\n");
  }

  @Test
  void withPolicy_insertsThePolicyCellOnlyWhenPoliciesAreSearched() {
    assertThat(CompareReport.withPolicy(false, List.of("a", "b"), 1, "x")).containsExactly("a", "b");
    assertThat(CompareReport.withPolicy(true, List.of("a", "b"), 1, "x")).containsExactly("a", "x", "b");
    assertThat(CompareReport.withPolicy(true, List.of("a", "b"), 2)).containsExactly("a", "b", "policy");
  }

  // ---- JSON ---------------------------------------------------------------------------------------

  @Test
  void json_readsBackAsTheComparison() {
    for (Comparison.Result r : List.of(LC, MIX, NONE)) {
      JsonNode j = Fixtures.json(CompareReport.render(r, Format.JSON));
      assertThat(names(j)).containsExactly("estimator", "grid", "k_max", "policies", "budget", "evaluated_count",
          "feasible_count", "pareto", "selections", "reasons", "matches", "infeasible", "notes");
      assertThat(j.get("estimator").asText()).isEqualTo(r.estimator());
      assertThat(j.get("grid").asText()).isEqualTo(r.request().grid().id());
      assertThat(j.get("k_max").intValue()).isEqualTo(r.request().kMax());
      assertThat(strings(j.get("policies"))).isEqualTo(r.request().policies().stream().map(p -> p.label()).toList());
      PlanReportTest.assertBudget(j.get("budget"), r.request().budget());
      assertThat(j.get("evaluated_count").intValue()).isEqualTo(r.points().size());
      assertThat(j.get("feasible_count").intValue()).isEqualTo(r.space().feasible().size());
      assertThat(j.get("pareto")).hasSize(r.front().size());
      for (int i = 0; i < r.front().size(); i++) {
        assertPoint(j.get("pareto").get(i), r.front().get(i), r);
      }
      assertThat(names(j.get("selections"))).containsExactlyElementsOf(r.request().selectors().ids());
      for (Selection s : r.selections()) {
        JsonNode p = j.get("selections").get(s.selector());
        if (s.point().isPresent()) {
          assertPoint(p, s.point().get(), r);
        } else {
          assertThat(p.isNull()).isTrue();
        }
        assertThat(j.get("reasons").get(s.selector()).asText()).isEqualTo(s.reason());
      }
      assertThat(j.get("matches")).hasSize(r.matches().size());
      for (int i = 0; i < r.matches().size(); i++) {
        Comparison.Match m = r.matches().get(i);
        JsonNode q = j.get("matches").get(i);
        assertThat(names(q)).containsExactly("model", "at_k1", "cheapest", "cost_ratio");
        assertThat(q.get("model").asText()).isEqualTo(m.model());
        assertPoint(q.get("at_k1"), m.atOne(), null);
        if (m.cheapest().isPresent()) {
          assertPoint(q.get("cheapest"), m.cheapest().get(), null);
        } else {
          assertThat(q.get("cheapest").isNull()).isTrue();
        }
        same(num(q.get("cost_ratio")), m.costRatio());
      }
      assertThat(j.get("infeasible").isNull()).isEqualTo(r.space().infeasibility().isEmpty());
      assertThat(strings(j.get("notes"))).isEqualTo(r.notes());
    }
  }

  @Test
  void json_theServicesCompactAnswer_isTheSameDocumentWithoutWhitespace() {
    for (Comparison.Result r : List.of(LC, MIX, NONE)) {
      String pretty = CompareReport.render(r, Format.JSON);
      assertThat(CompareReport.json(r, true)).isEqualTo(pretty);
      String compact = CompareReport.json(r, false);
      assertThat(compact.indexOf('\n')).isEqualTo(compact.length() - 1);
      assertThat(compact).startsWith("{\"estimator\":\"exact\",\"grid\":");
      assertThat(Fixtures.json(compact)).isEqualTo(Fixtures.json(pretty));
    }
  }

  @Test
  void json_saysWhyNothingIsFeasible_andThatNoModelIsMatched() {
    JsonNode j = Fixtures.json(CompareReport.render(NONE, Format.JSON));
    assertThat(j.get("feasible_count").intValue()).isZero();
    assertThat(j.get("pareto")).isEmpty();
    assertThat(j.get("infeasible").get("reason").asText()).isEqualTo(NONE.space().infeasibility().orElseThrow().reason());
    assertThat(strings(j.get("infeasible").get("binding"))).isEqualTo(NONE.space().infeasibility().orElseThrow().binding());
    j.get("matches").forEach(m -> {
      assertThat(m.get("cheapest").isNull()).isTrue();
      assertThat(m.get("cost_ratio").isNull()).isTrue();
    });
  }

  /** A point; with the comparison, also its draws, p_meets_budgets and expected values. */
  private static void assertPoint(JsonNode j, OperatingPoint o, Comparison.Result r) {
    boolean stats = r != null && r.at(o) != null;
    List<String> fields = new java.util.ArrayList<>(List.of("model", "parallel", "policy", "k", "cost_usd", "latency_s",
        "accuracy"));
    if (stats) {
      fields.addAll(List.of("samples", "rounds", "p_meets_budgets", "expected_cost_usd", "expected_latency_s",
          "expected_accuracy", "extrapolated"));
    }
    assertThat(names(j)).isEqualTo(fields);
    assertThat(j.get("model").asText()).isEqualTo(o.model());
    assertThat(j.get("parallel").intValue()).isEqualTo(o.parallel());
    assertThat(j.get("policy").asText()).isEqualTo(o.policy().label());
    assertThat(j.get("k").intValue()).isEqualTo(o.k());
    same(num(j.get("cost_usd")), o.costUsd());
    same(num(j.get("latency_s")), o.latencyS());
    same(num(j.get("accuracy")), o.accuracy());
    if (stats) {
      assertSpread(j.get("samples"), r.at(o).draws().samples());
      assertSpread(j.get("rounds"), r.at(o).draws().rounds());
      same(num(j.get("p_meets_budgets")), r.pMeets(o));
      assertExpectations(j, r.at(o));
    }
  }

  // ---- CSV ----------------------------------------------------------------------------------------

  static final List<String> CSV_HEADER = List.of("row_type", "pick", "model", "parallel", "policy", "k", "cost_usd",
      "latency_s", "accuracy", "p_meets_budgets", "expected_accuracy_mean", "expected_accuracy_p05",
      "expected_accuracy_p95", "extrapolated", "at_k1_model", "at_k1_parallel", "at_k1_cost_usd", "at_k1_latency_s",
      "at_k1_accuracy", "cost_ratio", "note");

  @Test
  void csv_isOneTable_frontThenPicksThenMatches_toldApartByRowType() {
    for (Comparison.Result r : List.of(LC, MIX, NONE)) {
      List<List<String>> rows = Fixtures.csv(CompareReport.render(r, Format.CSV));
      assertThat(rows.get(0)).isEqualTo(CSV_HEADER);
      assertThat(rows).hasSize(1 + r.front().size() + r.selections().size() + r.matches().size());
      assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(CSV_HEADER.size()));
      int i = 1;
      List<OperatingPoint> front = r.front().stream()
          .sorted(Comparator.comparingDouble(OperatingPoint::costUsd).thenComparingInt(OperatingPoint::k)).toList();
      for (OperatingPoint o : front) {
        List<String> row = rows.get(i++);
        assertThat(row.subList(0, 2)).containsExactly("pareto", "");
        assertCsvPoint(row, Optional.of(o), r);
        assertThat(row.subList(14, 21)).allMatch(String::isEmpty);
      }
      for (Selection s : r.selections()) {
        List<String> row = rows.get(i++);
        assertThat(row.subList(0, 2)).containsExactly("pick", s.selector());
        assertCsvPoint(row, s.point(), r);
        assertThat(row.subList(14, 20)).allMatch(String::isEmpty);
        assertThat(row.get(20)).isEqualTo(s.point().isPresent() ? "" : s.reason());
      }
      for (Comparison.Match m : r.matches()) {
        List<String> row = rows.get(i++);
        assertThat(row.subList(0, 2)).containsExactly("match", "");
        assertCsvPoint(row, m.cheapest(), r);
        assertThat(row.get(14)).isEqualTo(m.atOne().model());
        assertThat(row.get(15)).isEqualTo(Integer.toString(m.atOne().parallel()));
        same(Fixtures.num(row.get(16)), m.atOne().costUsd());
        same(Fixtures.num(row.get(17)), m.atOne().latencyS());
        same(Fixtures.num(row.get(18)), m.atOne().accuracy());
        same(Fixtures.num(row.get(19)), m.costRatio());
        assertThat(row.get(20)).isEqualTo(m.cheapest().isPresent() ? "" : "none within the latency budget");
      }
    }
  }

  private static void assertCsvPoint(List<String> row, Optional<OperatingPoint> p, Comparison.Result r) {
    if (p.isEmpty()) {
      assertThat(row.subList(2, 14)).allMatch(String::isEmpty);
      return;
    }
    OperatingPoint o = p.get();
    assertThat(row.get(2)).isEqualTo(o.model());
    assertThat(row.get(3)).isEqualTo(Integer.toString(o.parallel()));
    assertThat(row.get(4)).isEqualTo(o.policy().label());
    assertThat(row.get(5)).isEqualTo(Integer.toString(o.k()));
    same(Fixtures.num(row.get(6)), o.costUsd());
    same(Fixtures.num(row.get(7)), o.latencyS());
    same(Fixtures.num(row.get(8)), o.accuracy());
    if (r.at(o) == null) { // a model's k = 1 off its grid: no statistics, as in the JSON
      assertThat(row.subList(9, 14)).allMatch(String::isEmpty);
      return;
    }
    same(Fixtures.num(row.get(9)), r.pMeets(o));
    same(Fixtures.num(row.get(10)), r.at(o).expected().accuracy().mean());
    same(Fixtures.num(row.get(11)), r.at(o).expected().accuracy().p05());
    same(Fixtures.num(row.get(12)), r.at(o).expected().accuracy().p95());
    assertThat(row.get(13)).isEqualTo(Boolean.toString(r.at(o).expected().extrapolated()));
  }
}
