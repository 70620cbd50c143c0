package io.kstar.calibrate.forecast;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.profile.Calibration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link CurveForecaster} found for one curve. Every number is computed from the points with
 * n ≤ fitUpTo only, except the {@code held_out} metrics and the baselines' held-out errors, which score
 * the forecast against the other points, and {@link #modelOnAll()} / {@link #calibration()}, which refit
 * the chosen model on every point for a written profile.
 *
 * @param edge the largest fitted n (F): beyond it the mean holds the level observed there
 * @param rule the point-forecast rule in words, with its provenance
 * @param intervalMethod how p05/p95 were obtained
 * @param fitted the chosen fit (on n ≤ fitUpTo)
 * @param replicates the chosen family refitted on each simulated re-measurement (n ≤ fitUpTo)
 * @param refit the chosen (or planning) model refitted on every point, computed on first use
 */
public record Forecast(
    String dataset,
    String method,
    int fitUpTo,
    int edge,
    QuestionCount questions,
    Chosen chosen,
    List<Candidate> candidates,
    List<Prediction> predictions,
    Baselines baselines,
    HeldOut heldOut,
    List<String> warnings,
    String rule,
    String intervalMethod,
    FittedModel fitted,
    List<FittedModel> replicates,
    Refit refit) {

  public Forecast {
    candidates = List.copyOf(candidates);
    predictions = List.copyOf(predictions);
    warnings = List.copyOf(warnings);
    replicates = List.copyOf(replicates);
  }

  /** A parameter with its 5th and 95th bootstrap percentiles; flag is null when nothing is wrong. */
  public record Parameter(String name, double value, double p05, double p95, String flag) {}

  /**
   * The chosen candidate: family and forecast mode of its growth forecast ({@code level}: the family's
   * mean; {@code conditional}: the family's mean plus the part of the last fitted point's deviation
   * expected to persist), its parameters, and the criterion that chose it.
   */
  public record Chosen(String model, String mode, List<Parameter> parameters, double criterion, String criterionName) {}

  /** Every candidate tried, with its criterion (NaN: could not be scored), AICc and fitted RMSE. */
  public record Candidate(String model, String mode, Map<String, Double> parameters, double criterion, double aicc,
      double rmseFitted, String note) {}

  /**
   * One n of the curve: the observation, whether it was fitted, the forecast (mean: the chosen fit for
   * n ≤ F, the level observed at F beyond), the 90 % interval [p05, p95] of the value the measurement shows
   * at n, and the chosen model's own forecast (its continued growth beyond F, not the mean).
   */
  public record Prediction(int n, double observed, boolean fitted, double mean, double p05, double p95, double modelForecast) {}

  public record Baseline(String name, double maeHeldOut) {}

  public record Baselines(Baseline carryForward, Baseline logLinear) {}

  /**
   * Held-out metrics (NaN with points = 0 when nothing is held out): of the forecast (mean), and
   * {@code modelMae}, of the chosen model's own growth forecast.
   */
  public record HeldOut(int points, double mae, double maxAbsError, double coverage90, double modelMae) {}

  /** A family with parameters on its unconstrained scale. */
  public record FittedModel(Family family, double[] x) {
    public FittedModel {
      x = x.clone();
    }

    @Override
    public double[] x() {
      return x.clone();
    }

    public double mean(int n) {
      return family.means(x, new int[] {n})[0];
    }

    public Map<String, Double> parameters() {
      Map<String, Double> m = new LinkedHashMap<>();
      double[] v = family.natural(x);
      for (int i = 0; i < v.length; i++) {
        m.put(family.names().get(i), v[i]);
      }
      if (family instanceof Family.Majority mv) {
        m.put("wrong_answers", (double) mv.wrongAnswers());
      }
      return m;
    }

    /** The fit as a kstar accuracy model, when the family is one (pass-at-k, majority-vote, selector). */
    public Optional<AccuracyModel> accuracyModel() {
      return family.model(x);
    }
  }

  /**
   * Whether the chosen model's own growth forecast beat both baselines on the held-out points (false when
   * nothing is held out). The published mean holds the level either way.
   */
  public boolean beatsBaselines() {
    return heldOut.points() > 0 && heldOut.modelMae() < baselines.carryForward().maeHeldOut() - 1e-12
        && heldOut.modelMae() < baselines.logLinear().maeHeldOut() - 1e-12;
  }

  /** The sentence that goes with {@link #beatsBaselines()}. */
  public String beatsBaselinesNote() {
    if (heldOut.points() == 0) {
      return String.format(Locale.ROOT, "Nothing is held out (every point has n <= %d), so no model has been shown to beat "
          + "carrying the last fitted observation forward; beyond n = %d the forecast holds the level observed there.", fitUpTo, edge);
    }
    if (!beatsBaselines()) {
      return String.format(Locale.ROOT, "No model beats the baselines on the %d held-out points: the chosen model's own growth "
          + "forecast has MAE %.4f against carry-forward %.4f and log-linear %.4f. The forecast therefore holds the level observed "
          + "at n = %d (MAE %.4f); the change the model predicts beyond it appears only as a possibility inside the 90%% interval.",
          heldOut.points(), heldOut.modelMae(), baselines.carryForward().maeHeldOut(), baselines.logLinear().maeHeldOut(), edge,
          heldOut.mae());
    }
    return String.format(Locale.ROOT, "The chosen model's own growth forecast beat both baselines on the %d held-out points "
        + "(MAE %.4f against carry-forward %.4f and log-linear %.4f); the forecast still holds the level observed at n = %d "
        + "(the rule is fixed in advance, not chosen per curve), so the predicted gain stays in the interval.", heldOut.points(),
        heldOut.modelMae(), baselines.carryForward().maeHeldOut(), baselines.logLinear().maeHeldOut(), edge);
  }

  /** The chosen fit as an accuracy model (on n ≤ fitUpTo); empty for families kstar has no model of. */
  public Optional<AccuracyModel> accuracyModel() {
    return fitted.accuracyModel();
  }

  /** The bootstrap refits (n ≤ fitUpTo) as accuracy models (empty when the family has none). */
  public List<AccuracyModel> accuracyModelReplicates() {
    List<AccuracyModel> out = new ArrayList<>();
    for (FittedModel r : replicates) {
      r.accuracyModel().ifPresent(out::add);
    }
    return out;
  }

  /**
   * The accuracy model refitted on ALL points of the curve (for a written profile): the chosen family, or,
   * when the chosen family is not one of kstar's accuracy models (power law, pass@k with an unsolved share),
   * the best-ranked candidate that is (see {@link Refit#family()}; a warning says so).
   */
  public AccuracyModel modelOnAll() {
    return refit.onAll().accuracyModel().orElseThrow();
  }

  /**
   * Replicates of {@link #modelOnAll()} for the written profile: each a re-measurement of Q questions simulated
   * from the all-points fit at every n of the curve, refitted on all of them; {@code dataUpToK} is the
   * largest n of the curve.
   */
  public Calibration calibration() {
    List<AccuracyModel> models = new ArrayList<>();
    for (FittedModel m : refit.replicates()) {
      models.add(m.accuracyModel().orElseThrow());
    }
    return new Calibration(String.format(Locale.ROOT, "simulated re-measurement of %d questions (%d replicates of the %s fit "
        + "on every point, n <= %d, each refitted)", questions.count(), models.size(), refit.family().id(), refit.maxN()),
        refit.maxN(), models);
  }

  /** The bootstrap refits' parameters. */
  public List<Map<String, Double>> parameterReplicates() {
    List<Map<String, Double>> out = new ArrayList<>();
    for (FittedModel r : replicates) {
      out.add(r.parameters());
    }
    return out;
  }

  /**
   * The refit on every point of the curve, computed on first use (it is only needed for a written profile,
   * and a majority-vote family evaluated up to n = 64 is the slowest part of the forecaster).
   */
  public static final class Refit {
    private final Family family;
    private final double[] start;
    private final int[] ns;
    private final double[] y;
    private final int questions;
    private final long seed;
    private final int count;
    private FittedModel onAll;
    private List<FittedModel> replicates;

    Refit(Family family, double[] start, int[] ns, double[] y, int questions, long seed, int count) {
      this.family = family;
      this.start = start.clone();
      this.ns = ns.clone();
      this.y = y.clone();
      this.questions = questions;
      this.seed = seed;
      this.count = count;
    }

    /** The family refitted (an accuracy model of kstar's). */
    public Family family() {
      return family;
    }

    public int maxN() {
      return ns[ns.length - 1];
    }

    public synchronized FittedModel onAll() {
      if (onAll == null) {
        onAll = new FittedModel(family, CurveForecaster.refit(family, ns, y, start));
      }
      return onAll;
    }

    public synchronized List<FittedModel> replicates() {
      if (replicates == null) {
        replicates = CurveForecaster.replicatesOnAll(onAll(), ns, questions, seed, count);
      }
      return replicates;
    }
  }
}
