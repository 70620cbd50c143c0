package io.kstar.report;

import static io.kstar.report.Golden.assertExpectations;
import static io.kstar.report.Golden.names;
import static io.kstar.report.Golden.num;
import static io.kstar.report.Golden.same;
import static io.kstar.report.Golden.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.select.Baselines;
import io.kstar.select.Selection;
import io.kstar.space.Infeasibility;
import io.kstar.space.OperatingPoint;
import io.kstar.study.AdaptiveSavings;
import io.kstar.study.Headline;
import io.kstar.study.ModelResult;
import io.kstar.study.ScenarioResult;
import io.kstar.study.StudyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar reproduce}: SPEC §7's JSON (and the fields the README adds) read back against the study; the CSV,
 * one row per (scenario, model, pick); the text and Markdown layouts as {@code ./kstar reproduce} prints them,
 * with the README's headline lines.
 */
class StudyReportTest {

  static final StudyResult PAPER = Fixtures.Studies.REPRODUCE;
  static final StudyResult MC = Fixtures.Studies.MC_PLAIN;

  @Test
  void table_pinsTheReadmeLayout_reproduceOnTheEmbeddedDefaults() {
    String t = StudyReport.render(PAPER, Format.TABLE);
    Golden.check("reproduce.txt", t);
    // README "What the output means": the headline as the README quotes it
    assertThat(t).contains("Headline, measured on this run\n"
        + "  knee vs accuracy-max, median over 21 (scenario, model) pairs: 84.6% of cost saved, 84.6% of latency saved,"
        + " 1.23 accuracy points given up\n"
        + "  balanced: gpt5 at accuracy-max (k = 20) reaches 0.977198 for $0.435200; cheapest (model, k) reaching it:"
        + " gpt5-nano k = 16, $0.013926, 8.602 s, accuracy 0.978055; cost ratio 0.032 (small model + right k matches it)\n");
    assertThat(t).contains("  adaptive stopping at the 22 accuracy-max picks with k > P (same k as a cap, same P; exact):"
        + " median 65.4% of samples, 65.4% of cost and 65.4% of latency saved, at most 0.50 accuracy points given up\n");
  }

  @Test
  void markdown_pinsTheDocumentedLayout_reproduceOnTheEmbeddedDefaults() {
    Golden.check("reproduce.md", StudyReport.render(PAPER, Format.MARKDOWN));
  }

  @Test
  void layouts_pinTheDocumentedLayout_monteCarloAndAScenarioWithoutDescription() {
    Golden.check("reproduce-mc-plain.txt", StudyReport.render(MC, Format.TABLE));
    Golden.check("reproduce-mc-plain.md", StudyReport.render(MC, Format.MARKDOWN));
    assertThat(StudyReport.runLine(MC))
        .isEqualTo("kstar reproduce: estimator monte-carlo (300 trials, seed 3), batch grid; values are expected per request");
  }

  @Test
  void title_statesTheScenariosBudgetsAndKMax() {
    assertThat(StudyReport.title(PAPER.scenarios().get(0)))
        .isEqualTo("Scenario balanced: max cost $0.5, max latency 60 s, min accuracy 0.88, k <= 128");
    assertThat(StudyReport.title(PAPER.scenarios().get(2)))
        .isEqualTo("Scenario accuracy-critical: max cost $1, max latency 300 s, min accuracy 0.97, k <= 256");
  }

  /** The same study with notes, no knee pair and a match the reference model wins itself. */
  private static StudyResult variant() {
    Headline h = PAPER.headline();
    Headline.Match m = h.matches().get(0);
    OperatingPoint ref = m.reference().orElseThrow();
    Headline.Match self = new Headline.Match(m.scenario(), m.referenceModel(), m.reference(), Optional.of(ref), 1.0, "v");
    return new StudyResult(PAPER.estimator(), PAPER.grid(), null, null, null, PAPER.scenarios().subList(0, 1),
        new Headline(new Headline.KneeVsAccuracyMax(0, Double.NaN, Double.NaN, Double.NaN), List.of(self), List.of()),
        List.of("first note", "second note"));
  }

