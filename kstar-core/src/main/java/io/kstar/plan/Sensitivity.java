package io.kstar.plan;

import io.kstar.budget.Budget;
import io.kstar.estimate.Estimator;
import io.kstar.parameter.Shape;
import io.kstar.profile.Figures;
import io.kstar.profile.ModelProfile;
import io.kstar.select.Selection;
import io.kstar.select.Selectors;
import io.kstar.space.Objective;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code kstar sensitivity}: how each pick moves when one figure moves. Each budget and each profile
 * figure is scaled by 1 ± 10 % and 1 ± 25 % on its own (accuracy figures clipped to their ranges) and
 * the plan recomputed. A pick is <em>fragile</em> when a ±10 % change of any one figure changes its
 * k or P (or removes it).
 */
public final class Sensitivity {
  private Sensitivity() {}

  public static final double[] DELTAS = {-0.25, -0.10, 0.10, 0.25};
  /** The budgets, always varied first. */
  public static final List<String> BUDGET_FACTORS = Objective.ALL.stream().map(Objective::budgetField).toList();

  /**
   * What is varied for {@code m}: the three budgets, then every numeric figure of the profile in
   * catalog order (prices, times, the length models', the accuracy model's and the latency model's
   * parameters, as each declares them); whole-number parameters are left out.
   */
  public static List<String> factors(ModelProfile m) {
    List<String> out = new ArrayList<>(BUDGET_FACTORS);
    for (Figures.Figure f : Figures.of(m)) {
      if (f.parameter().shape() == Shape.NUMBER) {
        out.add(f.key());
      }
    }
    return out;
  }

  /** The pick of one selector after one change: k, P and stopping policy, or empty when it picks nothing. */
  public record Pick(String selector, Integer k, Integer parallel, io.kstar.policy.Policy policy) {
    public static Pick of(Selection s) {
      return s.point().map(p -> new Pick(s.selector(), p.k(), p.parallel(), p.policy()))
          .orElse(new Pick(s.selector(), null, null, null));
    }

    /** True when this pick differs from {@code base} in k, P or policy (or one of them picks nothing). */
    public boolean movedFrom(Pick base) {
      return !Objects.equals(k, base.k()) || !Objects.equals(parallel, base.parallel())
          || !Objects.equals(policy, base.policy());
    }

    /** k, and the policy when it is not the fixed one. */
    public String label() {
      return k == null ? "-" : k + (policy == null || policy.isFixed() ? "" : " " + policy.label());
    }
  }

  /** One figure scaled by (1 + delta); {@code value} is the figure after scaling (after clipping). */
  public record Row(String factor, double delta, double value, List<Pick> picks) {}

  public record Result(Deployment.Result base, List<Row> rows, Map<String, List<String>> fragile) {

    /** The base plan's picks, in selector order. */
    public List<Pick> basePicks() {
      return base.plan().selections().stream().map(Pick::of).toList();
    }
  }

  public static Result analyse(Deployment.Request request, Estimator estimator) {
    Deployment.Result base = Deployment.plan(request, estimator);
    List<Pick> basePicks = base.plan().selections().stream().map(Pick::of).toList();
    List<Row> rows = new ArrayList<>();
    Map<String, List<String>> fragile = new LinkedHashMap<>();
    request.selectors().ids().forEach(id -> fragile.put(id, new ArrayList<>()));
    for (String factor : factors(request.model())) {
      for (double d : DELTAS) {
        double[] value = new double[1];
        Deployment.Request changed = change(request, factor, x -> {
          value[0] = x * (1 + d);
          return value[0];
        });
        value[0] = current(changed, factor);
        Deployment.Result r = Deployment.plan(changed, estimator);
        List<Pick> picks = r.plan().selections().stream().map(Pick::of).toList();
        rows.add(new Row(factor, d, value[0], picks));
        if (Math.abs(d) <= 0.10 + 1e-12) {
          for (int i = 0; i < picks.size(); i++) {
            Pick a = basePicks.get(i);
            Pick b = picks.get(i);
            boolean moved = b.movedFrom(a);
            List<String> list = fragile.get(a.selector());
            if (moved && !list.contains(factor)) {
              list.add(factor);
            }
          }
        }
      }
    }
    return new Result(base, rows, fragile);
  }

  static double current(Deployment.Request r, String factor) {
    return budgetObjective(factor).map(o -> o.budget(r.budget()))
        .orElseGet(() -> Figures.get(r.model(), factor).value());
  }

  /** The request with one budget or figure changed by {@code f}; a figure is clipped back into its declared range. */
  static Deployment.Request change(Deployment.Request r, String factor, DoubleUnaryOperator f) {
    Budget b = r.budget();
    Optional<Objective> objective = budgetObjective(factor);
    // an accuracy floor scaled past 1 is clipped to 1
    Budget nb = objective.map(o -> o.with(b, o.minimised() ? f.applyAsDouble(o.budget(b))
        : Math.min(1, f.applyAsDouble(o.budget(b))))).orElse(b);
    ModelProfile m = r.model();
    if (objective.isEmpty()) {
      Figures.Figure fig = Figures.get(m, factor);
      m = Figures.with(m, factor, fig.parameter().range().clip(f.applyAsDouble(fig.value())));
    }
    return r.withModel(m).withBudget(nb);
  }

  private static Optional<Objective> budgetObjective(String factor) {
    return Objective.ALL.stream().filter(o -> o.budgetField().equals(factor)).findFirst();
  }

  /** For the tornado chart: a base pick's point. */
  public static OperatingPoint basePoint(Result r, String selector) {
    return r.base().plan().selection(selector).point().orElse(null);
  }
}
