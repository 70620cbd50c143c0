package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.PassAtK;
import io.kstar.input.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LogCalibration.fit's documented paths on small hand-made logs: which parts are fitted from what the
 * records carry (no tokens: no lengths or times and no warning; costs only when every record has one;
 * collinear tokens: output tokens alone, with a warning), which model is fitted when one is asked for, and
 * which logs are refused.
 */
class LogCalibrationFitPathsTest {

  /** 30 questions of 4 samples, c = i mod 5 right; tokens and times from the given functions. */
  static List<LogRecords.Sample> logs(String model, boolean tokens, boolean costs, boolean collinear) {
    List<LogRecords.Sample> out = new ArrayList<>();
    int line = 0;
    for (int q = 0; q < 30; q++) {
      for (int s = 0; s < 4; s++) {
        double in = tokens ? 100 + 10 * q : 0;
        double o = tokens ? (collinear ? 2 * in : 300 + 7 * s + 3 * q) : 0;
        double lat = tokens ? 0.001 * in + 0.01 * o + (s % 2 == 0 ? 0.05 : -0.05) : 0;
        Double cost = costs ? 1e-6 * in + 3e-6 * o : null;
        out.add(new LogRecords.Sample(++line, "q" + q, model, in, o, lat, cost, s < q % 5, null));
      }
    }
    return out;
  }

  @Test
  void harnessLogsWithoutTokens_fitOnlyTheDifficulty_withoutAWarning() {
    LogCalibration.Result r = LogCalibration.fit(logs("m", false, false, false), null, null, 0, 0, 1);
    assertThat(r.tIn()).isZero();
    assertThat(r.tOut()).isZero();
    assertThat(r.latencyR2()).isEqualTo(1);
    assertThat(r.cIn()).isNull();
    assertThat(r.cOut()).isNull();
    assertThat(r.inputMean()).isZero();
    assertThat(r.warnings()).noneMatch(w -> w.contains("collinear"));
    assertThat(r.samples()).isEqualTo(120);
    assertThat(r.questions()).isEqualTo(30);
    assertThat(r.model()).isEqualTo("m");
    assertThat(r.dataUpToK()).isEqualTo(4);
    // no replicates drawn: no intervals, no expected accuracy, and no calibration to plan with
    assertThat(r.replicates()).isEmpty();
    assertThat(r.intervals()).isEmpty();
    assertThat(r.expectedAccuracy()).isEmpty();
    assertThat(r.replicateMethod()).isEqualTo("none drawn");
    assertThatThrownBy(r::calibration).isInstanceOf(IllegalStateException.class).hasMessageContaining("drew 0 replicates");
  }

  @Test
  void timesAndPrices_areTheLeastSquaresOfTheRecords_costsOnlyWhenEveryRecordHasOne() {
    LogCalibration.Result r = LogCalibration.fit(logs("m", true, true, false), null, null, 0, 0, 1);
    // latency = 0.001·in + 0.01·out ± 0.05 (the ± alternate within each question): close to the truth
    assertThat(r.tIn()).isCloseTo(0.001, within(1e-4));
    assertThat(r.tOut()).isCloseTo(0.01, within(1e-4));
    assertThat(r.latencyR2()).isBetween(0.99, 1.0);
    // cost = 1e-6·in + 3e-6·out exactly
    assertThat(r.cIn()).isCloseTo(1e-6, within(1e-15));
    assertThat(r.cOut()).isCloseTo(3e-6, within(1e-15));
    List<LogRecords.Sample> partial = new ArrayList<>(logs("m", true, true, false));
    LogRecords.Sample first = partial.get(0);
    partial.set(0, new LogRecords.Sample(first.line(), first.question(), first.model(), first.inputTokens(),
        first.outputTokens(), first.latencyS(), null, first.correct(), null));
    LogCalibration.Result p = LogCalibration.fit(partial, null, null, 0, 0, 1);
    assertThat(p.cIn()).isNull();
    assertThat(p.cOut()).isNull();
  }

  @Test
  void collinearTokens_fitOutputTokensAlone_andSaySo() {
    LogCalibration.Result r = LogCalibration.fit(logs("m", true, true, true), null, null, 0, 0, 1);
    assertThat(r.tIn()).isZero();
    assertThat(r.cIn()).isZero();
    // out = 2·in: latency = (0.001/2 + 0.01)·out ± 0.05, cost = (1e-6/2 + 3e-6)·out exactly
    assertThat(r.tOut()).isCloseTo(0.0105, within(1e-5));
    assertThat(r.cOut()).isCloseTo(3.5e-6, within(1e-15));
    assertThat(r.warnings()).filteredOn(w -> w.contains("collinear")).hasSize(2);
  }

