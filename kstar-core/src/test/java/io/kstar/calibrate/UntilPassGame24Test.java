package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.Speeds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * until-pass on real measured data: GPT-4's 100 samples on each of the 100 Game of 24 puzzles (Tree of
 * Thoughts' published log; a verifier is exact here, 24 is checkable). The profile is calibrated on all
 * the records; the replay serves each puzzle's samples in random orders (seeded) in rounds of P until a
 * correct one, capped at k. The predicted samples and accuracy must lie inside the replay's 90 % bootstrap
 * interval over puzzles. Tokens are constants (the counts carry none), so cost is samples times a price.
 */
class UntilPassGame24Test {

  @ParameterizedTest
  @CsvSource({"100, 1", "100, 10", "32, 4"})
  void replayAgreesWithThePrediction(int k, int parallel) throws Exception {
    int[][] counts = LogCalibrationGame24Test.counts();
    List<LogRecords.Sample> samples = new ArrayList<>();
    int line = 0;
    for (int q = 0; q < counts.length; q++) {
      for (int s = 0; s < counts[q][0]; s++) {
        samples.add(new LogRecords.Sample(++line, "q" + q, "gpt-4", 200, 60, 3, null, s < counts[q][1], null));
      }
    }
    LogCalibration.Result fit = LogCalibration.fit(samples, null, null, 0, LogCalibration.DEFAULT_REPLICATES, 42);
    ModelProfile p = new ModelProfile("gpt-4-game24", "GPT-4 IO on Game of 24", new Prices(3e-5, 6e-5),
        new Speeds(fit.tIn(), fit.tOut()), new LengthModel.ClippedNormalLength(200, 0),
        new LengthModel.ClippedNormalLength(60, 0), fit.accuracy(), LatencyModel.DEFAULT, parallel, fit.calibration());
    PolicyReplay.Result r = PolicyReplay.run(samples, p, Policy.UNTIL_PASS, parallel, k, 200, 1000, 7);
    assertThat(r.questions()).isEqualTo(100);
    for (PolicyReplay.Estimate e : r.estimates()) {
      assertThat(e.predictionInside()).as(fit.accuracy() + " k=" + k + " P=" + parallel + " " + e).isTrue();
    }
    // 67 of the 100 puzzles are never solved: those draw all k samples, so the saving is modest
    assertThat(r.estimates().get(0).replayed()).isLessThan(k).isGreaterThan(0.6 * k);
  }
}
