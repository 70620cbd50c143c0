package io.kstar.study;

import io.kstar.estimate.Curve;
import io.kstar.plan.Confidence;
import io.kstar.plan.Plan;
import io.kstar.profile.ModelProfile;
import io.kstar.space.OperatingPoint;

/** One model in one scenario: its parallelism, grid size, plan, and the curve the plan was made from. */
public record ModelResult(ModelProfile model, int parallel, int gridPoints, Plan plan, Curve curve) {

  /** The probability that the expectations at this point meet the scenario's budgets ({@link Confidence}). */
  public double pMeets(OperatingPoint o) {
    return Confidence.pMeets(plan.budget(), o, curve.at(o.k()).orElseThrow());
  }
}
