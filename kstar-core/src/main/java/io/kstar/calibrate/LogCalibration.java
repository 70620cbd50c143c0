package io.kstar.calibrate;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.PassAtK;
import io.kstar.input.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.hipparchus.special.Beta;
import org.hipparchus.util.CombinatoricsUtils;

/**
 * Fits a profile to per-sample records.
 *
 * <ul>
 *   <li>Lengths: mean and sd of input and output tokens (clipped normal).
 *   <li>Per-token times: least squares of latency on (input tokens, output tokens), no intercept, as the
 *       paper's latency model has none; the intercept-free R² is reported.
 *   <li>Prices: least squares of cost on tokens when the records carry costs (else the caller's).
 *   <li>Difficulty: Beta(α, β) by maximum likelihood on per-question success counts — the beta-binomial
 *       likelihood Σ log C(n, c) + log B(α + c, β + n − c) − log B(α, β), maximised by Nelder–Mead on log α,
 *       log β — against a single success rate for every question (no difficulty spread), compared by AIC.
 *   <li>Goodness of fit: the observed pass@k from the unbiased estimator of Chen et al. (2021),
 *       1 − C(n − c, k)/C(n, k) averaged over questions, with bootstrap 95 % intervals (questions
 *       resampled, seeded), against the fitted 1 − B(α, β + k)/B(α, β).
 * </ul>
 *
 * With scores instead of correct flags, the quality model is the paper's Gaussian of the scores.
 */
public final class LogCalibration {
  private LogCalibration() {}

  public record PassAtKPoint(int k, double observed, double lower, double upper, double fitted) {}

  /**
   * A candidate accuracy model and how well it predicts what the records show for its own strategy at
   * k = n (all samples of a question): pass@n, the majority vote over all samples, or the selector's pick.
   */
  public record Candidate(AccuracyModel model, Map<String, Double> parameters, int n, double observed, double lower,
      double upper, double predicted) {}

  public record Result(
      String model,
      int samples,
      int questions,
      double inputMean,
      double inputSd,
      double outputMean,
      double outputSd,
      double tIn,
      double tOut,
      double latencyR2,
      Double cIn,
      Double cOut,
      AccuracyModel accuracy,
      Map<String, Double> parameters,
      double aicBeta,
      double aicSingleRate,
      List<PassAtKPoint> passAtK,
      List<Candidate> candidates) {}

  public static Result fit(List<LogRecords.Sample> all, String model, int bootstrap, long seed) {
    return fit(all, model, null, bootstrap, seed);
  }

