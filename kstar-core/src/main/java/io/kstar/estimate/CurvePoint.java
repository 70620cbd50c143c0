package io.kstar.estimate;

import io.kstar.profile.ModelProfile;

/**
 * Cost (USD), latency (s) and accuracy of one request capped at k samples, how sure kstar is about
 * their expected values ({@link Expected}), and how many samples and rounds it draws ({@link Draws}).
 */
public record CurvePoint(int k, Statistic cost, Statistic latency, Statistic accuracy, Expected expected, Draws draws) {

  /** A point of a profile taken as known, under the fixed policy at parallelism P. */
  public CurvePoint(int k, int parallel, Statistic cost, Statistic latency, Statistic accuracy) {
    this(k, cost, latency, accuracy, Expected.none(cost.mean(), latency.mean(), accuracy.mean()),
        Draws.fixed(k, parallel));
  }

  /** A point of a profile taken as known, drawing {@code draws}. */
  public CurvePoint(int k, Statistic cost, Statistic latency, Statistic accuracy, Draws draws) {
    this(k, cost, latency, accuracy, Expected.none(cost.mean(), latency.mean(), accuracy.mean()), draws);
  }

  /** The same point with the expected values of {@code m} at its k. */
  public CurvePoint withExpectationsOf(ModelProfile m) {
    return new CurvePoint(k, cost, latency, accuracy, Expected.of(m, k, cost.mean(), latency.mean(), accuracy.mean()),
        draws);
  }

  /** The same point with {@code e} as its expected values. */
  public CurvePoint withExpected(Expected e) {
    return new CurvePoint(k, cost, latency, accuracy, e, draws);
  }
}
