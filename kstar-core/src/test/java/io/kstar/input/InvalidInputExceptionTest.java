package io.kstar.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md §8: a refused value carries where it came from, the field's key path, the value as
 * given and what is allowed, and its message says all four in that order.
 */
class InvalidInputExceptionTest {

  @Test
  void message_isSourceFieldValueAndWhatIsAllowed() {
    var e = new InvalidInputException("models.yaml", "models.gpt5.acc_std", "-1", "must be a finite number >= 0");
    assertThat(e).hasMessage("models.yaml: models.gpt5.acc_std = -1: must be a finite number >= 0");
    assertThat(e.source()).contains("models.yaml");
    assertThat(e.field()).isEqualTo("models.gpt5.acc_std");
    assertThat(e.value()).contains("-1");
    assertThat(e.allowed()).isEqualTo("must be a finite number >= 0");
  }

  @Test
  void aFlag_hasNoSource_andAMissingValue_noValue() {
    var e = InvalidInputException.of("--k-max", null, "is missing");
    assertThat(e).hasMessage("--k-max: is missing");
    assertThat(e.source()).isEmpty();
    assertThat(e.value()).isEmpty();
    // a value is written as String.valueOf of what was given
    assertThat(InvalidInputException.of("n", 7, "x").value()).contains("7");
  }

  @Test
  void theWholeDocument_isNamedAsSuch() {
    assertThat(new InvalidInputException("f.yaml", "", null, "is not valid YAML"))
        .hasMessage("f.yaml: (document): is not valid YAML");
  }

  @Test
  void under_placesThePathBelowAPrefix_andKeepsEverythingElse() {
    var e = new InvalidInputException("f.yaml", "acc_std", "-1", "must be >= 0").under("models.gpt5");
    assertThat(e.field()).isEqualTo("models.gpt5.acc_std");
    assertThat(e.source()).contains("f.yaml");
    assertThat(e.value()).contains("-1");
    assertThat(e.allowed()).isEqualTo("must be >= 0");
    assertThat(e).hasMessage("f.yaml: models.gpt5.acc_std = -1: must be >= 0");
    // a problem of the whole (empty path) becomes a problem of the prefix itself, with no trailing dot
    assertThat(InvalidInputException.of("", null, "is empty").under("models").field()).isEqualTo("models");
  }

  @Test
  void in_attributesToASource_andKeepsEverythingElse() {
    var e = InvalidInputException.of("c_in", "-1", "must be >= 0").in("a.yaml");
    assertThat(e.source()).contains("a.yaml");
    assertThat(e.field()).isEqualTo("c_in");
    assertThat(e.value()).contains("-1");
    assertThat(e).hasMessage("a.yaml: c_in = -1: must be >= 0");
  }

  @Test
  void requiredParts_areRequired() {
    assertThatThrownBy(() -> new InvalidInputException(null, null, "1", "x")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new InvalidInputException(null, "f", "1", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aLoneProblem_standsForItselfOnly() {
    var e = InvalidInputException.of("a", 1, "x");
    assertThat(e.problems()).containsExactly(e);
  }

  @Test
  void collector_keepsEveryProblem_inOrder_andThrowsTheFirstCarryingTheOthers() {
    var c = new InvalidInputException.Collector();
    assertThat(c.ok()).isTrue();
    c.throwIfAny(); // nothing found: nothing thrown
    assertThat(c.<Integer>check(() -> 5)).isEqualTo(5);
    assertThat(c.ok()).isTrue();
    var a = InvalidInputException.of("a", 1, "x");
    var b = InvalidInputException.of("b", 2, "y");
    var d = InvalidInputException.of("d", 3, "z");
    assertThat(c.<Integer>check(() -> { throw a; })).isNull();
    assertThat(c.ok()).isFalse();
    assertThat(c.<Integer>check(() -> 6)).isEqualTo(6);
    assertThat(c.<Integer>check(() -> { throw b; })).isNull();
    assertThat(c.<Integer>check(() -> { throw d; })).isNull();
    assertThatThrownBy(c::throwIfAny).isSameAs(a);
    assertThat(a.problems()).containsExactly(a, b, d);
  }

  @Test
  void collector_flattensAProblemThatAlreadyCarriesOthers() {
    var inner = new InvalidInputException.Collector();
    var a = InvalidInputException.of("a", 1, "x");
    var b = InvalidInputException.of("b", 2, "y");
    inner.check(() -> { throw a; });
    inner.check(() -> { throw b; });
    var outer = new InvalidInputException.Collector();
    var c = InvalidInputException.of("c", 3, "z");
    outer.check(() -> { inner.throwIfAny(); return null; });
    outer.check(() -> { throw c; });
    assertThatThrownBy(outer::throwIfAny).isSameAs(a);
    assertThat(a.problems()).extracting(InvalidInputException::field).isEqualTo(List.of("a", "b", "c"));
  }

  @Test
  void otherExceptions_passThroughTheCollector() {
    var c = new InvalidInputException.Collector();
    assertThatThrownBy(() -> c.check(() -> { throw new IllegalStateException("bug"); }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(c.ok()).isTrue();
  }
}
