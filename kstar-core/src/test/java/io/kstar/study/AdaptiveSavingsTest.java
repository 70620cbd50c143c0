package io.kstar.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.catalog.CatalogReader;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.ExactEstimator;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import org.junit.jupiter.api.Test;

class AdaptiveSavingsTest {

  /** The bisection for the threshold needs accuracy not to fall as the threshold rises: checked on a grid. */
  @Test
  void untilScoreAccuracyDoesNotFallAsTheThresholdRises() {
    for (ModelProfile m : CatalogReader.embedded().models()) {
      for (int k : new int[] {8, 32}) {
        double prev = 0;
        for (int i = 1; i <= 100; i++) {
          double a = new ExactEstimator().estimate(new Estimator.Job(m, 4, new int[] {k}, Policy.untilScore(i / 100.0)))
              .points().get(0).accuracy().mean();
          assertThat(a).as("%s k=%d tau=%.2f", m.id(), k, i / 100.0).isGreaterThanOrEqualTo(prev - 1e-12);
          prev = a;
        }
      }
    }
  }

  @Test
  void theThresholdIsTheLowestKeepingAccuracyWithinHalfAPoint() {
    ModelProfile m = CatalogReader.embedded().require("model", "gpt5-nano");
    int k = 64;
    double fixed = new ExactEstimator().estimate(m, 4, new int[] {k}).points().get(0).accuracy().mean();
    double target = fixed - 0.005;
    double tau = AdaptiveSavings.threshold(m, 4, k, target);
    double at = accuracy(m, k, tau);
    double below = accuracy(m, k, tau - AdaptiveSavings.THRESHOLD_STEP);
    assertThat(at).isGreaterThanOrEqualTo(target);
    assertThat(below).isLessThan(target);
    assertThat(fixed - at).isCloseTo(0.005, within(0.005));
  }

  private static double accuracy(ModelProfile m, int k, double tau) {
    return new ExactEstimator().estimate(new Estimator.Job(m, 4, new int[] {k}, Policy.untilScore(tau))).points().get(0)
        .accuracy().mean();
  }
}
