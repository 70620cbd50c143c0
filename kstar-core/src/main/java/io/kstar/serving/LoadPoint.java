package io.kstar.serving;

import io.kstar.parameter.Range;

/**
 * One measured rate of a serving sweep: the requests per second the replica achieved (not the rate
 * offered), and the mean time to first token and mean time per output token it served them with.
 */
public record LoadPoint(double requestsPerS, double ttftS, double tpotS) {

  static final Range RATE = Range.positiveAtMost(1e9, " (requests per second)");
  public static final Range TIME = Range.positiveAtMost(3600, " (s)");

  public LoadPoint {
    RATE.check("requests_per_s", requestsPerS);
    TIME.check("ttft_s", ttftS);
    TIME.check("tpot_s", tpotS);
  }
}
