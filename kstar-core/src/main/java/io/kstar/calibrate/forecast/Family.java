package io.kstar.calibrate.forecast;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.accuracy.PassAtKWithUnsolved;
import io.kstar.accuracy.SelectorBestOfK;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;

/**
 * A candidate family of accuracy-against-n curves. Parameters live on an unconstrained scale x (log for
 * positive ones, logit for shares), clamped to [−{@value #BOUND}, {@value #BOUND}], so every trial value
 * of the optimiser is valid; a fitted |x| within {@value #NEAR_BOUND_MARGIN} of the clamp counts as
 * "at a bound".
 *
 * <p>Each family also simulates a re-measurement of a benchmark of Q questions coherently over n: every
 * question is drawn once (its difficulty, and for the sample-based families its samples) and its outcome
 * at every n comes from the same draws, as a harness that evaluates the first n of its samples does.
 */
public abstract class Family {
  public static final double BOUND = 12;
  static final double NEAR_BOUND_MARGIN = 0.5;

  /** How a parameter is mapped from the unconstrained scale. */
  enum Scale { LOG, LOGIT }

  private final String id;
  private final List<String> names;
  private final List<Scale> scales;

  Family(String id, List<String> names, List<Scale> scales) {
    this.id = id;
    this.names = List.copyOf(names);
    this.scales = List.copyOf(scales);
  }

  public String id() {
    return id;
  }

  public List<String> names() {
    return names;
  }

  public int dims() {
    return names.size();
  }

  Scale scale(int i) {
    return scales.get(i);
  }

  /** Whether the family's mean never decreases with n. */
  abstract boolean monotone();

  /** E[accuracy(n)] at each n. */
  abstract double[] means(double[] x, int[] ns);

  /** Starting points for the least-squares fit, given the fitted observations. */
  abstract List<double[]> starts(int[] ns, double[] y);

  /** Adds to counts[n − 1] the number of the q simulated questions answered at n, for n = 1..maxN. */
  abstract void simulate(double[] x, int q, int maxN, UniformRandomProvider rng, int[] counts);

  /** The fit as one of kstar's accuracy models, when the family is one. */
  Optional<AccuracyModel> model(double[] x) {
    return Optional.empty();
  }

