package io.kstar.estimate;

import io.kstar.profile.ModelProfile;

/**
 * Cost (USD), latency (s) and accuracy of one request drawing k samples, and how sure kstar is about
 * their expected values ({@link Expected}).
 */
public record CurvePoint(int k, Statistic cost, Statistic latency, Statistic accuracy, Expected expected) {

  /** A point of a profile taken as known: the expected values are the means. */
  public CurvePoint(int k, Statistic cost, Statistic latency, Statistic accuracy) {
    this(k, cost, latency, accuracy, Expected.none(cost.mean(), latency.mean(), accuracy.mean()));
  }

  /** The same point with the expected values of {@code m} at its k. */
  public CurvePoint withExpectationsOf(ModelProfile m) {
    return new CurvePoint(k, cost, latency, accuracy, Expected.of(m, k, cost.mean(), latency.mean(), accuracy.mean()));
  }
}
