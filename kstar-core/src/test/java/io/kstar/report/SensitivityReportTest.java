package io.kstar.report;

import static io.kstar.report.Golden.names;
import static io.kstar.report.Golden.num;
import static io.kstar.report.Golden.same;
import static io.kstar.report.Golden.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.plan.Sensitivity;
import io.kstar.policy.Policy;
import io.kstar.select.Selection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar sensitivity}: the layouts as {@code ./kstar sensitivity} prints them (the README's example among
 * them), the JSON read back against the analysis, and the CSV of the class comment (change as a fraction,
 * {@code SELECTOR_k}, {@code SELECTOR_parallel}, {@code SELECTOR_status} same/changed/none).
 */
class SensitivityReportTest {

  static final Sensitivity.Result GPT5 = Fixtures.Sensitivities.GPT5_BALANCED;
  static final Sensitivity.Result QWEN = Fixtures.Sensitivities.QWEN_INFEASIBLE;

  @Test
  void table_pinsTheReadmeLayout_gpt5Balanced() {
    String t = SensitivityReport.render(GPT5, Format.TABLE);
    Golden.check("sensitivity-gpt5-balanced.txt", t);
    assertThat(t).startsWith("Sensitivity of the picks for gpt5: base accuracy-max k=20, cube k=4, utopia k=4, knee k=8,"
            + " min-cost k=4\n")
        .contains("  max_cost_usd     -25%     0.375000           16*     4       4     8         4\n")
        .endsWith("Fragile picks (move under a ±10% change of one figure):\n  accuracy-max: mu_Lout, acc_mean\n"
            + "  cube: min_accuracy, acc_mean\n  utopia: min_accuracy, acc_mean\n  knee: min_accuracy, acc_mean\n"
            + "  min-cost: min_accuracy, acc_mean\n");
    Golden.check("sensitivity-gpt5-balanced.md", SensitivityReport.render(GPT5, Format.MARKDOWN));
  }

  @Test
  void layouts_pinTheDocumentedLayout_whenThereIsNoPickToMove() {
    Golden.check("sensitivity-qwen-infeasible.txt", SensitivityReport.render(QWEN, Format.TABLE));
    assertThat(SensitivityReport.render(QWEN, Format.TABLE)).endsWith("  none: every pick holds under ±10% of every figure\n");
    Golden.check("sensitivity-qwen-infeasible.md", SensitivityReport.render(QWEN, Format.MARKDOWN));
  }

  @Test
  void aPickUnderAStoppingPolicyIsLabelledWithIt() {
    Sensitivity.Pick p = new Sensitivity.Pick("knee", 12, 4, Policy.UNTIL_PASS);
    Sensitivity.Row row = new Sensitivity.Row("acc_mean", 0.1, 0.5,
        java.util.Collections.nCopies(GPT5.base().request().selectors().all().size(), p));
    Map<String, List<String>> fragile = new LinkedHashMap<>();
    Sensitivity.Result r = new Sensitivity.Result(GPT5.base(), List.of(row), fragile);
    assertThat(SensitivityReport.table(r).aligned("")).contains("acc_mean    +10%  0.500000  12 until-pass*");
  }

  @Test
  void json_readsBackAsTheAnalysis() {
    for (Sensitivity.Result r : List.of(GPT5, QWEN)) {
      JsonNode j = Fixtures.json(SensitivityReport.render(r, Format.JSON));
      assertThat(names(j)).containsExactly("model", "base", "rows", "fragile");
      assertThat(j.get("model").asText()).isEqualTo(r.base().request().model().id());
      assertThat(names(j.get("base"))).containsExactlyElementsOf(r.base().request().selectors().ids());
      for (Selection s : r.base().plan().selections()) {
        JsonNode k = j.get("base").get(s.selector());
        if (s.point().isPresent()) {
          assertThat(k.intValue()).isEqualTo(s.point().get().k());
        } else {
          assertThat(k.isNull()).isTrue();
        }
      }
      assertThat(j.get("rows")).hasSize(r.rows().size());
      for (int i = 0; i < r.rows().size(); i++) {
        Sensitivity.Row row = r.rows().get(i);
        JsonNode q = j.get("rows").get(i);
        assertThat(names(q)).containsExactly("figure", "change", "value", "k");
        assertThat(q.get("figure").asText()).isEqualTo(row.factor());
        same(num(q.get("change")), row.delta());
        same(num(q.get("value")), row.value());
        assertThat(names(q.get("k"))).containsExactlyElementsOf(r.base().request().selectors().ids());
        for (Sensitivity.Pick p : row.picks()) {
          JsonNode k = q.get("k").get(p.selector());
          if (p.k() == null) {
            assertThat(k.isNull()).isTrue();
          } else {
            assertThat(k.intValue()).isEqualTo(p.k());
          }
        }
      }
      assertThat(names(j.get("fragile"))).isEqualTo(new ArrayList<>(r.fragile().keySet()));
      r.fragile().forEach((sel, figures) -> assertThat(strings(j.get("fragile").get(sel))).isEqualTo(figures));
    }
  }

  @Test
  void csv_holdsNumbersInNumericColumns_andEachPicksStatus() {
    for (Sensitivity.Result r : List.of(GPT5, QWEN)) {
      List<List<String>> rows = Fixtures.csv(SensitivityReport.render(r, Format.CSV));
      List<String> header = new java.util.ArrayList<>(List.of("figure", "change", "value"));
      for (String id : r.base().request().selectors().ids()) {
        String c = id.replace('-', '_');
        header.addAll(List.of(c + "_k", c + "_parallel", c + "_status"));
      }
      assertThat(rows.get(0)).containsExactlyElementsOf(header).contains("min_cost_k", "knee_status");
      assertThat(rows).hasSize(1 + r.rows().size());
      for (int i = 0; i < r.rows().size(); i++) {
        Sensitivity.Row row = r.rows().get(i);
        List<String> cells = rows.get(i + 1);
        assertThat(cells.get(0)).isEqualTo(row.factor());
        same(Fixtures.num(cells.get(1)), row.delta());
        same(Fixtures.num(cells.get(2)), row.value());
        for (int s = 0; s < row.picks().size(); s++) {
          Sensitivity.Pick p = row.picks().get(s);
          assertThat(cells.get(3 + 3 * s)).isEqualTo(p.k() == null ? "" : Integer.toString(p.k()));
          assertThat(cells.get(4 + 3 * s)).isEqualTo(p.parallel() == null ? "" : Integer.toString(p.parallel()));
          assertThat(cells.get(5 + 3 * s)).isEqualTo(p.k() == null ? "none"
              : p.movedFrom(r.basePicks().get(s)) ? "changed" : "same");
        }
      }
    }
    // README: a 25 % cut of the cost budget moves accuracy-max from 20 to 16
    List<String> first = Fixtures.csv(SensitivityReport.render(GPT5, Format.CSV)).get(1);
    assertThat(first.subList(0, 9)).containsExactly("max_cost_usd", "-0.25", "0.375", "16", "4", "changed", "4", "4", "same");
  }
}
