package io.kstar.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The static win-probability cache is bounded: a long-running service cannot grow it past MAX_CACHED entries. */
class MajorityVoteCacheTest {

  @Test
  void theWinProbabilityCache_staysBounded() {
    double first = MajorityVote.win(3, 2, 1);
    // more distinct keys than the bound (cheap ones: one box of few votes each)
    for (int c = 1; c <= MajorityVote.MAX_CACHED / 4 + 10; c++) {
      for (int n = 0; n < 5; n++) {
        MajorityVote.win(c, n, 1);
        assertThat(MajorityVote.cachedEntries()).isLessThanOrEqualTo(MajorityVote.MAX_CACHED);
      }
    }
    // a value computed again after the cache was emptied is the same
    assertThat(MajorityVote.win(3, 2, 1)).isEqualTo(first).isEqualTo(1.0);
  }
}
