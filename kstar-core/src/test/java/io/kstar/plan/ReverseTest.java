package io.kstar.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.policy.Policy;
import io.kstar.profile.Calibration;
import io.kstar.profile.ModelProfile;
import io.kstar.space.OperatingPoint;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar budget} on the closed-form profiles of {@link DeploymentTest} and {@link ComparisonTest}:
 * C(k) = 5e-4·k (big) or 5e-5·k (small), T(k) = 0.5·⌈k/P⌉, E[A(k)] = k/(k + 1) (big) or k/(k + 3) (small).
 */
class ReverseTest {

  private static final ModelProfile BIG = ComparisonTest.BIG;
  private static final ModelProfile SMALL = ComparisonTest.SMALL;

  @Test
  void theSmallestBudgetsAreThoseOfTheFirstKReachingTheTarget() {
    // batch grid of P = 2 to 8: A = 2/3, 4/5, 6/7, 8/9 (big); 2/5, 4/7, 6/9, 8/11 (small). Target 0.65:
    // big from k = 2, small from k = 6
    List<Reverse.Answer> a = Reverse.answer(List.of(BIG, SMALL), List.of(), Grid.Kind.BATCH, 8, 0.65,
        BudgetBasis.MEANS, new ExactEstimator());
    assertThat(a).extracting(Reverse.Answer::model).containsExactly("big", "small");
    Reverse.Answer big = a.get(0);
    assertThat(big.parallel()).isEqualTo(2);
    assertThat(big.policy()).isEqualTo(Policy.FIXED);
    assertThat(big.minAccuracy()).isEqualTo(0.65);
    assertThat(big.cheapest().orElseThrow().k()).isEqualTo(2);
    assertThat(big.cheapest().orElseThrow().costUsd()).isCloseTo(1e-3, within(1e-15));
    assertThat(big.fastest().orElseThrow().k()).isEqualTo(2);
    assertThat(big.fastest().orElseThrow().latencyS()).isCloseTo(0.5, within(1e-12));
    assertThat(big.best().k()).isEqualTo(8);
    assertThat(big.reason()).isEqualTo("reached");
    Reverse.Answer small = a.get(1);
    assertThat(small.cheapest().orElseThrow().k()).isEqualTo(6);
    assertThat(small.cheapest().orElseThrow().costUsd()).isCloseTo(3e-4, within(1e-16));
    assertThat(small.fastest().orElseThrow().latencyS()).isCloseTo(1.5, within(1e-12));
    for (Reverse.Answer x : a) {
      assertThat(x.pReaches(x.cheapest().orElseThrow())).isEqualTo(1.0);
      assertThat(x.pReaches(x.statistics().keySet().stream().filter(o -> o.k() == 2).findFirst().orElseThrow()))
          .isEqualTo(x.model().equals("big") ? 1.0 : 0.0);
    }
  }

  /**
   * At P = 1 and P = 4, target 0.74 (big from k = 3, A = 3/4):
   * cheapest is k = 3 at P = 1 (1.5e-3 USD), and each P is its own answer; at P = 4, k = 4 takes 0.5 s.
   */
  @Test
  void eachParallelismIsItsOwnAnswer() {
    List<Reverse.Answer> a = Reverse.answer(List.of(BIG), List.of(1, 4), Grid.Kind.BATCH, 8, 0.74,
        BudgetBasis.MEANS, new ExactEstimator());
    assertThat(a).extracting(Reverse.Answer::parallel).containsExactly(1, 4);
    assertThat(a.get(0).cheapest().orElseThrow().k()).isEqualTo(3);
    assertThat(a.get(0).fastest().orElseThrow().latencyS()).isCloseTo(1.5, within(1e-12));
    assertThat(a.get(1).cheapest().orElseThrow().k()).isEqualTo(4);
    assertThat(a.get(1).fastest().orElseThrow().latencyS()).isCloseTo(0.5, within(1e-12));
  }

  /** Of equally fast k (one round each at P = 4), the fastest answer is the first reaching the target. */
  @Test
  void theFastestOfEquallyFastKIsTheFirst() {
    Reverse.Answer a = Reverse.answer(List.of(BIG), List.of(4), Grid.Kind.ALL, 4, 0.6, BudgetBasis.MEANS,
        new ExactEstimator()).get(0);
    assertThat(a.fastest().orElseThrow().k()).isEqualTo(2);
    assertThat(a.cheapest().orElseThrow().k()).isEqualTo(2);
    assertThat(a.best().k()).isEqualTo(4);
  }