  @Test
  void theModelsOfTheLogs_mustBeOneOrNamed() {
    List<LogRecords.Sample> two = new ArrayList<>(logs("a", false, false, false));
    two.addAll(logs("b", false, false, false));
    assertThatThrownBy(() -> LogCalibration.fit(two, null, 0, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("log_model").hasMessageContaining("several models [a, b]");
    assertThatThrownBy(() -> LogCalibration.fit(two, "c", 0, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("log_model = c").hasMessageContaining("[a, b]");
    assertThat(LogCalibration.fit(two, "b", null, 0, 0, 1).model()).isEqualTo("b");
    assertThat(LogCalibration.fit(two, "b", null, 0, 0, 1).samples()).isEqualTo(120);
  }

  @Test
  void aRequestedAccuracyModel_isFitted_orRefusedWhenTheLogsCannotSupportIt() {
    List<LogRecords.Sample> l = logs("m", false, false, false);
    assertThat(LogCalibration.fit(l, null, PassAtK.ID, 0, 0, 1).accuracy()).isInstanceOf(PassAtK.class);
    assertThat(LogCalibration.fit(l, null, "pass-at-k-with-unsolved", 0, 0, 1).accuracy().id())
        .isEqualTo("pass-at-k-with-unsolved");
    assertThatThrownBy(() -> LogCalibration.fit(l, null, "majority-vote", 0, 0, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("accuracy_model = majority-vote").hasMessageContaining("they support [pass-at-k,"
            + " pass-at-k-with-unsolved]");
    assertThatThrownBy(() -> LogCalibration.fit(l, null, GaussianBestOfK.ID, 0, 0, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("accuracy_model");
    // scores fit the Gaussian only
    List<LogRecords.Sample> scores = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      scores.add(new LogRecords.Sample(i + 1, "q" + i / 2, "m", 0, 0, 0, null, null, (i % 10) / 10.0));
    }
    LogCalibration.Result g = LogCalibration.fit(scores, null, null, 0, 5, 1);
    assertThat(g.accuracy()).isInstanceOf(GaussianBestOfK.class);
    assertThat(((GaussianBestOfK) g.accuracy()).scoreMean()).isCloseTo(0.45, within(1e-12));
    assertThat(g.replicates()).hasSize(5).allMatch(m -> m instanceof GaussianBestOfK);
    assertThatThrownBy(() -> LogCalibration.fit(scores, null, PassAtK.ID, 0, 0, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("scores, not correctness");
  }

  @Test
  void flagsAndScores_cannotBeMixed() {
    List<LogRecords.Sample> mixed = new ArrayList<>(logs("m", false, false, false));
    mixed.add(new LogRecords.Sample(999, "q0", "m", 0, 0, 0, null, null, 0.5));
    assertThatThrownBy(() -> LogCalibration.fit(mixed, null, 0, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 999").hasMessageContaining("mix correct flags and scores");
  }

  @Test
  void scoreReplicates_ofIdenticalQuestions_areTheFullFit() {
    List<LogAggregate.Question> qs = List.of(new LogAggregate.Question("a", 2, 0, 1.0, 0.58, 0, 0, 0),
        new LogAggregate.Question("b", 2, 0, 1.0, 0.58, 0, 0, 0));
    LogCalibration.Replicates r = LogCalibration.scoreReplicates(qs, 4, 1);
    // scores 0.3 and 0.7 per question: mean 0.5, sd with n − 1 over the 4 scores of a replicate = √(4·0.04/3)
    assertThat(r.models()).hasSize(4).allSatisfy(m -> {
      assertThat(((GaussianBestOfK) m).scoreMean()).isCloseTo(0.5, within(1e-12));
      assertThat(((GaussianBestOfK) m).scoreStd()).isCloseTo(Math.sqrt(0.16 / 3), within(1e-12));
    });
    assertThat(r.method()).contains("bootstrap over 2 questions (4 replicates, seed 1)");
    assertThat(r.pure()).isEqualTo(r.models());
  }
}
