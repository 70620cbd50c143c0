package io.kstar.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The selector registry's own operations: with, only, find, require, and refusing a repeated id. */
class SelectorsRegistryTest {

  @Test
  void with_addsLast_only_keepsTheRegistrysOrder_findAndRequire_lookUpById() {
    Selectors paper = Selectors.PAPER;
    Selectors more = paper.with(new MinCost());
    assertThat(more.ids()).containsExactlyElementsOf(
        java.util.stream.Stream.concat(paper.ids().stream(), java.util.stream.Stream.of("min-cost")).toList());
    assertThat(paper.ids()).doesNotContain("min-cost");
    // only: the registry's order, not the order asked, and nothing not asked
    Selectors two = Selectors.REGISTRY.only(List.of("min-cost", "accuracy-max"));
    assertThat(two.ids()).containsExactly("accuracy-max", "min-cost");
    assertThat(Selectors.REGISTRY.only(List.of()).ids()).isEmpty();
    assertThat(Selectors.REGISTRY.find("knee")).get().extracting(Selector::id).isEqualTo("knee");
    assertThat(Selectors.REGISTRY.find("kne")).isEmpty();
    assertThat(Selectors.REGISTRY.require("selectors", "cube").id()).isEqualTo("cube");
    assertThatThrownBy(() -> Selectors.REGISTRY.require("selectors", "kne"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.getMessage()).contains("selectors").contains("kne");
          assertThat(e.allowed()).contains("must be one of").contains("knee");
        });
    assertThatThrownBy(() -> paper.with(new Cube())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cube");
  }
}
