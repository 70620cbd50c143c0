package io.kstar.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** docs/semantics.md §8: a refused value names its field, the value and what is allowed. */
class CheckTest {

  @Test
  void boundsAreInclusiveOrExclusiveAsDocumented() {
    assertThat(Check.finiteNonNegative("f", 0)).isZero();
    assertThat(Check.atLeast("f", 1, 1, " tokens")).isEqualTo(1);
    assertThat(Check.positiveFinite("f", Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
    assertThat(Check.unitInterval("f", 0)).isZero();
    assertThat(Check.unitInterval("f", 1)).isEqualTo(1);
    assertThat(Check.probabilityOpen("f", 1)).isEqualTo(1);
    assertThat(Check.intInRange("f", 3, 3, 5)).isEqualTo(3);
    assertThat(Check.intInRange("f", 5, 3, 5)).isEqualTo(5);
  }

  @Test
  void refusals_sayFieldValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> Check.finiteNonNegative("c_in", -1))
        .hasMessage("c_in = -1: must be a finite number >= 0");
    assertThatThrownBy(() -> Check.finiteNonNegative("c_in", Double.NaN))
        .hasMessage("c_in = NaN: must be a finite number >= 0");
    assertThatThrownBy(() -> Check.atLeast("mu_Lin", 0.5, 1, " tokens"))
        .hasMessage("mu_Lin = 0.5: must be a finite number >= 1 tokens");
    assertThatThrownBy(() -> Check.atLeast("mu_Lin", Double.POSITIVE_INFINITY, 1, ""))
        .hasMessage("mu_Lin = Infinity: must be a finite number >= 1");
    assertThatThrownBy(() -> Check.positiveFinite("max_cost_usd", 0))
        .hasMessage("max_cost_usd = 0: must be a positive finite number");
    assertThatThrownBy(() -> Check.positiveFinite("max_cost_usd", Double.POSITIVE_INFINITY))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Check.unitInterval("acc_mean", 1.5))
        .hasMessage("acc_mean = 1.5: must be a number in [0, 1]");
    assertThatThrownBy(() -> Check.unitInterval("acc_mean", -0.1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Check.unitInterval("acc_mean", Double.NaN)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Check.probabilityOpen("min_accuracy", 0))
        .hasMessage("min_accuracy = 0: must be a number in (0, 1]");
    assertThatThrownBy(() -> Check.probabilityOpen("min_accuracy", 1.01)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Check.probabilityOpen("min_accuracy", Double.NaN)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Check.intInRange("n", 2, 3, 5)).hasMessage("n = 2: must be an integer in [3, 5]");
    assertThatThrownBy(() -> Check.intInRange("n", 6, 3, 5)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void fmt_writesWholeNumbersWithoutAFraction() {
    assertThat(Check.fmt(3)).isEqualTo("3");
    assertThat(Check.fmt(-2)).isEqualTo("-2");
    assertThat(Check.fmt(0.25)).isEqualTo("0.25");
    assertThat(Check.fmt(1e15)).isEqualTo("1.0E15");
    assertThat(Check.fmt(999_999_999_999_999.0)).isEqualTo("999999999999999");
    assertThat(Check.fmt(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void eachRule_refusesItsBoundary_andAdmitsTheValueJustInside() {
    // finite number >= 0: the closed bound 0 is in, the nearest double below it is out
    assertThat(Check.finiteNonNegative("f", Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
    assertThat(Check.finiteNonNegative("f", Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE);
    assertThatThrownBy(() -> Check.finiteNonNegative("f", -Double.MIN_VALUE))
        .hasMessage("f = " + -Double.MIN_VALUE + ": must be a finite number >= 0");
    assertThatThrownBy(() -> Check.finiteNonNegative("f", Double.POSITIVE_INFINITY))
        .hasMessage("f = Infinity: must be a finite number >= 0");
    // >= min
    assertThat(Check.atLeast("f", Math.nextUp(1.0), 1, "")).isEqualTo(Math.nextUp(1.0));
    assertThatThrownBy(() -> Check.atLeast("f", Math.nextDown(1.0), 1, " tokens"))
        .hasMessage("f = " + Math.nextDown(1.0) + ": must be a finite number >= 1 tokens");
    assertThatThrownBy(() -> Check.atLeast("f", Double.NaN, 1, "")).hasMessage("f = NaN: must be a finite number >= 1");
    assertThat(Check.atLeast("f", 0.25, 0.25, "")).isEqualTo(0.25);
    assertThatThrownBy(() -> Check.atLeast("f", 0.125, 0.25, "")).hasMessage("f = 0.125: must be a finite number >= 0.25");
    // > 0: the open bound 0 is out, the smallest positive double in
    assertThatThrownBy(() -> Check.positiveFinite("f", -1)).hasMessage("f = -1: must be a positive finite number");
    assertThatThrownBy(() -> Check.positiveFinite("f", Double.NaN)).hasMessage("f = NaN: must be a positive finite number");
    assertThat(Check.positiveFinite("f", 2.5)).isEqualTo(2.5);
    // [0, 1]: both bounds in, their outer neighbours out
    assertThat(Check.unitInterval("f", 0.5)).isEqualTo(0.5);
    assertThatThrownBy(() -> Check.unitInterval("f", Math.nextUp(1.0)))
        .hasMessage("f = " + Math.nextUp(1.0) + ": must be a number in [0, 1]");
    assertThatThrownBy(() -> Check.unitInterval("f", -Double.MIN_VALUE)).hasMessageEndingWith("must be a number in [0, 1]");
    assertThatThrownBy(() -> Check.unitInterval("f", Double.POSITIVE_INFINITY)).hasMessage("f = Infinity: must be a number in [0, 1]");
    // (0, 1]: 0 out, the smallest positive double in, 1 in, its upper neighbour out
    assertThat(Check.probabilityOpen("f", Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
    assertThat(Check.probabilityOpen("f", 0.5)).isEqualTo(0.5);
    assertThatThrownBy(() -> Check.probabilityOpen("f", Math.nextUp(1.0)))
        .hasMessage("f = " + Math.nextUp(1.0) + ": must be a number in (0, 1]");
    assertThatThrownBy(() -> Check.probabilityOpen("f", -0.5)).hasMessage("f = -0.5: must be a number in (0, 1]");
    assertThatThrownBy(() -> Check.probabilityOpen("f", Double.POSITIVE_INFINITY))
        .hasMessage("f = Infinity: must be a number in (0, 1]");
    // integers in [min, max]
    assertThat(Check.intInRange("f", 4, 3, 5)).isEqualTo(4);
    assertThat(Check.intInRange("f", -2, -3, 5)).isEqualTo(-2);
    assertThatThrownBy(() -> Check.intInRange("f", 6, 3, 5)).hasMessage("f = 6: must be an integer in [3, 5]");
    assertThatThrownBy(() -> Check.intInRange("f", Long.MAX_VALUE, 1, 5))
        .hasMessage("f = " + Long.MAX_VALUE + ": must be an integer in [1, 5]");
  }
}
