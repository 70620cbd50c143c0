package io.kstar.calibrate.forecast;

import io.kstar.distribution.SampleQuantile;
import io.kstar.calibrate.MeasuredCurve;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.input.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.distribution.discrete.BinomialDistribution;

/**
 * Forecasts an accuracy-against-n curve beyond the points it is fitted on.
 *
 * <p><b>The rule (kstar does not sell accuracy gains it has not measured).</b> Inside the fitted range
 * (n ≤ F, F the largest fitted n) the forecast ("mean") is the chosen model's fit. Beyond it the mean
 * HOLDS the level observed at F, flat — the chosen model's conditional forecast at the edge, which equals
 * the observation there. The 90 % interval beyond F is the envelope of (i) that level ± the 90 % noise of
 * re-measuring a benchmark of Q questions (binomial quantiles) and (ii) the chosen model's parametric
 * bootstrap interval of its continued growth, shifted onto the forecasts of close candidates, so the
 * interval shows the gain the model predicts as a possibility, not as the expectation. This rule was
 * decided after seeing that no model beat carrying the last point forward on the held-out points of the
 * ten real curves, so it is not independently validated.
 *
 * <ol>
 *   <li><b>Candidates.</b> Every family of {@link Family#forMethod} is fitted by least squares on the points
 *       with n ≤ fitUpTo, and each is used in two forecast modes: {@code level} (the family's mean) and
 *       {@code conditional} (E[measured(n) | measured(F)] for a curve measured on one question set:
 *       mean(n) + ρ(n)·(y(F) − mean(F)), ρ(n) = (min(A_n, A_F) − A_n·A_F) / (A_F·(1 − A_F)), the
 *       regression coefficient of one question's outcome at n on its outcome at F when a question once
 *       answered stays answered while the mean rises — exact for pass@k).
 *   <li><b>Criterion (the choice).</b> Forward-chaining cross-validation inside the fitted window only: for
 *       origins h = ⌊F/2⌋ and ⌊3F/4⌋, fit on n ≤ h, forecast h &lt; n ≤ F, mean absolute error; the criterion
 *       is the mean over the origins. The lowest wins (ties: fewer parameters). Points with n &gt; fitUpTo
 *       are never read before the choice is made, so deleting them changes nothing.
 *   <li><b>Intervals.</b> A parametric bootstrap of the prediction error: each replicate simulates a whole
 *       curve on Q questions from the chosen fit (per question, coherent over n), refits the family on its
 *       n ≤ fitUpTo, forecasts in the chosen mode and records simulated − forecast at every n. Inside the
 *       window p05/p95 = fit + the 5th/95th percentile of that error; beyond it they give interval (ii)
 *       around the model's growth forecast, widened onto up to {@value #COMPETITORS} candidates whose
 *       criterion is within {@value #COMPETITOR_RATIO}× the best (every scored candidate when a parameter
 *       of the chosen fit is not identified), then joined with the hold interval (i).
 * </ol>
 */
public final class CurveForecaster {
  private CurveForecaster() {}

  public static final String LEVEL = "level";
  public static final String CONDITIONAL = "conditional";
  public static final List<String> MODES = List.of(LEVEL, CONDITIONAL);
  public static final int DEFAULT_REPLICATES = 200;
  static final double COMPETITOR_RATIO = 1.5;
  static final int COMPETITORS = 3;

  public static final String RULE = "Beyond the fitted range the forecast holds the level observed at the largest fitted n, "
      + "flat: kstar does not sell accuracy gains it has not measured. The 90% interval there is the envelope of that level "
      + "+/- the re-measurement noise of a benchmark of Q questions and the chosen model's parametric-bootstrap interval of "
      + "continued growth (with close candidates), so a predicted gain is shown as a possibility, not as the expectation. "
      + "This rule was decided after seeing that no model beat carry-forward on the held-out points of ten real curves "
      + "(R1-Distill-Qwen-7B, fitted on n <= 16), so it is not independently validated.";

