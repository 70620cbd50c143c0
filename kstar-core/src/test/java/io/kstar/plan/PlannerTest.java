package io.kstar.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import io.kstar.budget.Budget;
import io.kstar.catalog.CatalogReader;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.ExactEstimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.select.Selection;
import io.kstar.space.FeasibleSpace;
import io.kstar.space.OperatingPoint;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final Catalog CATALOG = CatalogReader.embedded();
  private static final ModelProfile GPT5 = CATALOG.require("m", "gpt5");

  private static Deployment.Request request(Budget b, BudgetBasis basis, List<Integer> ps, Grid.Kind grid, int kMax) {
    return new Deployment.Request(GPT5, ps, grid, kMax, b, basis, 1e-6, 1);
  }

  @Test
  void comparison_jointFrontMatchesBruteForce_andMatchesAreTheCheapest() {
    Budget b = Budget.of(0.5, 60, 0.88);
    Comparison.Result r = Comparison.compare(new Comparison.Request(CATALOG, List.of(), Grid.Kind.BATCH, 128, b,
        BudgetBasis.MEANS, 1e-6), new ExactEstimator());
    List<OperatingPoint> feasible = r.space().feasible();
    for (OperatingPoint p : feasible) {
      boolean dominated = feasible.stream().anyMatch(q -> q.dominates(p));
      assertThat(r.front().contains(p)).as("%s k=%d", p.model(), p.k()).isEqualTo(!dominated);
    }
    for (Selection s : r.selections()) {
      assertThat(FeasibleSpace.admits(b, s.point().orElseThrow())).isTrue();
    }
    for (Comparison.Match m : r.matches()) {
      OperatingPoint c = m.cheapest().orElseThrow();
      assertThat(c.accuracy()).isGreaterThanOrEqualTo(m.atOne().accuracy());
      assertThat(c.latencyS()).isLessThanOrEqualTo(60);
      for (OperatingPoint p : r.points()) {
        if (p.latencyS() <= 60 && p.accuracy() >= m.atOne().accuracy()) {
          assertThat(p.costUsd()).isGreaterThanOrEqualTo(c.costUsd());
        }
      }
      assertThat(m.costRatio()).isCloseTo(c.costUsd() / m.atOne().costUsd(), within(1e-15));
    }
  }

  /**
   * Percentile budgets against simulation. gpt5 at P = 1: E[T(k)] = 10.752·k s and sd(T(k)) ≈ 0.643·√k.
   * With T_max = 54.26 s, k = 5 meets the budget on the mean (53.76 s) but its 95th percentile is
   * about 56.1 s. The exact plan must admit k = 5 on means and refuse it on p95; an independent
   * simulation (40 000 requests) must see more than 5 % of requests at k = 5 over budget and
   * (essentially) none at k = 4. The simulated exceedance has SE ≤ √(0.25/40000) = 0.0025.
   */
  @Test
  void latencyQuantileBudget_agreesWithSimulatedRequests() {
    Budget b = Budget.of(10, 54.26, 0.5);
    Deployment.Result onMeans = Deployment.plan(request(b, BudgetBasis.MEANS, List.of(1), Grid.Kind.ALL, 8), new ExactEstimator());
    BudgetBasis p95 = new BudgetBasis(OptionalDouble.empty(), OptionalDouble.of(0.95));
    Deployment.Result onP95 = Deployment.plan(request(b, p95, List.of(1), Grid.Kind.ALL, 8), new ExactEstimator());
    assertThat(onMeans.feasibleKs().get(1)).containsExactly(1, 2, 3, 4, 5);
    assertThat(onP95.feasibleKs().get(1)).containsExactly(1, 2, 3, 4);

    var mc = new MonteCarloEstimator(40_000, 3, 2).estimate(GPT5, 1, new int[] {4, 5});
    double over4 = mc.at(4).orElseThrow().latency().distribution().exceedance(54.26);
    double over5 = mc.at(5).orElseThrow().latency().distribution().exceedance(54.26);
    assertThat(over4).isLessThan(0.05 - 4 * 0.0025);
    assertThat(over5).isGreaterThan(0.05 + 4 * 0.0025);
    // and the normal approximation's p95 of T(5) is close to the simulated one (within 0.1 s, ~0.1 sd)
    CurvePoint exact5 = onP95.at(1, 5);
    assertThat(exact5.latency().distribution().quantile(0.95))
        .isCloseTo(mc.at(5).orElseThrow().latency().distribution().quantile(0.95), within(0.1));
  }

  @Test
  void breachProbabilities_comeFromTheDistributions() {
    Budget b = Budget.of(0.5, 60, 0.88);
    Deployment.Result r = Deployment.plan(request(b, BudgetBasis.MEANS, List.of(4), Grid.Kind.BATCH, 128), new ExactEstimator());
    PickDetail oneD = r.oneD();
    // P(A(1) < 0.88) = Φ((0.88 − 0.94)/0.02) = Φ(−3) = 0.0013499
    assertThat(oneD.pAccuracyUnder()).isCloseTo(0.0013498980316301, within(1e-12));
    PickDetail am = r.picks().get(0);
    assertThat(am.point().k()).isEqualTo(20);
    assertThat(am.nearestBudget()).isEqualTo("max_latency_s");
    assertThat(am.slack()).isCloseTo(1 - 53.76 / 60, within(1e-12));
    assertThat(am.costOfPass()).isCloseTo(am.point().cost().mean() / am.point().accuracy().mean(), within(1e-15));
    // marginal cost of an accuracy point: to the next grid point, k = 24
    CurvePoint next = r.at(4, 24);
    double expected = (next.cost().mean() - am.point().cost().mean())
        / (100 * (next.accuracy().mean() - am.point().accuracy().mean()));
    assertThat(am.usdPerAccuracyPoint()).isCloseTo(expected, within(1e-15));
  }

  @Test
  void parallelList_choosesPWithK_latencyFallsWithPCostDoesNot() {
    Budget b = Budget.of(0.5, 25, 0.95);
    Deployment.Result one = Deployment.plan(request(b, BudgetBasis.MEANS, List.of(1), Grid.Kind.ALL, 32), new ExactEstimator());
    Deployment.Result many = Deployment.plan(request(b, BudgetBasis.MEANS, List.of(1, 2, 4, 8), Grid.Kind.ALL, 32), new ExactEstimator());
    assertThat(many.plan().selection("accuracy-max").point().orElseThrow().accuracy())
        .isGreaterThan(one.plan().selection("accuracy-max").point().orElseThrow().accuracy());
    assertThat(many.at(8, 16).cost().mean()).isEqualTo(many.at(1, 16).cost().mean());
    assertThat(many.at(8, 16).latency().mean()).isLessThan(many.at(1, 16).latency().mean());
  }

  @Test
  void reverse_answersAreReallyTheSmallestBudgets() {
    double target = 0.99;
    List<Reverse.Answer> answers = Reverse.answer(CATALOG.models(), List.of(), Grid.Kind.BATCH, 256, target,
        BudgetBasis.MEANS, new ExactEstimator());
    for (Reverse.Answer a : answers) {
      ModelProfile m = CATALOG.require("m", a.model());
      OperatingPoint cheap = a.cheapest().orElseThrow();
      // with that cost budget (and no other limit) some k reaches the target; a hair less and none does
      Deployment.Request at = new Deployment.Request(m, List.of(a.parallel()), Grid.Kind.BATCH, 256,
          Budget.of(cheap.costUsd(), 1e9, target), BudgetBasis.MEANS, 1e-6, 1);
      assertThat(Deployment.anyFeasible(Deployment.plan(at, new ExactEstimator()))).isTrue();
      Deployment.Request less = new Deployment.Request(m, List.of(a.parallel()), Grid.Kind.BATCH, 256,
          Budget.of(cheap.costUsd() * (1 - 1e-9), 1e9, target), BudgetBasis.MEANS, 1e-6, 1);
      assertThat(Deployment.anyFeasible(Deployment.plan(less, new ExactEstimator()))).as(a.model()).isFalse();
      OperatingPoint fast = a.fastest().orElseThrow();
      Deployment.Request slower = new Deployment.Request(m, List.of(a.parallel()), Grid.Kind.BATCH, 256,
          Budget.of(1e9, fast.latencyS() * (1 - 1e-9), target), BudgetBasis.MEANS, 1e-6, 1);
      assertThat(Deployment.anyFeasible(Deployment.plan(slower, new ExactEstimator()))).isFalse();
    }
  }

  @Test
  void reverse_saysWhenTheTargetIsOutOfReach() {
    List<Reverse.Answer> a = Reverse.answer(List.of(GPT5), List.of(), Grid.Kind.BATCH, 16, 0.999,
        BudgetBasis.MEANS, new ExactEstimator());
    assertThat(a.get(0).cheapest()).isEmpty();
    assertThat(a.get(0).reason()).contains("not reached for k <= 16");
  }

  @Test
  void sensitivity_marksAPickFragileExactlyWhenATenPercentChangeMovesIt() {
    Sensitivity.Result r = Sensitivity.analyse(request(Budget.of(0.5, 60, 0.88), BudgetBasis.MEANS, List.of(4),
        Grid.Kind.BATCH, 128), new ExactEstimator());
    assertThat(r.rows()).hasSize(Sensitivity.factors(r.base().request().model()).size() * Sensitivity.DELTAS.length);
    for (int s = 0; s < 4; s++) {
      Integer baseK = r.base().plan().selections().get(s).point().map(OperatingPoint::k).orElse(null);
      String selector = r.base().plan().selections().get(s).selector();
      for (String factor : Sensitivity.factors(r.base().request().model())) {
        final int idx = s;
        boolean moved = r.rows().stream()
            .filter(row -> row.factor().equals(factor) && Math.abs(row.delta()) < 0.11)
            .anyMatch(row -> !Objects.equals(row.picks().get(idx).k(), baseK));
        assertThat(r.fragile().get(selector).contains(factor)).as(selector + " " + factor).isEqualTo(moved);
      }
    }
    // a 10 % rise of the accuracy floor to 0.968 removes k = 4 and 8 ... and moves the knee
    assertThat(r.fragile().get("knee")).contains("min_accuracy");
  }
}
