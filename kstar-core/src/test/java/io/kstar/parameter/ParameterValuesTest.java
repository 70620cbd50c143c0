package io.kstar.parameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameter values: numbers and lists by name, in declaration order, lists copied in and out, equal by content. */
class ParameterValuesTest {

  @Test
  void numbersAndLists_readBackAsWritten_inOrder() {
    ParameterValues v = ParameterValues.builder().number("b", 2.5).list("a", new double[] {1, 2}).number("n", 3).build();
    assertThat(v.has("b")).isTrue();
    assertThat(v.has("z")).isFalse();
    assertThat(v.number("b")).isEqualTo(2.5);
    assertThat(v.integer("n")).isEqualTo(3);
    assertThat(v.list("a")).containsExactly(1, 2);
    assertThat(v.get("b")).isEqualTo(2.5);
    assertThat(v.get("z")).isNull();
    assertThat(List.copyOf(v.asMap().keySet())).containsExactly("b", "a", "n");
    assertThat(v).hasToString("{b=2.5, a=2 values, n=3.0}");
    assertThat(ParameterValues.builder().build()).hasToString("{}");
  }

  @Test
  void aNumberIsNotAList_norTheOtherWayRound() {
    ParameterValues v = ParameterValues.builder().number("x", 1).list("l", new double[] {1}).build();
    assertThatThrownBy(() -> v.list("x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no list x");
    assertThatThrownBy(() -> v.number("l")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no number l");
    assertThatThrownBy(() -> v.number("missing")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lists_areCopiedInAndOut() {
    double[] in = {1, 2, 3};
    ParameterValues v = ParameterValues.builder().list("l", in).build();
    in[0] = 99;
    assertThat(v.list("l")).containsExactly(1, 2, 3);
    v.list("l")[1] = 99;
    assertThat(v.list("l")).containsExactly(1, 2, 3);
  }

  @Test
  void with_changesOneNumber_andLeavesTheOriginal() {
    ParameterValues v = ParameterValues.builder().number("a", 1).number("b", 2).build();
    ParameterValues w = v.with("a", 5);
    assertThat(w.number("a")).isEqualTo(5);
    assertThat(w.number("b")).isEqualTo(2);
    assertThat(v.number("a")).isEqualTo(1);
    assertThat(List.copyOf(w.asMap().keySet())).containsExactly("a", "b");
  }

  @Test
  void equality_isByContent_listsIncluded() {
    ParameterValues a = ParameterValues.builder().number("x", 1).list("l", new double[] {1, 2}).build();
    ParameterValues b = ParameterValues.builder().number("x", 1).list("l", new double[] {1, 2}).build();
    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a).isNotEqualTo(ParameterValues.builder().number("x", 1).list("l", new double[] {1, 3}).build());
    assertThat(a).isNotEqualTo(ParameterValues.builder().number("x", 2).list("l", new double[] {1, 2}).build());
    assertThat(a).isNotEqualTo(ParameterValues.builder().number("x", 1).build());
    assertThat(a).isNotEqualTo(ParameterValues.builder().number("y", 1).list("l", new double[] {1, 2}).build());
    // a list and a number under the same name differ
    assertThat(ParameterValues.builder().number("l", 1).build())
        .isNotEqualTo(ParameterValues.builder().list("l", new double[] {1}).build());
    assertThat(a).isNotEqualTo("x=1");
  }
}
