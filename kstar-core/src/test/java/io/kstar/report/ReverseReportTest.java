package io.kstar.report;

import static io.kstar.report.Golden.assertExpectations;
import static io.kstar.report.Golden.assertSpread;
import static io.kstar.report.Golden.names;
import static io.kstar.report.Golden.num;
import static io.kstar.report.Golden.same;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.plan.Reverse;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar budget}: the layouts as {@code ./kstar budget} prints them (the README's example among them), the
 * JSON read back against the answers, and the CSV (unique snake_case headers, numbers or nothing, {@code reached}).
 */
class ReverseReportTest {

  static final List<Reverse.Answer> CATALOG = Fixtures.Budgets.CATALOG_099;
  static final List<Reverse.Answer> POLICIES = Fixtures.Budgets.CAL_POLICIES;
  static final List<Reverse.Answer> UNREACHED = Fixtures.Budgets.UNREACHED;

  @Test
  void table_pinsTheReadmeLayout_everyModelAt099() {
    Golden.check("budget-catalog.txt", ReverseReport.render(CATALOG, "mean", "mean", Format.TABLE));
    Golden.check("budget-catalog.md", ReverseReport.render(CATALOG, "mean", "mean", Format.MARKDOWN));
  }

  @Test
  void layouts_pinTheDocumentedPolicyColumn_andTheUnreachedTarget() {
    Golden.check("budget-cal-policies.txt", ReverseReport.render(POLICIES, "mean", "mean", Format.TABLE));
    Golden.check("budget-cal-policies.md", ReverseReport.render(POLICIES, "mean", "mean", Format.MARKDOWN));
    Golden.check("budget-unreached.txt", ReverseReport.render(UNREACHED, "mean", "mean", Format.TABLE));
    Golden.check("budget-unreached.md", ReverseReport.render(UNREACHED, "mean", "mean", Format.MARKDOWN));
  }

  @Test
  void header_namesTheTargetAndTheBasisOfEachBudget() {
    assertThat(ReverseReport.render(CATALOG, "p95, normal approximation", "mean", Format.TABLE)).startsWith(
        "Smallest budgets at which some k reaches expected accuracy >= 0.99 (cost as p95, normal approximation, latency as"
            + " mean; each budget on its own)\n\n");
    assertThat(ReverseReport.render(List.of(), "mean", "mean", Format.TABLE))
        .startsWith("Smallest budgets at which some k reaches expected accuracy >= NaN (");
  }

  @Test
  void json_readsBackAsTheAnswers() {
    for (List<Reverse.Answer> answers : List.of(CATALOG, POLICIES, UNREACHED)) {
      JsonNode j = Fixtures.json(ReverseReport.render(answers, "mean", "p95, simulated", Format.JSON));
      assertThat(names(j)).containsExactly("min_accuracy", "budget_basis", "models");
      same(num(j.get("min_accuracy")), answers.get(0).minAccuracy());
      assertThat(j.get("budget_basis").get("cost").asText()).isEqualTo("mean");
      assertThat(j.get("budget_basis").get("latency").asText()).isEqualTo("p95, simulated");
      assertThat(j.get("models")).hasSize(answers.size());
      for (int i = 0; i < answers.size(); i++) {
        Reverse.Answer a = answers.get(i);
        JsonNode q = j.get("models").get(i);
        assertThat(names(q)).containsExactly("model", "parallel", "policy", "reached", "min_max_cost_usd",
            "min_max_latency_s", "reason");
        assertThat(q.get("model").asText()).isEqualTo(a.model());
        assertThat(q.get("parallel").intValue()).isEqualTo(a.parallel());
        assertThat(q.get("policy").asText()).isEqualTo(a.policy().label());
        assertThat(q.get("reached").booleanValue()).isEqualTo(a.cheapest().isPresent());
        assertPick(q.get("min_max_cost_usd"), a, a.cheapest(), true);
        assertPick(q.get("min_max_latency_s"), a, a.fastest(), false);
        assertThat(q.get("reason").asText()).isEqualTo(a.reason());
      }
    }
  }

  private static void assertPick(JsonNode j, Reverse.Answer a, Optional<OperatingPoint> p, boolean cost) {
    if (p.isEmpty()) {
      assertThat(j.isNull()).isTrue();
      return;
    }
    OperatingPoint o = p.get();
    assertThat(names(j)).containsExactly("value", "k", "accuracy", "p_reaches_target", "samples", "rounds",
        "expected_cost_usd", "expected_latency_s", "expected_accuracy", "extrapolated");
    same(num(j.get("value")), cost ? o.costUsd() : o.latencyS());
    assertThat(j.get("k").intValue()).isEqualTo(o.k());
    same(num(j.get("accuracy")), o.accuracy());
    same(num(j.get("p_reaches_target")), a.pReaches(o));
    assertSpread(j.get("samples"), a.statistics().get(o).draws().samples());
    assertSpread(j.get("rounds"), a.statistics().get(o).draws().rounds());
    assertExpectations(j, a.statistics().get(o));
  }

  @Test
  void csv_hasOneRowPerAnswer_numbersOrNothing_andWhetherTheTargetWasReached() {
    for (List<Reverse.Answer> answers : List.of(CATALOG, POLICIES, UNREACHED)) {
      boolean adaptive = answers == POLICIES;
      List<List<String>> rows = Fixtures.csv(ReverseReport.render(answers, "mean", "mean", Format.CSV));
      List<String> h = new ArrayList<>(List.of("model", "parallel", "min_max_cost_usd", "cost_at_k", "min_max_latency_s",
          "latency_at_k", "reached", "note"));
      if (adaptive) {
        h.add(2, "policy");
      }
      assertThat(rows.get(0)).isEqualTo(h);
      assertThat(rows).hasSize(1 + answers.size());
      for (int i = 0; i < answers.size(); i++) {
        Reverse.Answer a = answers.get(i);
        List<String> row = new ArrayList<>(rows.get(i + 1));
        if (adaptive) {
          assertThat(row.remove(2)).isEqualTo(a.policy().label());
        }
        assertThat(row.get(0)).isEqualTo(a.model());
        assertThat(row.get(1)).isEqualTo(Integer.toString(a.parallel()));
        same(Fixtures.num(row.get(2)), a.cheapest().map(OperatingPoint::costUsd).orElse(Double.NaN));
        assertThat(row.get(3)).isEqualTo(a.cheapest().map(o -> Integer.toString(o.k())).orElse(""));
        same(Fixtures.num(row.get(4)), a.fastest().map(OperatingPoint::latencyS).orElse(Double.NaN));
        assertThat(row.get(5)).isEqualTo(a.fastest().map(o -> Integer.toString(o.k())).orElse(""));
        assertThat(row.get(6)).isEqualTo(Boolean.toString(a.cheapest().isPresent()));
        assertThat(row.get(7)).isEqualTo(a.cheapest().isPresent() ? "" : a.reason());
      }
    }
  }

  @org.junit.jupiter.api.Test
  void noAnswers_giveValidJson_withNullForTheMissingAccuracy() throws Exception {
    String json = ReverseReport.render(java.util.List.of(), "mean", "mean", Format.JSON);
    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    assertThat(doc.get("min_accuracy").isNull()).isTrue();
    assertThat(json).doesNotContain("NaN");
  }
}
