package io.kstar.calibrate;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.PassAtKWithUnsolved;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.hipparchus.special.Beta;
import org.hipparchus.util.CombinatoricsUtils;

/**
 * The two difficulty families of correctness logs, on questions grouped by their (samples n, correct c)
 * pattern with weights (how many questions show it), so that a bootstrap replicate is a new weight
 * vector and a refit costs O(n_max + patterns) per likelihood evaluation:
 *
 * <ul>
 *   <li>Beta: p ~ Beta(α, β), the beta-binomial; log B(α + c, β + n − c) − log B(α, β) is computed as
 *       Σ_{i<c} log(α + i) + Σ_{j<n−c} log(β + j) − Σ_{t<n} log(α + β + t), from running sums;
 *   <li>Beta with a never-solved share u (zero-inflated beta-binomial): a question is never solved with
 *       probability u, else p ~ Beta(α, β).
 * </ul>
 *
 * Both are maximised by Nelder–Mead on log α, log β (and logit u), with log α and log β held in
 * [−12, 12] as {@link LogCalibration#betaMle} does. Likelihoods here leave out Σ log C(n, c), the same for
 * both families; {@link #binomialConstant} adds it back for AIC.
 */
final class BetaBinomial {
  static final double LOG_BOUND = 12;
  static final double LOGIT_BOUND = 20;

  /** Distinct (n, c) patterns; {@link #index} maps each question to its pattern. */
  record Patterns(int[] n, int[] c, int nMax, int[] index) {
    static Patterns of(int[][] counts) {
      java.util.Map<Long, Integer> seen = new java.util.LinkedHashMap<>();
      int[] index = new int[counts.length];
      List<int[]> distinct = new ArrayList<>();
      int nMax = 0;
      for (int i = 0; i < counts.length; i++) {
        long key = ((long) counts[i][0] << 32) | counts[i][1];
        Integer j = seen.get(key);
        if (j == null) {
          j = distinct.size();
          seen.put(key, j);
          distinct.add(counts[i]);
        }
        index[i] = j;
        nMax = Math.max(nMax, counts[i][0]);
      }
      return new Patterns(distinct.stream().mapToInt(x -> x[0]).toArray(), distinct.stream().mapToInt(x -> x[1]).toArray(),
          nMax, index);
    }

    int size() {
      return n.length;
    }

    /** Weights of the full data: how many questions show each pattern. */
    double[] weights() {
      double[] w = new double[n.length];
      for (int j : index) {
        w[j]++;
      }
      return w;
    }
  }

  private BetaBinomial() {}

  /** Σ_q log C(n_q, c_q) over the questions the weights count. */
  static double binomialConstant(Patterns p, double[] w) {
    double s = 0;
    for (int j = 0; j < p.size(); j++) {
      if (w[j] != 0) {
        s += w[j] * CombinatoricsUtils.binomialCoefficientLog(p.n()[j], p.c()[j]);
      }
    }
    return s;
  }

  /** log E[p^c (1 − p)^(n − c)] for every pattern. */
  private static double[] logMoments(Patterns p, double a, double b) {
    int m = p.nMax();
    double[] la = new double[m + 1];
    double[] lb = new double[m + 1];
    double[] lab = new double[m + 1];
    for (int i = 0; i < m; i++) {
      la[i + 1] = la[i] + Math.log(a + i);
      lb[i + 1] = lb[i] + Math.log(b + i);
      lab[i + 1] = lab[i] + Math.log(a + b + i);
    }
    double[] out = new double[p.size()];
    for (int j = 0; j < out.length; j++) {
      int n = p.n()[j];
      int c = p.c()[j];
      out[j] = la[c] + lb[n - c] - lab[n];
    }
    return out;
  }

  static double betaLogLik(Patterns p, double[] w, double a, double b) {
    double[] lm = logMoments(p, a, b);
    double s = 0;
    for (int j = 0; j < lm.length; j++) {
      if (w[j] != 0) {
        s += w[j] * lm[j];
      }
    }
    return s;
  }

  static double unsolvedLogLik(Patterns p, double[] w, double a, double b, double u) {
    double[] lm = logMoments(p, a, b);
    double log1mU = Math.log1p(-u);
    double s = 0;
    for (int j = 0; j < lm.length; j++) {
      if (w[j] == 0) {
        continue;
      }
      double l = p.c()[j] > 0 ? log1mU + lm[j] : Math.log(u + (1 - u) * Math.exp(lm[j]));
      s += w[j] * l;
    }
    return s;
  }

