package io.kstar.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.budget.Budget;
import io.kstar.plan.Plan;
import io.kstar.plan.Planner;
import io.kstar.space.FeasibleSpace;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

class PlanPropertiesTest {

  /** Random monotone curves (cost and latency grow with k, accuracy saturates) under random budgets. */
  @Property(tries = 300)
  void everySelectionIsFeasible_andUtopiaAndKneeAreOnTheFront(
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @Scale(4) @DoubleRange(min = 0.001, max = 0.05) double costPerK,
      @ForAll @Scale(4) @DoubleRange(min = 0.1, max = 5) double secondsPerRound,
      @ForAll @Scale(4) @DoubleRange(min = 0.01, max = 0.5) double rate,
      @ForAll @Scale(4) @DoubleRange(min = 0.05, max = 2) double cMax,
      @ForAll @Scale(4) @DoubleRange(min = 1, max = 100) double tMax,
      @ForAll @Scale(4) @DoubleRange(min = 0.1, max = 0.99) double aMin) {
    List<OperatingPoint> grid = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      int k = 2 * i;
      grid.add(new OperatingPoint("m", k, costPerK * k, secondsPerRound * i, 1 - 0.5 * Math.exp(-rate * k)));
    }
    Budget b = Budget.of(cMax, tMax, aMin);
    Plan plan = Planner.plan(b, grid, grid.get(0), 1e-6);
    for (Selection s : plan.selections()) {
      s.point().ifPresent(p -> assertThat(FeasibleSpace.admits(b, p)).as(s.selector()).isTrue());
    }
    plan.selection(Utopia.ID).point().ifPresent(p -> assertThat(plan.pareto()).contains(p));
    plan.selection(Knee.ID).point().ifPresent(p -> assertThat(plan.pareto()).contains(p));
    assertThat(plan.infeasibility().isPresent()).isEqualTo(plan.space().feasible().isEmpty());
    plan.infeasibility().ifPresent(inf -> {
      // relaxing one binding budget to the value reported really admits a k
      inf.maxCostUsdNeeded().ifPresent(c ->
          assertThat(FeasibleSpace.of(Budget.of(c, tMax, aMin), grid).feasible()).isNotEmpty());
      inf.maxLatencySNeeded().ifPresent(t ->
          assertThat(FeasibleSpace.of(Budget.of(cMax, t, aMin), grid).feasible()).isNotEmpty());
      inf.minAccuracyNeeded().ifPresent(a ->
          assertThat(FeasibleSpace.of(Budget.of(cMax, tMax, a), grid).feasible()).isNotEmpty());
      // and it is the smallest: a hair tighter admits nothing
      inf.maxCostUsdNeeded().ifPresent(c ->
          assertThat(FeasibleSpace.of(Budget.of(c * (1 - 1e-9), tMax, aMin), grid).feasible()).isEmpty());
    });
  }
}