  /** On a percentile basis the coordinates are quantiles; for point masses they equal the means. */
  @Test
  void aPercentileBasisReadsTheQuantiles() {
    BudgetBasis p90 = new BudgetBasis(OptionalDouble.of(0.9), OptionalDouble.of(0.9));
    Reverse.Answer a = Reverse.answer(List.of(BIG), List.of(), Grid.Kind.BATCH, 8, 0.65, p90, new ExactEstimator()).get(0);
    OperatingPoint c = a.cheapest().orElseThrow();
    assertThat(c.costUsd()).isCloseTo(1e-3, within(1e-15));
    assertThat(c.latencyS()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void reasonsWhenNothingReachesTheTarget() {
    Reverse.Answer out = Reverse.answer(List.of(BIG), List.of(), Grid.Kind.BATCH, 8, 0.95, BudgetBasis.MEANS,
        new ExactEstimator()).get(0);
    assertThat(out.cheapest()).isEmpty();
    assertThat(out.fastest()).isEmpty();
    assertThat(out.best().k()).isEqualTo(8);
    assertThat(out.reason()).isEqualTo("not reached for k <= 8: the best is 0.888889 at k = 8");
    Reverse.Answer empty = Reverse.answer(List.of(BIG), List.of(), Grid.Kind.BATCH, 1, 0.5, BudgetBasis.MEANS,
        new ExactEstimator()).get(0);
    assertThat(empty.best()).isNull();
    assertThat(empty.reason()).isEqualTo("the grid is empty (k_max is below P on the batch grid)");
  }

  /**
   * A calibrated profile held beyond k = 8: E[A(k)] = E[A(8)] for k ≥ 8. A target just below it is
   * reached in expectation from k = 8 on, but only by the replicates above it (about half), so a 0.9
   * confidence admits no k; the reason says so. The share is recounted from the replicates here.
   */
  @Test
  void withAConfidenceATargetReachedOnlyInExpectationIsNotReached() {
    ModelProfile m = RobustPlanTest.profile(Calibration.Beyond.HOLD);
    double at8 = m.accuracy().mean(8);
    double target = at8 - 1e-9;
    long share = RobustPlanTest.replicates().stream().filter(r -> r.mean(8) >= target).count();
    assertThat(share).isLessThan(90);
    Reverse.Answer a = Reverse.answer(List.of(m), List.of(4), Grid.Kind.BATCH, 32, target, BudgetBasis.MEANS,
        new ExactEstimator(), Confidence.of(0.9)).get(0);
    assertThat(a.cheapest()).isEmpty();
    assertThat(a.best().k()).isEqualTo(8);
    assertThat(a.pReaches(a.best())).isEqualTo(share / 100.0);
    assertThat(a.reason()).isEqualTo(String.format(java.util.Locale.ROOT, "reached in expectation (at k = 8: %.6f) but"
        + " with probability below the confidence 0.9 for every k <= 32", at8));
    // without the confidence it is reached, at k = 8
    Reverse.Answer plain = Reverse.answer(List.of(m), List.of(4), Grid.Kind.BATCH, 32, target, BudgetBasis.MEANS,
        new ExactEstimator()).get(0);
    assertThat(plain.cheapest().orElseThrow().k()).isEqualTo(8);
    assertThat(plain.reason()).isEqualTo("reached");
  }

  @Test
  void policiesAreAnsweredWhereTheyApply_andRefusedWhereTheyApplyNowhere() {
    ModelProfile scores = ModelProfile.builder("scores").name(null).prices(1e-7, 2e-7).speeds(1e-3, 2e-3)
        .inputTokens(100, 0).outputTokens(200, 0)
        .scores(0.6, 0.1).parallel(2).build();
    List<Reverse.Answer> a = Reverse.answer(List.of(BIG, scores), List.of(), Grid.Kind.BATCH, 8, 0.65,
        BudgetBasis.MEANS, new ExactEstimator(), Confidence.OFF, List.of(Policy.FIXED, Policy.UNTIL_PASS));
    assertThat(a).extracting(x -> x.model() + "/" + x.policy().label())
        .containsExactly("big/fixed", "big/until-pass", "scores/fixed");
    // until-pass keeps pass@k: the same k reaches the target, for less (E[N] = 2 at k = 2)
    assertThat(a.get(1).cheapest().orElseThrow().k()).isEqualTo(2);
    // one model: the refusal is the policy's own, naming the model
    assertThatThrownBy(() -> Reverse.answer(List.of(scores), List.of(), Grid.Kind.BATCH, 8, 0.65, BudgetBasis.MEANS,
        new ExactEstimator(), Confidence.OFF, List.of(Policy.UNTIL_PASS)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("policy = until-pass: does not apply to model scores");
    assertThatThrownBy(() -> Reverse.answer(List.of(scores, BIG), List.of(), Grid.Kind.BATCH, 8, 0.65,
        BudgetBasis.MEANS, new ExactEstimator(), Confidence.OFF, List.of(Policy.UNTIL_DECIDED)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("policy = until-decided: applies to none of the models asked; until-decided applies to majority-vote");
    assertThatThrownBy(() -> Reverse.answer(List.of(BIG), List.of(), Grid.Kind.BATCH, 8, 0, BudgetBasis.MEANS,
        new ExactEstimator())).isInstanceOf(InvalidInputException.class).hasMessageEndingWith("must be a number in (0, 1]");
  }
}
