package io.kstar.space;

import io.kstar.budget.Budget;
import java.util.List;

/**
 * The points of a grid, the feasible ones among them (E[C] ≤ C_max, E[T] ≤ T_max, E[A] ≥ A_min:
 * docs/semantics.md §5) and, when none is feasible, why.
 */
public record FeasibleSpace(Budget budget, List<OperatingPoint> all, List<OperatingPoint> feasible) {

  public FeasibleSpace {
    all = List.copyOf(all);
    feasible = List.copyOf(feasible);
  }

  public static FeasibleSpace of(Budget budget, List<OperatingPoint> points) {
    return new FeasibleSpace(budget, points, points.stream().filter(p -> admits(budget, p)).toList());
  }

  public static boolean admits(Budget b, OperatingPoint p) {
    return Objective.admits(b, p);
  }

  /** The budgets this point breaks, by their field names; empty when it is feasible. */
  public static List<String> breaks(Budget b, OperatingPoint p) {
    List<String> out = new java.util.ArrayList<>(3);
    for (Objective o : Objective.ALL) {
      if (!o.meets(p, b)) {
        out.add(o.budgetField());
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return feasible.isEmpty();
  }

  /** Why nothing is feasible, with the relaxations that would admit a k; empty when something is. */
  public java.util.Optional<Infeasibility> infeasibility() {
    return isEmpty() ? java.util.Optional.of(Infeasibility.diagnose(budget, all)) : java.util.Optional.empty();
  }
}