  static double expClamp(double x) {
    return Math.exp(Math.max(-LOG_BOUND, Math.min(LOG_BOUND, x)));
  }

  static double logistic(double x) {
    double z = Math.max(-LOGIT_BOUND, Math.min(LOGIT_BOUND, x));
    return 1 / (1 + Math.exp(-z));
  }

  static double logit(double u) {
    double v = Math.max(1e-9, Math.min(1 - 1e-9, u));
    return Math.log(v / (1 - v));
  }

  /** {α, β, log-likelihood (without the binomial constant)} from the given starts (log α, log β). */
  static double[] fitBeta(Patterns p, double[] w, double tol, double[]... starts) {
    SimplexOptimizer opt = new SimplexOptimizer(tol, tol);
    double best = Double.NEGATIVE_INFINITY;
    double[] arg = starts[0];
    for (double[] start : starts) {
      var r = opt.optimize(new MaxEval(20_000), new ObjectiveFunction(x -> betaLogLik(p, w, expClamp(x[0]), expClamp(x[1]))),
          GoalType.MAXIMIZE, new InitialGuess(start), new NelderMeadSimplex(2, 0.5));
      if (r.getValue() > best) {
        best = r.getValue();
        arg = r.getPoint();
      }
    }
    return new double[] {expClamp(arg[0]), expClamp(arg[1]), best};
  }

  /**
   * {α, β, u, log-likelihood} from the given starts (log α, log β, logit u); never below the Beta fit
   * {@code nested} = {α, β, ll} (the family holds it at u = 0), and u below 1e-6 is reported as 0.
   */
  static double[] fitUnsolved(Patterns p, double[] w, double tol, double[] nested, double[]... starts) {
    SimplexOptimizer opt = new SimplexOptimizer(tol, tol);
    double best = Double.NEGATIVE_INFINITY;
    double[] arg = starts[0];
    for (double[] start : starts) {
      var r = opt.optimize(new MaxEval(30_000), new ObjectiveFunction(
              x -> unsolvedLogLik(p, w, expClamp(x[0]), expClamp(x[1]), logistic(x[2]))),
          GoalType.MAXIMIZE, new InitialGuess(start), new NelderMeadSimplex(3, 0.5));
      if (r.getValue() > best) {
        best = r.getValue();
        arg = r.getPoint();
      }
    }
    double u = logistic(arg[2]);
    if (best <= nested[2] || u < 1e-6) {
      return new double[] {nested[0], nested[1], 0, Math.max(best, nested[2])};
    }
    return new double[] {expClamp(arg[0]), expClamp(arg[1]), u, best};
  }

  /** Points 1, 2, 3, 4, 6, 8, 12, 16, … up to {@code horizon}, and {@code horizon} itself. */
  static int[] grid(int horizon) {
    java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
    for (int k = 1; k <= horizon; k *= 2) {
      ks.add(k);
      if (k + k / 2 <= horizon && k >= 2) {
        ks.add(k + k / 2);
      }
    }
    ks.add(3);
    ks.add(horizon);
    return ks.stream().filter(k -> k <= horizon).mapToInt(Integer::intValue).toArray();
  }

  /**
   * The Beta whose pass@k curve is closest (least squares over {@link #grid}(horizon), evenly spread in
   * log k) to that of a Beta with a never-solved share: how the pass@k family would look if the other
   * family were right. Starts from {@code start}.
   */
  static BetaDifficulty project(PassAtKWithUnsolved alt, int horizon, BetaDifficulty start) {
    int[] ks = grid(horizon);
    double[] target = new double[ks.length];
    for (int i = 0; i < ks.length; i++) {
      target[i] = alt.mean(ks[i]);
    }
    SimplexOptimizer opt = new SimplexOptimizer(1e-10, 1e-12);
    var r = opt.optimize(new MaxEval(20_000), new ObjectiveFunction(x -> {
      double a = expClamp(x[0]);
      double b = expClamp(x[1]);
      double lb = Beta.logBeta(a, b);
      double s = 0;
      for (int i = 0; i < ks.length; i++) {
        double f = -Math.expm1(Beta.logBeta(a, b + ks[i]) - lb);
        s += (f - target[i]) * (f - target[i]);
      }
      return s;
    }), GoalType.MINIMIZE, new InitialGuess(new double[] {Math.log(start.alpha()), Math.log(start.beta())}),
        new NelderMeadSimplex(2, 0.5));
    return new BetaDifficulty(expClamp(r.getPoint()[0]), expClamp(r.getPoint()[1]));
  }
}
