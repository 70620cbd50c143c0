package io.kstar.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Moments kept per k: a second call gives the same numbers, and a caller's copy is its own. */
class BestOfKMemoTest {
  @Test
  void aKeptMomentIsTheComputedOne_andCallersCannotChangeIt() {
    BestOfK kept = new BestOfK(0.7, 0.1);
    for (int k : new int[] {1, 2, 7, 64, BestOfK.MEMO_K, BestOfK.MEMO_K + 1}) {
      double[] first = kept.moments(k);
      double[] fresh = new BestOfK(0.7, 0.1).moments(k);
      assertThat(first).containsExactly(fresh);
      first[0] = -1;
      first[1] = -1;
      assertThat(kept.moments(k)).containsExactly(fresh);
      assertThat(kept.mean(k)).isEqualTo(fresh[0]);
    }
    // E[A(k)] rises with k: a table filled out of order still answers each k with its own value
    assertThat(kept.mean(3)).isBetween(kept.mean(2), kept.mean(7));
  }
}
