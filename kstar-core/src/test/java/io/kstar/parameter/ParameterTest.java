package io.kstar.parameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** A parameter declaration: its shape follows its range, it is required unless defaulted or optional. */
class ParameterTest {

  private static final Parameter MEAN = Parameter.number("mean", "mu_L{side}", "mean", "tokens",
      Range.atLeast(1, ""), "mean length");

  @Test
  void shape_isIntegerExactlyForAnIntegerRange() {
    assertThat(Parameter.number("n", "n", "n", "", Range.integers(1, 5), "").shape()).isEqualTo(Shape.INTEGER);
    assertThat(MEAN.shape()).isEqualTo(Shape.NUMBER);
  }

  @Test
  void required_unlessItHasADefault_orIsOptional() {
    assertThat(MEAN.required()).isTrue();
    assertThat(MEAN.defaultValue()).isEmpty();
    Parameter d = MEAN.withDefault(3);
    assertThat(d.required()).isFalse();
    assertThat(d.defaultValue()).isEqualTo(OptionalDouble.of(3));
    assertThat(d.optional()).isFalse();
    Parameter o = MEAN.asOptional();
    assertThat(o.required()).isFalse();
    assertThat(o.optional()).isTrue();
    assertThat(o.defaultValue()).isEmpty();
    // the rest of the declaration is kept
    assertThat(o.withDefault(2)).extracting(Parameter::name, Parameter::flatKey, Parameter::unit, Parameter::range)
        .containsExactly("mean", "mu_L{side}", "tokens", Range.atLeast(1, ""));
  }

  @Test
  void flatKey_ofASide_fillsTheTemplate() {
    assertThat(MEAN.flatKey("in")).isEqualTo("mu_Lin");
    assertThat(MEAN.flatKey("out")).isEqualTo("mu_Lout");
    assertThat(MEAN.flatKey()).isEqualTo("mu_L{side}");
  }

  @Test
  void unitAndDescription_defaultToEmpty_andTheRestIsRequired() {
    Parameter p = new Parameter("x", Shape.NUMBER, "x", "x", null, Range.positive(), null, OptionalDouble.empty(), false);
    assertThat(p.unit()).isEmpty();
    assertThat(p.description()).isEmpty();
    assertThatThrownBy(() -> new Parameter(null, Shape.NUMBER, "x", "x", "", Range.positive(), "", OptionalDouble.empty(), false))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Parameter("x", Shape.NUMBER, "x", "x", "", null, "", OptionalDouble.empty(), false))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void check_namesTheParameter() {
    assertThat(MEAN.check(1)).isEqualTo(1);
    assertThatThrownBy(() -> MEAN.check(0.5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("mean = 0.5: must be a finite number >= 1");
  }
}