  @Test
  void headline_saysWhenNoPairHasBothPicks_andWhenTheClaimDoesNotHold() {
    StudyResult v = variant();
    String text = StudyReport.headlineText(v, false);
    assertThat(text).isEqualTo("Headline, measured on this run\n"
        + "  knee vs accuracy-max: no (scenario, model) has both picks\n"
        + "  balanced: gpt5 at accuracy-max (k = 20) reaches 0.977198 for $0.435200; cheapest (model, k) reaching it:"
        + " gpt5 k = 20, $0.435200, 53.760 s, accuracy 0.977198; cost ratio 1.000 (claim does not hold here)\n");
    assertThat(StudyReport.headlineText(v, true)).startsWith("## Headline, measured on this run\n\n"
        + "- knee vs accuracy-max: no (scenario, model) has both picks\n- balanced: gpt5 at accuracy-max (k = 20)");
  }

  @Test
  void notes_followTheHeadline_asAList() {
    StudyResult v = variant();
    assertThat(StudyReport.render(v, Format.TABLE)).endsWith("(claim does not hold here)\n\nNotes:\n- first note\n- second note\n");
    assertThat(StudyReport.render(v, Format.MARKDOWN)).endsWith("\n\nNotes:\n- first note\n- second note\n");
    JsonNode j = Fixtures.json(StudyReport.render(v, Format.JSON));
    assertThat(strings(j.get("notes"))).containsExactly("first note", "second note");
    assertThat(names(j)).containsExactly("estimator", "grid", "scenarios", "headline", "notes");
    JsonNode k = j.get("headline").get("knee_vs_accuracy_max");
    assertThat(k.get("pairs").intValue()).isZero();
    assertThat(k.get("median_cost_saved").isNull()).isTrue();
    assertThat(k.get("median_latency_saved").isNull()).isTrue();
    assertThat(k.get("median_accuracy_points_given_up").isNull()).isTrue();
    assertThat(j.get("headline").get("adaptive_stopping")).isEmpty();
  }

  /** {@code reproduce --models (gpt5-nano) --scenarios plain-scenarios.yaml --policy fixed,until-score --score-threshold 0.95}. */
  static final class WithPolicies {
    static final StudyResult R = io.kstar.study.Study.run(
        new io.kstar.profile.Catalog(List.of(Fixtures.model("gpt5-nano"))),
        io.kstar.catalog.ScenarioReader.read(Fixtures.resource("plain-scenarios.yaml")),
        new io.kstar.study.StudyOptions(new io.kstar.estimate.ExactEstimator(), io.kstar.grid.Grid.Kind.BATCH,
            java.util.OptionalInt.empty(), java.util.OptionalInt.empty(), 1e-6, 1, Optional.empty(),
            io.kstar.plan.Confidence.OFF, List.of(io.kstar.policy.Policy.FIXED, io.kstar.policy.Policy.untilScore(0.95))));
  }

  @Test
  void picksNameTheirPolicy_whenTheStudySearchesSeveral() {
    StudyResult r = WithPolicies.R;
    ModelResult m = r.scenarios().get(0).models().get(0);
    assertThat(m.curves()).hasSize(2);
    JsonNode j = Fixtures.json(StudyReport.render(r, Format.JSON));
    JsonNode q = j.get("scenarios").get(0).get("models").get(0);
    for (Selection sel : m.plan().selections()) {
      OperatingPoint o = sel.point().orElseThrow();
      JsonNode p = q.get("selections").get(sel.selector());
      assertThat(names(p)).startsWith("k", "policy", "cost_usd");
      assertThat(p.get("policy").asText()).isEqualTo(o.policy().label());
      same(num(p.get("p_meets_budgets")), m.pMeets(o));
      assertExpectations(p, m.at(o));
    }
    // the table's k cell carries the policy too
    OperatingPoint am = m.plan().selection("accuracy-max").point().orElseThrow();
    assertThat(StudyReport.scenarioTable(r.scenarios().get(0)).csv(false).lines().findFirst().orElseThrow())
        .contains("," + am.k() + " " + am.policy().label() + ",");
  }

  // ---- JSON ---------------------------------------------------------------------------------------

  @Test
  void json_followsSpec7_andReadsBackAsTheStudy() {
    for (StudyResult r : List.of(PAPER, MC)) {
      JsonNode j = Fixtures.json(StudyReport.render(r, Format.JSON));
      assertThat(j.get("estimator").asText()).isEqualTo(r.estimator());
      assertThat(j.get("grid").asText()).isEqualTo(r.grid().id());
      assertThat(j.get("quantile_method").asText()).isEqualTo(r.quantileMethod().description());
      assertThat(j.has("trials")).isEqualTo(r.trials() != null);
      if (r.trials() != null) {
        assertThat(j.get("trials").intValue()).isEqualTo(r.trials());
        assertThat(j.get("seed").longValue()).isEqualTo(r.seed());
      }
      assertThat(j.get("scenarios")).hasSize(r.scenarios().size());
      for (int s = 0; s < r.scenarios().size(); s++) {
        assertScenario(j.get("scenarios").get(s), r.scenarios().get(s));
      }
      assertHeadline(j.get("headline"), r.headline());
      assertThat(strings(j.get("notes"))).isEqualTo(r.notes());
    }
  }

