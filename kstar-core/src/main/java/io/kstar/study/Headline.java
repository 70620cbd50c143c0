package io.kstar.study;

import io.kstar.space.OperatingPoint;
import java.util.List;
import java.util.Optional;

/**
 * The paper's claims, measured on the run (issue: "the paper's headline, measured").
 *
 * @param kneeVsAccuracyMax what the knee saves against accuracy-max, as medians over every
 *     (scenario, model) where both exist
 * @param matches per scenario: the cheapest (model, k) that reaches the reference model's accuracy at
 *     its accuracy-max pick
 */
public record Headline(KneeVsAccuracyMax kneeVsAccuracyMax, List<Match> matches,
    List<AdaptiveSavings.Row> adaptive) {

  public Headline {
    matches = List.copyOf(matches);
    adaptive = List.copyOf(adaptive);
  }

  /**
   * Medians of 1 − C_knee/C_max-acc, 1 − T_knee/T_max-acc and 100·(A_max-acc − A_knee) (accuracy points
   * given up); NaN when no pair exists.
   */
  public record KneeVsAccuracyMax(
      int pairs, double medianCostSaved, double medianLatencySaved, double medianAccuracyPointsGivenUp) {}

  /**
   * @param reference the reference model's accuracy-max pick (empty when it has none)
   * @param cheapest the cheapest feasible (model, k) whose accuracy is at least the reference's, less
   *     the accuracy tolerance
   * @param costRatio cheapest cost ÷ reference cost (NaN when either is missing)
   */
  public record Match(
      String scenario,
      String referenceModel,
      Optional<OperatingPoint> reference,
      Optional<OperatingPoint> cheapest,
      double costRatio,
      String verdict) {}
}
