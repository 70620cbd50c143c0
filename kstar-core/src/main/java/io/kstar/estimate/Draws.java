package io.kstar.estimate;

import io.kstar.policy.Stopping;

/**
 * How many samples and rounds one request draws: exactly k and ⌈k/P⌉ under the fixed policy, fewer
 * under an adaptive one (a distribution over the round it stops at).
 */
public record Draws(Spread samples, Spread rounds) {

  /** Mean, sd and 95 % interval of a count. */
  public record Spread(double mean, double std, double p025, double p975) {
    public static Spread exactly(double v) {
      return new Spread(v, 0, v, v);
    }
  }

  /** The fixed policy: k samples in ⌈k/P⌉ rounds. */
  public static Draws fixed(int k, int parallel) {
    return new Draws(Spread.exactly(k), Spread.exactly((k + parallel - 1) / parallel));
  }

  /** The exact law of a stopping policy. */
  public static Draws of(Stopping.Outcome o) {
    double[] p = o.pRound();
    double[] n = new double[p.length];
    double[] r = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      n[i] = o.samples()[i];
      r[i] = i + 1;
    }
    return new Draws(discrete(p, n), discrete(p, r));
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

  /** From simulated statistics of the two counts. */
  public static Draws of(Statistic samples, Statistic rounds) {
    return new Draws(new Spread(samples.mean(), samples.std(), samples.p025(), samples.p975()),
        new Spread(rounds.mean(), rounds.std(), rounds.p025(), rounds.p975()));
  }
}
