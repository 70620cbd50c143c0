package io.kstar.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.catalog.CatalogReader;
import io.kstar.input.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A figure changed through {@link Figures#with} reads back as set, and nothing else moves. */
class FiguresTest {

  private static final Catalog CATALOG = CatalogReader.embedded();

  @Test
  void everyFigureOfEveryModel_roundTrips_andLeavesTheOthers() {
    for (ModelProfile m : CATALOG.models()) {
      List<Figures.Figure> before = Figures.of(m);
      assertThat(before).extracting(Figures.Figure::key).startsWith("c_in", "c_out", "t_in", "t_out");
      for (Figures.Figure f : before) {
        double v = f.parameter().range().clip(f.value() == 0 ? 0.5 : f.value() * 0.75);
        ModelProfile changed = Figures.with(m, f.key(), v);
        assertThat(Figures.get(changed, f.key()).value()).as("%s %s", m.id(), f.key()).isEqualTo(v);
        assertThat(changed.id()).isEqualTo(m.id());
        for (Figures.Figure other : before) {
          if (!other.key().equals(f.key())) {
            assertThat(Figures.get(changed, other.key()).value()).as("%s: %s after %s", m.id(), other.key(), f.key())
                .isEqualTo(other.value());
          }
        }
        assertThat(changed.accuracy().kind()).isEqualTo(m.accuracy().kind());
        assertThat(changed.latency().kind()).isEqualTo(m.latency().kind());
        assertThat(changed.inputLength().kind()).isEqualTo(m.inputLength().kind());
        assertThat(changed.outputLength().kind()).isEqualTo(m.outputLength().kind());
        assertThat(changed.defaultParallel()).isEqualTo(m.defaultParallel());
      }
    }
  }

  @Test
  void thePaperFigures_areThoseOfTheCatalog() {
    ModelProfile gpt5 = CATALOG.require("m", "gpt5");
    assertThat(Figures.keys(gpt5)).containsExactly(
        "c_in", "c_out", "t_in", "t_out", "mu_Lin", "sigma_Lin", "mu_Lout", "sigma_Lout", "acc_mean", "acc_std");
    assertThat(Figures.get(gpt5, "c_in").value()).isEqualTo(gpt5.cIn());
    assertThat(Figures.get(gpt5, "c_out").value()).isEqualTo(gpt5.cOut());
    assertThat(Figures.get(gpt5, "t_in").value()).isEqualTo(gpt5.tIn());
    assertThat(Figures.get(gpt5, "t_out").value()).isEqualTo(gpt5.tOut());
  }

  @Test
  void unknownFigures_andOutOfRangeValues_areRefusedWithTheKey() {
    ModelProfile gpt5 = CATALOG.require("m", "gpt5");
    assertThatThrownBy(() -> Figures.get(gpt5, "difficulty_alpha"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("difficulty_alpha: is not a figure of model gpt5")
        .hasMessageContaining("its figures are [c_in, c_out");
    assertThatThrownBy(() -> Figures.with(gpt5, "acc_mean", 1.5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("acc_mean = 1.5");
    assertThatThrownBy(() -> Figures.with(gpt5, "c_in", -1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("c_in = -1");
  }
}
