package io.kstar.space;

import io.kstar.budget.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

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

  /**
   * The feasible points that {@code also} admits as well (a robust plan: the probability that the
   * expectations meet the budgets is at least the confidence asked for).
   */
  public static FeasibleSpace of(Budget budget, List<OperatingPoint> points, Predicate<OperatingPoint> also) {
    return new FeasibleSpace(budget, points, points.stream().filter(p -> admits(budget, p) && also.test(p)).toList());
  }

  public static boolean admits(Budget b, OperatingPoint p) {
    return Objective.admits(b, p);
  }

  /** The budgets this point breaks, by their field names; empty when it is feasible. */
  public static List<String> breaks(Budget b, OperatingPoint p) {
    List<String> out = new ArrayList<>(3);
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
  public Optional<Infeasibility> infeasibility() {
    if (!isEmpty()) {
      return Optional.empty();
    }
    long inExpectation = all.stream().filter(p -> admits(budget, p)).count();
    if (inExpectation > 0) {
      // a robust plan refused them all: the confidence binds, not a budget
      return Optional.of(new Infeasibility(List.of("confidence"), OptionalDouble.empty(),
          OptionalDouble.empty(), OptionalDouble.empty(), inExpectation + " k meet the budgets in"
              + " expectation, but none with the probability asked for (confidence): lower it, relax a budget, or"
              + " calibrate on more data"));
    }
    return Optional.of(Infeasibility.diagnose(budget, all));
  }
}
