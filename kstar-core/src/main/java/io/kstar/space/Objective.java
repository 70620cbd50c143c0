package io.kstar.space;

import io.kstar.budget.Budget;
import java.math.RoundingMode;
import java.util.List;

/**
 * The three objectives, each with its direction, its budget field and its value on an operating
 * point: the one place that says cost and latency are minimised against a ceiling and accuracy
 * maximised against a floor. Feasibility, dominance, the infeasibility report, baselines, selectors'
 * normalisation and sensitivity all ask it.
 */
public enum Objective {
  COST("max_cost_usd", true) {
    @Override
    public double value(OperatingPoint p) {
      return p.costUsd();
    }

    @Override
    public double budget(Budget b) {
      return b.maxCostUsd();
    }
  },
  LATENCY("max_latency_s", true) {
    @Override
    public double value(OperatingPoint p) {
      return p.latencyS();
    }

    @Override
    public double budget(Budget b) {
      return b.maxLatencyS();
    }
  },
  ACCURACY("min_accuracy", false) {
    @Override
    public double value(OperatingPoint p) {
      return p.accuracy();
    }

    @Override
    public double budget(Budget b) {
      return b.minAccuracy();
    }
  };

  /** In output order. */
  public static final List<Objective> ALL = List.of(values());

  private final String budgetField;
  private final boolean minimised;

  Objective(String budgetField, boolean minimised) {
    this.budgetField = budgetField;
    this.minimised = minimised;
  }

  public abstract double value(OperatingPoint p);

  /** This objective's budget: a ceiling for cost and latency, a floor for accuracy. */
  public abstract double budget(Budget b);

  /** The budget's field name ({@code max_cost_usd}, {@code max_latency_s}, {@code min_accuracy}). */
  public String budgetField() {
    return budgetField;
  }

  public boolean minimised() {
    return minimised;
  }

  /** The value in canonical, minimised form: as it is when minimised, negated when maximised. */
  public double canonical(OperatingPoint p) {
    return minimised ? value(p) : -value(p);
  }

  /**
   * The value on the budget's scale, as the selectors compare points: cost and latency as a share of
   * their budget (C/C_max, T/T_max), accuracy as it is (already on [0, 1]).
   */
  public double scaled(OperatingPoint p, Budget b) {
    return minimised ? value(p) / budget(b) : value(p);
  }

  /** True when {@code v} is within the budget (ties admitted). */
  public boolean meets(double v, Budget b) {
    return minimised ? v <= budget(b) : v >= budget(b);
  }

  public boolean meets(OperatingPoint p, Budget b) {
    return meets(value(p), b);
  }

  /** True when {@code a} is strictly better than {@code b}. */
  public boolean better(double a, double b) {
    return minimised ? a < b : a > b;
  }

  /**
   * The slack of {@code p} against its budget as a share: 1 − v/budget for a ceiling, and for the
   * accuracy floor (A − A_min)/(1 − A_min), the share of the headroom to a perfect score.
   */
  public double slack(OperatingPoint p, Budget b) {
    double v = value(p);
    if (minimised) {
      return 1 - v / budget(b);
    }
    double floor = budget(b);
    return floor >= 1 ? (v >= 1 ? 1 : -1) : (v - floor) / (1 - floor);
  }

  /** The same budget with this objective's bound set to {@code v}. */
  public Budget with(Budget b, double v) {
    return switch (this) {
      case COST -> Budget.of(v, b.maxLatencyS(), b.minAccuracy());
      case LATENCY -> Budget.of(b.maxCostUsd(), v, b.minAccuracy());
      case ACCURACY -> Budget.of(b.maxCostUsd(), b.maxLatencyS(), v);
    };
  }

  /** The rounding that keeps a reported bound on the side that still admits the point. */
  public RoundingMode admittingRounding() {
    return minimised ? RoundingMode.CEILING : RoundingMode.FLOOR;
  }

  /** How a relaxed bound reads: {@code max_cost_usd >= 0.2}, {@code min_accuracy <= 0.9}. */
  public String relaxation(String bound) {
    return budgetField + (minimised ? " >= " : " <= ") + bound;
  }

  /** True when {@code p} meets every budget. */
  public static boolean admits(Budget b, OperatingPoint p) {
    for (Objective o : ALL) {
      if (!o.meets(p, b)) {
        return false;
      }
    }
    return true;
  }
}
