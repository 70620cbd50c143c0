package io.kstar.distribution;

import java.util.Arrays;

/**
 * The distribution of one quantity (cost, latency or accuracy) for one request at one k, as far as
 * the estimator knows it: its CDF and quantiles. Used for percentile budgets and for the probability
 * that one request breaks a budget.
 */
public sealed interface Marginal
    permits Marginal.NormalApprox, Marginal.BestOfKScore, Marginal.Bernoulli, Marginal.Histogram,
        Marginal.Mixture, Marginal.Truncated, Marginal.Shifted {

  /** P(X ≤ x). */
  double cdf(double x);

  /** P(X > x), computed without cancellation where the method allows it. */
  double exceedance(double x);

  /** The q-quantile, q in (0, 1). */
  double quantile(double q);

  /** How this distribution was obtained, as shown in outputs. */
  String method();

  /** A normal approximation with the exact mean and sd, never below {@code floor}; sd = 0 is a point mass. */
  record NormalApprox(double mean, double sd, double floor) implements Marginal {
    @Override
    public double cdf(double x) {
      if (x < floor) {
        return 0;
      }
      return sd == 0 ? (x >= mean ? 1 : 0) : Normal.cdf((x - mean) / sd);
    }

    @Override
    public double exceedance(double x) {
      if (x < floor) {
        return 1;
      }
      return sd == 0 ? (x >= mean ? 0 : 1) : Normal.upperTail((x - mean) / sd);
    }

    @Override
    public double quantile(double q) {
      if (sd == 0) {
        return mean;
      }
      double z = q > 0.5 ? Normal.quantile(1 - q, true) : Normal.quantile(q, false);
      return Math.max(floor, mean + sd * z);
    }

    @Override
    public String method() {
      return "normal approximation";
    }
  }

  /** The best of k scores clip(N(μ, σ²), 0, 1): P(A(k) ≤ x) = Φ((x − μ)/σ)^k on [0, 1), exact. */
  record BestOfKScore(double mu, double sigma, int k) implements Marginal {
    @Override
    public double cdf(double x) {
      if (x < 0) {
        return 0;
      }
      if (x >= 1) {
        return 1;
      }
      if (sigma == 0) {
        return x >= mu ? 1 : 0;
      }
      return Math.exp(k * Normal.logCdf((x - mu) / sigma));
    }

    @Override
    public double exceedance(double x) {
      if (x < 0) {
        return 1;
      }
      if (x >= 1) {
        return 0;
      }
      if (sigma == 0) {
        return x >= mu ? 0 : 1;
      }
      return -Math.expm1(k * Normal.logCdf((x - mu) / sigma));
    }

    @Override
    public double quantile(double q) {
      return io.kstar.distribution.BestOfK.quantile(mu, sigma, q, k);
    }

    @Override
    public String method() {
      return "exact";
    }
  }

  /** A request answered correctly (1) with probability q, else wrong (0): exact. */
  record Bernoulli(double q) implements Marginal {
    @Override
    public double cdf(double x) {
      return x < 0 ? 0 : (x < 1 ? 1 - q : 1);
    }

    @Override
    public double exceedance(double x) {
      return x < 0 ? 1 : (x < 1 ? q : 0);
    }

    @Override
    public double quantile(double p) {
      return p <= 1 - q ? 0 : 1;
    }

    @Override
    public String method() {
      return "exact";
    }
  }

  /**
   * Simulated values in a fixed-range histogram: slot 0 counts values below {@code lo}, slots
   * 1..bins the bins of width {@code width}, the last slot values at or above the range's end;
   * {@code min} and {@code max} are the extremes seen. Inside a bin values are taken as uniform.
   */
  final class Histogram implements Marginal {
    private final double lo;
    private final double width;
    private final int[] counts;
    private final long n;
    private final double min;
    private final double max;

    public Histogram(double lo, double width, int[] counts, long n, double min, double max) {
      this.lo = lo;
      this.width = width;
      this.counts = counts;
      this.n = n;
      this.min = min;
      this.max = max;
    }

    private int bins() {
      return counts.length - 2;
    }

    @Override
    public double cdf(double x) {
      if (x < min) {
        return 0;
      }
      if (x >= max) {
        return 1;
      }
      double below = counts[0];
      if (width > 0 && x >= lo) {
        double pos = (x - lo) / width;
        int b = (int) Math.min(bins(), Math.floor(pos));
        for (int i = 0; i < b; i++) {
          below += counts[1 + i];
        }
        if (b < bins()) {
          below += counts[1 + b] * (pos - b);
        }
      }
      return Math.min(1, below / n);
    }

    @Override
    public double exceedance(double x) {
      return 1 - cdf(x);
    }

    @Override
    public double quantile(double q) {
      double rank = q * n;
      double cum = counts[0];
      if (cum >= rank) {
        return min;
      }
      for (int b = 0; b < bins(); b++) {
        int c = counts[1 + b];
        if (c > 0 && cum + c >= rank) {
          double v = lo + width * (b + (rank - cum) / c);
          return Math.min(max, Math.max(min, v));
        }
        cum += c;
      }
      return max;
    }

    @Override
    public String method() {
      return "simulated";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Histogram h
          && h.lo == lo && h.width == width && h.n == n && h.min == min && h.max == max
          && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(counts);
    }
  }

  /**
   * A mixture: with probability {@code weights[i]} the value follows {@code parts[i]} (weights sum to 1).
   * Adaptive stopping policies give one: cost and latency mix the fixed-k distributions over the round
   * at which a request stops. Quantiles are found by bisection on the CDF between the parts' extremes.
   */
  record Mixture(double[] weights, java.util.List<Marginal> parts, String method) implements Marginal {
    /** Parts whose weight is below this are left out: they cannot move a probability by a reportable digit. */
    static final double NEGLIGIBLE = 1e-17;

    public Mixture {
      if (weights.length != parts.size() || weights.length == 0) {
        throw new IllegalArgumentException("weights and parts differ in length");
      }
      int n = 0;
      for (double w : weights) {
        if (w >= NEGLIGIBLE) {
          n++;
        }
      }
      double[] kept = new double[Math.max(1, n)];
      java.util.List<Marginal> keptParts = new java.util.ArrayList<>(kept.length);
      int at = 0;
      int heaviest = 0;
      for (int i = 0; i < weights.length; i++) {
        if (weights[i] > weights[heaviest]) {
          heaviest = i;
        }
        if (weights[i] >= NEGLIGIBLE) {
          kept[at++] = weights[i];
          keptParts.add(parts.get(i));
        }
      }
      if (n == 0) {
        kept[0] = weights[heaviest];
        keptParts.add(parts.get(heaviest));
      }
      weights = kept;
      parts = java.util.List.copyOf(keptParts);
    }

    @Override
    public double cdf(double x) {
      double s = 0;
      for (int i = 0; i < weights.length; i++) {
        s += weights[i] * parts.get(i).cdf(x);
      }
      return Math.min(1, s);
    }

    @Override
    public double exceedance(double x) {
      double s = 0;
      for (int i = 0; i < weights.length; i++) {
        s += weights[i] * parts.get(i).exceedance(x);
      }
      return Math.min(1, s);
    }

    /**
     * By bisection on the CDF between the parts' own q-quantiles (the mixture's lies between the smallest
     * and the largest of them), to a relative 1e-12.
     */
    @Override
    public double quantile(double q) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < weights.length; i++) {
        double v = parts.get(i).quantile(q);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (cdf(lo) >= q) {
        return lo;
      }
      // the bracket [lo, hi] keeps cdf(lo) < q <= cdf(hi); steps alternate between regula falsi (Illinois:
      // the side that stays has its weight halved), fast where the CDF is smooth, and bisection, which at
      // least halves the bracket every other step where it is not (a jump at a score threshold)
      double flo = cdf(lo) - q;
      double fhi = cdf(hi) - q;
      int side = 0;
      for (int it = 0; it < 400 && hi - lo > 1e-12 * Math.max(1e-300, Math.abs(hi)); it++) {
        double mid = (it & 1) == 0 && fhi > flo ? lo + (hi - lo) * (-flo) / (fhi - flo) : 0.5 * (lo + hi);
        if (!(mid > lo && mid < hi)) {
          mid = 0.5 * (lo + hi);
        }
        double f = cdf(mid) - q;
        if (f >= 0) {
          hi = mid;
          fhi = f;
          if (side == 1) {
            flo *= 0.5;
          }
          side = 1;
        } else {
          lo = mid;
          flo = f;
          if (side == -1) {
            fhi *= 0.5;
          }
          side = -1;
        }
      }
      return hi;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Mixture m && Arrays.equals(m.weights, weights) && m.parts.equals(parts)
          && m.method.equals(method);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(weights) * 31 + parts.hashCode();
    }

    @Override
    public String toString() {
      return "Mixture[" + Arrays.toString(weights) + ", " + parts + "]";
    }
  }

  /**
   * {@code base} conditioned on X ≥ t ({@code atLeast}) or on X < t: the best sample of a round that
   * stopped a request at a score threshold t, or the best of k when none reached it. Exact when the base is.
   */
  record Truncated(Marginal base, double t, boolean atLeast, double below) implements Marginal {
    /** {@code base} conditioned on X ≥ t ({@code atLeast}) or X < t; P(X < t) is computed once. */
    public static Truncated of(Marginal base, double t, boolean atLeast) {
      return new Truncated(base, t, atLeast, base.cdf(Math.nextDown(t)));
    }

    @Override
    public double cdf(double x) {
      double f = below;
      if (atLeast) {
        return x < t ? 0 : Math.min(1, Math.max(0, (base.cdf(x) - f) / (1 - f)));
      }
      return x >= t ? 1 : Math.min(1, base.cdf(x) / f);
    }

    @Override
    public double exceedance(double x) {
      return 1 - cdf(x);
    }

    @Override
    public double quantile(double q) {
      double f = below;
      double target = atLeast ? f + q * (1 - f) : q * f;
      target = Math.min(Math.max(target, Double.MIN_NORMAL), Math.nextDown(1.0));
      double v = base.quantile(target);
      return atLeast ? Math.max(t, v) : Math.min(Math.nextDown(t), v);
    }

    @Override
    public String method() {
      return base.method();
    }
  }

  /** {@code base} + {@code by}: a quantity with a fixed amount added (replicas' cost per request on top of tokens'). */
  record Shifted(Marginal base, double by) implements Marginal {
    @Override
    public double cdf(double x) {
      return base.cdf(x - by);
    }

    @Override
    public double exceedance(double x) {
      return base.exceedance(x - by);
    }

    @Override
    public double quantile(double q) {
      return base.quantile(q) + by;
    }

    @Override
    public String method() {
      return base.method();
    }
  }
}
