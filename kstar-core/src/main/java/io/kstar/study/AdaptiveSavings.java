package io.kstar.study;

import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.ExactEstimator;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import io.kstar.select.AccuracyMax;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What adaptive stopping would save at each accuracy-max pick of the study whose k needs more than one
 * round (k > P; a single round has nothing to stop), computed exactly: the
 * same model, P and k (now the cap) under the stopping policy that fits its accuracy model —
 * until-score for the paper's scores, with the lowest threshold that keeps expected accuracy within
 * {@value #ACCURACY_POINTS} accuracy points of best-of-k; until-pass for a verifier; until-decided for
 * majority vote (both keep accuracy exactly).
 */
public final class AdaptiveSavings {
  private AdaptiveSavings() {}

  /** Accuracy points (percentage points) the until-score threshold may give up. */
  public static final double ACCURACY_POINTS = 0.5;
  /** The threshold is searched to this resolution. */
  static final double THRESHOLD_STEP = 1e-3;

  public record Row(String scenario, String model, int k, int parallel, Policy policy, CurvePoint fixed,
      CurvePoint adaptive) {
    public double samplesSaved() {
      return 1 - adaptive.draws().samples().mean() / fixed.draws().samples().mean();
    }

    public double costSaved() {
      return 1 - adaptive.cost().mean() / fixed.cost().mean();
    }

    public double latencySaved() {
      return 1 - adaptive.latency().mean() / fixed.latency().mean();
    }

    public double accuracyPointsGivenUp() {
      return 100 * (fixed.accuracy().mean() - adaptive.accuracy().mean());
    }
  }

  public static List<Row> of(List<ScenarioResult> results) {
    List<Row> rows = new ArrayList<>();
    ExactEstimator exact = new ExactEstimator();
    for (ScenarioResult sr : results) {
      for (ModelResult mr : sr.models()) {
        Optional<OperatingPoint> pick = mr.plan().selection(AccuracyMax.ID).point();
        if (pick.isEmpty()) {
          continue;
        }
        ModelProfile m = mr.model();
        int k = pick.get().k();
        int p = mr.parallel();
        if (k <= p) {
          continue; // one round: nothing to stop
        }
        CurvePoint fixed = exact.estimate(m, p, new int[] {k}).points().get(0);
        Optional<Policy> policy = policyFor(m, p, k, fixed.accuracy().mean());
        policy.ifPresent(pol -> rows.add(new Row(sr.scenario().name(), m.id(), k, p, pol, fixed,
            exact.estimate(new Estimator.Job(m, p, new int[] {k}, pol)).points().get(0))));
      }
    }
    return rows;
  }

  static Optional<Policy> policyFor(ModelProfile m, int parallel, int k, double fixedAccuracy) {
    for (Policy p : List.of(Policy.UNTIL_PASS, Policy.UNTIL_DECIDED)) {
      if (p.appliesTo(m.accuracy())) {
        return Optional.of(p);
      }
    }
    if (!Policy.untilScore(1).appliesTo(m.accuracy())) {
      return Optional.empty();
    }
    return Optional.of(Policy.untilScore(threshold(m, parallel, k, fixedAccuracy - ACCURACY_POINTS / 100)));
  }

  /**
   * The lowest threshold (to {@value #THRESHOLD_STEP}) whose expected accuracy at cap k reaches
   * {@code target}, by bisection: a higher threshold stops later, so accuracy does not fall as it rises
   * (tested); 1 when none below does.
   */
  static double threshold(ModelProfile m, int parallel, int k, double target) {
    int lo = 0; // in steps: accuracy at lo·step is below target (or lo = 0)
    int hi = (int) Math.round(1 / THRESHOLD_STEP); // 1 always qualifies or is the answer
    int ka = m.accuracyK(k);
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      // the accuracy alone (the exact estimator's, without the cost and latency laws it does not need)
      double a = io.kstar.policy.Stopping.of(Policy.untilScore(mid * THRESHOLD_STEP), m.id(), m.accuracy(), parallel)
          .at(k, ka).accuracyMean();
      if (a >= target) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi * THRESHOLD_STEP;
  }
}
