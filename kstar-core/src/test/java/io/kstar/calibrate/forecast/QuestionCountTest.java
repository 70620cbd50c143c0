package io.kstar.calibrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.calibrate.MeasuredCurve;
import io.kstar.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuestionCountTest {

  @Test
  void infersTheQuestionCountsOfTheRealCurves() {
    // MATH500 is printed exactly (3 decimals); the others to 4 decimals, so the rounding-aware rule applies
    for (MeasuredCurve c : MeasuredCurve.read(RealCurvesForecastTest.file())) {
      if (c.dataset().equals("AIME25") && c.method().equals("majority_vote")) {
        // only 3 distinct accuracies (11, 12, 13 of 30): 60 would fit as well, so the rule refuses
        assertThatThrownBy(() -> QuestionCount.infer(c)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("only 3 distinct");
        continue;
      }
      QuestionCount q = QuestionCount.infer(c);
      assertThat(q.count()).as(c.dataset() + " " + c.method()).isEqualTo(RealCurvesForecastTest.QUESTIONS.get(c.dataset()));
      assertThat(q.source()).startsWith(QuestionCount.INFERRED);
      // the shipped file also carries each benchmark's size, which wins over inference
      QuestionCount given = QuestionCount.resolve(c, null);
      assertThat(given.count()).isEqualTo(q.count());
      assertThat(given.source()).isEqualTo(QuestionCount.FROM_FIELD);
    }
  }

  @Test
  void exactGranularityIsFound() {
    assertThat(QuestionCount.infer(curve(0.1, 0.25, 0.3, 0.45, 0.55, 0.6)).count()).isEqualTo(20);
  }

  @Test
  void refusesWhenTooFewDistinctValuesLeaveMultiplesAsLikely() {
    assertThatThrownBy(() -> QuestionCount.infer(curve(0.5, 0.75, 0.75, 0.75)))
        .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field()).isEqualTo("questions");
  }

  @Test
  void refusesWhenNoQuestionCountFits() {
    assertThatThrownBy(() -> QuestionCount.infer(curve(0.1234567, 0.2718281, 0.3141592, 0.4142135, 0.5772156, 0.6931471)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no Q");
  }

  @Test
  void aValuePassedInWinsOverTheFileWhichWinsOverInference(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, """
        questions: 40
        datasets:
          A:
            questions: 20
            best_of_n: [{n: 1, accuracy: 0.1}, {n: 2, accuracy: 0.25}, {n: 3, accuracy: 0.3}]
          B:
            majority_vote: [{n: 1, accuracy: 0.1}, {n: 2, accuracy: 0.25}]
        """);
    List<MeasuredCurve> curves = MeasuredCurve.read(file);
    assertThat(curves).extracting(MeasuredCurve::method).containsExactly("best_of_n", "majority_vote");
    assertThat(curves.get(0).questions()).isEqualTo(20);
    assertThat(curves.get(1).questions()).isEqualTo(40);
    assertThat(QuestionCount.resolve(curves.get(0), null)).isEqualTo(new QuestionCount(20, QuestionCount.FROM_FIELD));
    assertThat(QuestionCount.resolve(curves.get(0), 500)).isEqualTo(new QuestionCount(500, QuestionCount.FROM_FLAG));
    assertThat(QuestionCount.resolve(curve(0.1, 0.25, 0.3, 0.45, 0.55, 0.6), null).source()).isEqualTo(QuestionCount.INFERRED);
    assertThatThrownBy(() -> QuestionCount.resolve(curves.get(0), 0)).isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("--questions");
  }

  @Test
  void aBadQuestionsFieldIsRefusedWithItsPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"datasets\": {\"A\": {\"questions\": 2.5, \"best_of_n\": [{\"n\": 1, \"accuracy\": 0.5}]}}}");
    assertThatThrownBy(() -> MeasuredCurve.read(file)).isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("datasets.A.questions");
  }

  @Test
  void oneQuestion_isAValidCount() {
    assertThat(new QuestionCount(1, QuestionCount.FROM_FIELD).count()).isEqualTo(1);
    assertThat(QuestionCount.fromFlag(1)).isEqualTo(new QuestionCount(1, QuestionCount.FROM_FLAG));
  }

  @Test
  void floatingPointNoiseFarBelowOneQuestion_isStillAWholeNumberOfQuestions() {
    // multiples of 1/20 carrying 1e-9 of noise (a harness averaging in floating point): within 1e-6/Q of the grid of
    // Q = 20, so exact; the noise is not a printed rounding (9 decimals, half a unit 5e-10 < 1e-9), no note
    QuestionCount q = QuestionCount.infer(curve(0.100000001, 0.250000001, 0.300000001, 0.450000001, 0.550000001, 0.600000001));
    assertThat(q).isEqualTo(new QuestionCount(20, QuestionCount.INFERRED));
  }

  @Test
  void aValueExactlyHalfAUnitOfItsLastDecimalFromTheGrid_isWithinTheRounding() {
    // odd multiples of 1/128 have 7 decimals ending in 5; printed to 6 decimals they sit exactly 5e-7 from the grid
    // (0.0078125 -> 0.007813), which the rule |a - k/Q| <= 1/2 * 10^-6 accepts; no Q <= 100 000 fits them within 1e-6/Q
    assertThat(QuestionCount.infer(curve(0.007813, 0.023438, 0.039063, 0.054688, 0.070313)).count()).isEqualTo(128);
  }

  @Test
  void fiveDecimalsCannotPinACountNearTheMaximum() {
    // m/100 000 with m odd and not a multiple of 5: exactly on the grid of 100 000 and of no smaller Q, but
    // printed to 5 decimals they fit 66 670 questions within the rounding too (1.5 times fewer): refused
    assertThatThrownBy(() -> QuestionCount.infer(curve(0.00001, 0.00003, 0.00007, 0.12347, 0.99999)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Q = " + QuestionCount.MAX_INFERRED + " fits them exactly, and Q = 66670");
  }

  @Test
  void aSmallerCountWithinTheRoundingThatChangesTheIntervalsLittle_leavesTheExactOne() {
    // MATH500's best-of-n curve printed to 3 decimals: exactly k/500, and within the rounding k/482 (500/482 = 1.04,
    // intervals 2 % apart in width): 500
    QuestionCount q = QuestionCount.infer(curve(0.896, 0.934, 0.936, 0.946, 0.948, 0.946, 0.95, 0.952));
    assertThat(q).isEqualTo(new QuestionCount(500, QuestionCount.INFERRED));
  }

  @Test
  void aCurveRoundedToFewDecimals_isRefusedNamingBothCounts() {
    // 11/30, 13/30, 12/30, 16/30, 18/30, 19/30 printed to 4 decimals: exactly 3 667/10 000, …, and within the
    // rounding 30 questions; taking Q = 10 000 would make every interval about 18 times too narrow
    assertThatThrownBy(() -> QuestionCount.infer(curve(0.3667, 0.4333, 0.4, 0.5333, 0.6, 0.6333)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("printed to 4 decimals: Q = 10000 fits them exactly, and Q = 30 fits them within that rounding")
        .hasMessageContaining("pass --questions")
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("questions");
    // what the refusal asks for settles it
    assertThat(QuestionCount.resolve(curve(0.3667, 0.4333, 0.4, 0.5333, 0.6, 0.6333), 30))
        .isEqualTo(new QuestionCount(30, QuestionCount.FROM_FLAG));
  }

  @Test
  void anExactFitOnTheDecimalGridWithNoSmallerCountWithinTheRounding_isTaken() {
    // multiples of 1/20 printed to 2 decimals: 20 divides 100, but no Q < 20 comes within 0.005 of all six
    assertThat(QuestionCount.infer(curve(0.1, 0.25, 0.3, 0.45, 0.55, 0.6)))
        .isEqualTo(new QuestionCount(20, QuestionCount.INFERRED));
    // multiples of 1/7 are on no decimal grid: exact, whatever smaller Q the rounding would allow
    assertThat(QuestionCount.infer(curve(1 / 7.0, 2 / 7.0, 3 / 7.0, 4 / 7.0, 5 / 7.0)).count()).isEqualTo(7);
  }

  @Test
  void theRoundingPass_saysSo() {
    assertThat(QuestionCount.infer(curve(0.007813, 0.023438, 0.039063, 0.054688, 0.070313)).source())
        .isEqualTo(QuestionCount.INFERRED + " (within the printed rounding)");
  }

  @Test
  void dividesPowerOfTen_isTwosAndFivesEachAtMostD() {
    assertThat(QuestionCount.dividesPowerOfTen(1, 0)).isTrue();
    assertThat(QuestionCount.dividesPowerOfTen(2, 0)).isFalse();
    assertThat(QuestionCount.dividesPowerOfTen(8, 3)).isTrue();
    assertThat(QuestionCount.dividesPowerOfTen(16, 3)).isFalse();
    assertThat(QuestionCount.dividesPowerOfTen(125, 3)).isTrue();
    assertThat(QuestionCount.dividesPowerOfTen(625, 3)).isFalse();
    assertThat(QuestionCount.dividesPowerOfTen(500, 3)).isTrue();
    assertThat(QuestionCount.dividesPowerOfTen(1000, 3)).isTrue();
    assertThat(QuestionCount.dividesPowerOfTen(30, 5)).isFalse();
    assertThat(QuestionCount.dividesPowerOfTen(7, 9)).isFalse();
  }

  static MeasuredCurve curve(double... acc) {
    List<MeasuredCurve.Point> pts = new ArrayList<>();
    for (int i = 0; i < acc.length; i++) {
      pts.add(new MeasuredCurve.Point(i + 1, acc[i], null));
    }
    return new MeasuredCurve("d", "m", pts);
  }
}
