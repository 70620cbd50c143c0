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

  /** At a traffic a point past capacity has no finite latency: no budget admits it, and the reason says which. */
  @Test
  void pointsWithNoFiniteLatency_areNamed_andNeverSetALatencyNeeded() {
    double inf = Double.POSITIVE_INFINITY;
    List<OperatingPoint> all = List.of(new OperatingPoint("m", 8, 0.1, inf, 0.95), new OperatingPoint("m", 16, 0.2, inf, 0.97));
    Infeasibility only = FeasibleSpace.of(Budget.of(1, 15, 0.9), all).infeasibility().orElseThrow();
    assertThat(only.maxLatencySNeeded()).isEmpty();
    assertThat(only.binding()).isEmpty();
    assertThat(only.reason()).isEqualTo("no k is feasible: no finite latency at k = 8, 16 (past the server's capacity:"
        + " see the notes)");
    List<OperatingPoint> mixed = List.of(new OperatingPoint("m", 4, 2, 20, 0.5), new OperatingPoint("m", 8, 0.1, inf, 0.95));
    Infeasibility some = FeasibleSpace.of(Budget.of(1, 15, 0.9), mixed).infeasibility().orElseThrow();
    assertThat(some.reason()).isEqualTo("no k is feasible: no finite latency at k = 8 (past the server's capacity: see"
        + " the notes), and every other k breaks two or more budgets");
    List<OperatingPoint> binding = List.of(new OperatingPoint("m", 4, 0.1, 20, 0.95), new OperatingPoint("m", 8, 0.2, inf, 0.97));
    Infeasibility latency = FeasibleSpace.of(Budget.of(1, 15, 0.9), binding).infeasibility().orElseThrow();
    assertThat(latency.maxLatencySNeeded().getAsDouble()).isEqualTo(20);
    assertThat(latency.reason()).contains("max_latency_s >= 20").endsWith("(no finite latency at k = 8: past the server's"
        + " capacity)");
  }
}
