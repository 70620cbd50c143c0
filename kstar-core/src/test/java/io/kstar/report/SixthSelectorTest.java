package io.kstar.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.estimate.ExactEstimator;
import io.kstar.plan.Comparison;
import io.kstar.plan.Deployment;
import io.kstar.plan.Sensitivity;
import io.kstar.select.Selection;
import io.kstar.select.SelectionContext;
import io.kstar.select.Selector;
import io.kstar.select.Selectors;
import io.kstar.space.OperatingPoint;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Adding a selector is one class and one registry line: a throwaway sixth selector (the feasible point of
 * the most accuracy per dollar) is declared here and registered with {@code Selectors.REGISTRY.with(...)};
 * plan, compare and sensitivity pick with it, and every report format lists it, none of them changed.
 * (The charts, the HTML report, the service's OpenAPI document and /v1/selectors are held to the same in
 * their modules' tests, with this selector's twin.)
 */
class SixthSelectorTest {

  /** The throwaway selector: its class. */
  static final class AccuracyPerDollar implements Selector {
    @Override
    public String id() {
      return "accuracy-per-dollar";
    }

    @Override
    public String description() {
      return "the feasible point with the most expected accuracy per dollar";
    }

    @Override
    public Selection select(SelectionContext c) {
      return c.feasible().stream().max(Comparator.comparingDouble(p -> p.accuracy() / p.costUsd()))
          .map(p -> Selection.of(id(), p, "largest A/C"))
          .orElseGet(() -> Selection.none(id(), "no feasible k"));
    }
  }

  /** The throwaway selector: its one registry line. */
  static final Selectors REGISTRY = Selectors.REGISTRY.with(new AccuracyPerDollar());

  static final Deployment.Request PLAN = Fixtures.planRequest("gpt5", Fixtures.BALANCED,
      io.kstar.plan.BudgetBasis.MEANS, List.of(4)).withSelectors(REGISTRY);

  @Test
  void planPicksWithIt_andEveryFormatShowsIt() {
    Deployment.Result r = Deployment.plan(PLAN, new ExactEstimator());
    assertThat(r.plan().selections()).extracting(Selection::selector).containsExactlyElementsOf(REGISTRY.ids());
    OperatingPoint best = r.plan().space().feasible().stream()
        .max(Comparator.comparingDouble(p -> p.accuracy() / p.costUsd())).orElseThrow();
    assertThat(r.plan().selection("accuracy-per-dollar").point()).hasValue(best);
    JsonNode j = Fixtures.json(PlanReport.render(r, Format.JSON));
    assertThat(j.get("picks").get("accuracy-per-dollar").get("k").intValue()).isEqualTo(best.k());
    assertThat(PlanReport.render(r, Format.TABLE)).contains("  accuracy-per-dollar  4");
    assertThat(PlanReport.render(r, Format.CSV)).contains("\naccuracy-per-dollar,4,");
    assertThat(PlanReport.render(r, Format.MARKDOWN)).contains("| accuracy-per-dollar | 4 |");
  }

  @Test
  void compareAndSensitivityPickWithIt() {
    Comparison.Request q = new Comparison.Request(Fixtures.CATALOG, List.of(), io.kstar.grid.Grid.Kind.BATCH, 64,
        Fixtures.LATENCY_CRITICAL, io.kstar.plan.BudgetBasis.MEANS, 1e-6).withSelectors(REGISTRY);
    Comparison.Result c = Comparison.compare(q, new ExactEstimator());
    assertThat(Fixtures.json(CompareReport.render(c, Format.JSON)).get("selections").has("accuracy-per-dollar"))
        .isTrue();
    assertThat(CompareReport.render(c, Format.TABLE)).contains("  accuracy-per-dollar");
    Sensitivity.Result s = Sensitivity.analyse(PLAN, new ExactEstimator());
    assertThat(s.fragile()).containsKey("accuracy-per-dollar");
    assertThat(SensitivityReport.render(s, Format.TABLE)).contains("accuracy-per-dollar");
    assertThat(SensitivityReport.render(s, Format.CSV)).contains("accuracy_per_dollar_k");
  }
}
