package io.kstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.profile.Calibration;
import io.kstar.profile.ModelProfile;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Expected}: the 90 % interval of E[A(k)] over calibration replicates (their 5 % and 95 %
 * quantiles, linear between order statistics, stretched to hold the mean), the share meeting a floor,
 * and the notes on extrapolation.
 */
class ExpectedTest {

  /** Five replicates of pass@k, difficulty Beta(a, 1): pass@k = 1 − B(a, 1 + k)/B(a, 1) = 1 − Γ(a+1)Γ(k+1)/Γ(a+k+1). */
  static final List<AccuracyModel> REPS = List.of(0.5, 0.8, 1.0, 1.5, 2.5).stream()
      .map(a -> (AccuracyModel) new PassAtK(new BetaDifficulty(a, 1))).toList();

  static ModelProfile profile(double alpha, Calibration.Beyond beyond) {
    return ModelProfile.builder("c").name(null).prices(1e-6, 2e-6).speeds(1e-3, 2e-3)
        .inputTokens(100, 0).outputTokens(200, 0)
        .scores(0.5, 0.1).parallel(2).build()
        .withAccuracy(new PassAtK(new BetaDifficulty(alpha, 1)))
        .withCalibration(new Calibration("t", 4, REPS, beyond));
  }

  /** The q-quantile of five sorted values, linear between order statistics: position q·4. */
  static double quantile5(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    double pos = q * 4;
    int i = (int) pos;
    return i >= 4 ? s[4] : s[i] + (pos - i) * (s[i + 1] - s[i]);
  }

  @Test
  void theIntervalIsTheReplicatesQuantiles_stretchedToHoldTheMean() {
    ModelProfile m = profile(1.0, Calibration.Beyond.MODEL);
    double[] at3 = REPS.stream().mapToDouble(r -> r.mean(3)).toArray();
    Expected e = Expected.of(m, 3, 0.1, 2.0, 0.75);
    assertThat(e.accuracy().mean()).isEqualTo(0.75);
    assertThat(e.accuracy().p05()).isCloseTo(quantile5(at3, 0.05), within(1e-15));
    assertThat(e.accuracy().p95()).isCloseTo(quantile5(at3, 0.95), within(1e-15));
    assertThat(e.accuracyReplicates()).containsExactly(at3);
    assertThat(e.extrapolated()).isFalse();
    assertThat(e.cost()).isEqualTo(Interval.exact(0.1));
    assertThat(e.latency()).isEqualTo(Interval.exact(2.0));
    // a mean outside the replicates' range stretches the interval to it, on either side
    Expected high = Expected.of(m, 3, 0.1, 2.0, 0.999);
    assertThat(high.accuracy().p95()).isEqualTo(0.999);
    assertThat(high.accuracy().p05()).isCloseTo(quantile5(at3, 0.05), within(1e-15));
    Expected low = Expected.of(m, 3, 0.1, 2.0, 0.01);
    assertThat(low.accuracy().p05()).isEqualTo(0.01);
    assertThat(low.accuracy().p95()).isCloseTo(quantile5(at3, 0.95), within(1e-15));
    // the share of replicates reaching a floor, when cost and latency meet theirs; 0 when they do not
    double floor = at3[2];
    long reach = Arrays.stream(at3).filter(a -> a >= floor).count();
    assertThat(e.pMeets(true, 0.75, floor)).isEqualTo(reach / 5.0);
    assertThat(e.pMeets(false, 0.75, floor)).isZero();
    assertThat(e.pMeets(true, 0.75, 0.0001)).isEqualTo(1.0);
  }

  /**
   * Held beyond k = 4: the replicates are read at 4 (as the mean is) and the interval also spans their
   * continued growth at k; following the model, they are read at k.
   */
  @Test
  void beyondTheDataTheIntervalSpansTheGrowth_whenTheCalibrationHolds() {
    double[] at4 = REPS.stream().mapToDouble(r -> r.mean(4)).toArray();
    double[] at10 = REPS.stream().mapToDouble(r -> r.mean(10)).toArray();
    Expected held = Expected.of(profile(1.0, Calibration.Beyond.HOLD), 10, 0.1, 2.0, 0.8);
    assertThat(held.extrapolated()).isTrue();
    assertThat(held.accuracyReplicates()).containsExactly(at4);
    assertThat(held.accuracy().p05()).isCloseTo(Math.min(0.8, quantile5(at4, 0.05)), within(1e-15));
    assertThat(held.accuracy().p95()).isCloseTo(quantile5(at10, 0.95), within(1e-15));
    Expected model = Expected.of(profile(1.0, Calibration.Beyond.MODEL), 10, 0.1, 2.0, 0.9);
    assertThat(model.extrapolated()).isTrue();
    assertThat(model.accuracyReplicates()).containsExactly(at10);
    assertThat(model.accuracy().p05()).isCloseTo(quantile5(at10, 0.05), within(1e-15));
    // within the data: not extrapolated, whichever rule
    assertThat(Expected.of(profile(1.0, Calibration.Beyond.HOLD), 4, 0.1, 2.0, 0.8).extrapolated()).isFalse();
  }

