package io.kstar.parameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * A {@link Range} is the set it declares: [min, max] or (min, max], finite values only, whole numbers
 * when integer. Each bound is probed at the bound and at its nearest double on either side.
 */
class RangeTest {

  @Test
  void closedLowerBound_admitsTheBound_andRefusesTheDoubleBelow() {
    Range r = Range.atLeast(1, " (tokens)");
    assertThat(r.admits(1)).isTrue();
    assertThat(r.admits(Math.nextDown(1.0))).isFalse();
    assertThat(r.admits(1e300)).isTrue();
    assertThat(r.admits(Double.POSITIVE_INFINITY)).isFalse();
    assertThat(r.admits(Double.NaN)).isFalse();
    assertThat(Range.nonNegative().admits(0)).isTrue();
    assertThat(Range.nonNegative().admits(-Double.MIN_VALUE)).isFalse();
  }

  @Test
  void openLowerBound_refusesTheBound_andAdmitsTheDoubleAbove() {
    Range r = Range.positive();
    assertThat(r.admits(0)).isFalse();
    assertThat(r.admits(Double.MIN_VALUE)).isTrue();
    Range p = Range.positiveAtMost(5, "");
    assertThat(p.admits(0)).isFalse();
    assertThat(p.admits(Double.MIN_VALUE)).isTrue();
    assertThat(p.admits(5)).isTrue();
    assertThat(p.admits(Math.nextUp(5.0))).isFalse();
  }

  @Test
  void upperBound_isClosed() {
    Range r = Range.between(-2, 3, "");
    assertThat(r.admits(3)).isTrue();
    assertThat(r.admits(Math.nextUp(3.0))).isFalse();
    assertThat(r.admits(-2)).isTrue();
    assertThat(r.admits(Math.nextDown(-2.0))).isFalse();
    assertThat(Range.unitInterval().admits(1)).isTrue();
    assertThat(Range.unitInterval().admits(Math.nextUp(1.0))).isFalse();
  }

  @Test
  void integers_admitWholeNumbersInRangeOnly() {
    Range r = Range.integers(1, 64);
    assertThat(r.admits(1)).isTrue();
    assertThat(r.admits(64)).isTrue();
    assertThat(r.admits(0)).isFalse();
    assertThat(r.admits(65)).isFalse();
    assertThat(r.admits(2.5)).isFalse();
    assertThat(r.admits(Math.nextUp(2.0))).isFalse();
    // a non-integer range admits fractions
    assertThat(Range.between(1, 64, "").admits(2.5)).isTrue();
  }

  @Test
  void allowed_statesTheSetInWords() {
    assertThat(Range.integers(1, 64).allowed()).isEqualTo("must be an integer in [1, 64]");
    assertThat(Range.unitInterval().allowed()).isEqualTo("must be a number in [0, 1]");
    // [0, 1] with a note is written as any bounded range, with its note
    assertThat(Range.between(0, 1, " (USD per token)").allowed()).isEqualTo("must be a number in [0, 1] (USD per token)");
    assertThat(Range.between(0, 100, " (s)").allowed()).isEqualTo("must be a number in [0, 100] (s)");
    assertThat(Range.between(0.5, 1, "").allowed()).isEqualTo("must be a number in [0.5, 1]");
    assertThat(Range.between(0, 2, "").allowed()).isEqualTo("must be a number in [0, 2]");
    assertThat(new Range(0, true, 1, false, "").allowed()).isEqualTo("must be a number in (0, 1]");
    assertThat(Range.positiveAtMost(1e9, "").allowed()).isEqualTo("must be a number in (0, 1000000000]");
    assertThat(Range.positive().allowed()).isEqualTo("must be a positive finite number");
    assertThat(new Range(2, true, Double.POSITIVE_INFINITY, false, " x").allowed())
        .isEqualTo("must be a finite number >= 2 x");
    assertThat(Range.nonNegative().allowed()).isEqualTo("must be a finite number >= 0");
    assertThat(Range.atLeast(1, " (tokens)").allowed()).isEqualTo("must be a finite number >= 1 (tokens)");
  }

  @Test
  void check_returnsAnAdmittedValue_andOtherwiseNamesFieldValueAndRange() {
    assertThat(Range.unitInterval().check("acc_mean", 0.25)).isEqualTo(0.25);
    assertThatThrownBy(() -> Range.unitInterval().check("acc_mean", 1.5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("acc_mean = 1.5: must be a number in [0, 1]");
    assertThatThrownBy(() -> Range.integers(1, 64).check("wrong_answers", 0))
        .hasMessage("wrong_answers = 0: must be an integer in [1, 64]");
  }

  @Test
  void clip_isTheNearestAdmittedValue() {
    Range r = Range.between(1, 10, "");
    assertThat(r.clip(0)).isEqualTo(1);
    assertThat(r.clip(1)).isEqualTo(1);
    assertThat(r.clip(5.5)).isEqualTo(5.5);
    assertThat(r.clip(10)).isEqualTo(10);
    assertThat(r.clip(11)).isEqualTo(10);
    // an open bound stays open: the nearest admitted value is the next double above it
    Range open = Range.positiveAtMost(2, "");
    assertThat(open.clip(0)).isEqualTo(Double.MIN_VALUE);
    assertThat(open.clip(-3)).isEqualTo(Double.MIN_VALUE);
    assertThat(open.clip(1)).isEqualTo(1);
    assertThat(open.admits(open.clip(0))).isTrue();
    Range openAt1 = new Range(1, true, 2, false, "");
    assertThat(openAt1.clip(1)).isEqualTo(Math.nextUp(1.0));
    // whole numbers are rounded to the nearest
    Range ints = Range.integers(1, 64);
    assertThat(ints.clip(2.4)).isEqualTo(2);
    assertThat(ints.clip(2.6)).isEqualTo(3);
    assertThat(ints.clip(100)).isEqualTo(64);
    assertThat(ints.clip(-5)).isEqualTo(1);
  }
}
