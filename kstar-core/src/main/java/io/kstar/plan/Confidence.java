package io.kstar.plan;

import io.kstar.budget.Budget;
import io.kstar.estimate.CurvePoint;
import io.kstar.input.InvalidInputException;
import io.kstar.space.Objective;
import io.kstar.space.OperatingPoint;
import java.util.OptionalDouble;

/**
 * How sure a plan must be. {@code p_meets_budgets} of a point is the probability, over the profile's
 * calibration replicates, that its expected cost, latency and accuracy meet the budgets (1 or 0 for a
 * profile taken as known). With a confidence C, a k is feasible only when it meets the budgets in
 * expectation <em>and</em> {@code p_meets_budgets} ≥ C; without one (the default) feasibility is the
 * expectation's, as in the paper.
 */
public record Confidence(OptionalDouble level) {

  public static final Confidence OFF = new Confidence(OptionalDouble.empty());

  public Confidence {
    if (level.isPresent() && !(level.getAsDouble() > 0 && level.getAsDouble() < 1)) {
      throw InvalidInputException.of("confidence", level.getAsDouble(), "must be a probability strictly between 0 and 1");
    }
  }

  public static Confidence of(Double c) {
    return c == null ? OFF : new Confidence(OptionalDouble.of(c));
  }

  /** p_meets_budgets of a point whose budget coordinates are {@code o} and statistics {@code p}. */
  public static double pMeets(Budget b, OperatingPoint o, CurvePoint p) {
    boolean rest = Objective.COST.meets(o, b) && Objective.LATENCY.meets(o, b);
    return p.expected().pMeets(rest, p.accuracy().mean(), b.minAccuracy());
  }

  public boolean admits(double pMeets) {
    return level.isEmpty() || pMeets >= level.getAsDouble();
  }
}
