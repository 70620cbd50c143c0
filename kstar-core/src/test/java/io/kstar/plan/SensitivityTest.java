package io.kstar.plan;

import io.kstar.select.Selectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.budget.Budget;
import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import io.kstar.select.Selection;
import io.kstar.space.OperatingPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kstar sensitivity}: which figures are varied, how, and when a pick counts as fragile. */
class SensitivityTest {

  private static final ModelProfile PAPER =
      ModelProfile.builder("p").name(null).prices(1e-6, 2e-6).speeds(1e-3, 2e-3)
          .inputTokens(100, 10).outputTokens(200, 20)
          .scores(0.9, 0.05).parallel(2).build();

  @Test
  void factorsAreTheBudgetsThenEveryNumericFigure_wholeNumbersLeftOut() {
    assertThat(Sensitivity.BUDGET_FACTORS).containsExactly("max_cost_usd", "max_latency_s", "min_accuracy");
    assertThat(Sensitivity.factors(PAPER)).containsExactly("max_cost_usd", "max_latency_s", "min_accuracy",
        "c_in", "c_out", "t_in", "t_out", "mu_Lin", "sigma_Lin", "mu_Lout", "sigma_Lout", "acc_mean", "acc_std");
    ModelProfile votes = PAPER.withAccuracy(new MajorityVote(new BetaDifficulty(2, 1), 3));
    assertThat(Sensitivity.factors(votes)).contains("difficulty_alpha", "difficulty_beta")
        .doesNotContain("wrong_answers");
  }

  @Test
  void changeScalesOneFigureOrBudget_clippingToItsRange() {
    Deployment.Request r = new Deployment.Request(PAPER, List.of(2), Grid.Kind.BATCH, 8, Budget.of(0.5, 60, 0.9),
        BudgetBasis.MEANS, 1e-6, 1);
    Deployment.Request cost = Sensitivity.change(r, "max_cost_usd", x -> x * 1.25);
    assertThat(cost.budget()).isEqualTo(Budget.of(0.625, 60, 0.9));
    assertThat(cost.model()).isEqualTo(PAPER);
    assertThat(Sensitivity.current(cost, "max_cost_usd")).isEqualTo(0.625);
    // an accuracy floor scaled past 1 is clipped to 1
    Deployment.Request floor = Sensitivity.change(r, "min_accuracy", x -> x * 1.25);
    assertThat(floor.budget().minAccuracy()).isEqualTo(1.0);
    assertThat(Sensitivity.change(r, "min_accuracy", x -> x * 0.9).budget().minAccuracy()).isCloseTo(0.81, within(1e-15));
    // a latency ceiling is not clipped at 1
    assertThat(Sensitivity.change(r, "max_latency_s", x -> x * 1.1).budget().maxLatencyS()).isCloseTo(66, within(1e-12));
    // a figure: the model changes, the budget does not; a score mean past 1 is clipped to its range [0, 1]
    Deployment.Request mean = Sensitivity.change(r, "acc_mean", x -> x * 1.25);
    assertThat(mean.budget()).isEqualTo(r.budget());
    assertThat(Sensitivity.current(mean, "acc_mean")).isEqualTo(1.0);
    assertThat(Sensitivity.current(Sensitivity.change(r, "c_out", x -> x * 0.75), "c_out")).isCloseTo(1.5e-6, within(1e-21));
  }