  /**
   * The inputs besides the curve.
   *
   * @param questions Q; null: the curve's {@code questions} field, else inferred ({@link QuestionCount#resolve})
   * @param families null: by the curve's method ({@link Family#forMethod})
   * @param excludeAtBound rank candidates whose estimate sits at a bound of its range after all the others
   */
  public record Options(int fitUpTo, QuestionCount questions, long seed, int replicates, List<Family> families,
      List<String> modes, boolean excludeAtBound) {
    public Options(int fitUpTo, QuestionCount questions, long seed, int replicates) {
      this(fitUpTo, questions, seed, replicates, null, MODES, false);
    }

    public Options withModes(List<String> m) {
      return new Options(fitUpTo, questions, seed, replicates, families, m, excludeAtBound);
    }

    public Options withExcludeAtBound(boolean e) {
      return new Options(fitUpTo, questions, seed, replicates, families, modes, e);
    }

    public Options withFamilies(List<Family> f) {
      return new Options(fitUpTo, questions, seed, replicates, f, modes, excludeAtBound);
    }

    public Options withQuestions(QuestionCount q) {
      return new Options(fitUpTo, q, seed, replicates, families, modes, excludeAtBound);
    }
  }

  /** A candidate during the search. */
  private record Trial(Family family, String mode, double[] x, double rss, double aicc, double criterion, String note) {
    boolean atBound() {
      for (double v : x) {
        if (Math.abs(v) >= Family.BOUND - Family.NEAR_BOUND_MARGIN) {
          return true;
        }
      }
      return false;
    }
  }

