package io.kstar.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/semantics.md §5: a budget is three positive finite numbers (accuracy at most 1); a scenario has a
 * name and a budget, an empty description when none is given, and an optional k_max in [1, Grid.MAX_K].
 */
class BudgetContractTest {

  @Test
  void aBudgetKeepsItsThreeNumbers() {
    Budget b = Budget.of(0.25, 30, 0.9);
    assertThat(b.maxCostUsd()).isEqualTo(0.25);
    assertThat(b.maxLatencyS()).isEqualTo(30);
    assertThat(b.minAccuracy()).isEqualTo(0.9);
    assertThat(b).isEqualTo(new Budget(0.25, 30, 0.9));
    // the boundary values the contract allows: accuracy exactly 1, tiny positive cost and time
    assertThat(Budget.of(Double.MIN_VALUE, Double.MIN_VALUE, 1).minAccuracy()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 30, 0.9, max_cost_usd", "-1, 30, 0.9, max_cost_usd", "Infinity, 30, 0.9, max_cost_usd",
    "NaN, 30, 0.9, max_cost_usd", "1, 0, 0.9, max_latency_s", "1, -3, 0.9, max_latency_s",
    "1, Infinity, 0.9, max_latency_s", "1, 30, 0, min_accuracy", "1, 30, 1.0000001, min_accuracy",
    "1, 30, NaN, min_accuracy"
  })
  void eachNumberOutsideItsRange_isRefusedNamingItsField(double cost, double latency, double accuracy, String field) {
    assertThatThrownBy(() -> Budget.of(cost, latency, accuracy))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(field);
  }

  @Test
  void aScenarioNeedsANameAndABudget_andDefaultsItsDescription() {
    Budget b = Budget.of(1, 10, 0.5);
    Scenario s = new Scenario("chat", null, b, OptionalInt.empty());
    assertThat(s.description()).isEmpty();
    assertThat(new Scenario("chat", "interactive", b, OptionalInt.of(8)).description()).isEqualTo("interactive");
    assertThatThrownBy(() -> new Scenario(null, "", b, OptionalInt.empty())).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> new Scenario("chat", "", null, OptionalInt.empty())).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("budget");
  }

  @Test
  void aScenariosKMax_isAnIntegerInOneToTheGridsMaximum() {
    Budget b = Budget.of(1, 10, 0.5);
    assertThat(new Scenario("a", "", b, OptionalInt.of(1)).kMax()).hasValue(1);
    assertThat(new Scenario("a", "", b, OptionalInt.of(Grid.MAX_K)).kMax()).hasValue(Grid.MAX_K);
    assertThatThrownBy(() -> new Scenario("a", "", b, OptionalInt.of(0))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("k_max");
    assertThatThrownBy(() -> new Scenario("a", "", b, OptionalInt.of(Grid.MAX_K + 1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("k_max");
  }
}
