package io.kstar.calibrate;

/**
 * One run of a serving sweep: the rate offered (+∞ for all requests at once), the rate achieved, how many
 * requests completed of how many were sent, the tokens of one request, and the mean (and 99th percentile)
 * time to first token and time per output token, in seconds.
 *
 * @param complete every request sent completed
 */
public record ServingRun(String source, String model, double offeredRps, double achievedRps, int completed,
    int requests, boolean complete, double inputTokens, double outputTokens, double ttftS, double tpotS,
    double p99TtftS, double p99TpotS) {

  /** A run whose achieved rate fell short of 90 % of the rate offered: the replica could not keep up. */
  public static final double SATURATED = 0.9;

  public boolean saturated() {
    return achievedRps < SATURATED * offeredRps;
  }
}
