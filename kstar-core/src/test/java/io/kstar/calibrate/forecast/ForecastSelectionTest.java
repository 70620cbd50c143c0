package io.kstar.calibrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.PassAtK;
import io.kstar.calibrate.MeasuredCurve;
import io.kstar.input.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How CurveForecaster scores and ranks its candidates (its javadoc, steps 1–2), checked on families whose
 * forecasts are known in closed form ({@link TestFamilies}): the criterion is the mean over the origins
 * ⌊F/2⌋ and ⌊3F/4⌋ of each forecast's mean absolute error on the later fitted points; the lowest wins, ties
 * go to fewer parameters, candidates at a bound go last when asked; candidates that cannot be fitted or
 * scored are listed once with a note; a family that is no accuracy model leaves the written profile to one
 * that is.
 */
class ForecastSelectionTest {

  static MeasuredCurve curve(String method, int[] ns, double[] y) {
    List<MeasuredCurve.Point> pts = new ArrayList<>();
    for (int i = 0; i < ns.length; i++) {
      pts.add(new MeasuredCurve.Point(ns[i], y[i], null));
    }
    return new MeasuredCurve("d", method, pts);
  }

  static int[] upTo(int maxN) {
    int[] ns = new int[maxN];
    for (int n = 1; n <= maxN; n++) {
      ns[n - 1] = n;
    }
    return ns;
  }

  /** Mean |y_j − c| over the fitted points after the first m. */
  static double maeAfter(double[] y, int m, double c) {
    double s = 0;
    for (int j = m; j < y.length; j++) {
      s += Math.abs(y[j] - c);
    }
    return s / (y.length - m);
  }

  static double meanOfFirst(double[] y, int m) {
    double s = 0;
    for (int j = 0; j < m; j++) {
      s += y[j];
    }
    return s / m;
  }

  static Forecast.Candidate candidate(Forecast f, String model, String mode) {
    return f.candidates().stream().filter(c -> c.model().equals(model) && c.mode().equals(mode)).findFirst().orElseThrow();
  }

  /** "shifted onto k competing candidate(s)" of the interval's description. */
  static int competitors(Forecast f) {
    String s = f.intervalMethod();
    int at = s.indexOf(" competing candidate(s)");
    return Integer.parseInt(s.substring(s.lastIndexOf(' ', at - 1) + 1, at));
  }

  @Test
  void theCriterion_isTheMeanOverBothOriginsOfEachForecastsMeanAbsoluteError() {
    // fitted n = 1..8 (F = 8, origins 4 and 6), held out n = 10, 12
    double[] y = {0.30, 0.42, 0.50, 0.55, 0.60, 0.58, 0.64, 0.70};
    double[] all = {0.30, 0.42, 0.50, 0.55, 0.60, 0.58, 0.64, 0.70, 0.72, 0.71};
    MeasuredCurve c = curve("best_of_n", new int[] {1, 2, 3, 4, 5, 6, 7, 8, 10, 12}, all);
    Forecast f = CurveForecaster.forecast(c, new CurveForecaster.Options(8, QuestionCount.fromFlag(1000), 1L, 20)
        .withFamilies(List.of(new TestFamilies.Level())));
    // conditional mode of a flat family = carry-forward of the origin's observation:
    // origin 4: (0.05 + 0.03 + 0.09 + 0.15)/4 = 0.08; origin 6: (0.06 + 0.12)/2 = 0.09; mean 0.085
    double cond = (maeAfter(y, 4, y[3]) + maeAfter(y, 6, y[5])) / 2;
    assertThat(cond).isCloseTo(0.085, within(1e-15));
    // sums of at most four absolute differences of two-decimal numbers: rounding below 1e-15
    assertThat(candidate(f, "level", CurveForecaster.CONDITIONAL).criterion()).isCloseTo(cond, within(1e-12));
    // level mode: the mean of the origin's points, as least squares fits it (to the optimiser's tolerance, far below 1e-9)
    double level = (maeAfter(y, 4, meanOfFirst(y, 4)) + maeAfter(y, 6, meanOfFirst(y, 6))) / 2;
    assertThat(candidate(f, "level", CurveForecaster.LEVEL).criterion()).isCloseTo(level, within(1e-9));
    assertThat(f.chosen().mode()).isEqualTo(CurveForecaster.CONDITIONAL);
    assertThat(f.chosen().criterion()).isCloseTo(cond, within(1e-12));
    assertThat(f.chosen().criterionName()).contains("[4, 6]");
    // both scored: no note
    assertThat(f.candidates()).hasSize(2).allSatisfy(x -> assertThat(x.note()).isNull());
    // the level mode's 0.183 is more than 1.5 times 0.085: no competitor widens the interval
    assertThat(f.chosen().parameters().get(0).flag()).isNull();
    assertThat(competitors(f)).isZero();
    // the fall from 0.60 to 0.58 is less than 2 binomial standard errors of 1000 questions (2·√(0.6·0.4/1000) = 0.031)
    assertThat(f.warnings()).noneMatch(w -> w.contains("assumes accuracy never falls"));
  }