  @Test
  void picksMoveWhenKPOrPolicyChange_andLabelTheirPolicy() {
    Sensitivity.Pick base = new Sensitivity.Pick("cube", 4, 2, Policy.FIXED);
    assertThat(base.movedFrom(base)).isFalse();
    assertThat(new Sensitivity.Pick("cube", 6, 2, Policy.FIXED).movedFrom(base)).isTrue();
    assertThat(new Sensitivity.Pick("cube", 4, 1, Policy.FIXED).movedFrom(base)).isTrue();
    assertThat(new Sensitivity.Pick("cube", 4, 2, Policy.UNTIL_PASS).movedFrom(base)).isTrue();
    Sensitivity.Pick nothing = new Sensitivity.Pick("cube", null, null, null);
    assertThat(nothing.movedFrom(base)).isTrue();
    assertThat(base.movedFrom(nothing)).isTrue();
    assertThat(nothing.label()).isEqualTo("-");
    assertThat(base.label()).isEqualTo("4");
    assertThat(new Sensitivity.Pick("cube", 4, 2, null).label()).isEqualTo("4");
    assertThat(new Sensitivity.Pick("cube", 8, 2, Policy.untilLead(2)).label()).isEqualTo("8 until-lead(margin=2)");
    OperatingPoint o = new OperatingPoint("p", 6, 1, 2, 0.9, 3, Policy.UNTIL_PASS);
    assertThat(Sensitivity.Pick.of(Selection.of("knee", o, "why"))).isEqualTo(new Sensitivity.Pick("knee", 6, 3,
        Policy.UNTIL_PASS));
    assertThat(Sensitivity.Pick.of(Selection.none("knee", "why"))).isEqualTo(new Sensitivity.Pick("knee", null, null, null));
  }

  /**
   * Every row is one factor at one delta, valued after clipping; a pick is fragile for a factor exactly
   * when some ±10 % row of it moves the pick (±25 % rows do not count), recomputed here from the rows.
   */
  @Test
  void rowsAndFragilityFollowTheirDefinitions() {
    Deployment.Request r = new Deployment.Request(PAPER, List.of(2), Grid.Kind.BATCH, 16, Budget.of(0.01, 3, 0.95),
        BudgetBasis.MEANS, 1e-6, 1);
    Sensitivity.Result res = Sensitivity.analyse(r, new ExactEstimator());
    List<String> factors = Sensitivity.factors(PAPER);
    assertThat(res.rows()).hasSize(factors.size() * 4);
    for (int i = 0; i < res.rows().size(); i++) {
      Sensitivity.Row row = res.rows().get(i);
      assertThat(row.factor()).isEqualTo(factors.get(i / 4));
      assertThat(row.delta()).isEqualTo(Sensitivity.DELTAS[i % 4]);
      double base = Sensitivity.current(r, row.factor());
      double scaled = base * (1 + row.delta());
      double expected = row.factor().equals("min_accuracy") || row.factor().equals("acc_mean") ? Math.min(1, scaled) : scaled;
      assertThat(row.value()).as(row.factor() + " " + row.delta()).isCloseTo(expected, within(1e-15 * Math.abs(expected)));
      // the row's picks are the plan's picks with that one change
      Deployment.Request changed = Sensitivity.change(r, row.factor(), x -> x * (1 + row.delta()));
      List<Sensitivity.Pick> picks = Deployment.plan(changed, new ExactEstimator()).plan().selections().stream()
          .map(Sensitivity.Pick::of).toList();
      assertThat(row.picks()).isEqualTo(picks);
    }
    assertThat(res.basePicks()).isEqualTo(res.base().plan().selections().stream().map(Sensitivity.Pick::of).toList());
    int anyFragile = 0;
    for (int s = 0; s < 4; s++) {
      Sensitivity.Pick b = res.basePicks().get(s);
      for (String f : factors) {
        final int idx = s;
        boolean moved = res.rows().stream().filter(row -> row.factor().equals(f) && Math.abs(row.delta()) <= 0.1)
            .anyMatch(row -> row.picks().get(idx).movedFrom(b));
        assertThat(res.fragile().get(b.selector()).contains(f)).as(b.selector() + " " + f).isEqualTo(moved);
        anyFragile += moved ? 1 : 0;
      }
      assertThat(res.fragile().get(b.selector())).doesNotHaveDuplicates();
    }
    assertThat(anyFragile).isPositive();
    assertThat(res.fragile().keySet()).containsExactlyElementsOf(Selectors.REGISTRY.ids());
    OperatingPoint am = Sensitivity.basePoint(res, "accuracy-max");
    assertThat(am).isEqualTo(res.base().plan().selection("accuracy-max").point().orElse(null));
  }
}
