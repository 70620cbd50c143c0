package io.kstar.space;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.budget.Budget;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfeasibilityTest {

  @Test
  void printedRelaxation_admitsThePointWhenTyped() {
    assertThat(Infeasibility.fmt(21.504, RoundingMode.CEILING)).isEqualTo("21.504");
    assertThat(Infeasibility.fmt(0.1234567, RoundingMode.CEILING)).isEqualTo("0.123457");
    assertThat(Infeasibility.fmt(0.1234564, RoundingMode.CEILING)).isEqualTo("0.123457");
    assertThat(Infeasibility.fmt(0.9876549, RoundingMode.FLOOR)).isEqualTo("0.987654");
  }

  @Test
  void latencyBinds_whenOnlyLatencyKeepsEveryKOut() {
    List<OperatingPoint> grid = List.of(new OperatingPoint("m", 4, 0.1, 20, 0.95), new OperatingPoint("m", 8, 0.2, 40, 0.97));
    Infeasibility inf = FeasibleSpace.of(Budget.of(1, 15, 0.9), grid).infeasibility().orElseThrow();
    assertThat(inf.binding()).containsExactly("max_latency_s");
    assertThat(inf.maxLatencySNeeded().getAsDouble()).isEqualTo(20);
    assertThat(inf.maxCostUsdNeeded()).isEmpty();
    assertThat(inf.reason()).contains("max_latency_s >= 20");
  }

  @Test
  void noSingleBudgetBinds_whenEveryKBreaksTwo() {
    List<OperatingPoint> grid = List.of(new OperatingPoint("m", 4, 2, 20, 0.5));
    Infeasibility inf = FeasibleSpace.of(Budget.of(1, 15, 0.9), grid).infeasibility().orElseThrow();
    assertThat(inf.binding()).isEmpty();
    assertThat(inf.reason()).contains("two or more");
  }
}
