package io.kstar.calibrate;

import io.kstar.distribution.SampleQuantile;
import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.PassAtK;
import io.kstar.accuracy.PassAtKWithUnsolved;
import io.kstar.input.InvalidInputException;
import io.kstar.profile.Calibration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
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

  /**
   * A parameter of the chosen accuracy model: its estimate, the 5 % and 95 % quantiles of its bootstrap
   * refits (the interval is widened to hold the estimate when it falls outside), and why it is not to be
   * trusted, or null.
   */
  public record ParameterInterval(String name, double value, double p05, double p95, String flag) {}

  /** E[A(k)] of the chosen model at k, and the 5 % and 95 % quantiles over the replicates. */
  public record ExpectedAccuracy(int k, double mean, double p05, double p95, boolean extrapolated) {}

  /**
   * Which billing shape the records' costs fit, when they name their calls: least squares of each call's cost
   * on (its prompt tokens, its output tokens), a prompt billed once per call, and on (its samples' input
   * tokens added up, its output tokens), the prompt billed with every sample; the root-mean-square residual
   * per call of each, and the prices of the one that fits better ({@code perCall}).
   */
  public record Billing(long calls, double cInPerCall, double cOutPerCall, double rmsePerCall, double cInPerSample,
      double cOutPerSample, double rmsePerSample, boolean perCall) {}

  /** Replicates drawn when the caller names no count. */
  public static final int DEFAULT_REPLICATES = 200;

  /** Fewer distinct questions than this: the fit goes on, with a warning. */
  public static final int FEW_QUESTIONS = 20;

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
      List<Candidate> candidates,
      double aicBetaUnsolved,
      int dataUpToK,
      String replicateMethod,
      List<AccuracyModel> replicates,
      List<ParameterInterval> intervals,
      List<ExpectedAccuracy> expectedAccuracy,
      List<String> warnings,
      Integer samplesPerRequest,
      Billing billing,
      boolean lengthsFitted,
      boolean latencyFitted) {

    /** A fit whose lengths and times are fitted when its output lengths are known (mean above 0). */
    public Result(String model, int samples, int questions, double inputMean, double inputSd, double outputMean,
        double outputSd, double tIn, double tOut, double latencyR2, Double cIn, Double cOut, AccuracyModel accuracy,
        Map<String, Double> parameters, double aicBeta, double aicSingleRate, List<PassAtKPoint> passAtK,
        List<Candidate> candidates, double aicBetaUnsolved, int dataUpToK, String replicateMethod,
        List<AccuracyModel> replicates, List<ParameterInterval> intervals, List<ExpectedAccuracy> expectedAccuracy,
        List<String> warnings, Integer samplesPerRequest, Billing billing) {
      this(model, samples, questions, inputMean, inputSd, outputMean, outputSd, tIn, tOut, latencyR2, cIn, cOut, accuracy,
          parameters, aicBeta, aicSingleRate, passAtK, candidates, aicBetaUnsolved, dataUpToK, replicateMethod, replicates,
          intervals, expectedAccuracy, warnings, samplesPerRequest, billing, outputMean > 0, outputMean > 0);
    }

    /** A fit of records that do not name their calls. */
    public Result(String model, int samples, int questions, double inputMean, double inputSd, double outputMean,
        double outputSd, double tIn, double tOut, double latencyR2, Double cIn, Double cOut, AccuracyModel accuracy,
        Map<String, Double> parameters, double aicBeta, double aicSingleRate, List<PassAtKPoint> passAtK,
        List<Candidate> candidates, double aicBetaUnsolved, int dataUpToK, String replicateMethod,
        List<AccuracyModel> replicates, List<ParameterInterval> intervals, List<ExpectedAccuracy> expectedAccuracy,
        List<String> warnings) {
      this(model, samples, questions, inputMean, inputSd, outputMean, outputSd, tIn, tOut, latencyR2, cIn, cOut, accuracy,
          parameters, aicBeta, aicSingleRate, passAtK, candidates, aicBetaUnsolved, dataUpToK, replicateMethod, replicates,
          intervals, expectedAccuracy, warnings, null, null);
    }

    /**
     * The replicates of {@link #accuracy()}, how they were drawn and the k the logs cover, for plans.
     *
     * @throws IllegalStateException when the fit drew fewer than 2 replicates
     */
    public Calibration calibration() {
      if (replicates.size() < 2) {
        throw new IllegalStateException("the fit drew " + replicates.size() + " replicates; a calibration needs 2 or more");
      }
      return new Calibration(replicateMethod, dataUpToK, replicates);
    }
  }

  public static Result fit(List<LogRecords.Sample> all, String model, int bootstrap, long seed) {
    return fit(all, model, null, bootstrap, seed);
  }

  public static Result fit(List<LogRecords.Sample> all, String model, String accuracyModel, int bootstrap,
      long seed) {
    return fit(all, model, accuracyModel, bootstrap, DEFAULT_REPLICATES, seed);
  }

  /**
   * @param model which model of the logs (field {@code log_model}); null when they hold one
   * @param accuracyModel the accuracy model to fit (field {@code accuracy_model}); null: the best of those
   *     the records support (scores: gaussian-best-of-k; correctness: pass-at-k — or pass-at-k-with-unsolved
   *     when its AIC is lower by more than 2 — and majority vote or the selector model where answers or
   *     picks are recorded)
   * @param bootstrap resamples for the intervals of the observed pass@k and of each candidate at k = n
   * @param replicates bootstrap replicates of the chosen accuracy model (0: none, and no intervals)
   */
  public static Result fit(List<LogRecords.Sample> all, String model, String accuracyModel, int bootstrap,
      int replicates, long seed) {
    List<LogRecords.Sample> s = all.stream().filter(r -> model == null || r.model().equals(model)).toList();
    if (s.isEmpty()) {
      throw InvalidInputException.of("log_model", model, "matches no record; the logs have "
          + all.stream().map(LogRecords.Sample::model).distinct().toList());
    }
    List<String> models = s.stream().map(LogRecords.Sample::model).distinct().toList();
    if (models.size() > 1) {
      throw InvalidInputException.of("log_model", null, "is required: the logs hold several models " + models);
    }
    boolean anyCorrect = s.stream().anyMatch(r -> r.correct() != null);
    LogAggregate.Builder b = new LogAggregate.Builder();
    for (LogRecords.Sample r : s) {
      if (anyCorrect && r.correct() == null) {
        throw new InvalidInputException("line " + r.line(), "correct", null,
            "is missing: the records mix correct flags and scores");
      }
      b.add(r);
    }
    return fit(b.build().groups().get(0), accuracyModel, bootstrap, replicates, seed);
  }

  /**
   * The fit from a group's sufficient statistics ({@link LogAggregate}): the same result as from its
   * records, as {@link #fit(List, String, String, int, int, long)} aggregates and then calls this; time and
   * memory grow with the number of questions, not of records.
   */
  public static Result fit(LogAggregate.Group g, String accuracyModel, int bootstrap, int replicates, long seed) {
    LogAggregate.Moments m = g.moments();
    List<LogAggregate.Question> qs = g.questions();
    List<String> warnings = new ArrayList<>();
    if (qs.size() < 2) {
      throw InvalidInputException.of("question", qs.isEmpty() ? null : qs.get(0).id(), "is the only question in the"
          + " logs: at least 2 distinct questions are needed, as the spread of difficulty across questions (and"
          + " its uncertainty) is learnt from them; " + FEW_QUESTIONS + " or more for a fit without a warning");
    }
    if (qs.size() < FEW_QUESTIONS) {
      warnings.add("only " + qs.size() + " questions (fewer than " + FEW_QUESTIONS + "): the difficulty"
          + " distribution and its intervals rest on very few questions; read them as rough");
    }
    long samples = m.samples();
    // logs without token counts (an evaluation harness's): nothing to fit for lengths and times, and no warning;
    // logs where only some records carry them: not fitted either, and a warning says how many lack them
    boolean tokens = m.tokenSamples() == samples && m.sumOut2() > 0;
    boolean timed = tokens && m.latencySamples() == samples;
    if (m.tokenSamples() > 0 && m.tokenSamples() < samples) {
      warnings.add("lengths not fitted: " + (samples - m.tokenSamples()) + " of " + samples + " records lack"
          + " input_tokens or output_tokens (the lengths are fitted when every record has both)");
    }
    if (tokens && m.latencySamples() > 0 && m.latencySamples() < samples) {
      warnings.add("per-token times not fitted: " + (samples - m.latencySamples()) + " of " + samples + " records lack"
          + " latency_s (the times are fitted when every record has it)");
    }
    if (tokens && m.costSamples() > 0 && m.costSamples() < samples) {
      warnings.add("prices not fitted: " + (samples - m.costSamples()) + " of " + samples + " records lack cost_usd (the"
          + " prices are fitted when every record has it)");
    }
    double[] t = timed ? leastSquaresOrOutputOnly(m.sumIn2(), m.sumInOut(), m.sumOut2(), m.sumInLat(), m.sumOutLat(),
        "latency", warnings) : new double[] {0, 0};
    double ssLat = m.sumLat2() - 2 * t[0] * m.sumInLat() - 2 * t[1] * m.sumOutLat() + t[0] * t[0] * m.sumIn2()
        + 2 * t[0] * t[1] * m.sumInOut() + t[1] * t[1] * m.sumOut2();
    double r2 = m.sumLat2() == 0 ? 1 : 1 - Math.max(0, ssLat) / m.sumLat2();
    Double cIn = null;
    Double cOut = null;
    LogAggregate.Calls calls = g.calls();
    boolean shared = calls != null && calls.calls() < samples;
    Billing billing = null;
    if (m.costSamples() == samples && tokens && shared && calls.costCalls() == calls.calls()) {
      billing = billing(calls, warnings);
      cIn = Math.max(0, billing.perCall() ? billing.cInPerCall() : billing.cInPerSample());
      cOut = Math.max(0, billing.perCall() ? billing.cOutPerCall() : billing.cOutPerSample());
    } else if (m.costSamples() == samples && tokens) {
      double[] c = leastSquaresOrOutputOnly(m.sumIn2(), m.sumInOut(), m.sumOut2(), m.sumInCost(), m.sumOutCost(), "cost",
          warnings);
      cIn = Math.max(0, c[0]);
      cOut = Math.max(0, c[1]);
    }
    // samples that share calls: the prompt is the call's (one per call), n the samples per call
    Integer perRequest = shared ? (int) Math.max(1, Math.round((double) samples / calls.calls())) : null;
    double inMean = shared ? calls.sumP() / calls.calls() : m.sumIn() / samples;
    double inSd = shared ? sd(calls.sumP(), calls.sumP2(), calls.calls()) : sd(m.sumIn(), m.sumIn2(), samples);
    boolean scores = m.correctSamples() == 0;
    if (!scores && m.correctSamples() != samples) {
      throw InvalidInputException.of("correct", null, "is missing in " + (samples - m.correctSamples()) + " of the "
          + samples + " records: the records mix correct flags and scores");
    }
    if (scores && m.scoreSamples() != samples) {
      throw InvalidInputException.of("correct", null, "is missing: give correct (or score) in every record ("
          + (samples - m.scoreSamples()) + " of " + samples + " have neither)");
    }
    int[][] counts = new int[qs.size()][];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new int[] {qs.get(i).n(), qs.get(i).correct()};
    }
    int dataUpToK = dataUpToK(counts);
    AccuracyModel accuracy;
    Map<String, Double> params = new LinkedHashMap<>();
    double aicBeta = Double.NaN;
    double aicSingle = Double.NaN;
    double aicUnsolved = Double.NaN;
    List<PassAtKPoint> curve = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    Replicates reps;
    if (scores) {
      double sum = 0;
      double sq = 0;
      for (LogAggregate.Question q : qs) {
        sum += q.scoreSum();
        sq += q.scoreSq();
      }
      double mean = sum / samples;
      double sd = samples < 2 ? 0 : Math.sqrt(Math.max(0, (sq - sum * mean) / (samples - 1)));
      accuracy = new GaussianBestOfK(mean, sd);
      params.put("acc_mean", mean);
      params.put("acc_std", sd);
      if (accuracyModel != null && !accuracyModel.equals(GaussianBestOfK.ID)) {
        throw InvalidInputException.of("accuracy_model", accuracyModel, "cannot be fitted to these logs: they record"
            + " scores, not correctness, which fit " + GaussianBestOfK.ID + " only");
      }
      reps = scoreReplicates(qs, replicates, seed);
    } else {
      long right = Arrays.stream(counts).mapToLong(c -> c[1]).sum();
      if (right == 0 || right == samples) {
        throw InvalidInputException.of("correct", right == 0 ? "false" : "true", "is " + (right == 0 ? "false" : "true")
            + " in every one of the " + samples + " records: with no " + (right == 0 ? "right" : "wrong")
            + " sample the difficulty distribution is not identified (its maximum likelihood runs off to α → "
            + (right == 0 ? "0" : "∞") + "); the logs need both right and wrong samples");
      }
      if (Arrays.stream(counts).allMatch(c -> c[0] == 1)) {
        throw InvalidInputException.of("question", null, "has one sample each in these logs (" + counts.length
            + " questions): the spread of difficulty across questions, and so pass@k for k > 1, is not identified;"
            + " record at least 2 samples per question");
      }
      double[] ab = betaMle(counts);
      BetaDifficulty d = new BetaDifficulty(ab[0], ab[1]);
      accuracy = new PassAtK(d);
      params.put("alpha", ab[0]);
      params.put("beta", ab[1]);
      aicBeta = 2 * 2 - 2 * logLikelihood(counts, ab[0], ab[1]);
      aicSingle = 2 * 1 - 2 * singleRateLogLikelihood(counts);
      BetaBinomial.Patterns patterns = BetaBinomial.Patterns.of(counts);
      double[] w0 = patterns.weights();
      double constant = BetaBinomial.binomialConstant(patterns, w0);
      double[] nested = {ab[0], ab[1], BetaBinomial.betaLogLik(patterns, w0, ab[0], ab[1])};
      double zeroShare = Arrays.stream(counts).filter(c -> c[1] == 0).count() / (double) counts.length;
      double[] zu = BetaBinomial.fitUnsolved(patterns, w0, 1e-12, nested,
          new double[] {Math.log(ab[0]), Math.log(ab[1]), -8},
          new double[] {Math.log(ab[0]), Math.log(ab[1]), BetaBinomial.logit(0.5 * zeroShare + 0.01)},
          new double[] {0, 0, BetaBinomial.logit(0.9 * zeroShare + 0.01)});
      PassAtKWithUnsolved unsolved = new PassAtKWithUnsolved(new BetaDifficulty(zu[0], zu[1]), zu[2]);
      aicUnsolved = 2 * 3 - 2 * (zu[3] + constant);
      curve = passAtKCurve(counts, d, bootstrap, seed);
      candidates = candidates(g, d, accuracy, unsolved, bootstrap, seed);
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
      } else {
        // the strategy whose model predicts it best at k = n (smallest |predicted − observed|); for pass@k,
        // the difficulty family by AIC (the never-solved share only when it lowers AIC by more than 2)
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
          if (!c.model().id().equals(PassAtKWithUnsolved.ID)
              && Math.abs(c.predicted() - c.observed()) < Math.abs(best.predicted() - best.observed())) {
            best = c;
          }
        }
        if (best.model().id().equals(PassAtK.ID) && aicUnsolved < aicBeta - 2) {
          if (identified(zu[0]) && identified(zu[1])) {
            best = candidates.stream().filter(c -> c.model().id().equals(PassAtKWithUnsolved.ID)).findFirst().orElseThrow();
          } else {
            warnings.add(String.format(java.util.Locale.ROOT, "the Beta with a never-solved share fits better by AIC"
                + " (%.1f against %.1f) but its Beta runs to the edge of the search (alpha=%s beta=%s: the solvable"
                + " questions all look alike), so the profile keeps the plain Beta; the replicates carry both", aicUnsolved,
                aicBeta, fmt(zu[0]), fmt(zu[1])));
          }
        }
        accuracy = best.model();
        params = new LinkedHashMap<>(best.parameters());
      }
      reps = correctnessReplicates(qs, patterns, ab, zu, accuracy, dataUpToK, replicates, seed);
    }
    List<ParameterInterval> intervals = intervals(accuracy, reps.pure(), reps.notes());
    for (ParameterInterval p : intervals) {
      if (p.flag() != null) {
        warnings.add(p.name() + " = " + fmt(p.value()) + " (90% interval " + fmt(p.p05()) + " to " + fmt(p.p95())
            + "): " + p.flag() + "; the interval is shown as it is, wide");
      }
    }
    warnings.addAll(reps.notes());
    List<ExpectedAccuracy> expected = new ArrayList<>();
    if (reps.models().size() >= 2) {
      Calibration cal = new Calibration(reps.method(), dataUpToK, reps.models());
      java.util.TreeSet<Integer> ks = new java.util.TreeSet<>(List.of(1, dataUpToK, 2 * dataUpToK, 4 * dataUpToK,
          16 * dataUpToK));
      for (int k : ks) {
        if (k <= accuracy.maxExactK()) {
          double[] e = expectedAccuracyInterval(cal, accuracy, k);
          expected.add(new ExpectedAccuracy(k, e[0], e[1], e[2], k > dataUpToK));
        }
      }
    }
    return new Result(g.model(), (int) samples, scores ? (int) samples : qs.size(), inMean, inSd,
        m.sumOut() / samples, sd(m.sumOut(), m.sumOut2(), samples), Math.max(0, t[0]),
        Math.max(0, t[1]), r2, cIn, cOut,
        accuracy, params, aicBeta, aicSingle, curve, candidates, aicUnsolved, dataUpToK, reps.method(), reps.models(),
        intervals, expected, List.copyOf(warnings), perRequest, billing, tokens, timed);
  }

  /** Both billing shapes fitted to the calls' costs (see {@link Billing}). */
  static Billing billing(LogAggregate.Calls c, List<String> warnings) {
    double[] call = leastSquaresOrOutputOnly(c.sumP2(), c.sumPO(), c.sumO2(), c.sumPY(), c.sumOY(), "cost", warnings);
    double[] sample = leastSquaresOrOutputOnly(c.sumS2(), c.sumSO(), c.sumO2(), c.sumSY(), c.sumOY(), "cost", warnings);
    double rssCall = c.sumY2() - call[0] * c.sumPY() - call[1] * c.sumOY();
    double rssSample = c.sumY2() - sample[0] * c.sumSY() - sample[1] * c.sumOY();
    double rmseCall = Math.sqrt(Math.max(0, rssCall) / c.calls());
    double rmseSample = Math.sqrt(Math.max(0, rssSample) / c.calls());
    if (Math.abs(rmseCall - rmseSample) <= 0.01 * Math.max(rmseCall, rmseSample) + 1e-12 * Math.abs(c.sumY() / c.calls())) {
      warnings.add("the recorded costs fit a prompt billed once per call and one billed with every sample equally well"
          + " (every call holds about the same number of samples, so the two differ only in the input price, by that"
          + " number): the per-call prices are taken, as providers bill n > 1 samples; check c_in against the list"
          + " price");
    }
    return new Billing(c.calls(), call[0], call[1], rmseCall, sample[0], sample[1], rmseSample, rmseCall <= rmseSample);
  }

  /** An α or β the logs identify: inside [1e−4, 1e4], away from the edges of the search. */
  static boolean identified(double shape) {
    return shape >= 1e-4 && shape <= 1e4;
  }

  /**
   * The k the logs cover: the median number of samples per question (the lower median, so that at least
   * half the questions have that many samples or more). The median rather than the minimum, so that a
   * few short questions (time-outs, a truncated run) do not shrink it; rather than the maximum, so that
   * a few long ones do not stretch it.
   */
  static int dataUpToK(int[][] counts) {
    int[] n = Arrays.stream(counts).mapToInt(c -> c[0]).sorted().toArray();
    return n[(n.length - 1) / 2];
  }

  /**
   * E[A(k)] under {@code chosen} and its 5 % / 95 % quantiles over the calibration's replicates, as
   * {mean, p05, p95}; the interval is widened to hold the estimate when the estimate falls outside it.
   */
  public static double[] expectedAccuracyInterval(Calibration c, AccuracyModel chosen, int k) {
    double[] v = new double[c.samples().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = c.samples().get(i).mean(k);
    }
    Arrays.sort(v);
    double m = chosen.mean(k);
    return new double[] {m, Math.min(m, SampleQuantile.ofSorted(v, 0.05)), Math.max(m, SampleQuantile.ofSorted(v, 0.95))};
  }


  static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4g", v);
  }

  /**
   * Replicates of the chosen model: {@code models} for plans (with model uncertainty), {@code pure} the
   * same-family refits that the parameter intervals come from; notes on what was held or not identified.
   */
  record Replicates(String method, List<AccuracyModel> models, List<AccuracyModel> pure, List<String> notes) {}

  /** Scores: questions resampled, the Gaussian's mean and sd recomputed over their scores. */
  static Replicates scoreReplicates(List<LogAggregate.Question> questions, int count, long seed) {
    List<double[]> q = new ArrayList<>(); // {n, Σ score, Σ score²}
    for (LogAggregate.Question x : questions) {
      q.add(new double[] {x.n(), x.scoreSum(), x.scoreSq()});
    }
    UniformRandomProvider rng = io.kstar.estimate.MonteCarloEstimator.generator(seed, 2);
    List<AccuracyModel> out = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      double n = 0;
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < q.size(); i++) {
        double[] x = q.get(rng.nextInt(q.size()));
        n += x[0];
        sum += x[1];
        sq += x[2];
      }
      double m = sum / n;
      double var = n < 2 ? 0 : Math.max(0, (sq - n * m * m) / (n - 1));
      out.add(new GaussianBestOfK(m, Math.sqrt(var)));
    }
    String method = "bootstrap over " + q.size() + " questions (" + count + " replicates, seed " + seed
        + "): the scores' mean and sd recomputed per replicate";
    return new Replicates(method, out, out, List.of());
  }

  /**
   * Correctness: questions resampled with replacement; per replicate the Beta and the Beta with a
   * never-solved share are both refitted (warm-started from the full fit), and the chosen model's own
   * parameters too — m of majority vote by maximum likelihood, s of the selector as a share — so the
   * replicate is a full refit of the chosen model. Model uncertainty: in each replicate the other
   * difficulty family is drawn with its Akaike weight 1/(1 + e^(ΔAIC/2)) in that replicate; when drawn,
   * the replicate takes its difficulty — exactly (the Beta is the never-solved family at u = 0), or, for
   * the Beta-difficulty models, as the Beta whose pass@k curve is closest to the never-solved family's over
   * k ≤ max(64, 16 n) ({@link BetaBinomial#project}). The replicates therefore stay of the chosen kind.
   */
  static Replicates correctnessReplicates(List<LogAggregate.Question> qs, BetaBinomial.Patterns patterns, double[] ab,
      double[] zu, AccuracyModel chosen, int dataUpToK, int count, long seed) {
    List<String> notes = new ArrayList<>();
    if (count == 0) {
      return new Replicates("none drawn", List.of(), List.of(), notes);
    }
    int q = qs.size();
    boolean vote = chosen instanceof io.kstar.accuracy.MajorityVote;
    boolean selector = chosen instanceof io.kstar.accuracy.SelectorBestOfK;
    boolean unsolvedFamily = chosen instanceof PassAtKWithUnsolved;
    // majority vote: each question's (wrong samples w, distinct wrong answers d), grouped
    int[] wdIndex = new int[q];
    List<int[]> wdPatterns = new ArrayList<>();
    if (vote) {
      Map<Long, Integer> seen = new LinkedHashMap<>();
      for (int i = 0; i < q; i++) {
        int w = qs.get(i).n() - qs.get(i).correct();
        int d = qs.get(i).wrongDistinct();
        long key = ((long) w << 32) | d;
        Integer j = seen.get(key);
        if (j == null) {
          j = wdPatterns.size();
          seen.put(key, j);
          wdPatterns.add(new int[] {w, d});
        }
        wdIndex[i] = j;
      }
    }
    int[] mixed = new int[q];
    int[] pickedRight = new int[q];
    if (selector) {
      for (int i = 0; i < q; i++) {
        LogAggregate.Question x = qs.get(i);
        if (x.correct() > 0 && x.correct() < x.n()) {
          mixed[i] = 1;
          pickedRight[i] = x.selectedRight();
        }
      }
      if (Arrays.stream(mixed).sum() == 0) {
        notes.add("selector_accuracy is not identified: no question has both right and wrong samples, so the"
            + " selector's pick never mattered; it is set to 1 by convention");
      }
    }
    int horizon = Math.max(64, 16 * dataUpToK);
    UniformRandomProvider rng = io.kstar.estimate.MonteCarloEstimator.generator(seed, 3);
    List<AccuracyModel> models = new ArrayList<>();
    List<AccuracyModel> pure = new ArrayList<>();
    int switched = 0;
    double[] startBeta = {Math.log(ab[0]), Math.log(ab[1])};
    double[] startUnsolved = {Math.log(zu[0]), Math.log(zu[1]), BetaBinomial.logit(zu[2] == 0 ? 1e-4 : zu[2])};
    for (int b = 0; b < count; b++) {
      double[] w = new double[patterns.size()];
      double[] wd = new double[wdPatterns.size()];
      int mix = 0;
      int right = 0;
      for (int i = 0; i < q; i++) {
        int j = rng.nextInt(q);
        w[patterns.index()[j]]++;
        if (vote) {
          wd[wdIndex[j]]++;
        }
        mix += mixed[j];
        right += pickedRight[j];
      }
      double[] be = BetaBinomial.fitBeta(patterns, w, 1e-8, startBeta);
      double[] un = BetaBinomial.fitUnsolved(patterns, w, 1e-8, be, startUnsolved);
      BetaDifficulty beta = new BetaDifficulty(be[0], be[1]);
      PassAtKWithUnsolved alt = new PassAtKWithUnsolved(new BetaDifficulty(un[0], un[1]), un[2]);
      AccuracyModel own = unsolvedFamily ? alt : withDifficulty(chosen, beta, vote ? bestWrongAnswers(wdPatterns, wd) : 0,
          selector ? (mix == 0 ? 1 : (double) right / mix) : 0);
      pure.add(own);
      double aicOwn = unsolvedFamily ? 6 - 2 * un[3] : 4 - 2 * be[2];
      double aicOther = unsolvedFamily ? 4 - 2 * be[2] : 6 - 2 * un[3];
      double weightOther = 1 / (1 + Math.exp(Math.min(700, (aicOther - aicOwn) / 2)));
      AccuracyModel rep = own;
      if (rng.nextDouble() < weightOther) {
        switched++;
        if (unsolvedFamily) {
          rep = new PassAtKWithUnsolved(beta, 0);
        } else if (un[2] > 0) {
          rep = withDifficulty(own, BetaBinomial.project(alt, horizon, beta), -1, -1);
        }
      }
      models.add(rep);
    }
    String params = vote ? "α, β and m (wrong answers)" : selector ? "α, β and s (selector accuracy)"
        : unsolvedFamily ? "α, β and u (never-solved share)" : "α and β";
    String other = unsolvedFamily ? "the plain Beta (u = 0)"
        : "the Beta with a never-solved share, projected onto a Beta by its pass@k curve over k ≤ " + horizon;
    String method = "bootstrap over " + q + " questions (" + count + " replicates, seed " + seed + "): " + params
        + " refitted per replicate; in " + switched + " of them (each drawn with its Akaike weight) the difficulty"
        + " is that of the other family, " + other;
    return new Replicates(method, List.copyOf(models), List.copyOf(pure), notes);
  }

  /** The same kind as {@code m} with difficulty {@code d}; m or s replaced when given (≥ 0), else kept. */
  static AccuracyModel withDifficulty(AccuracyModel m, BetaDifficulty d, int wrongAnswers, double selectorAccuracy) {
    if (m instanceof io.kstar.accuracy.MajorityVote v) {
      return new io.kstar.accuracy.MajorityVote(d, wrongAnswers > 0 ? wrongAnswers : v.wrongAnswers());
    }
    if (m instanceof io.kstar.accuracy.SelectorBestOfK sel) {
      return new io.kstar.accuracy.SelectorBestOfK(d, selectorAccuracy >= 0 ? selectorAccuracy : sel.selectorAccuracy());
    }
    if (m instanceof PassAtK) {
      return new PassAtK(d);
    }
    throw new IllegalArgumentException("no Beta difficulty to replace in " + m.id());
  }

  /** m by maximum likelihood over grouped (w, d) with weights: ∝ m!/(m − d)! · m^(−w), m = max d … 64. */
  static int bestWrongAnswers(List<int[]> wd, double[] weights) {
    int maxD = 1;
    for (int j = 0; j < wd.size(); j++) {
      if (weights[j] > 0) {
        maxD = Math.max(maxD, wd.get(j)[1]);
      }
    }
    int best = maxD;
    double bestL = Double.NEGATIVE_INFINITY;
    for (int m = maxD; m <= 64; m++) {
      double ll = 0;
      for (int j = 0; j < wd.size(); j++) {
        if (weights[j] > 0) {
          int[] x = wd.get(j);
          ll += weights[j] * (CombinatoricsUtils.factorialLog(m) - CombinatoricsUtils.factorialLog(m - x[1])
              - x[0] * Math.log(m));
        }
      }
      if (ll > bestL) {
        bestL = ll;
        best = m;
      }
    }
    return best;
  }

  /**
   * Per declared parameter of the chosen model: estimate, 5 % / 95 % of the same-family refits, and a
   * flag when the parameter sits at the edge of the search (α or β beyond [1e−4, 1e4]: the search stops at
   * e^±12 ≈ 6e−6 … 162755; m at 64; u or s at a bound of [0, 1] with a wide interval), when its interval
   * spans more than a factor of 100 (α, β: a nearly flat likelihood) or more than half of [0, 1] (u, s), or
   * when the estimate lies outside its own interval (an unstable fit).
   */
  static List<ParameterInterval> intervals(AccuracyModel chosen, List<AccuracyModel> pure, List<String> notes) {
    List<ParameterInterval> out = new ArrayList<>();
    if (pure.size() < 2) {
      return out;
    }
    for (var p : chosen.kind().parameters()) {
      if (!(chosen.values().get(p.name()) instanceof Double)) {
        continue;
      }
      double value = chosen.values().number(p.name());
      double[] v = pure.stream().mapToDouble(m -> m.values().number(p.name())).sorted().toArray();
      double lo = SampleQuantile.ofSorted(v, 0.05);
      double hi = SampleQuantile.ofSorted(v, 0.95);
      String flag = null;
      String name = p.name();
      boolean positiveScale = name.equals(BetaDifficulty.ALPHA.name()) || name.equals(BetaDifficulty.BETA.name());
      if (positiveScale && (value > 1e4 || value < 1e-4)) {
        flag = "at the edge of the search (the fit keeps α and β in [6e-06, 162755]): the logs do not identify it";
      } else if (positiveScale && hi > 1e4) {
        flag = "runs to the edge of the search in some replicates: the likelihood is nearly flat";
      } else if (positiveScale && lo > 0 && hi / lo > 100) {
        flag = "its bootstrap interval spans more than a factor of 100: the likelihood is nearly flat";
      } else if (name.equals(io.kstar.accuracy.MajorityVote.WRONG_ANSWERS.name()) && value >= 64) {
        flag = "at the largest m searched (64): more wrong answers than the search allows, or not identified";
      } else if (!positiveScale && p.range().max() == 1 && hi - lo > 0.5) {
        flag = "its bootstrap interval covers more than half of [0, 1]: barely identified";
      } else if (value < lo - 1e-9 * Math.abs(value) || value > hi + 1e-9 * Math.abs(value)) {
        flag = "the estimate lies outside its own bootstrap 90% interval: the fit is unstable (a flat or"
            + " many-peaked likelihood)";
      }
      out.add(new ParameterInterval(name, value, Math.min(lo, value), Math.max(hi, value), flag));
    }
    return out;
  }

  /**
   * pass@k always, and pass@k with a never-solved share of questions (listed last); majority vote when the
   * records carry answers (m, the number of wrong answers, by
   * maximum likelihood: a question with w wrong samples showing d distinct wrong answers has likelihood
   * ∝ m!/(m − d)! · m^(−w), over m = max d … 64); the selector when they say which sample it picked
   * (s = the share of questions with both right and wrong samples where the pick was right). Each is
   * checked at k = n on the questions with the most common sample count n.
   */
  private static List<String> supported(List<Candidate> candidates) {
    List<String> ids = new ArrayList<>(List.of(PassAtK.ID));
    candidates.forEach(c -> ids.add(c.model().id()));
    return ids.stream().distinct().toList();
  }

  static List<Candidate> candidates(LogAggregate.Group g, BetaDifficulty d, AccuracyModel passAtK,
      PassAtKWithUnsolved unsolved, int bootstrap, long seed) {
    List<LogAggregate.Question> all = g.questions();
    // the most common number of samples per question; a tie goes to the larger n
    java.util.TreeMap<Integer, Integer> sizes = new java.util.TreeMap<>();
    all.forEach(x -> sizes.merge(x.n(), 1, Integer::sum));
    int n = 0;
    int most = 0;
    for (Map.Entry<Integer, Integer> e : sizes.entrySet()) {
      if (e.getValue() >= most) {
        most = e.getValue();
        n = e.getKey();
      }
    }
    int atN = n;
    List<LogAggregate.Question> qs = all.stream().filter(x -> x.n() == atN).toList();
    List<Candidate> out = new ArrayList<>();
    double[] passObs = new double[qs.size()];
    for (int i = 0; i < qs.size(); i++) {
      passObs[i] = qs.get(i).correct() > 0 ? 1 : 0;
    }
    out.add(candidate(passAtK, ordered("alpha", d.alpha(), "beta", d.beta()), n, passObs, bootstrap, seed));
    LogAggregate.Moments m = g.moments();
    if (m.answerSamples() == m.samples()) {
      List<int[]> wd = new ArrayList<>();
      for (LogAggregate.Question x : all) {
        wd.add(new int[] {x.n() - x.correct(), x.wrongDistinct()});
      }
      double[] ones = new double[wd.size()];
      Arrays.fill(ones, 1);
      int bestM = bestWrongAnswers(wd, ones);
      double[] voteObs = new double[qs.size()];
      for (int i = 0; i < qs.size(); i++) {
        voteObs[i] = qs.get(i).voteTies() > 0 ? 1.0 / qs.get(i).voteTies() : 0;
      }
      if (n <= io.kstar.accuracy.MajorityVote.MAX_EXACT_K) {
        out.add(candidate(new io.kstar.accuracy.MajorityVote(d, bestM),
            ordered("alpha", d.alpha(), "beta", d.beta(), "wrong_answers", (double) bestM), n, voteObs, bootstrap, seed));
      }
    }
    if (m.selectedSamples() == m.samples()) {
      int mixed = 0;
      int right = 0;
      double[] selObs = new double[qs.size()];
      for (LogAggregate.Question x : all) {
        if (x.correct() > 0 && x.correct() < x.n()) {
          mixed++;
          right += x.selectedRight();
        }
      }
      for (int i = 0; i < qs.size(); i++) {
        selObs[i] = qs.get(i).selectedRight();
      }
      double sAcc = mixed == 0 ? 1 : (double) right / mixed;
      out.add(candidate(new io.kstar.accuracy.SelectorBestOfK(d, sAcc),
          ordered("alpha", d.alpha(), "beta", d.beta(), "selector_accuracy", sAcc), n, selObs, bootstrap, seed));
    }
    out.add(candidate(unsolved, ordered("alpha", unsolved.difficulty().alpha(), "beta", unsolved.difficulty().beta(),
        "unsolved_share", unsolved.unsolvedShare()), n, passObs, bootstrap, seed));
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

  /**
   * {@link #leastSquares}, or, when input and output tokens are collinear (constant, or proportional) and
   * the two cannot be told apart, y on output tokens alone (the input coefficient 0), with a warning.
   */
  static double[] leastSquaresOrOutputOnly(double s11, double s12, double s22, double s1y, double s2y, String what,
      List<String> warnings) {
    double[] ab = leastSquares(s11, s12, s22, s1y, s2y);
    if (ab != null) {
      return ab;
    }
    warnings.add("input and output tokens are collinear in these records (constant or proportional), so the " + what
        + " per input token cannot be told from that per output token: it is fitted on output tokens alone"
        + " (the input coefficient set to 0)");
    return new double[] {0, s22 == 0 ? 0 : s2y / s22};
  }

  /**
   * (a, b) minimising Σ (y − a·x1 − b·x2)², from the sums s11 = Σ x1², s12 = Σ x1·x2, s22 = Σ x2²,
   * s1y = Σ x1·y, s2y = Σ x2·y (the normal equations, solved by Cramer's rule); null when x1 and x2 are
   * collinear: the determinant s11·s22 − s12² is at most 1e-12 of s11·s22 (by Cauchy–Schwarz it is never
   * negative and is 0 exactly when x1 ∝ x2), where rounding leaves no digit of the solution.
   */
  static double[] leastSquares(double s11, double s12, double s22, double s1y, double s2y) {
    double scale = s11 * s22;
    double det = scale - s12 * s12;
    if (!(scale > 0) || det <= 1e-12 * scale) {
      return null;
    }
    return new double[] {(s22 * s1y - s12 * s2y) / det, (s11 * s2y - s12 * s1y) / det};
  }

  /** The sample sd from Σx and Σx² over n values (n − 1 in the denominator; 0 for n < 2). */
  static double sd(double sum, double sumSq, long n) {
    if (n < 2) {
      return 0;
    }
    return Math.sqrt(Math.max(0, (sumSq - sum * (sum / n)) / (n - 1)));
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

  /**
   * α, β by maximum likelihood from three starts; the likelihood is evaluated on the questions grouped
   * by (n, c) ({@link BetaBinomial}), the same function up to a constant.
   */
  static double[] betaMle(int[][] counts) {
    BetaBinomial.Patterns p = BetaBinomial.Patterns.of(counts);
    double[] fit = BetaBinomial.fitBeta(p, p.weights(), 1e-12, new double[] {0, 0},
        new double[] {Math.log(5), Math.log(0.5)}, new double[] {Math.log(0.3), Math.log(3)});
    return new double[] {fit[0], fit[1]};
  }

  /** The unbiased estimator of pass@k for one question with n samples, c correct (Chen et al. 2021). */
  public static double unbiasedPassAtK(int n, int c, int k) {
    if (n - c < k) {
      return 1;
    }
    if (c > 256) {
      // C(n − c, k)/C(n, k) through log-gamma, as c factors would cost O(c) per question and k: the error of
      // the log-ratio is a few ulps of lnΓ(n + 1), about 1e-12 for n = 10^4
      double lr = Gamma.logGamma(n - c + 1.0) - Gamma.logGamma(n - c - k + 1.0) - Gamma.logGamma(n + 1.0)
          + Gamma.logGamma(n - k + 1.0);
      return -Math.expm1(lr);
    }
    double prod = 1;
    for (int i = n - c + 1; i <= n; i++) {
      prod *= 1 - (double) k / i;
    }
    return 1 - prod;
  }

  /** The k of the pass@k table: every k up to 32, then {@link BetaBinomial#grid} points, up to kMax. */
  static int[] curveKs(int kMax) {
    java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
    for (int k = 1; k <= Math.min(32, kMax); k++) {
      ks.add(k);
    }
    for (int k : BetaBinomial.grid(kMax)) {
      ks.add(k);
    }
    return ks.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Observed pass@k with bootstrap intervals, against the fit. The estimator depends on a question only
   * through its (n, c) pattern, so it is computed once per pattern, and a bootstrap resample is kept as
   * pattern counts: memory grows with patterns × resamples, not questions × resamples.
   */
  static List<PassAtKPoint> passAtKCurve(int[][] counts, BetaDifficulty d, int bootstrap, long seed) {
    int kMax = Arrays.stream(counts).mapToInt(c -> c[0]).min().orElse(1);
    List<PassAtKPoint> out = new ArrayList<>();
    UniformRandomProvider rng = io.kstar.estimate.MonteCarloEstimator.generator(seed, 0);
    int q = counts.length;
    BetaBinomial.Patterns patterns = BetaBinomial.Patterns.of(counts);
    int np = patterns.size();
    double[] w = patterns.weights();
    int[][] resamples = new int[bootstrap][np];
    for (int b = 0; b < bootstrap; b++) {
      for (int i = 0; i < q; i++) {
        resamples[b][patterns.index()[rng.nextInt(q)]]++;
      }
    }
    PassAtK fitted = new PassAtK(d);
    for (int k : curveKs(kMax)) {
      double[] per = new double[np];
      double sum = 0;
      for (int j = 0; j < np; j++) {
        per[j] = unbiasedPassAtK(patterns.n()[j], patterns.c()[j], k);
        sum += w[j] * per[j];
      }
      double observed = sum / q;
      double[] boot = new double[bootstrap];
      for (int b = 0; b < bootstrap; b++) {
        double bs = 0;
        for (int j = 0; j < np; j++) {
          bs += resamples[b][j] * per[j];
        }
        boot[b] = bs / q;
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
}
