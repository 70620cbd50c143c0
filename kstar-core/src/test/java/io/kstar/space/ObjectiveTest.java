package io.kstar.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.budget.Budget;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** docs/semantics.md §5: cost and latency are ceilings, accuracy a floor; one place says so. */
class ObjectiveTest {

  private static final Budget B = Budget.of(0.5, 40, 0.8);

  private static OperatingPoint p(double c, double t, double a) {
    return new OperatingPoint("m", 4, c, t, a);
  }

  @Test
  void directionsAndFields() {
    assertThat(Objective.ALL).containsExactly(Objective.COST, Objective.LATENCY, Objective.ACCURACY);
    assertThat(Objective.COST.minimised()).isTrue();
    assertThat(Objective.LATENCY.minimised()).isTrue();
    assertThat(Objective.ACCURACY.minimised()).isFalse();
    assertThat(Objective.ALL.stream().map(Objective::budgetField))
        .containsExactly("max_cost_usd", "max_latency_s", "min_accuracy");
    assertThat(Objective.COST.budget(B)).isEqualTo(0.5);
    assertThat(Objective.LATENCY.budget(B)).isEqualTo(40);
    assertThat(Objective.ACCURACY.budget(B)).isEqualTo(0.8);
  }

  @Test
  void canonicalForm_negatesAccuracyOnly() {
    OperatingPoint x = p(0.2, 10, 0.9);
    assertThat(x.canonical()).containsExactly(0.2, 10, -0.9);
  }

  @Test
  void scaled_isAShareOfTheCeiling_orTheAccuracyItself() {
    OperatingPoint x = p(0.2, 10, 0.9);
    assertThat(Objective.COST.scaled(x, B)).isEqualTo(0.4);
    assertThat(Objective.LATENCY.scaled(x, B)).isEqualTo(0.25);
    assertThat(Objective.ACCURACY.scaled(x, B)).isEqualTo(0.9);
  }

  @Test
  void meets_admitsTiesOnEverySide() {
    assertThat(Objective.COST.meets(0.5, B)).isTrue();
    assertThat(Objective.COST.meets(Math.nextUp(0.5), B)).isFalse();
    assertThat(Objective.LATENCY.meets(40, B)).isTrue();
    assertThat(Objective.LATENCY.meets(Math.nextUp(40.0), B)).isFalse();
    assertThat(Objective.ACCURACY.meets(0.8, B)).isTrue();
    assertThat(Objective.ACCURACY.meets(Math.nextDown(0.8), B)).isFalse();
    assertThat(Objective.admits(B, p(0.5, 40, 0.8))).isTrue();
    assertThat(Objective.admits(B, p(0.51, 40, 0.8))).isFalse();
    assertThat(Objective.admits(B, p(0.5, 41, 0.8))).isFalse();
    assertThat(Objective.admits(B, p(0.5, 40, 0.79))).isFalse();
  }

  @Test
  void better_isStrict_inTheObjectivesDirection() {
    assertThat(Objective.COST.better(1, 2)).isTrue();
    assertThat(Objective.COST.better(2, 2)).isFalse();
    assertThat(Objective.COST.better(3, 2)).isFalse();
    assertThat(Objective.ACCURACY.better(0.9, 0.8)).isTrue();
    assertThat(Objective.ACCURACY.better(0.8, 0.8)).isFalse();
    assertThat(Objective.ACCURACY.better(0.7, 0.8)).isFalse();
  }

  @Test
  void slack_isTheShareOfTheBudgetLeft_andOfTheHeadroomForAccuracy() {
    OperatingPoint x = p(0.2, 30, 0.9);
    assertThat(Objective.COST.slack(x, B)).isCloseTo(0.6, within(1e-15));
    assertThat(Objective.LATENCY.slack(x, B)).isCloseTo(0.25, within(1e-15));
    // (0.9 - 0.8) / (1 - 0.8)
    assertThat(Objective.ACCURACY.slack(x, B)).isCloseTo(0.5, within(1e-12));
    assertThat(Objective.ACCURACY.slack(p(0.2, 30, 0.7), B)).isCloseTo(-0.5, within(1e-12));
    // a floor of 1 leaves no headroom: met (slack 1) or not (-1)
    Budget perfect = Budget.of(0.5, 40, 1.0);
    assertThat(Objective.ACCURACY.slack(p(0.2, 30, 1.0), perfect)).isEqualTo(1);
    assertThat(Objective.ACCURACY.slack(p(0.2, 30, 0.999), perfect)).isEqualTo(-1);
  }

  @Test
  void with_changesOneBoundOnly() {
    assertThat(Objective.COST.with(B, 0.7)).isEqualTo(Budget.of(0.7, 40, 0.8));
    assertThat(Objective.LATENCY.with(B, 7)).isEqualTo(Budget.of(0.5, 7, 0.8));
    assertThat(Objective.ACCURACY.with(B, 0.95)).isEqualTo(Budget.of(0.5, 40, 0.95));
  }

  @Test
  void relaxationAndRounding_keepTheAdmittingSide() {
    assertThat(Objective.COST.admittingRounding()).isEqualTo(RoundingMode.CEILING);
    assertThat(Objective.LATENCY.admittingRounding()).isEqualTo(RoundingMode.CEILING);
    assertThat(Objective.ACCURACY.admittingRounding()).isEqualTo(RoundingMode.FLOOR);
    assertThat(Objective.COST.relaxation("0.2")).isEqualTo("max_cost_usd >= 0.2");
    assertThat(Objective.ACCURACY.relaxation("0.9")).isEqualTo("min_accuracy <= 0.9");
  }

  @Test
  void dominance_needsNoWorseEverywhereAndBetterSomewhere() {
    OperatingPoint a = p(0.2, 10, 0.9);
    assertThat(a.dominates(a)).isFalse();
    assertThat(a.dominates(p(0.3, 10, 0.9))).isTrue();
    assertThat(a.dominates(p(0.2, 11, 0.9))).isTrue();
    assertThat(a.dominates(p(0.2, 10, 0.8))).isTrue();
    assertThat(a.dominates(p(0.1, 20, 0.95))).isFalse();
    assertThat(p(0.3, 10, 0.9).dominates(a)).isFalse();
    assertThat(p(0.1, 10, 0.8).dominates(a)).isFalse();
    assertThat(new OperatingPoint("m", 4, 0.1, 1, 0.5).parallel()).isZero();
  }

  @Property(tries = 300, seed = "16")
  void dominance_isAntisymmetric(
      @ForAll @DoubleRange(min = 0, max = 1) double c1, @ForAll @DoubleRange(min = 0, max = 1) double c2,
      @ForAll @DoubleRange(min = 0, max = 1) double a1, @ForAll @DoubleRange(min = 0, max = 1) double a2) {
    OperatingPoint x = p(c1, 1, a1);
    OperatingPoint y = p(c2, 1, a2);
    assertThat(x.dominates(y) && y.dominates(x)).isFalse();
    assertThat(x.dominates(y)).isEqualTo(c1 <= c2 && a1 >= a2 && (c1 < c2 || a1 > a2));
  }
}
