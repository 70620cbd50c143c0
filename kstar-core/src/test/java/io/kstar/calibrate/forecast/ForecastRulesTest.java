package io.kstar.calibrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.calibrate.MeasuredCurve;
import io.kstar.input.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CurveForecaster's stated rules that need no statistics to check: what input it refuses, the AICc of each
 * candidate (n·ln(RSS/n) + 2k + 2k(k + 1)/(n − k − 1), RSS from the reported fitted RMSE), a parameter at the
 * bound of its range named in a note and a warning, and such candidates ranked last when asked.
 */
class ForecastRulesTest {

  /** A noise-free pass@n curve of Beta(0.6, 1.5): every question eventually solvable (no never-solved share). */
  static MeasuredCurve exactCurve(int maxN) {
    int[] ns = new int[maxN];
    for (int n = 1; n <= maxN; n++) {
      ns[n - 1] = n;
    }
    double[] a = new Family.Pass(false).means(new double[] {Math.log(0.6), Math.log(1.5)}, ns);
    List<MeasuredCurve.Point> pts = new ArrayList<>();
    for (int n = 1; n <= maxN; n++) {
      pts.add(new MeasuredCurve.Point(n, a[n - 1], null));
    }
    return new MeasuredCurve("d", "pass@k", pts);
  }

  static CurveForecaster.Options options(int fitUpTo, int replicates) {
    return new CurveForecaster.Options(fitUpTo, QuestionCount.fromFlag(500), 3L, replicates);
  }

