package io.kstar.estimate;

import io.kstar.profile.ModelProfile;
import io.kstar.serving.Load;

/**
 * Cost (USD), latency (s) and accuracy of one request capped at k samples, how sure kstar is about
 * their expected values ({@link Expected}), how many samples and rounds it draws ({@link Draws}) and, at a
 * traffic, the load it puts on a self-hosted model's replicas ({@link Load}; null without traffic, or for a
 * model without a load curve).
 */
public record CurvePoint(int k, Statistic cost, Statistic latency, Statistic accuracy, Expected expected, Draws draws,
    Load load) {

  /** A point with no load modelled. */
  public CurvePoint(int k, Statistic cost, Statistic latency, Statistic accuracy, Expected expected, Draws draws) {
    this(k, cost, latency, accuracy, expected, draws, null);
  }

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
        draws, load);
  }

  /** The same point with {@code e} as its expected values. */
  public CurvePoint withExpected(Expected e) {
    return new CurvePoint(k, cost, latency, accuracy, e, draws, load);
  }

  /** The load at a traffic, when one is modelled. */
  public java.util.Optional<Load> loaded() {
    return java.util.Optional.ofNullable(load);
  }

  /** True when this point is at or past its replicas' capacity: no finite latency. */
  public boolean saturated() {
    return load != null && load.saturated();
  }
}
