package io.kstar.calibrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.calibrate.MeasuredCurve;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.input.InvalidInputException;
import io.kstar.profile.Calibration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveForecasterTest {
  static final double ALPHA = 0.6;
  static final double BETA = 1.5;

  /** A pass@n curve measured on q questions (one set of samples for every n), n = 1..maxN. */
  static MeasuredCurve simulated(double alpha, double beta, int q, int maxN, long seed) {
    Family f = new Family.Pass(false);
    int[] counts = new int[maxN];
    f.simulate(new double[] {Math.log(alpha), Math.log(beta)}, q, maxN, MonteCarloEstimator.generator(seed, 999_999), counts);
    List<MeasuredCurve.Point> pts = new ArrayList<>();
    for (int n = 1; n <= maxN; n++) {
      pts.add(new MeasuredCurve.Point(n, (double) counts[n - 1] / q, null));
    }
    return new MeasuredCurve("synthetic", "pass@k", pts);
  }

  static CurveForecaster.Options options(int q, int replicates) {
    return new CurveForecaster.Options(16, QuestionCount.fromFlag(q), 11L, replicates)
        .withFamilies(List.of(new Family.Pass(false), new Family.Pass(true), new Family.PowerLaw()));
  }

  @Test
  void intervalsCoverAGrowingCurvesContinuationAtLeastAtTheNominalRate() {
    int curves = 40;
    int q = 200;
    int inParam = 0;
    int inContinuation = 0;
    int below = 0;
    for (int c = 0; c < curves; c++) {
      MeasuredCurve curve = simulated(ALPHA, BETA, q, 32, 1000 + c);
      // the family is known here, so the interval machinery is tested alone
      Forecast f = CurveForecaster.forecast(curve, options(q, 40).withFamilies(List.of(new Family.Pass(false))));
      Forecast.Parameter alpha = f.chosen().parameters().get(0);
      if (alpha.p05() <= ALPHA && ALPHA <= alpha.p95()) {
        inParam++;
      }
      // the measured curve's own continuation (held out: n = 32 was not fitted); the curve truly grows, so the
      // held mean is low and the interval must reach up to it through the model's growth part
      Forecast.Prediction p32 = f.predictions().get(31);
      if (p32.p05() <= p32.observed() && p32.observed() <= p32.p95()) {
        inContinuation++;
      }
      if (p32.observed() > p32.mean()) {
        below++;
      }
    }
    System.out.printf("synthetic (growing pass@k, Q = %d) over %d curves: alpha in its 90%% range %.3f, continuation at n = 32 "
        + "inside its 90%% interval %.3f, above the held mean %.3f%n", q, curves, (double) inParam / curves,
        (double) inContinuation / curves, (double) below / curves);
    // nominal 0.90; binomial standard error over 40 curves sqrt(0.9·0.1/40) = 0.047; accept 0.90 − 3 SE = 0.76 and above
    assertThat((double) inParam / curves).isGreaterThanOrEqualTo(0.76);
    assertThat((double) inContinuation / curves).isGreaterThanOrEqualTo(0.76);
    // the hold rule is conservative on a curve that really grows: most continuations lie above the held level
    assertThat((double) below / curves).isGreaterThan(0.5);
  }

  @Test
  void theChoiceDoesNotChangeWhenTheHeldOutPointsAreDeleted() {
    MeasuredCurve full = simulated(ALPHA, BETA, 300, 48, 5);
    MeasuredCurve cut = full.withPoints(full.points().subList(0, 16));
    Forecast a = CurveForecaster.forecast(full, options(300, 20));
    Forecast b = CurveForecaster.forecast(cut, options(300, 20));
    sameChoice(a, b);
    assertThat(b.heldOut().points()).isZero();
    assertThat(a.heldOut().points()).isEqualTo(32);
  }

  @Test
  void theChoiceOnARealCurveDoesNotChangeWhenTheHeldOutPointsAreDeleted() {
    MeasuredCurve full = MeasuredCurve.select(MeasuredCurve.read(RealCurvesForecastTest.file()), "AMC23", "majority_vote").get(0);
    MeasuredCurve cut = full.withPoints(full.points().stream().filter(p -> p.n() <= 16).toList());
    CurveForecaster.Options o = new CurveForecaster.Options(16, QuestionCount.fromFlag(40), 3L, 20);
    sameChoice(CurveForecaster.forecast(full, o), CurveForecaster.forecast(cut, o));
  }

  static void sameChoice(Forecast a, Forecast b) {
    assertThat(b.chosen().model()).isEqualTo(a.chosen().model());
    assertThat(b.chosen().mode()).isEqualTo(a.chosen().mode());
    assertThat(b.chosen().criterion()).isEqualTo(a.chosen().criterion());
    assertThat(b.candidates()).extracting(Forecast.Candidate::criterion)
        .containsExactlyElementsOf(a.candidates().stream().map(Forecast.Candidate::criterion).toList());
    for (int j = 0; j < b.predictions().size(); j++) {
      assertThat(b.predictions().get(j).mean()).isEqualTo(a.predictions().get(j).mean());
    }
  }

  @Test
  void resultCarriesBaselinesPlanningModelReplicatesAndACalibrationOnEveryPoint() {
    MeasuredCurve curve = simulated(ALPHA, BETA, 300, 32, 9);
    Forecast f = CurveForecaster.forecast(curve, options(300, 12).withFamilies(List.of(new Family.Pass(false))));
    assertThat(f.accuracyModel()).containsInstanceOf(PassAtK.class);
    assertThat(f.accuracyModelReplicates()).hasSize(12);
    assertThat(f.parameterReplicates()).hasSize(12).allSatisfy(m -> assertThat(m).containsKeys("alpha", "beta"));
    assertThat(f.baselines().carryForward().maeHeldOut()).isFinite();
    assertThat(f.baselines().logLinear().maeHeldOut()).isFinite();
    // the hold rule: the forecast's held-out error is carry-forward's
    assertThat(f.heldOut().mae()).isEqualTo(f.baselines().carryForward().maeHeldOut());
    heldOutScoresAgreeWithTheirDefinitions(f);
    assertThat(f.predictions()).hasSize(32).allSatisfy(p -> assertThat(p.p05()).isLessThanOrEqualTo(p.p95()));
    assertThat(f.questions().source()).isEqualTo(QuestionCount.FROM_FLAG);

    assertThat(f.modelOnAll()).isInstanceOf(PassAtK.class);
    assertThat(f.modelOnAll().mean(32)).isCloseTo(curve.points().get(31).accuracy(), within(0.03));
    Calibration cal = f.calibration();
    assertThat(cal.dataUpToK()).isEqualTo(32);
    assertThat(cal.method()).startsWith("simulated re-measurement of 300 questions");
    assertThat(cal.samples()).hasSize(12).allSatisfy(m -> assertThat(m).isInstanceOf(PassAtK.class));
    assertThat(f.calibration().samples()).isEqualTo(cal.samples());
  }

  /**
   * The held-out scores recomputed from the predictions: carry-forward holds the last fitted observation;
   * log-linear is the least-squares line of y on ln n through the fitted points (here by the normal
   * equations' raw sums, not the centred sums kstar uses), clipped to [0, 1]; the model's own error is
   * against its forecast; coverage counts observations inside [p05, p95].
   */
  static void heldOutScoresAgreeWithTheirDefinitions(Forecast f) {
    List<Forecast.Prediction> fitted = f.predictions().stream().filter(Forecast.Prediction::fitted).toList();
    List<Forecast.Prediction> held = f.predictions().stream().filter(p -> !p.fitted()).toList();
    assertThat(held).isNotEmpty();
    double hold = fitted.get(fitted.size() - 1).observed();
    double sx = 0;
    double sy = 0;
    double sxy = 0;
    double sxx = 0;
    for (Forecast.Prediction p : fitted) {
      double x = Math.log(p.n());
      sx += x;
      sy += p.observed();
      sxy += x * p.observed();
      sxx += x * x;
    }
    int m = fitted.size();
    double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    double intercept = (sy - slope * sx) / m;
    double cf = 0;
    double ll = 0;
    double own = 0;
    double mae = 0;
    double max = 0;
    int in = 0;
    for (Forecast.Prediction p : held) {
      cf += Math.abs(p.observed() - hold);
      ll += Math.abs(p.observed() - Math.max(0, Math.min(1, intercept + slope * Math.log(p.n()))));
      own += Math.abs(p.observed() - p.modelForecast());
      mae += Math.abs(p.observed() - p.mean());
      max = Math.max(max, Math.abs(p.observed() - p.mean()));
      in += p.observed() >= p.p05() && p.observed() <= p.p95() ? 1 : 0;
    }
    int n = held.size();
    var close = within(1e-12);
    assertThat(f.heldOut().points()).isEqualTo(n);
    assertThat(f.baselines().carryForward().maeHeldOut()).isCloseTo(cf / n, close);
    assertThat(f.baselines().logLinear().maeHeldOut()).isCloseTo(ll / n, close);
    assertThat(f.heldOut().modelMae()).isCloseTo(own / n, close);
    assertThat(f.heldOut().mae()).isCloseTo(mae / n, close);
    assertThat(f.heldOut().maxAbsError()).isCloseTo(max, close);
    assertThat(f.heldOut().coverage90()).isEqualTo((double) in / n);
  }

  @Test
  void aFamilyThatIsNoAccuracyModelLeavesTheWrittenProfileToTheBestCandidateThatIs() {
    MeasuredCurve curve = simulated(ALPHA, BETA, 300, 24, 9);
    Forecast f = CurveForecaster.forecast(curve, options(300, 6).withFamilies(List.of(new Family.PowerLaw(), new Family.Pass(false)))
        .withExcludeAtBound(false));
    if (f.chosen().model().equals("power-law")) {
      assertThat(f.warnings()).anyMatch(w -> w.contains("a written profile uses the best-ranked candidate"));
    }
    assertThat(f.modelOnAll()).isInstanceOf(PassAtK.class);
    assertThat(f.calibration().samples()).hasSize(6);
  }

  @Test
  void refusesDuplicateN() {
    List<MeasuredCurve.Point> pts = new ArrayList<>(simulated(ALPHA, BETA, 100, 20, 1).points());
    pts.set(3, new MeasuredCurve.Point(3, pts.get(3).accuracy(), null));
    assertThatThrownBy(() -> CurveForecaster.forecast(new MeasuredCurve("d", "best_of_n", pts), options(100, 20)))
        .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("datasets.d.best_of_n[3].n");
    // a plain list (read as dataset and method "curve") is named by index alone
    assertThatThrownBy(() -> CurveForecaster.forecast(new MeasuredCurve("curve", "curve", pts), options(100, 20)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("repeats the n of point 2")
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("[3].n");
  }

  @Test
  void refusesAFallingPassAtKCurve() {
    List<MeasuredCurve.Point> pts = new ArrayList<>(simulated(ALPHA, BETA, 100, 20, 1).points());
    pts.set(10, new MeasuredCurve.Point(11, pts.get(9).accuracy() - 0.05, null));
    assertThatThrownBy(() -> CurveForecaster.forecast(new MeasuredCurve("d", "pass@k", pts), options(100, 20)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot decrease")
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("datasets.d.pass@k[10].accuracy");
  }

  @Test
  void refusesFewerFittedPointsThanParametersPlusOne() {
    MeasuredCurve curve = simulated(ALPHA, BETA, 100, 20, 1);
    CurveForecaster.Options o = new CurveForecaster.Options(2, QuestionCount.fromFlag(100), 1L, 20);
    assertThatThrownBy(() -> CurveForecaster.forecast(curve, o)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("parameters + 1").extracting(e -> ((InvalidInputException) e).field()).isEqualTo("fit_up_to");
  }

  @Test
  void familiesThatCannotBeScoredWithTheFittedPointsAreListedButNotChosen() {
    List<MeasuredCurve.Point> all = simulated(ALPHA, BETA, 100, 20, 1).points();
    List<MeasuredCurve.Point> sparse = List.of(all.get(0), all.get(1), all.get(2), all.get(3), all.get(7), all.get(15));
    // fitted n = 1, 2, 3, 4, 8; origins 4 and 6 leave 4 points: enough for pass-at-k (2 parameters) and the power
    // law (3); with fit-up-to 4 (origins 2, 3) only pass-at-k can be scored
    Forecast f = CurveForecaster.forecast(new MeasuredCurve("d", "best_of_n", sparse),
        new CurveForecaster.Options(4, QuestionCount.fromFlag(100), 1L, 20)
            .withFamilies(List.of(new Family.Pass(false), new Family.PowerLaw())));
    assertThat(f.warnings()).anyMatch(w -> w.startsWith("power-law") && w.contains("not scored"));
    assertThat(f.candidates()).anyMatch(c -> c.model().equals("power-law") && Double.isNaN(c.criterion()));
    assertThat(f.chosen().model()).isEqualTo(PassAtK.ID);
  }

  @Test
  void warnsWhenAMonotoneFamilyIsFittedToAFallingCurve() {
    List<MeasuredCurve.Point> pts = new ArrayList<>();
    double[] acc = {0.5, 0.7, 0.8, 0.85, 0.8, 0.75, 0.72, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7};
    for (int n = 1; n <= acc.length; n++) {
      pts.add(new MeasuredCurve.Point(n, acc[n - 1], null));
    }
    Forecast f = CurveForecaster.forecast(new MeasuredCurve("d", "best_of_n", pts),
        new CurveForecaster.Options(16, QuestionCount.fromFlag(1000), 1L, 20).withFamilies(List.of(new Family.Pass(false))));
    assertThat(f.warnings()).anyMatch(w -> w.contains("assumes accuracy never falls"));
  }

  @Test
  void theHoldIntervalIsTheBinomialNoiseOfQQuestions() {
    double[] r = CurveForecaster.remeasurement(0.5, 100);
    assertThat(r[0]).isCloseTo(0.42, within(0.011));
    assertThat(r[1]).isCloseTo(0.58, within(0.011));
    assertThat(CurveForecaster.remeasurement(1.0, 30)).containsExactly(1.0, 1.0);
  }

  @Test
  void theFastMajorityVoteMeanAgreesWithTheModel() {
    int[] ns = new int[64];
    for (int n = 1; n <= 64; n++) {
      ns[n - 1] = n;
    }
    for (int m : new int[] {1, 3, 8}) {
      for (double[] ab : new double[][] {{0.3, 0.1}, {2, 0.8}, {0.05, 4}, {40, 3}}) {
        double[] v = new Family.Majority(m).means(new double[] {Math.log(ab[0]), Math.log(ab[1])}, ns);
        MajorityVote model = new MajorityVote(new BetaDifficulty(ab[0], ab[1]), m);
        for (int n = 1; n <= 64; n++) {
          assertThat(v[n - 1]).as("m=%d a=%s b=%s n=%d", m, ab[0], ab[1], n).isCloseTo(model.mean(n), within(1e-10));
        }
      }
    }
  }
}
