package io.kstar.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.distribution.Marginal;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Statistic;
import io.kstar.input.InvalidInputException;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** docs/semantics.md §5: a budget is compared with the mean, or with a quantile for a percentile SLO. */
class BudgetBasisTest {

  // cost ~ N(0.2, 0.05²), latency ~ N(10, 2²): the p95 is mean + 1.6448536269514722·sd
  private static final CurvePoint P = new CurvePoint(4, 1,
      Statistic.of(0.2, 0.05, 0, new Marginal.NormalApprox(0.2, 0.05, 0)),
      Statistic.of(10, 2, 0, new Marginal.NormalApprox(10, 2, 0)),
      Statistic.of(0.9, 0.3, 0, new Marginal.Bernoulli(0.9)));

  @Test
  void means_useTheMeans() {
    assertThat(BudgetBasis.MEANS.cost(P)).isEqualTo(0.2);
    assertThat(BudgetBasis.MEANS.latency(P)).isEqualTo(10);
    assertThat(BudgetBasis.MEANS.describeCost(P)).isEqualTo("mean");
    assertThat(BudgetBasis.MEANS.describeLatency(P)).isEqualTo("mean");
  }

  @Test
  void quantiles_useTheDistribution_andSaySo() {
    BudgetBasis p95 = new BudgetBasis(OptionalDouble.of(0.95), OptionalDouble.of(0.5));
    assertThat(p95.cost(P)).isCloseTo(0.2 + 0.05 * 1.6448536269514722, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(p95.latency(P)).isCloseTo(10, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(p95.describeCost(P)).isEqualTo("p95, normal approximation");
    assertThat(p95.describeLatency(P)).isEqualTo("p50, normal approximation");
    BudgetBasis odd = new BudgetBasis(OptionalDouble.empty(), OptionalDouble.of(0.975));
    assertThat(odd.describeLatency(P)).isEqualTo("p97.5, normal approximation");
    assertThat(odd.describeCost(P)).isEqualTo("mean");
    assertThat(odd.cost(P)).isEqualTo(0.2);
  }

  @Test
  void quantilesOutsideTheOpenUnitInterval_areRefused() {
    for (double q : new double[] {0, 1, -0.5, 1.5}) {
      assertThatThrownBy(() -> new BudgetBasis(OptionalDouble.of(q), OptionalDouble.empty()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("cost_quantile = ")
          .hasMessageEndingWith("must be a probability strictly between 0 and 1");
      assertThatThrownBy(() -> new BudgetBasis(OptionalDouble.empty(), OptionalDouble.of(q)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("latency_quantile = ");
    }
  }

  @Test
  void confidence_admitsAtOrAboveItsLevel_andEverythingWhenOff() {
    assertThat(Confidence.OFF.admits(0)).isTrue();
    assertThat(Confidence.of(null)).isEqualTo(Confidence.OFF);
    Confidence c = Confidence.of(0.9);
    assertThat(c.admits(0.9)).isTrue();
    assertThat(c.admits(0.95)).isTrue();
    assertThat(c.admits(Math.nextDown(0.9))).isFalse();
    assertThat(Confidence.of(Math.nextDown(1.0)).level()).hasValue(Math.nextDown(1.0));
  }
}