  @Test
  void aFallOfMoreThanTwoStandardErrors_isWarnedAbout_naming_itsPoints() {
    // Q = 100: at the top 0.5 the standard error is √(0.25/100) = 0.05; 0.35 is 3 of them below
    double[] y = {0.30, 0.40, 0.50, 0.35, 0.45, 0.48};
    Forecast f = CurveForecaster.forecast(curve("best_of_n", upTo(6), y), new CurveForecaster.Options(6,
        QuestionCount.fromFlag(100), 1L, 4).withFamilies(List.of(new TestFamilies.Level())));
    assertThat(f.warnings()).contains("level assumes accuracy never falls with n, but the fitted points fall from 0.5000 "
        + "(n = 3) to 0.3500 (n = 4), more than 2 binomial standard errors");
  }

  @Test
  void aCandidateAtABound_isRankedAfterTheOthersWhenAsked_evenWithTheLowestCriterion() {
    // "truth" reproduces the points exactly (criterion 0) with its parameter at +12, the bound
    int[] ns = {1, 2, 3, 4, 5, 6, 7, 8, 12, 16};
    double[] y = new double[ns.length];
    for (int i = 0; i < ns.length; i++) {
      y[i] = TestFamilies.rising(ns[i]);
    }
    CurveForecaster.Options o = new CurveForecaster.Options(8, QuestionCount.fromFlag(200), 2L, 10)
        .withFamilies(List.of(new TestFamilies.Level(), new TestFamilies.Shape("truth", 1, 12, TestFamilies::rising)));
    Forecast kept = CurveForecaster.forecast(curve("best_of_n", ns, y), o);
    assertThat(kept.chosen().model()).isEqualTo("truth");
    assertThat(kept.chosen().criterion()).isZero();
    assertThat(candidate(kept, "truth", CurveForecaster.LEVEL).note()).contains("p0 = 1.000 is at the bound of its range");

    Forecast excluded = CurveForecaster.forecast(curve("best_of_n", ns, y), o.withExcludeAtBound(true));
    assertThat(excluded.chosen().model()).isEqualTo("level");
    assertThat(excluded.candidates()).extracting(Forecast.Candidate::model).containsExactly("level", "level", "truth", "truth");
    // nor do they widen the interval: the competitors are the other unbounded candidates within 1.5x the best
    // (all of them when a parameter of the chosen fit is not identified)
    boolean flagged = excluded.chosen().parameters().stream().anyMatch(p -> p.flag() != null);
    Forecast.Candidate other = excluded.candidates().get(1);
    int expected = flagged || other.criterion() <= 1.5 * excluded.chosen().criterion() + 1e-12 ? 1 : 0;
    assertThat(competitors(excluded)).isEqualTo(expected);
  }

  @Test
  void everyCandidateAtABound_isRankedByItsCriterionAlone() {
    int[] ns = upTo(8);
    double[] y = new double[8];
    for (int i = 0; i < 8; i++) {
      y[i] = TestFamilies.rising(ns[i]);
    }
    // both at the bound: excluding them all would leave nothing, so the criterion decides
    Forecast f = CurveForecaster.forecast(curve("best_of_n", ns, y), new CurveForecaster.Options(8, QuestionCount.fromFlag(200),
        2L, 4).withExcludeAtBound(true).withFamilies(List.of(new TestFamilies.Shape("flat", 1, 12, n -> 0.6),
        new TestFamilies.Shape("truth", 1, 12, TestFamilies::rising))));
    assertThat(f.chosen().model()).isEqualTo("truth");
  }