  /** Replicates the exact law cannot take at k (majority vote beyond k = 256) are left out; none left: the mean alone. */
  @Test
  void replicatesBeyondTheirExactRangeAreLeftOut() {
    List<AccuracyModel> votes = List.of(new MajorityVote(new BetaDifficulty(2, 1), 1), new MajorityVote(new BetaDifficulty(3, 1), 1));
    ModelProfile m = ModelProfile.builder("v").name(null).prices(1e-6, 2e-6).speeds(1e-3, 2e-3)
        .inputTokens(100, 0).outputTokens(200, 0)
        .scores(0.5, 0.1).parallel(2).build()
        .withAccuracy(new MajorityVote(new BetaDifficulty(2, 1), 1)).withCalibration(new Calibration("t", 4, votes));
    Expected e = Expected.of(m, 300, 0.1, 2.0, 0.7);
    assertThat(e.accuracyReplicates()).isEmpty();
    assertThat(e.accuracy()).isEqualTo(Interval.exact(0.7));
    assertThat(e.extrapolated()).isTrue();
    assertThat(e.pMeets(true, 0.7, 0.7)).isEqualTo(1.0);
    assertThat(e.pMeets(true, 0.7, Math.nextUp(0.7))).isZero();
    // a replicate read as NaN (the policy cannot take it) is left out too
    Expected nan = Expected.of(profile(1.0, Calibration.Beyond.MODEL), 3, 0.1, 2.0, 0.7,
        (r, k) -> r == REPS.get(0) ? Double.NaN : r.mean(k));
    assertThat(nan.accuracyReplicates()).hasSize(4);
  }

  @Test
  void withoutCalibrationEverythingIsItsMean() {
    ModelProfile known = profile(1.0, Calibration.Beyond.MODEL).withCalibration(null);
    Expected e = Expected.of(known, 10, 0.1, 2.0, 0.8);
    assertThat(e).isEqualTo(Expected.none(0.1, 2.0, 0.8));
    assertThat(e.accuracy()).isEqualTo(new Interval(0.8, 0.8, 0.8));
    assertThat(e.extrapolated()).isFalse();
    assertThat(Expected.notes(known, new int[] {100})).isEmpty();
  }

  @Test
  void equalityIsByEveryField() {
    Expected a = Expected.of(profile(1.0, Calibration.Beyond.HOLD), 10, 0.1, 2.0, 0.8);
    Expected same = Expected.of(profile(1.0, Calibration.Beyond.HOLD), 10, 0.1, 2.0, 0.8);
    assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(a).isNotEqualTo(new Expected(Interval.exact(0.2), a.latency(), a.accuracy(), true, a.accuracyReplicates()));
    assertThat(a).isNotEqualTo(new Expected(a.cost(), Interval.exact(3), a.accuracy(), true, a.accuracyReplicates()));
    assertThat(a).isNotEqualTo(new Expected(a.cost(), a.latency(), Interval.exact(0.8), true, a.accuracyReplicates()));
    assertThat(a).isNotEqualTo(new Expected(a.cost(), a.latency(), a.accuracy(), false, a.accuracyReplicates()));
    assertThat(a).isNotEqualTo(new Expected(a.cost(), a.latency(), a.accuracy(), true, new double[] {0.5}));
    assertThat(a).isEqualTo(new Expected(a.cost(), a.latency(), a.accuracy(), true, a.accuracyReplicates().clone()));
    assertThat(a).isNotEqualTo("a string");
  }

  @Test
  void notesSayWhereKLiesBeyondTheData_andHow() {
    assertThat(Expected.notes(profile(1.0, Calibration.Beyond.HOLD), new int[] {2, 8})).containsExactly(
        "c: calibrated on k <= 4; points beyond are extrapolated (expected accuracy held at its k = 4 value; the"
            + " interval spans the model's growth)");
    assertThat(Expected.notes(profile(1.0, Calibration.Beyond.MODEL), new int[] {2, 8})).containsExactly(
        "c: calibrated on k <= 4; points beyond are extrapolated by the fitted model");
    assertThat(Expected.notes(profile(1.0, Calibration.Beyond.MODEL), new int[] {2, 4})).isEmpty();
    assertThat(Expected.notes(profile(1.0, Calibration.Beyond.MODEL), new int[0])).isEmpty();
  }

  @Test
  void sampleMomentsOfTheSumOfTokens() {
    ModelProfile m = ModelProfile.builder("s").name(null).prices(1e-6, 4e-6).speeds(1e-4, 2e-3)
        .inputTokens(400, 20).outputTokens(900, 30)
        .scores(0.6, 0.1).parallel(3).build();
    SampleMoments s = SampleMoments.of(m);
    assertThat(s.tokensMean()).isCloseTo(1300, within(1e-9));
    assertThat(s.tokensVar()).isCloseTo(400 + 900, within(1e-6));
    assertThat(s.costMean()).isCloseTo(1e-6 * 400 + 4e-6 * 900, within(1e-15));
    assertThat(s.costVar()).isCloseTo(Math.pow(1e-6 * 20, 2) + Math.pow(4e-6 * 30, 2), within(1e-20));
    assertThat(s.outputBoundMayBind()).isFalse();
    assertThat(SampleMoments.inputUpperBound(m)).isEqualTo(6400);
  }
}