  @Test
  void json_paperDefaults_haveTheThreeScenariosAndNineModelsOfSpec7() {
    JsonNode j = Fixtures.json(StudyReport.render(PAPER, Format.JSON));
    assertThat(names(j)).containsExactly("estimator", "grid", "quantile_method", "scenarios", "headline", "notes");
    List<String> scenarios = new ArrayList<>();
    j.get("scenarios").forEach(s -> scenarios.add(s.get("name").asText()));
    assertThat(scenarios).containsExactly("balanced", "latency-critical", "accuracy-critical");
    JsonNode gpt5 = j.get("scenarios").get(0).get("models").get(0);
    assertThat(gpt5.get("id").asText()).isEqualTo("gpt5");
    assertThat(gpt5.get("selections").get("accuracy-max").get("k").intValue()).isEqualTo(20);
    assertThat(j.get("headline").get("matches")).hasSize(3);
    assertThat(j.get("headline").get("adaptive_stopping")).hasSize(22);
  }

  private static void assertScenario(JsonNode j, ScenarioResult s) {
    assertThat(names(j)).containsExactly("name", "description", "budget", "k_max", "models");
    assertThat(j.get("name").asText()).isEqualTo(s.scenario().name());
    assertThat(j.get("description").asText()).isEqualTo(s.scenario().description());
    PlanReportTest.assertBudget(j.get("budget"), s.scenario().budget());
    assertThat(j.get("k_max").intValue()).isEqualTo(s.kMax());
    assertThat(j.get("models")).hasSize(s.models().size());
    for (int i = 0; i < s.models().size(); i++) {
      ModelResult m = s.models().get(i);
      JsonNode q = j.get("models").get(i);
      assertThat(names(q)).containsExactly("id", "parallel", "grid_points", "feasible_count", "pareto_count", "selections",
          "reasons", "pareto_k", "baselines", "infeasible");
      assertThat(q.get("id").asText()).isEqualTo(m.model().id());
      assertThat(q.get("parallel").intValue()).isEqualTo(m.parallel());
      assertThat(q.get("grid_points").intValue()).isEqualTo(m.gridPoints());
      assertThat(q.get("feasible_count").intValue()).isEqualTo(m.plan().space().feasible().size());
      assertThat(q.get("pareto_count").intValue()).isEqualTo(m.plan().pareto().size());
      assertThat(names(q.get("selections"))).containsExactly("accuracy-max", "cube", "utopia", "knee");
      for (Selection sel : m.plan().selections()) {
        JsonNode p = q.get("selections").get(sel.selector());
        if (sel.point().isEmpty()) {
          assertThat(p.isNull()).isTrue();
        } else {
          assertSelection(p, sel.point().get(), m);
        }
        assertThat(q.get("reasons").get(sel.selector()).asText()).isEqualTo(sel.reason());
      }
      assertThat(Golden.ints(q.get("pareto_k"))).isEqualTo(m.plan().pareto().stream().map(OperatingPoint::k).toList());
      assertBaseline(q.get("baselines").get("1d"), m.plan().oneD());
      assertBaseline(q.get("baselines").get("2d"), m.plan().twoD());
      assertInfeasible(q.get("infeasible"), m.plan().infeasibility());
    }
  }

  private static void assertSelection(JsonNode p, OperatingPoint o, ModelResult m) {
    assertThat(names(p)).containsExactly("k", "cost_usd", "latency_s", "accuracy", "p_meets_budgets", "expected_cost_usd",
        "expected_latency_s", "expected_accuracy", "extrapolated");
    assertThat(p.get("k").intValue()).isEqualTo(o.k());
    same(num(p.get("cost_usd")), o.costUsd());
    same(num(p.get("latency_s")), o.latencyS());
    same(num(p.get("accuracy")), o.accuracy());
    same(num(p.get("p_meets_budgets")), m.pMeets(o));
    assertExpectations(p, m.at(o));
  }