  /**
   * @param model which model of the logs (field {@code log_model}); null when they hold one
   * @param accuracyModel the accuracy model to fit (field {@code accuracy_model}); null: the best of those
   *     the records support (scores: gaussian-best-of-k; correctness: pass-at-k, and majority vote or the
   *     selector model where answers or picks are recorded)
   */
  public static Result fit(List<LogRecords.Sample> all, String model, String accuracyModel, int bootstrap,
      long seed) {
    List<LogRecords.Sample> s = all.stream().filter(r -> model == null || r.model().equals(model)).toList();
    if (s.isEmpty()) {
      throw InvalidInputException.of("log_model", model, "matches no record; the logs have "
          + all.stream().map(LogRecords.Sample::model).distinct().toList());
    }
    List<String> models = s.stream().map(LogRecords.Sample::model).distinct().toList();
    if (models.size() > 1) {
      throw InvalidInputException.of("log_model", null, "is required: the logs hold several models " + models);
    }
    double[] in = s.stream().mapToDouble(LogRecords.Sample::inputTokens).toArray();
    double[] out = s.stream().mapToDouble(LogRecords.Sample::outputTokens).toArray();
    double[] lat = s.stream().mapToDouble(LogRecords.Sample::latencyS).toArray();
    double[] t = leastSquares(in, out, lat);
    Double cIn = null;
    Double cOut = null;
    if (s.stream().allMatch(r -> r.costUsd() != null)) {
      double[] c = leastSquares(in, out, s.stream().mapToDouble(LogRecords.Sample::costUsd).toArray());
      cIn = Math.max(0, c[0]);
      cOut = Math.max(0, c[1]);
    }
    Map<String, int[]> perQuestion = new LinkedHashMap<>(); // question -> {samples, correct}
    boolean scores = s.stream().allMatch(r -> r.correct() == null);
    AccuracyModel accuracy;
    Map<String, Double> params = new LinkedHashMap<>();
    double aicBeta = Double.NaN;
    double aicSingle = Double.NaN;
    List<PassAtKPoint> curve = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    if (scores) {
      double[] sc = s.stream().mapToDouble(LogRecords.Sample::score).toArray();
      double m = mean(sc);
      double sd = sd(sc, m);
      accuracy = new GaussianBestOfK(m, sd);
      params.put("acc_mean", m);
      params.put("acc_std", sd);
      if (accuracyModel != null && !accuracyModel.equals(GaussianBestOfK.ID)) {
        throw InvalidInputException.of("accuracy_model", accuracyModel, "cannot be fitted to these logs: they record"
            + " scores, not correctness, which fit " + GaussianBestOfK.ID + " only");
      }
    } else {
      for (LogRecords.Sample r : s) {
        if (r.correct() == null) {
          throw new InvalidInputException("line " + r.line(), "correct", null,
              "is missing: the records mix correct flags and scores");
        }
        int[] c = perQuestion.computeIfAbsent(r.question(), q -> new int[2]);
        c[0]++;
        if (r.correct()) {
          c[1]++;
        }
      }
      int[][] counts = perQuestion.values().toArray(new int[0][]);
      double[] ab = betaMle(counts);
      BetaDifficulty d = new BetaDifficulty(ab[0], ab[1]);
      accuracy = new PassAtK(d);
      params.put("alpha", ab[0]);
      params.put("beta", ab[1]);
      aicBeta = 2 * 2 - 2 * logLikelihood(counts, ab[0], ab[1]);
      aicSingle = 2 * 1 - 2 * singleRateLogLikelihood(counts);
      curve = passAtKCurve(counts, d, bootstrap, seed);
      candidates = candidates(s, d, accuracy, bootstrap, seed);
      if (accuracyModel != null) {
        if (!accuracyModel.equals(PassAtK.ID)) {
          List<Candidate> fitted = candidates;
          Candidate chosen = fitted.stream().filter(c -> c.model().id().equals(accuracyModel)).findFirst()
              .orElseThrow(() -> InvalidInputException.of("accuracy_model", accuracyModel, "cannot be fitted to these"
                  + " logs: they support " + supported(fitted) + " (majority-vote needs an answer per record,"
                  + " selector-best-of-k a selected flag)"));
          accuracy = chosen.model();
          params = new LinkedHashMap<>(chosen.parameters());
        }
      } else if (!candidates.isEmpty()) {
        // the model that predicts its own strategy best at k = n (smallest |predicted − observed|)
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
          if (Math.abs(c.predicted() - c.observed()) < Math.abs(best.predicted() - best.observed())) {
            best = c;
          }
        }
        accuracy = best.model();
        params = new LinkedHashMap<>(best.parameters());
      }
    }
    return new Result(models.get(0), s.size(), scores ? s.size() : perQuestion.size(), mean(in), sd(in, mean(in)),
        mean(out), sd(out, mean(out)), Math.max(0, t[0]), Math.max(0, t[1]), r2(in, out, lat, t), cIn, cOut,
        accuracy, params, aicBeta, aicSingle, curve, candidates);
  }

  /**
   * pass@k always; majority vote when the records carry answers (m, the number of wrong answers, by
   * maximum likelihood: a question with w wrong samples showing d distinct wrong answers has likelihood
   * ∝ m!/(m − d)! · m^(−w), over m = max d … 64); the selector when they say which sample it picked
   * (s = the share of questions with both right and wrong samples where the pick was right). Each is
   * checked at k = n on the questions with the most common sample count n.
   */
  private static List<String> supported(List<Candidate> candidates) {
    List<String> ids = new ArrayList<>(List.of(PassAtK.ID));
    candidates.forEach(c -> ids.add(c.model().id()));
    return ids;
  }

  static List<Candidate> candidates(List<LogRecords.Sample> s, BetaDifficulty d, AccuracyModel passAtK, int bootstrap,
      long seed) {
    Map<String, List<LogRecords.Sample>> byQ = new LinkedHashMap<>();
    s.forEach(r -> byQ.computeIfAbsent(r.question(), q -> new ArrayList<>()).add(r));
    Map<Integer, Integer> sizes = new LinkedHashMap<>();
    byQ.values().forEach(l -> sizes.merge(l.size(), 1, Integer::sum));
    int n = sizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    List<List<LogRecords.Sample>> qs = byQ.values().stream().filter(l -> l.size() == n).toList();
    List<Candidate> out = new ArrayList<>();
    double[] passObs = new double[qs.size()];
    for (int i = 0; i < qs.size(); i++) {
      passObs[i] = qs.get(i).stream().anyMatch(LogRecords.Sample::correct) ? 1 : 0;
    }
    out.add(candidate(passAtK, ordered("alpha", d.alpha(), "beta", d.beta()), n, passObs, bootstrap, seed));
    if (s.stream().allMatch(r -> r.answer() != null)) {
      int maxD = 1;
      List<int[]> wd = new ArrayList<>();
      for (List<LogRecords.Sample> l : byQ.values()) {
        java.util.Set<String> wrong = new java.util.HashSet<>();
        int w = 0;
        for (LogRecords.Sample r : l) {
          if (!r.correct()) {
            w++;
            wrong.add(r.answer());
          }
        }
        wd.add(new int[] {w, wrong.size()});
        maxD = Math.max(maxD, wrong.size());
      }
      int bestM = maxD;
      double bestL = Double.NEGATIVE_INFINITY;
      for (int m = Math.max(1, maxD); m <= 64; m++) {
        double ll = 0;
        for (int[] x : wd) {
          ll += CombinatoricsUtils.factorialLog(m) - CombinatoricsUtils.factorialLog(m - x[1]) - x[0] * Math.log(m);
        }
        if (ll > bestL) {
          bestL = ll;
          bestM = m;
        }
      }
      double[] voteObs = new double[qs.size()];
      for (int i = 0; i < qs.size(); i++) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        String right = null;
        for (LogRecords.Sample r : qs.get(i)) {
          votes.merge(r.answer(), 1, Integer::sum);
          if (r.correct()) {
            right = r.answer();
          }
        }
        int top = votes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        long tied = votes.values().stream().filter(v -> v == top).count();
        voteObs[i] = right != null && votes.get(right) == top ? 1.0 / tied : 0;
      }
      if (n <= io.kstar.accuracy.MajorityVote.MAX_EXACT_K) {
        out.add(candidate(new io.kstar.accuracy.MajorityVote(d, bestM),
            ordered("alpha", d.alpha(), "beta", d.beta(), "wrong_answers", (double) bestM), n, voteObs, bootstrap, seed));
      }
    }
    if (s.stream().allMatch(r -> r.selected() != null)) {
      int mixed = 0;
      int right = 0;
      double[] selObs = new double[qs.size()];
      for (List<LogRecords.Sample> l : byQ.values()) {
        boolean any = l.stream().anyMatch(LogRecords.Sample::correct);
        boolean all = l.stream().allMatch(LogRecords.Sample::correct);
        if (any && !all) {
          mixed++;
          if (l.stream().anyMatch(r -> r.selected() && r.correct())) {
            right++;
          }
        }
      }
      for (int i = 0; i < qs.size(); i++) {
        selObs[i] = qs.get(i).stream().anyMatch(r -> r.selected() && r.correct()) ? 1 : 0;
      }
      double sAcc = mixed == 0 ? 1 : (double) right / mixed;
      out.add(candidate(new io.kstar.accuracy.SelectorBestOfK(d, sAcc),
          ordered("alpha", d.alpha(), "beta", d.beta(), "selector_accuracy", sAcc), n, selObs, bootstrap, seed));
    }
    return out;
  }

  private static Map<String, Double> ordered(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Double) kv[i + 1]);
    }
    return m;
  }

  private static Candidate candidate(AccuracyModel m, Map<String, Double> params, int n, double[] obs, int bootstrap,
      long seed) {
    double observed = mean(obs);
    UniformRandomProvider rng = io.kstar.estimate.MonteCarloEstimator.generator(seed, 1);
    double[] boot = new double[bootstrap];
    for (int b = 0; b < bootstrap; b++) {
      double sum = 0;
      for (int i = 0; i < obs.length; i++) {
        sum += obs[rng.nextInt(obs.length)];
      }
      boot[b] = sum / obs.length;
    }
    Arrays.sort(boot);
    double lo = bootstrap == 0 ? observed : boot[(int) Math.floor(0.025 * (bootstrap - 1))];
    double hi = bootstrap == 0 ? observed : boot[(int) Math.ceil(0.975 * (bootstrap - 1))];
    return new Candidate(m, new LinkedHashMap<>(params), n, observed, lo, hi, m.mean(n));
  }

  /** (a, b) minimising Σ (y − a·x1 − b·x2)², by QR (Hipparchus). */
  static double[] leastSquares(double[] x1, double[] x2, double[] y) {
    double[][] a = new double[y.length][2];
    for (int i = 0; i < y.length; i++) {
      a[i][0] = x1[i];
      a[i][1] = x2[i];
    }
    return new QRDecomposition(new Array2DRowRealMatrix(a, false)).getSolver().solve(new ArrayRealVector(y, false)).toArray();
  }

  private static double r2(double[] x1, double[] x2, double[] y, double[] t) {
    double ss = 0;
    double tot = 0;
    for (int i = 0; i < y.length; i++) {
      double r = y[i] - t[0] * x1[i] - t[1] * x2[i];
      ss += r * r;
      tot += y[i] * y[i];
    }
    return tot == 0 ? 1 : 1 - ss / tot;
  }

  static double logLikelihood(int[][] counts, double a, double b) {
    double lb = Beta.logBeta(a, b);
    double sum = 0;
    for (int[] c : counts) {
      sum += CombinatoricsUtils.binomialCoefficientLog(c[0], c[1]) + Beta.logBeta(a + c[1], b + c[0] - c[1]) - lb;
    }
    return sum;
  }

  static double singleRateLogLikelihood(int[][] counts) {
    long n = 0;
    long k = 0;
    for (int[] c : counts) {
      n += c[0];
      k += c[1];
    }
    double p = (double) k / n;
    double sum = 0;
    for (int[] c : counts) {
      sum += CombinatoricsUtils.binomialCoefficientLog(c[0], c[1])
          + (c[1] == 0 ? 0 : c[1] * Math.log(p)) + (c[0] - c[1] == 0 ? 0 : (c[0] - c[1]) * Math.log1p(-p));
    }
    return sum;
  }

  static double[] betaMle(int[][] counts) {
    SimplexOptimizer opt = new SimplexOptimizer(1e-12, 1e-12);
    double best = Double.NEGATIVE_INFINITY;
    double[] arg = null;
    for (double[] start : new double[][] {{0, 0}, {Math.log(5), Math.log(0.5)}, {Math.log(0.3), Math.log(3)}}) {
      var r = opt.optimize(new MaxEval(20_000), new ObjectiveFunction(x -> {
        double a = Math.exp(Math.max(-12, Math.min(12, x[0])));
        double b = Math.exp(Math.max(-12, Math.min(12, x[1])));
        return logLikelihood(counts, a, b);
      }), GoalType.MAXIMIZE, new InitialGuess(start), new NelderMeadSimplex(2, 0.5));
      if (r.getValue() > best) {
        best = r.getValue();
        arg = r.getPoint();
      }
    }
    return new double[] {Math.exp(Math.max(-12, Math.min(12, arg[0]))), Math.exp(Math.max(-12, Math.min(12, arg[1])))};
  }

  /** The unbiased estimator of pass@k for one question with n samples, c correct (Chen et al. 2021). */
  public static double unbiasedPassAtK(int n, int c, int k) {
    if (n - c < k) {
      return 1;
    }
    double prod = 1;
    for (int i = n - c + 1; i <= n; i++) {
      prod *= 1 - (double) k / i;
    }
    return 1 - prod;
  }

  static List<PassAtKPoint> passAtKCurve(int[][] counts, BetaDifficulty d, int bootstrap, long seed) {
    int kMax = Arrays.stream(counts).mapToInt(c -> c[0]).min().orElse(1);
    List<PassAtKPoint> out = new ArrayList<>();
    UniformRandomProvider rng = io.kstar.estimate.MonteCarloEstimator.generator(seed, 0);
    int q = counts.length;
    int[][] resamples = new int[bootstrap][q];
    for (int b = 0; b < bootstrap; b++) {
      for (int i = 0; i < q; i++) {
        resamples[b][i] = rng.nextInt(q);
      }
    }
    PassAtK fitted = new PassAtK(d);
    for (int k = 1; k <= kMax; k++) {
      double[] per = new double[q];
      for (int i = 0; i < q; i++) {
        per[i] = unbiasedPassAtK(counts[i][0], counts[i][1], k);
      }
      double observed = mean(per);
      double[] boot = new double[bootstrap];
      for (int b = 0; b < bootstrap; b++) {
        double sum = 0;
        for (int i = 0; i < q; i++) {
          sum += per[resamples[b][i]];
        }
        boot[b] = sum / q;
      }
      Arrays.sort(boot);
      double lo = bootstrap == 0 ? observed : boot[(int) Math.floor(0.025 * (bootstrap - 1))];
      double hi = bootstrap == 0 ? observed : boot[(int) Math.ceil(0.975 * (bootstrap - 1))];
      out.add(new PassAtKPoint(k, observed, lo, hi, fitted.mean(k)));
    }
    return out;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  static double sd(double[] v, double m) {
    if (v.length < 2) {
      return 0;
    }
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
