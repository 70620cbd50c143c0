package io.kstar.plan;

import io.kstar.budget.Budget;
import io.kstar.select.Baselines.Baseline;
import io.kstar.select.Selection;
import io.kstar.space.FeasibleSpace;
import io.kstar.space.Infeasibility;
import io.kstar.space.OperatingPoint;
import java.util.List;
import java.util.Optional;

/**
 * The answer for one model under one budget: the grid's points, the feasible ones, the Pareto
 * front, the selections (in the order of the request's {@link io.kstar.select.Selectors}), both baselines and,
 * when nothing is feasible, why.
 */
public record Plan(
    Budget budget,
    FeasibleSpace space,
    List<OperatingPoint> pareto,
    List<Selection> selections,
    Baseline oneD,
    Baseline twoD,
    Optional<Infeasibility> infeasibility) {

  public Plan {
    pareto = List.copyOf(pareto);
    selections = List.copyOf(selections);
  }

  public Selection selection(String id) {
    return selections.stream()
        .filter(s -> s.selector().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id));
  }
}
