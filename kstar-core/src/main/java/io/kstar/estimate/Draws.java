package io.kstar.estimate;

import io.kstar.policy.Stopping;
import io.kstar.profile.RequestShape;

/**
 * How many samples, rounds and calls one request draws: exactly k, ⌈k/P⌉ and the calls of k samples
 * ({@link RequestShape#calls}) under the fixed policy, fewer under an adaptive one (a distribution over the
 * round it stops at). With one sample per call, calls are the samples.
 */
public record Draws(Spread samples, Spread rounds, Spread calls) {

  /** Samples and rounds of one sample per call: the calls are the samples. */
  public Draws(Spread samples, Spread rounds) {
    this(samples, rounds, samples);
  }

  /** Mean, sd and 95 % interval of a count. */
  public record Spread(double mean, double std, double p025, double p975) {
    public static Spread exactly(double v) {
      return new Spread(v, 0, v, v);
    }
  }

  /** The fixed policy: k samples in ⌈k/P⌉ rounds, one sample per call. */
  public static Draws fixed(int k, int parallel) {
    return new Draws(Spread.exactly(k), Spread.exactly((k + parallel - 1) / parallel));
  }

  /** The fixed policy: k samples in ⌈k/P⌉ rounds, in the calls of {@code shape}. */
  public static Draws fixed(int k, int parallel, RequestShape shape) {
    if (shape.isDefault()) {
      return fixed(k, parallel);
    }
    return new Draws(Spread.exactly(k), Spread.exactly((k + parallel - 1) / parallel),
        Spread.exactly(shape.calls(k, parallel)));
  }

  /**
   * True when every sample is a call of its own (the paper's request shape): the calls are the samples
   * themselves (the same spread), and outputs need not show them apart.
   */
  public boolean onePerCall() {
    return calls == samples;
  }

  /** The exact law of a stopping policy, one sample per call. */
  public static Draws of(Stopping.Outcome o) {
    return of(o, RequestShape.DEFAULT, 1);
  }

  /** The exact law of a stopping policy at parallelism {@code parallel}, in the calls of {@code shape}. */
  public static Draws of(Stopping.Outcome o, RequestShape shape, int parallel) {
    double[] p = o.pRound();
    double[] n = new double[p.length];
    double[] r = new double[p.length];
    double[] c = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      n[i] = o.samples()[i];
      r[i] = i + 1;
      c[i] = shape.calls(o.samples()[i], parallel);
    }
    Spread samples = discrete(p, n);
    return new Draws(samples, discrete(p, r), shape.isDefault() ? samples : discrete(p, c));
  }

  private static Spread discrete(double[] p, double[] v) {
    double m = 0;
    double m2 = 0;
    for (int i = 0; i < p.length; i++) {
      m += p[i] * v[i];
      m2 += p[i] * v[i] * v[i];
    }
    return new Spread(m, Math.sqrt(Math.max(0, m2 - m * m)), quantile(p, v, 0.025), quantile(p, v, 0.975));
  }

  /** The smallest value whose cumulative probability reaches q (values increasing). */
  private static double quantile(double[] p, double[] v, double q) {
    double cum = 0;
    for (int i = 0; i < p.length; i++) {
      cum += p[i];
      if (cum >= q - 1e-12) {
        return v[i];
      }
    }
    return v[v.length - 1];
  }

  /** From simulated statistics of the two counts (one sample per call). */
  public static Draws of(Statistic samples, Statistic rounds) {
    return new Draws(spread(samples), spread(rounds));
  }

  /** From simulated statistics of the three counts. */
  public static Draws of(Statistic samples, Statistic rounds, Statistic calls) {
    return new Draws(spread(samples), spread(rounds), spread(calls));
  }

  private static Spread spread(Statistic s) {
    return new Spread(s.mean(), s.std(), s.p025(), s.p975());
  }
}
