package io.kstar.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** docs/semantics.md §4: the batch grid {P, 2P, …} ≤ k_max, or every k in 1..k_max. */
class GridTest {

  @Test
  void batchGrid_isTheMultiplesOfPUpToKMax() {
    Grid g = Grid.of(Grid.Kind.BATCH, 20, 6);
    assertThat(g.ks()).containsExactly(6, 12, 18);
    assertThat(g.size()).isEqualTo(3);
    assertThat(Grid.of(Grid.Kind.BATCH, 18, 6).ks()).containsExactly(6, 12, 18);
    assertThat(Grid.of(Grid.Kind.BATCH, 5, 6).ks()).isEmpty();
    assertThat(Grid.of(Grid.Kind.BATCH, 1, 1).ks()).containsExactly(1);
  }

  @Test
  void allGrid_isEveryKFromOneToKMax_whateverP() {
    assertThat(Grid.of(Grid.Kind.ALL, 5, 4).ks()).containsExactly(1, 2, 3, 4, 5);
    assertThat(Grid.of(Grid.Kind.ALL, 1, 1).ks()).containsExactly(1);
  }

  @Property(tries = 200, seed = "16")
  void batchGrid_hasFloorKMaxOverPPoints_allMultiplesOfP(
      @ForAll @IntRange(min = 1, max = 2000) int kMax, @ForAll @IntRange(min = 1, max = 64) int p) {
    int[] ks = Grid.of(Grid.Kind.BATCH, kMax, p).ks();
    assertThat(ks).hasSize(kMax / p);
    for (int i = 0; i < ks.length; i++) {
      assertThat(ks[i]).isEqualTo((i + 1) * p);
    }
  }

  @Test
  void kMax_outsideOneToMaxK_isRefusedWithItsField() {
    for (int bad : new int[] {0, -3, Grid.MAX_K + 1}) {
      assertThatThrownBy(() -> Grid.of(Grid.Kind.BATCH, bad, 1))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("k_max = " + bad + ": must be an integer in [1, " + Grid.MAX_K + "]");
    }
    assertThat(Grid.of(Grid.Kind.BATCH, Grid.MAX_K, Grid.MAX_K).ks()).containsExactly(Grid.MAX_K);
  }

  @Test
  void parallel_belowOne_isRefused() {
    assertThatThrownBy(() -> Grid.of(Grid.Kind.BATCH, 10, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("parallel = 0: must be an integer >= 1");
  }

  @Test
  void gridsLargerThanMaxPoints_areRefused_atTheLimitAccepted() {
    assertThat(Grid.of(Grid.Kind.ALL, Grid.MAX_POINTS, 1).size()).isEqualTo(Grid.MAX_POINTS);
    assertThat(Grid.of(Grid.Kind.BATCH, Grid.MAX_K, 16).size()).isEqualTo(Grid.MAX_POINTS);
    assertThatThrownBy(() -> Grid.of(Grid.Kind.ALL, Grid.MAX_POINTS + 1, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("gives a grid of " + (Grid.MAX_POINTS + 1) + " points")
        .hasMessageContaining("at most " + Grid.MAX_POINTS);
  }

  @Test
  void kind_parsesItsIdsAndRefusesOthers() {
    assertThat(Grid.Kind.parse("grid", "batch")).isEqualTo(Grid.Kind.BATCH);
    assertThat(Grid.Kind.parse("grid", "all")).isEqualTo(Grid.Kind.ALL);
    assertThat(Grid.Kind.ALL.id()).isEqualTo("all");
    assertThatThrownBy(() -> Grid.Kind.parse("--grid", "ALL"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("--grid = ALL: must be one of [batch, all]");
  }

  @Test
  void ks_isACopy_andEqualityIsByValue() {
    Grid g = Grid.of(Grid.Kind.BATCH, 12, 4);
    g.ks()[0] = 99;
    assertThat(g.ks()).containsExactly(4, 8, 12);
    Grid same = Grid.of(Grid.Kind.BATCH, 12, 4);
    assertThat(g).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(g).isNotEqualTo(Grid.of(Grid.Kind.BATCH, 13, 4)); // same ks, other k_max
    assertThat(g).isNotEqualTo(Grid.of(Grid.Kind.ALL, 12, 4));
    assertThat(g).isNotEqualTo(Grid.of(Grid.Kind.BATCH, 12, 3));
    assertThat(g).isNotEqualTo(new Grid(Grid.Kind.BATCH, 12, 4, new int[] {4, 8}));
    assertThat(g).isNotEqualTo("Grid");
    assertThat(g.hashCode()).isNotEqualTo(Grid.of(Grid.Kind.ALL, 3, 4).hashCode());
    assertThat(g).hasToString("Grid[batch, k_max=12, P=4, points=3]");
  }
}