  private static void assertBaseline(JsonNode j, Baselines.Baseline b) {
    if (b.selection().point().isEmpty()) {
      assertThat(names(j)).containsExactly("pick", "reason");
      assertThat(j.get("pick").isNull()).isTrue();
      assertThat(j.get("reason").asText()).isEqualTo(b.selection().reason());
      return;
    }
    assertThat(names(j)).containsExactly("pick", "breaks");
    assertPlainPoint(j.get("pick"), b.selection().point().get());
    assertThat(strings(j.get("breaks"))).isEqualTo(b.breaks());
  }

  private static void assertPlainPoint(JsonNode p, OperatingPoint o) {
    assertThat(names(p)).containsExactly("k", "cost_usd", "latency_s", "accuracy");
    assertThat(p.get("k").intValue()).isEqualTo(o.k());
    same(num(p.get("cost_usd")), o.costUsd());
    same(num(p.get("latency_s")), o.latencyS());
    same(num(p.get("accuracy")), o.accuracy());
  }

  static void assertInfeasible(JsonNode j, Optional<Infeasibility> inf) {
    if (inf.isEmpty()) {
      assertThat(j.isNull()).isTrue();
      return;
    }
    Infeasibility i = inf.get();
    assertThat(names(j)).containsExactly("binding", "smallest_admitting_budget", "reason");
    assertThat(strings(j.get("binding"))).isEqualTo(i.binding());
    JsonNode b = j.get("smallest_admitting_budget");
    List<String> present = new ArrayList<>();
    if (i.maxCostUsdNeeded().isPresent()) {
      present.add("max_cost_usd");
      same(num(b.get("max_cost_usd")), i.maxCostUsdNeeded().getAsDouble());
    }
    if (i.maxLatencySNeeded().isPresent()) {
      present.add("max_latency_s");
      same(num(b.get("max_latency_s")), i.maxLatencySNeeded().getAsDouble());
    }
    if (i.minAccuracyNeeded().isPresent()) {
      present.add("min_accuracy");
      same(num(b.get("min_accuracy")), i.minAccuracyNeeded().getAsDouble());
    }
    assertThat(names(b)).isEqualTo(present);
    assertThat(j.get("reason").asText()).isEqualTo(i.reason());
  }

  private static void assertHeadline(JsonNode j, Headline h) {
    assertThat(names(j)).containsExactly("knee_vs_accuracy_max", "matches", "adaptive_stopping");
    JsonNode k = j.get("knee_vs_accuracy_max");
    assertThat(k.get("pairs").intValue()).isEqualTo(h.kneeVsAccuracyMax().pairs());
    same(num(k.get("median_cost_saved")), h.kneeVsAccuracyMax().medianCostSaved());
    same(num(k.get("median_latency_saved")), h.kneeVsAccuracyMax().medianLatencySaved());
    same(num(k.get("median_accuracy_points_given_up")), h.kneeVsAccuracyMax().medianAccuracyPointsGivenUp());
    assertThat(j.get("matches")).hasSize(h.matches().size());
    for (int i = 0; i < h.matches().size(); i++) {
      Headline.Match m = h.matches().get(i);
      JsonNode q = j.get("matches").get(i);
      assertThat(names(q)).containsExactly("scenario", "reference_model", "reference", "cheapest", "cost_ratio", "verdict");
      assertThat(q.get("scenario").asText()).isEqualTo(m.scenario());
      assertThat(q.get("reference_model").asText()).isEqualTo(m.referenceModel());
      if (m.reference().isPresent()) {
        assertPlainPoint(q.get("reference"), m.reference().get());
      } else {
        assertThat(q.get("reference").isNull()).isTrue();
      }
      if (m.cheapest().isPresent()) {
        OperatingPoint c = m.cheapest().get();
        assertThat(names(q.get("cheapest"))).containsExactly("model", "k", "cost_usd", "latency_s", "accuracy");
        assertThat(q.get("cheapest").get("model").asText()).isEqualTo(c.model());
        assertThat(q.get("cheapest").get("k").intValue()).isEqualTo(c.k());
        same(num(q.get("cheapest").get("cost_usd")), c.costUsd());
        same(num(q.get("cheapest").get("latency_s")), c.latencyS());
        same(num(q.get("cheapest").get("accuracy")), c.accuracy());
      } else {
        assertThat(q.get("cheapest").isNull()).isTrue();
      }
      same(num(q.get("cost_ratio")), m.costRatio());
      assertThat(q.get("verdict").asText()).isEqualTo(m.verdict());
    }
    assertThat(j.get("adaptive_stopping")).hasSize(h.adaptive().size());
    for (int i = 0; i < h.adaptive().size(); i++) {
      AdaptiveSavings.Row a = h.adaptive().get(i);
      JsonNode q = j.get("adaptive_stopping").get(i);
      assertThat(names(q)).containsExactly("scenario", "model", "k", "parallel", "policy", "fixed", "adaptive",
          "cost_saved", "latency_saved", "accuracy_points_given_up");
      assertThat(q.get("scenario").asText()).isEqualTo(a.scenario());
      assertThat(q.get("model").asText()).isEqualTo(a.model());
      assertThat(q.get("k").intValue()).isEqualTo(a.k());
      assertThat(q.get("parallel").intValue()).isEqualTo(a.parallel());
      assertThat(q.get("policy").asText()).isEqualTo(a.policy().label());
      for (String side : List.of("fixed", "adaptive")) {
        var p = side.equals("fixed") ? a.fixed() : a.adaptive();
        JsonNode s = q.get(side);
        assertThat(names(s)).containsExactly("samples", "cost_usd", "latency_s", "accuracy");
        same(num(s.get("samples")), p.draws().samples().mean());
        same(num(s.get("cost_usd")), p.cost().mean());
        same(num(s.get("latency_s")), p.latency().mean());
        same(num(s.get("accuracy")), p.accuracy().mean());
      }
      same(num(q.get("cost_saved")), a.costSaved());
      same(num(q.get("latency_saved")), a.latencySaved());
      same(num(q.get("accuracy_points_given_up")), a.accuracyPointsGivenUp());
    }
  }

