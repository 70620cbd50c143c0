package io.kstar.study;

import io.kstar.estimate.Curve;
import io.kstar.plan.Confidence;
import io.kstar.plan.Plan;
import io.kstar.profile.ModelProfile;
import io.kstar.space.OperatingPoint;

/**
 * One model in one scenario: its parallelism, grid size, plan, and the curves the plan was made from (one
 * per stopping policy, in the order asked).
 */
public record ModelResult(ModelProfile model, int parallel, int gridPoints, Plan plan,
    java.util.Map<io.kstar.policy.Policy, Curve> curves) {

  /** The curve of the first policy. */
  public Curve curve() {
    return curves.values().iterator().next();
  }

  /** The statistics at a point of the plan (its policy's curve at its k). */
  public io.kstar.estimate.CurvePoint at(OperatingPoint o) {
    return curves.get(o.policy()).at(o.k()).orElseThrow();
  }

  /** The probability that the expectations at this point meet the scenario's budgets ({@link Confidence}). */
  public double pMeets(OperatingPoint o) {
    return Confidence.pMeets(plan.budget(), o, at(o));
  }
}