  @Test
  void badInput_isRefusedNamingItsField() {
    MeasuredCurve c = exactCurve(8);
    assertThatThrownBy(() -> CurveForecaster.forecast(c, options(0, 4))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("fit_up_to");
    assertThatThrownBy(() -> CurveForecaster.forecast(c, options(8, 1))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("replicates");
    assertThatThrownBy(() -> CurveForecaster.forecast(new MeasuredCurve("d", "m", List.of()), options(8, 4)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("datasets.d.m").hasMessageContaining("at least one point");
    assertThatThrownBy(() -> CurveForecaster.forecast(c.withPoints(List.of(new MeasuredCurve.Point(0, 0.5, null))), options(8, 4)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("datasets.d.pass@k[0].n");
    assertThatThrownBy(() -> CurveForecaster.forecast(c.withPoints(List.of(new MeasuredCurve.Point(1, 0.5, null),
        new MeasuredCurve.Point(2, 1.5, null))), options(8, 4)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("[1].accuracy");
    assertThatThrownBy(() -> CurveForecaster.forecast(c.withPoints(List.of(new MeasuredCurve.Point(1, 0.5, null),
        new MeasuredCurve.Point(2, Double.NaN, null))), options(8, 4)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("[1].accuracy");
    // a pass@k curve may stay level (within 1e-9) but not fall
    List<MeasuredCurve.Point> flat = List.of(new MeasuredCurve.Point(2, 0.5, null), new MeasuredCurve.Point(1, 0.5 + 5e-10, null));
    assertThatThrownBy(() -> CurveForecaster.forecast(c.withPoints(flat), options(8, 4))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("fit_up_to"); // two points pass validation, then are too few to fit
    List<MeasuredCurve.Point> falls = List.of(new MeasuredCurve.Point(2, 0.4, null), new MeasuredCurve.Point(1, 0.5, null));
    assertThatThrownBy(() -> CurveForecaster.forecast(c.withPoints(falls), options(8, 4))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[0].accuracy").hasMessageContaining("falls below the accuracy at n = 1");
    // the same fall is allowed for a method that is not pass@k
    MeasuredCurve vote = new MeasuredCurve("d", "majority", falls);
    assertThatThrownBy(() -> CurveForecaster.forecast(vote, options(8, 4))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("fit_up_to = 8: leaves 2 fitted point(s)");
  }

  @Test
  void eachCandidatesAicc_isTheSmallSampleCorrectedAic() {
    Forecast f = CurveForecaster.forecast(exactCurve(10), options(10, 4)
        .withFamilies(List.of(new Family.Pass(false), new Family.PowerLaw())).withModes(List.of(CurveForecaster.LEVEL)));
    assertThat(f.candidates()).hasSize(2);
    int n = 10;
    for (Forecast.Candidate c : f.candidates()) {
      int k = c.parameters().size();
      double rss = c.rmseFitted() * c.rmseFitted() * n;
      double aicc = n * Math.log(Math.max(rss, 1e-300) / n) + 2 * k + 2.0 * k * (k + 1) / (n - k - 1);
      assertThat(c.aicc()).as(c.model()).isCloseTo(aicc, within(1e-6 * Math.abs(aicc)));
      assertThat(c.mode()).isEqualTo(CurveForecaster.LEVEL);
    }
  }

  @Test
  void aParameterAtItsBound_isNoted_andRankedLastWhenAsked() {
    // no question is never solved: the share runs to its lower bound (logit −12)
    CurveForecaster.Options o = options(12, 4).withFamilies(List.of(new Family.Pass(true), new Family.Pass(false)))
        .withModes(List.of(CurveForecaster.LEVEL));
    Forecast f = CurveForecaster.forecast(exactCurve(12), o.withExcludeAtBound(true));
    Forecast.Candidate unsolved = f.candidates().stream().filter(c -> c.model().equals("pass-at-k-with-unsolved")).findFirst()
        .orElseThrow();
    assertThat(unsolved.note()).contains("unsolved_share = ").contains("is at the bound of its range");
    assertThat(f.warnings()).anyMatch(w -> w.startsWith("pass-at-k-with-unsolved: unsolved_share = "));
    assertThat(f.chosen().model()).isEqualTo("pass-at-k");
    assertThat(f.candidates().get(1).model()).isEqualTo("pass-at-k-with-unsolved");
  }

  @Test
  void aFamilyNoForwardChainingOriginCanFit_isListedUnscored() {
    // fitted points n = 1, 2, 4, 8: the origins 4 and 6 leave 3 points, enough for pass@k (2 + 1), not for
    // the 3-parameter power law (3 + 1)
    MeasuredCurve c = exactCurve(8);
    MeasuredCurve sparse = c.withPoints(c.points().stream().filter(p -> Integer.bitCount(p.n()) == 1).toList());
    Forecast f = CurveForecaster.forecast(sparse, options(8, 4)
        .withFamilies(List.of(new Family.Pass(false), new Family.PowerLaw())).withModes(List.of(CurveForecaster.LEVEL)));
    Forecast.Candidate pl = f.candidates().get(f.candidates().size() - 1);
    assertThat(pl.model()).isEqualTo("power-law");
    assertThat(pl.criterion()).isNaN();
    assertThat(pl.note()).contains("not scored: no forward-chaining origin leaves 4 points to fit");
    assertThat(f.chosen().model()).isEqualTo("pass-at-k");
    assertThat(f.chosen().criterion()).isFinite();
    assertThat(f.warnings()).anyMatch(w -> w.startsWith("power-law: ") && w.contains("not scored"));
  }

  @Test
  void theSmallestAllowedValues_areAccepted() {
    // fit_up_to = 1 is a valid number: refused only because one point is too few to fit
    assertThatThrownBy(() -> CurveForecaster.forecast(exactCurve(8), options(1, 4))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("leaves 1 fitted point(s)");
    // two replicates are enough for a 5th and a 95th percentile
    CurveForecaster.Options two = options(8, 2).withFamilies(List.of(new TestFamilies.Level()));
    assertThat(CurveForecaster.forecast(exactCurve(8), two).replicates()).hasSize(2);
    // accuracies 0 and 1 are in [0, 1]
    double[] y = {0, 0.2, 0.4, 0.6, 0.8, 1};
    List<MeasuredCurve.Point> pts = new ArrayList<>();
    for (int n = 1; n <= y.length; n++) {
      pts.add(new MeasuredCurve.Point(n, y[n - 1], null));
    }
    Forecast f = CurveForecaster.forecast(new MeasuredCurve("d", "pass@k", pts), options(6, 2)
        .withFamilies(List.of(new TestFamilies.Level())));
    assertThat(f.predictions()).extracting(Forecast.Prediction::observed).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
    // a pass@k curve may fall by exactly its tolerance 1e-9 (then two points are too few to fit)
    List<MeasuredCurve.Point> edge = List.of(new MeasuredCurve.Point(1, 0.5, null), new MeasuredCurve.Point(2, 0.5 - 1e-9, null));
    assertThatThrownBy(() -> CurveForecaster.forecast(exactCurve(8).withPoints(edge), options(8, 4)))
        .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field()).isEqualTo("fit_up_to");
  }

  @Test
  void optionsCopies_changeOnlyTheirOwnField() {
    CurveForecaster.Options o = options(8, 4).withFamilies(List.of(new Family.Pass(false))).withExcludeAtBound(true);
    CurveForecaster.Options q = o.withQuestions(QuestionCount.fromFlag(7));
    assertThat(q.questions()).isEqualTo(new QuestionCount(7, QuestionCount.FROM_FLAG));
    assertThat(q.fitUpTo()).isEqualTo(8);
    assertThat(q.replicates()).isEqualTo(4);
    assertThat(q.seed()).isEqualTo(3L);
    assertThat(q.families()).isSameAs(o.families());
    assertThat(q.modes()).isEqualTo(CurveForecaster.MODES);
    assertThat(q.excludeAtBound()).isTrue();
  }
}