  public static Forecast forecast(MeasuredCurve curve, Options o) {
    List<String> warnings = new ArrayList<>();
    List<MeasuredCurve.Point> pts = validate(curve, o);
    QuestionCount qc = o.questions() != null ? o.questions() : QuestionCount.resolve(curve, null);
    int q = qc.count();
    int[] all = pts.stream().mapToInt(MeasuredCurve.Point::n).toArray();
    double[] yAll = pts.stream().mapToDouble(MeasuredCurve.Point::accuracy).toArray();
    int count = 0;
    while (count < all.length && all[count] <= o.fitUpTo()) {
      count++;
    }
    final int nf = count;
    int[] ns = Arrays.copyOf(all, nf);
    double[] y = Arrays.copyOf(yAll, nf);
    List<Family> families = o.families() != null ? o.families() : Family.forMethod(curve.method());
    int fewest = families.stream().mapToInt(Family::dims).min().orElseThrow() + 1;
    if (nf < fewest) {
      throw InvalidInputException.of("fit_up_to", o.fitUpTo(), "leaves " + nf + " fitted point(s); every candidate needs at "
          + "least its parameters + 1 (" + fewest + " or more): fit on more points");
    }
    int edge = ns[nf - 1];
    double hold = y[nf - 1];

    // 1–2. candidates and their criterion, from the fitted points only
    List<String> modes = o.modes();
    List<Trial> trials = families.parallelStream().flatMap(f -> candidate(f, ns, y, modes).stream()).toList();
    for (Trial t : trials) {
      if (t.note() != null && t.mode().equals(modes.get(0))) {
        warnings.add(t.family().id() + ": " + t.note());
      }
    }
    List<Trial> scored = new ArrayList<>(trials.stream().filter(t -> !Double.isNaN(t.criterion())).toList());
    if (scored.isEmpty()) {
      throw InvalidInputException.of("fit_up_to", o.fitUpTo(), "leaves too few fitted points (" + nf
          + ") to score any candidate by forward-chaining cross-validation (each origin must leave the candidate's "
          + "parameters + 1 points): fit on more points");
    }
    boolean everyAtBound = scored.stream().allMatch(Trial::atBound);
    scored.sort(Comparator.comparing((Trial t) -> o.excludeAtBound() && !everyAtBound && t.atBound())
        .thenComparingDouble(Trial::criterion).thenComparingInt(t -> t.family().dims()));
    Trial best = scored.get(0);
    Forecast.FittedModel fit = new Forecast.FittedModel(best.family(), best.x());

    // 3. bootstrap of the prediction error of the chosen model
    int r = o.replicates();
    int maxN = all[all.length - 1];
    double[][] err = new double[r][all.length];
    double[][] xs = new double[r][];
    IntStream.range(0, r).parallel().forEach(i -> {
      UniformRandomProvider rng = MonteCarloEstimator.generator(o.seed(), i);
      double[] sim = simulate(best.family(), best.x(), q, maxN, all, rng);
      double[] simFit = Arrays.copyOf(sim, nf);
      double[] xr = LeastSquaresFit.fit(best.family(), ns, simFit, starts(best.family(), best.x(), ns, simFit)).x();
      xs[i] = xr;
      double[] fr = forecast(best.family(), xr, best.mode(), all, edge, simFit[nf - 1]);
      for (int j = 0; j < all.length; j++) {
        err[i][j] = sim[j] - fr[j];
      }
    });

    double[] growth = forecast(best.family(), best.x(), best.mode(), all, edge, hold);
    double[] lo = new double[all.length];
    double[] hi = new double[all.length];
    for (int j = 0; j < all.length; j++) {
      double[] e = column(err, j);
      lo[j] = growth[j] + SampleQuantile.of(e, 0.05);
      hi[j] = growth[j] + SampleQuantile.of(e, 0.95);
    }
    List<Forecast.Parameter> params = parameters(best, xs, warnings);
    boolean flagged = params.stream().anyMatch(p -> p.flag() != null && p.flag().startsWith("not identified"));
    // (ii) model uncertainty beyond the window: the interval shifted onto the competing candidates' forecasts
    List<Trial> competitors = new ArrayList<>();
    for (Trial t : scored.subList(1, scored.size())) {
      if ((flagged || competitors.size() < COMPETITORS && t.criterion() <= COMPETITOR_RATIO * best.criterion() + 1e-12)
          && (!o.excludeAtBound() || !t.atBound())) {
        competitors.add(t);
      }
    }
    double[] lo2 = lo.clone();
    double[] hi2 = hi.clone();
    for (Trial t : competitors) {
      double[] g = forecast(t.family(), t.x(), t.mode(), all, edge, hold);
      for (int j = nf; j < all.length; j++) {
        lo2[j] = Math.min(lo2[j], lo[j] + g[j] - growth[j]);
        hi2[j] = Math.max(hi2[j], hi[j] + g[j] - growth[j]);
      }
    }
    // (i) the held level +/- the noise of re-measuring Q questions
    double[] noise = remeasurement(hold, q);
    List<Forecast.Prediction> predictions = new ArrayList<>();
    for (int j = 0; j < all.length; j++) {
      boolean fitted = j < nf;
      double mean = fitted ? growth[j] : hold;
      double l = fitted ? lo[j] : Math.min(noise[0], lo2[j]);
      double h = fitted ? hi[j] : Math.max(noise[1], hi2[j]);
      predictions.add(new Forecast.Prediction(all[j], yAll[j], fitted, mean, clip(Math.min(l, mean)), clip(Math.max(h, mean)),
          clip(growth[j])));
    }

    if (best.family().monotone()) {
      monotoneWarning(best.family(), ns, y, q, warnings);
    }

    // 4. baselines and held-out metrics
    double[] ll = logLinear(ns, y);
    double cfErr = 0;
    double llErr = 0;
    double mae = 0;
    double modelMae = 0;
    double max = 0;
    int in = 0;
    int held = all.length - nf;
    for (int j = nf; j < all.length; j++) {
      Forecast.Prediction p = predictions.get(j);
      cfErr += Math.abs(yAll[j] - hold);
      llErr += Math.abs(yAll[j] - clip(ll[0] + ll[1] * Math.log(all[j])));
      double e = Math.abs(yAll[j] - p.mean());
      mae += e;
      modelMae += Math.abs(yAll[j] - p.modelForecast());
      max = Math.max(max, e);
      if (yAll[j] >= p.p05() - 1e-12 && yAll[j] <= p.p95() + 1e-12) {
        in++;
      }
    }
    Forecast.HeldOut heldOut = held == 0
        ? new Forecast.HeldOut(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
        : new Forecast.HeldOut(held, mae / held, max, (double) in / held, modelMae / held);
    Forecast.Baselines baselines = new Forecast.Baselines(
        new Forecast.Baseline("carry_forward", held == 0 ? Double.NaN : cfErr / held),
        new Forecast.Baseline("log_linear", held == 0 ? Double.NaN : llErr / held));

    List<Forecast.Candidate> candidates = new ArrayList<>();
    List<Trial> ordered = new ArrayList<>(scored);
    trials.stream().filter(t -> Double.isNaN(t.criterion())).forEach(ordered::add);
    for (Trial t : ordered) {
      candidates.add(new Forecast.Candidate(t.family().id(), t.mode(), new Forecast.FittedModel(t.family(), t.x()).parameters(),
          t.criterion(), t.aicc(), Math.sqrt(t.rss() / nf), t.note()));
    }
    String criterionName = "forward-chaining CV inside n <= " + o.fitUpTo() + ": mean absolute error of forecasts from origins "
        + origins(ns) + " to the later fitted points";
    String how = String.format(Locale.ROOT, "parametric bootstrap, %d replicates of a %d-question re-measurement simulated from "
        + "the chosen fit (%s) and refitted on n <= %d; for n <= %d, p05/p95 = fit + percentiles of (simulated - refitted fit); "
        + "beyond, the envelope of (i) the held level %.4f +/- binomial 90%% noise of %d questions [%.4f, %.4f] and (ii) the "
        + "model's %s growth forecast + percentiles of (simulated - refitted forecast), shifted onto %d competing candidate(s)%s",
        r, q, best.family().id(), o.fitUpTo(), edge, hold, q, noise[0], noise[1], best.mode(), competitors.size(),
        // when a parameter is not identified every other scored candidate competes, whatever its criterion
        flagged ? ": every other scored candidate, since a parameter of the chosen fit is not identified"
            : String.format(Locale.ROOT, " with criterion <= %.1fx the best", COMPETITOR_RATIO));
    List<Forecast.FittedModel> reps = new ArrayList<>();
    for (double[] x : xs) {
      reps.add(new Forecast.FittedModel(best.family(), x));
    }
    // the model a written profile gets: the chosen family when it is one of kstar's accuracy models
    Trial planning = best;
    if (best.family().model(best.x()).isEmpty()) {
      planning = scored.stream().filter(t -> t.family().model(t.x()).isPresent()).findFirst()
          .orElse(trials.stream().filter(t -> t.family().model(t.x()).isPresent() && !Double.isNaN(t.x()[0])).findFirst().orElse(null));
      if (planning != null) {
        warnings.add(best.family().id() + " is not one of kstar's accuracy models; a written profile uses the best-ranked "
            + "candidate that is, " + planning.family().id() + ", refitted on every point");
      }
    }
    Forecast.Refit refit = planning == null ? null
        : new Forecast.Refit(planning.family(), planning.x(), all, yAll, q, o.seed() ^ 0x9E3779B97F4A7C15L, Math.max(2, r));
    return new Forecast(curve.dataset(), curve.method(), o.fitUpTo(), edge, qc,
        new Forecast.Chosen(best.family().id(), best.mode(), params, best.criterion(), criterionName), candidates,
        predictions, baselines, heldOut, warnings, RULE, how, fit, reps, refit);
  }

  // ---------------------------------------------------------------------------------------------

  private static List<MeasuredCurve.Point> validate(MeasuredCurve curve, Options o) {
    if (o.fitUpTo() < 1) {
      throw InvalidInputException.of("fit_up_to", o.fitUpTo(), "must be an integer >= 1");
    }
    if (o.replicates() < 2) {
      throw InvalidInputException.of("replicates", o.replicates(), "must be an integer >= 2");
    }
    List<MeasuredCurve.Point> pts = curve.points();
    if (pts.isEmpty()) {
      throw InvalidInputException.of(curve.pointField(0, "n").replace("[0].n", ""), null, "must hold at least one point");
    }
    Map<Integer, Integer> seen = new HashMap<>();
    for (int i = 0; i < pts.size(); i++) {
      MeasuredCurve.Point p = pts.get(i);
      if (p.n() < 1) {
        throw InvalidInputException.of(curve.pointField(i, "n"), p.n(), "must be an integer >= 1");
      }
      Integer before = seen.putIfAbsent(p.n(), i);
      if (before != null) {
        throw InvalidInputException.of(curve.pointField(i, "n"), p.n(), "repeats the n of point " + before
            + "; give each n once");
      }
      if (!(p.accuracy() >= 0 && p.accuracy() <= 1)) {
        throw InvalidInputException.of(curve.pointField(i, "accuracy"), p.accuracy(), "must be a number in [0, 1]");
      }
    }
    List<MeasuredCurve.Point> sorted = new ArrayList<>(pts);
    sorted.sort(Comparator.comparingInt(MeasuredCurve.Point::n));
    if (curve.method().toLowerCase(Locale.ROOT).contains("pass")) {
      // a pass@k curve measured on one set of samples cannot fall: refuse rather than fit it confidently
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).accuracy() < sorted.get(i - 1).accuracy() - 1e-9) {
          int index = pts.indexOf(sorted.get(i));
          throw InvalidInputException.of(curve.pointField(index, "accuracy"), sorted.get(i).accuracy(), String.format(Locale.ROOT,
              "falls below the accuracy at n = %d (%s); a pass@k curve measured on one set of samples cannot decrease "
              + "with n", sorted.get(i - 1).n(), sorted.get(i - 1).accuracy()));
        }
      }
    }
    return sorted;
  }

  /** The forward-chaining origins ⌊F/2⌋ and ⌊3F/4⌋, F the largest fitted n. */
  static List<Integer> origins(int[] ns) {
    int last = ns[ns.length - 1];
    List<Integer> out = new ArrayList<>();
    for (int h : new int[] {last / 2, (3 * last) / 4}) {
      if (h >= 1 && !out.contains(h) && h < last) {
        out.add(h);
      }
    }
    return out;
  }

  static List<double[]> starts(Family f, double[] x, int[] ns, double[] y) {
    return List.of(x, f.starts(ns, y).get(0));
  }

  /** Fits a family on all fitted points and scores each mode by forward chaining. */
  private static List<Trial> candidate(Family f, int[] ns, double[] y, List<String> modes) {
    int k = f.dims();
    List<Trial> out = new ArrayList<>();
    if (ns.length < k + 1) {
      String note = "skipped: " + ns.length + " fitted points, needs at least its parameters + 1 = " + (k + 1);
      double[] nan = new double[k];
      Arrays.fill(nan, Double.NaN);
      for (String mode : modes) {
        out.add(new Trial(f, mode, nan, Double.NaN, Double.NaN, Double.NaN, note));
      }
      return out;
    }
    LeastSquaresFit.Solution s = LeastSquaresFit.fit(f, ns, y, f.starts(ns, y));
    int n = ns.length;
    double aicc = n * Math.log(Math.max(s.rss(), 1e-300) / n) + 2 * k
        + (n - k - 1 > 0 ? 2.0 * k * (k + 1) / (n - k - 1) : Double.POSITIVE_INFINITY);
    double[] sum = new double[modes.size()];
    int used = 0;
    for (int h : origins(ns)) {
      int m = 0;
      while (m < n && ns[m] <= h) {
        m++;
      }
      if (m < k + 1 || m == n) {
        continue;
      }
      int[] tn = Arrays.copyOf(ns, m);
      double[] ty = Arrays.copyOf(y, m);
      double[] x = LeastSquaresFit.fit(f, tn, ty, f.starts(tn, ty)).x();
      for (int mode = 0; mode < modes.size(); mode++) {
        double[] fc = forecast(f, x, modes.get(mode), ns, tn[m - 1], ty[m - 1]);
        double e = 0;
        for (int j = m; j < n; j++) {
          e += Math.abs(y[j] - fc[j]);
        }
        sum[mode] += e / (n - m);
      }
      used++;
    }
    String note = null;
    double[] natural = f.natural(s.x());
    for (int i = 0; i < k; i++) {
      if (Math.abs(s.x()[i]) >= Family.BOUND - Family.NEAR_BOUND_MARGIN) {
        note = (note == null ? "" : note + "; ") + String.format(Locale.ROOT, "%s = %.4g is at the bound of its range",
            f.names().get(i), natural[i]);
      }
    }
    if (used == 0) {
      note = (note == null ? "" : note + "; ") + "not scored: no forward-chaining origin leaves " + (k + 1) + " points to fit";
    }
    for (int mode = 0; mode < modes.size(); mode++) {
      out.add(new Trial(f, modes.get(mode), s.x(), s.rss(), aicc, used == 0 ? Double.NaN : sum[mode] / used, note));
    }
    return out;
  }

  /** The model's forecast at every n of {@code ns}: the mean, or for n beyond the anchor the conditional mean. */
  static double[] forecast(Family f, double[] x, String mode, int[] ns, int anchorN, double anchorY) {
    double[] a = f.means(x, ns);
    if (mode.equals(LEVEL)) {
      return a;
    }
    if (!mode.equals(CONDITIONAL)) {
      throw new IllegalArgumentException("mode must be one of " + MODES + ": " + mode);
    }
    double af = f.means(x, new int[] {anchorN})[0];
    double var = af * (1 - af);
    double[] out = a.clone();
    for (int j = 0; j < ns.length; j++) {
      if (ns[j] > anchorN && var > 1e-12) {
        double rho = (Math.min(a[j], af) - a[j] * af) / var;
        out[j] = clip(a[j] + rho * (anchorY - af));
      }
    }
    return out;
  }

  /** The 5th and 95th percentiles of Binomial(q, level) / q: re-measuring the level on q questions. */
  static double[] remeasurement(double level, int q) {
    double p = Math.max(0, Math.min(1, level));
    if (p == 0 || p == 1) {
      return new double[] {p, p};
    }
    BinomialDistribution b = new BinomialDistribution(q, p);
    return new double[] {(double) b.inverseCumulativeProbability(0.05) / q, (double) b.inverseCumulativeProbability(0.95) / q};
  }

  static double[] simulate(Family f, double[] x, int q, int maxN, int[] ns, UniformRandomProvider rng) {
    int[] counts = new int[maxN];
    f.simulate(x, q, maxN, rng, counts);
    double[] out = new double[ns.length];
    for (int j = 0; j < ns.length; j++) {
      out[j] = (double) counts[ns[j] - 1] / q;
    }
    return out;
  }

  /** The family refitted on (ns, y), starting from {@code start} and the family's first start. */
  static double[] refit(Family f, int[] ns, double[] y, double[] start) {
    return LeastSquaresFit.fit(f, ns, y, starts(f, start, ns, y)).x();
  }

  /** Re-measurements of q questions simulated from {@code fit} at every n of ns, each refitted on all of them. */
  static List<Forecast.FittedModel> replicatesOnAll(Forecast.FittedModel fit, int[] ns, int q, long seed, int count) {
    Family f = fit.family();
    double[] x = fit.x();
    int maxN = ns[ns.length - 1];
    Forecast.FittedModel[] out = new Forecast.FittedModel[count];
    IntStream.range(0, count).parallel().forEach(i -> {
      double[] sim = simulate(f, x, q, maxN, ns, MonteCarloEstimator.generator(seed, i));
      out[i] = new Forecast.FittedModel(f, refit(f, ns, sim, x));
    });
    return List.of(out);
  }

  private static List<Forecast.Parameter> parameters(Trial best, double[][] xs, List<String> warnings) {
    Family f = best.family();
    double[] est = f.natural(best.x());
    List<Forecast.Parameter> out = new ArrayList<>();
    for (int i = 0; i < f.dims(); i++) {
      double[] v = new double[xs.length];
      int atBound = 0;
      for (int r = 0; r < xs.length; r++) {
        v[r] = f.natural(xs[r])[i];
        if (Math.abs(xs[r][i]) >= Family.BOUND - Family.NEAR_BOUND_MARGIN) {
          atBound++;
        }
      }
      double p05 = SampleQuantile.of(v, 0.05);
      double p95 = SampleQuantile.of(v, 0.95);
      List<String> flags = new ArrayList<>();
      if (Math.abs(best.x()[i]) >= Family.BOUND - Family.NEAR_BOUND_MARGIN) {
        flags.add("the estimate is at the bound of its range");
      }
      if (atBound >= 0.1 * xs.length) {
        flags.add(String.format(Locale.ROOT, "%.0f%% of the bootstrap refits end at a bound", 100.0 * atBound / xs.length));
      }
      if (f.scale(i) == Family.Scale.LOG ? p95 > 100 * p05 : p95 - p05 > 0.5) {
        flags.add(f.scale(i) == Family.Scale.LOG ? "its 90% bootstrap range spans more than a factor 100"
            : "its 90% bootstrap range is wider than 0.5");
      }
      if (est[i] < p05 || est[i] > p95) {
        flags.add("the bootstrap refits move it outside [p05, p95] of their own distribution (biased or unstable)");
      }
      String flag = flags.isEmpty() ? null : "not identified: " + String.join("; ", flags);
      if (flag != null) {
        warnings.add(String.format(Locale.ROOT, "%s %s = %.4g %s; the intervals carry this spread (bootstrap), they are not narrowed",
            f.id(), f.names().get(i), est[i], flag));
      }
      out.add(new Forecast.Parameter(f.names().get(i), est[i], p05, p95, flag));
    }
    if (f instanceof Family.Majority mv) {
      double m = mv.wrongAnswers();
      out.add(new Forecast.Parameter("wrong_answers", m, m, m, null));
    }
    return out;
  }

  private static void monotoneWarning(Family f, int[] ns, double[] y, int q, List<String> warnings) {
    double top = y[0];
    int at = ns[0];
    for (int j = 1; j < ns.length; j++) {
      double se = Math.sqrt(Math.max(top * (1 - top), 1.0 / q) / q);
      if (y[j] < top - 2 * se) {
        warnings.add(String.format(Locale.ROOT, "%s assumes accuracy never falls with n, but the fitted points fall from %.4f "
            + "(n = %d) to %.4f (n = %d), more than 2 binomial standard errors", f.id(), top, at, y[j], ns[j]));
        return;
      }
      if (y[j] > top) {
        top = y[j];
        at = ns[j];
      }
    }
  }

  /** Least squares of y on ln n: {a, b}. */
  static double[] logLinear(int[] ns, double[] y) {
    double mx = 0;
    double my = 0;
    for (int j = 0; j < ns.length; j++) {
      mx += Math.log(ns[j]);
      my += y[j];
    }
    mx /= ns.length;
    my /= ns.length;
    double sxy = 0;
    double sxx = 0;
    for (int j = 0; j < ns.length; j++) {
      double dx = Math.log(ns[j]) - mx;
      sxy += dx * (y[j] - my);
      sxx += dx * dx;
    }
    double b = sxx == 0 ? 0 : sxy / sxx;
    return new double[] {my - b * mx, b};
  }

  static double[] column(double[][] m, int j) {
    double[] c = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i][j];
    }
    return c;
  }


  static double clip(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