  // ---- CSV ----------------------------------------------------------------------------------------

  @Test
  void csv_hasSixRowsPerScenarioAndModel_whoseCellsReadBackAsThePicks() {
    for (StudyResult r : List.of(PAPER, MC)) {
      List<List<String>> rows = Fixtures.csv(StudyReport.render(r, Format.CSV));
      assertThat(rows.get(0)).containsExactly("scenario", "model", "parallel", "grid_points", "feasible_count",
          "pareto_count", "pick", "k", "cost_usd", "latency_s", "accuracy", "breaks", "note");
      int n = r.scenarios().stream().mapToInt(s -> s.models().size()).sum();
      assertThat(rows).hasSize(1 + 6 * n);
      int i = 1;
      for (ScenarioResult s : r.scenarios()) {
        for (ModelResult m : s.models()) {
          for (Selection sel : m.plan().selections()) {
            List<String> row = rows.get(i++);
            assertCsvRow(row, s, m, sel.selector(), sel.point(), List.of());
            assertThat(row.get(12)).isEqualTo(sel.point().isPresent() ? ""
                : m.plan().infeasibility().map(Infeasibility::reason).orElse(sel.reason()));
          }
          List<String> oneD = rows.get(i++);
          assertCsvRow(oneD, s, m, "baseline-1d", m.plan().oneD().selection().point(), m.plan().oneD().breaks());
          assertThat(oneD.get(12)).isEmpty();
          List<String> twoD = rows.get(i++);
          assertCsvRow(twoD, s, m, "baseline-2d", m.plan().twoD().selection().point(), m.plan().twoD().breaks());
          assertThat(twoD.get(12)).isEqualTo(m.plan().twoD().selection().point().isPresent() ? ""
              : m.plan().twoD().selection().reason());
        }
      }
    }
  }

  private static void assertCsvRow(List<String> row, ScenarioResult s, ModelResult m, String pick,
      Optional<OperatingPoint> p, List<String> breaks) {
    assertThat(row).hasSize(13);
    assertThat(row.subList(0, 7)).containsExactly(s.scenario().name(), m.model().id(), Integer.toString(m.parallel()),
        Integer.toString(m.gridPoints()), Integer.toString(m.plan().space().feasible().size()),
        Integer.toString(m.plan().pareto().size()), pick);
    assertThat(row.get(7)).isEqualTo(p.map(o -> Integer.toString(o.k())).orElse(""));
    same(Fixtures.num(row.get(8)), p.map(OperatingPoint::costUsd).orElse(Double.NaN));
    same(Fixtures.num(row.get(9)), p.map(OperatingPoint::latencyS).orElse(Double.NaN));
    same(Fixtures.num(row.get(10)), p.map(OperatingPoint::accuracy).orElse(Double.NaN));
    assertThat(row.get(11)).isEqualTo(String.join(";", breaks));
  }
}