  double[] natural(double[] x) {
    double[] v = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double c = clamp(x[i]);
      v[i] = scales.get(i) == Scale.LOG ? Math.exp(c) : logistic(c);
    }
    return v;
  }

  static double clamp(double v) {
    return Math.max(-BOUND, Math.min(BOUND, v));
  }

  static double logistic(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  static double logit(double p) {
    double q = Math.max(1e-6, Math.min(1 - 1e-6, p));
    return Math.log(q / (1 - q));
  }

  @Override
  public String toString() {
    return id;
  }

  // ---------------------------------------------------------------------------------------------
  // the families

  /** The candidate families for a curve measured with {@code method} (as {@code CurveFitter.candidates}). */
  public static List<Family> forMethod(String method) {
    String m = method.toLowerCase(java.util.Locale.ROOT);
    List<Family> out = new ArrayList<>();
    boolean majority = m.contains("maj") || m.contains("vote") || m.equals("sc");
    boolean best = m.contains("best");
    if (majority) {
      for (int w : List.of(1, 2, 3, 4, 6, 8)) {
        out.add(new Majority(w));
      }
    } else if (best) {
      out.add(new Selector());
    } else if (!m.contains("pass")) {
      out.add(new Selector());
      for (int w : List.of(1, 2, 4, 8)) {
        out.add(new Majority(w));
      }
    }
    out.add(new Pass(false));
    out.add(new Pass(true));
    out.add(new PowerLaw());
    return out;
  }

  static List<double[]> betaStarts(double[] extra) {
    List<double[]> out = new ArrayList<>();
    for (double a : new double[] {Math.log(0.3), Math.log(2)}) {
      for (double b : new double[] {Math.log(0.1), Math.log(0.8)}) {
        if (extra == null) {
          out.add(new double[] {a, b});
        } else {
          for (double e : extra) {
            out.add(new double[] {a, b, e});
          }
        }
      }
    }
    if (extra == null) {
      out.add(new double[] {0, 0});
    }
    return out;
  }

  static BetaDifficulty difficulty(double[] x) {
    return new BetaDifficulty(Math.exp(clamp(x[0])), Math.exp(clamp(x[1])));
  }

  /** pass@k with Beta difficulty, optionally with a share u of questions never solved. */
  static final class Pass extends Family {
    private final boolean unsolved;

    Pass(boolean unsolved) {
      super(unsolved ? PassAtKWithUnsolved.ID : PassAtK.ID,
          unsolved ? List.of("alpha", "beta", "unsolved_share") : List.of("alpha", "beta"),
          unsolved ? List.of(Scale.LOG, Scale.LOG, Scale.LOGIT) : List.of(Scale.LOG, Scale.LOG));
      this.unsolved = unsolved;
    }

    @Override
    boolean monotone() {
      return true;
    }

    @Override
    double[] means(double[] x, int[] ns) {
      PassAtK p = new PassAtK(difficulty(x));
      double keep = unsolved ? 1 - logistic(clamp(x[2])) : 1;
      double[] v = new double[ns.length];
      for (int i = 0; i < ns.length; i++) {
        v[i] = keep * p.mean(ns[i]);
      }
      return v;
    }

    @Override
    List<double[]> starts(int[] ns, double[] y) {
      if (!unsolved) {
        return betaStarts(null);
      }
      double top = y[y.length - 1];
      return betaStarts(new double[] {logit(Math.max(0.01, (1 - top) * 0.8)), logit(0.01)});
    }

    @Override
    void simulate(double[] x, int q, int maxN, UniformRandomProvider rng, int[] counts) {
      BetaDifficulty d = difficulty(x);
      double u = unsolved ? logistic(clamp(x[2])) : 0;
      var beta = ChengBetaSampler.of(rng, d.alpha(), d.beta());
      int[] first = new int[maxN + 2];
      for (int i = 0; i < q; i++) {
        double p = beta.sample();
        double never = rng.nextDouble();
        double w = rng.nextDouble();
        if (never < u || p <= 0) {
          continue;
        }
        // first success among the samples: geometric, coherent for every n
        double t = p >= 1 ? 1 : Math.ceil(Math.log1p(-w) / Math.log1p(-p));
        if (t < 1) {
          t = 1;
        }
        if (t <= maxN) {
          first[(int) t]++;
        }
      }
      int solved = 0;
      for (int n = 1; n <= maxN; n++) {
        solved += first[n];
        counts[n - 1] += solved;
      }
    }

    @Override
    Optional<AccuracyModel> model(double[] x) {
      return unsolved ? Optional.empty() : Optional.of(new PassAtK(difficulty(x)));
    }
  }

  /** Best-of-k with an imperfect selector (a reward model) of accuracy s, Beta difficulty. */
  static final class Selector extends Family {
    Selector() {
      super(SelectorBestOfK.ID, List.of("alpha", "beta", "selector_accuracy"), List.of(Scale.LOG, Scale.LOG, Scale.LOGIT));
    }

    @Override
    boolean monotone() {
      return false;
    }

    @Override
    double[] means(double[] x, int[] ns) {
      SelectorBestOfK m = new SelectorBestOfK(difficulty(x), logistic(clamp(x[2])));
      double[] v = new double[ns.length];
      for (int i = 0; i < ns.length; i++) {
        v[i] = m.mean(ns[i]);
      }
      return v;
    }

    @Override
    List<double[]> starts(int[] ns, double[] y) {
      return betaStarts(new double[] {logit(0.9), logit(0.99)});
    }

    /** Per-sample draws; the selector's success when it must choose is one uniform per question (sticky). */
    @Override
    void simulate(double[] x, int q, int maxN, UniformRandomProvider rng, int[] counts) {
      BetaDifficulty d = difficulty(x);
      double s = logistic(clamp(x[2]));
      var beta = ChengBetaSampler.of(rng, d.alpha(), d.beta());
      for (int i = 0; i < q; i++) {
        double p = beta.sample();
        boolean picksRight = rng.nextDouble() < s;
        int correct = 0;
        for (int n = 1; n <= maxN; n++) {
          if (rng.nextDouble() < p) {
            correct++;
          }
          if (correct == n || (correct > 0 && picksRight)) {
            counts[n - 1]++;
          }
        }
      }
    }

    @Override
    Optional<AccuracyModel> model(double[] x) {
      return Optional.of(new SelectorBestOfK(difficulty(x), logistic(clamp(x[2]))));
    }
  }

  /** Majority vote with m wrong answers (m fixed per family, from a grid), Beta difficulty. */
  static final class Majority extends Family {
    private final int wrong;

    Majority(int wrong) {
      super(MajorityVote.ID + "(m=" + wrong + ")", List.of("alpha", "beta"), List.of(Scale.LOG, Scale.LOG));
      this.wrong = wrong;
    }

    int wrongAnswers() {
      return wrong;
    }

    @Override
    boolean monotone() {
      return false;
    }

    /**
     * E[A(n)] of {@link MajorityVote} for every n up to the largest asked at once: the Beta-binomial
     * distribution of the correct votes is carried from n to n + 1 by the Pólya-urn step (P(next correct |
     * c of n) = (α + c)/(α + β + n)), so no log-Beta is evaluated; the win probabilities g(c, n − c) come
     * from {@link MajorityVote#win}, tabulated once per family. Agrees with {@code MajorityVote.mean} to
     * rounding (tested), and is what makes the majority-vote candidates affordable.
     */
    @Override
    double[] means(double[] x, int[] ns) {
      double a = Math.exp(clamp(x[0]));
      double b = Math.exp(clamp(x[1]));
      int maxN = 0;
      for (int n : ns) {
        maxN = Math.max(maxN, n);
      }
      double[][] g = wins(maxN);
      double[] pmf = new double[maxN + 1];
      double[] byN = new double[maxN + 1];
      pmf[0] = 1;
      for (int n = 0; n < maxN; n++) {
        double denom = a + b + n;
        for (int c = n + 1; c >= 0; c--) {
          double stay = c <= n ? pmf[c] * (b + n - c) / denom : 0;
          double up = c >= 1 ? pmf[c - 1] * (a + c - 1) / denom : 0;
          pmf[c] = stay + up;
        }
        double s = 0;
        double[] gk = g[n + 1];
        for (int c = 1; c <= n + 1; c++) {
          s += pmf[c] * gk[c];
        }
        byN[n + 1] = Math.min(1, s);
      }
      double[] v = new double[ns.length];
      for (int i = 0; i < ns.length; i++) {
        v[i] = byN[ns[i]];
      }
      return v;
    }

    private volatile double[][] wins = new double[1][1];

    /** g[k][c] = the probability that c correct of k votes win, for k up to at least maxN. */
    private double[][] wins(int maxN) {
      double[][] w = wins;
      if (w.length > maxN) {
        return w;
      }
      synchronized (this) {
        if (wins.length > maxN) {
          return wins;
        }
        int size = Math.max(maxN + 1, 2 * wins.length);
        double[][] t = new double[size][];
        for (int k = 0; k < size; k++) {
          t[k] = new double[k + 1];
          for (int c = 1; c <= k; c++) {
            t[k][c] = MajorityVote.win(c, k - c, wrong);
          }
        }
        wins = t;
        return t;
      }
    }

    @Override
    List<double[]> starts(int[] ns, double[] y) {
      return betaStarts(null);
    }

    /** Per-sample draws over the m + 1 answers; a tie is broken by one uniform per question. */
    @Override
    void simulate(double[] x, int q, int maxN, UniformRandomProvider rng, int[] counts) {
      BetaDifficulty d = difficulty(x);
      var beta = ChengBetaSampler.of(rng, d.alpha(), d.beta());
      int[] votes = new int[wrong + 1];
      for (int i = 0; i < q; i++) {
        double p = beta.sample();
        double tie = rng.nextDouble();
        java.util.Arrays.fill(votes, 0);
        int topWrong = 0;
        for (int n = 1; n <= maxN; n++) {
          double u = rng.nextDouble();
          if (u < p) {
            votes[0]++;
          } else {
            int a = 1 + (int) Math.min(wrong - 1, Math.floor((u - p) / (1 - p) * wrong));
            votes[a]++;
            topWrong = Math.max(topWrong, votes[a]);
          }
          if (votes[0] > topWrong) {
            counts[n - 1]++;
          } else if (votes[0] == topWrong && votes[0] > 0) {
            int tied = 0;
            for (int a = 1; a <= wrong; a++) {
              if (votes[a] == votes[0]) {
                tied++;
              }
            }
            if (tie * (tied + 1) < 1) {
              counts[n - 1]++;
            }
          }
        }
      }
    }

    @Override
    Optional<AccuracyModel> model(double[] x) {
      return Optional.of(new MajorityVote(difficulty(x), wrong));
    }
  }

  /**
   * A saturating power law a − b·n^(−c) (a in (0, 1), b, c > 0), clipped to [0, 1]. It has no questions
   * of its own, so a re-measurement is simulated with one uniform U per question answered at n when
   * U &lt; A(n): each question is Bernoulli(A(n)) at every n and, A being increasing, answered at every
   * larger n once answered (the coupling of pass@k).
   */
  static final class PowerLaw extends Family {
    PowerLaw() {
      super("power-law", List.of("asymptote", "scale", "exponent"), List.of(Scale.LOGIT, Scale.LOG, Scale.LOG));
    }

    @Override
    boolean monotone() {
      return true;
    }

    @Override
    double[] means(double[] x, int[] ns) {
      double a = logistic(clamp(x[0]));
      double b = Math.exp(clamp(x[1]));
      double c = Math.exp(clamp(x[2]));
      double[] v = new double[ns.length];
      for (int i = 0; i < ns.length; i++) {
        v[i] = Math.max(0, Math.min(1, a - b * Math.pow(ns[i], -c)));
      }
      return v;
    }

    @Override
    List<double[]> starts(int[] ns, double[] y) {
      double top = 0;
      for (double v : y) {
        top = Math.max(top, v);
      }
      double gap = Math.max(0.01, top + 0.01 - y[0]);
      List<double[]> out = new ArrayList<>();
      for (double a : new double[] {top + 0.01, top + 0.5 * (1 - top)}) {
        for (double c : new double[] {0.5, 1.5}) {
          out.add(new double[] {logit(Math.min(0.999, a)), Math.log(gap + a - top - 0.01), Math.log(c)});
        }
      }
      return out;
    }

    @Override
    void simulate(double[] x, int q, int maxN, UniformRandomProvider rng, int[] counts) {
      int[] ns = new int[maxN];
      for (int n = 1; n <= maxN; n++) {
        ns[n - 1] = n;
      }
      double[] a = means(x, ns);
      for (int i = 0; i < q; i++) {
        double u = rng.nextDouble();
        for (int n = 0; n < maxN; n++) {
          if (u < a[n]) {
            counts[n]++;
          }
        }
      }
    }
  }
}