  @Test
  void equalCriteria_areDecidedByFewerParameters() {
    int[] ns = upTo(8);
    double[] y = new double[8];
    for (int i = 0; i < 8; i++) {
      y[i] = TestFamilies.rising(ns[i]);
    }
    // three families that reproduce the points exactly: criterion 0 for each in both modes
    Forecast f = CurveForecaster.forecast(curve("best_of_n", ns, y), new CurveForecaster.Options(8, QuestionCount.fromFlag(200),
        2L, 4).withFamilies(List.of(new TestFamilies.Shape("three", 3, 0, TestFamilies::rising),
        new TestFamilies.Shape("two", 2, 0, TestFamilies::rising), new TestFamilies.Shape("one", 1, 0, TestFamilies::rising))));
    assertThat(f.chosen().model()).isEqualTo("one");
    assertThat(f.candidates()).extracting(Forecast.Candidate::model).containsExactly("one", "one", "two", "two", "three", "three");
    assertThat(f.candidates()).allSatisfy(c -> assertThat(c.criterion()).isZero());
    // five others within 1.5x of 0, none flagged (parameters left at their start, every refit too): at most 3 widen the interval
    assertThat(f.chosen().parameters()).allSatisfy(p -> assertThat(p.flag()).isNull());
    assertThat(competitors(f)).isEqualTo(3);
  }

  @Test
  void skippedAndUnscoredCandidates_areListedOnce_andThePlanningModelIsTheFittedAccuracyModel() {
    // fitted n = 1, 2, 3 (origins 1 and 2): the flat family (1 parameter) is scored from origin 2; pass-at-k (2) is
    // fitted but no origin leaves it 3 points; the power law (3) needs 4 fitted points and is skipped
    int[] ns = {1, 2, 3, 4, 6, 8};
    double[] y = {0.30, 0.45, 0.50, 0.55, 0.60, 0.62};
    Forecast f = CurveForecaster.forecast(curve("best_of_n", ns, y), new CurveForecaster.Options(3, QuestionCount.fromFlag(100),
        1L, 4).withFamilies(List.of(new TestFamilies.Level(), new Family.Pass(false), new Family.PowerLaw())));
    assertThat(f.chosen().model()).isEqualTo("level");
    assertThat(f.candidates()).extracting(Forecast.Candidate::model)
        .containsExactly("level", "level", "pass-at-k", "pass-at-k", "power-law", "power-law");
    Forecast.Candidate pass = candidate(f, "pass-at-k", CurveForecaster.LEVEL);
    assertThat(pass.criterion()).isNaN();
    assertThat(pass.note()).isEqualTo("not scored: no forward-chaining origin leaves 3 points to fit");
    assertThat(pass.parameters().values()).allSatisfy(v -> assertThat(v).isFinite());
    Forecast.Candidate pl = candidate(f, "power-law", CurveForecaster.CONDITIONAL);
    assertThat(pl.criterion()).isNaN();
    assertThat(pl.note()).isEqualTo("skipped: 3 fitted points, needs at least its parameters + 1 = 4");
    assertThat(pl.parameters()).containsOnlyKeys("asymptote", "scale", "exponent");
    assertThat(pl.parameters().values()).allSatisfy(v -> assertThat(v).isNaN());
    assertThat(f.warnings()).contains("power-law: skipped: 3 fitted points, needs at least its parameters + 1 = 4",
        "pass-at-k: not scored: no forward-chaining origin leaves 3 points to fit");
    // the flat family is no accuracy model: the profile goes to pass-at-k, fitted though not scored
    assertThat(f.warnings()).contains("level is not one of kstar's accuracy models; a written profile uses the best-ranked "
        + "candidate that is, pass-at-k, refitted on every point");
    assertThat(f.accuracyModel()).isEmpty();
    assertThat(f.modelOnAll()).isInstanceOf(PassAtK.class);
  }

  @Test
  void refusesWhenNoCandidateCanBeScored() {
    // fitted n = 1, 2, 3: origins 1 and 2 leave 1 and 2 points, fewer than pass-at-k's 2 parameters + 1
    MeasuredCurve c = curve("pass@k", new int[] {1, 2, 3, 4}, new double[] {0.3, 0.45, 0.5, 0.55});
    assertThatThrownBy(() -> CurveForecaster.forecast(c, new CurveForecaster.Options(3, QuestionCount.fromFlag(100), 1L, 4)
        .withFamilies(List.of(new Family.Pass(false))))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("leaves too few fitted points (3) to score any candidate")
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("fit_up_to");
  }
}
