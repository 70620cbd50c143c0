package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.PassAtKWithUnsolved;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fit's figures against their definitions: AIC = 2·(parameters) − 2·ln L for the Beta (2), the single
 * rate (1) and the Beta with a never-solved share (3), each likelihood recomputed here at the reported
 * estimates; the expected accuracy at k = 1, n, 2n, 4n and 16n (n the k the logs cover), each the chosen
 * model's mean with "extrapolated" beyond n; the lengths' sample means and sds.
 */
class LogCalibrationResultTest {

  @Test
  void aicsAreTwiceTheParametersMinusTwiceTheLogLikelihood() {
    List<LogRecords.Sample> logs = LogCalibrationFitPathsTest.logs("m", true, false, false);
    LogCalibration.Result r = LogCalibration.fit(logs, null, null, 0, 3, 1);
    int[][] counts = new int[30][];
    for (int q = 0; q < 30; q++) {
      counts[q] = new int[] {4, q % 5 < 4 ? q % 5 : 4};
    }
    double a = r.parameters().get("alpha");
    double b = r.parameters().get("beta");
    assertThat(r.aicBeta()).isCloseTo(4 - 2 * LogCalibration.logLikelihood(counts, a, b), within(1e-9));
    assertThat(r.aicSingleRate()).isCloseTo(2 - 2 * LogCalibration.singleRateLogLikelihood(counts), within(1e-9));
    PassAtKWithUnsolved u = (PassAtKWithUnsolved) r.candidates().get(r.candidates().size() - 1).model();
    BetaBinomial.Patterns p = BetaBinomial.Patterns.of(counts);
    double ll = BetaBinomial.unsolvedLogLik(p, p.weights(), u.difficulty().alpha(), u.difficulty().beta(), u.unsolvedShare())
        + BetaBinomial.binomialConstant(p, p.weights());
    assertThat(r.aicBetaUnsolved()).isCloseTo(6 - 2 * ll, within(1e-9));
    // the Beta with a never-solved share holds the Beta (u = 0): its likelihood is never lower
    assertThat(ll).isGreaterThanOrEqualTo(LogCalibration.logLikelihood(counts, a, b) - 1e-9);
    assertThat(r.accuracy().id()).isEqualTo("pass-at-k");
    assertThat(r.passAtK()).hasSize(4);
  }

  @Test
  void expectedAccuracy_isTheChosenModelsMean_atOneNTwoNFourNSixteenN() {
    LogCalibration.Result r = LogCalibration.fit(LogCalibrationFitPathsTest.logs("m", true, false, false), null, null, 0, 5, 2);
    assertThat(r.dataUpToK()).isEqualTo(4);
    assertThat(r.expectedAccuracy()).extracting(LogCalibration.ExpectedAccuracy::k).containsExactly(1, 4, 8, 16, 64);
    for (LogCalibration.ExpectedAccuracy e : r.expectedAccuracy()) {
      assertThat(e.mean()).isEqualTo(r.accuracy().mean(e.k()));
      assertThat(e.extrapolated()).isEqualTo(e.k() > 4);
      assertThat(e.p05()).isLessThanOrEqualTo(e.mean());
      assertThat(e.p95()).isGreaterThanOrEqualTo(e.mean());
    }
    assertThat(r.calibration().samples()).hasSize(5);
    assertThat(r.calibration().dataUpToK()).isEqualTo(4);
  }

  @Test
  void lengths_areTheRecordsSampleMeansAndSds() {
    List<LogRecords.Sample> logs = LogCalibrationFitPathsTest.logs("m", true, false, false);
    LogCalibration.Result r = LogCalibration.fit(logs, null, null, 0, 0, 1);
    double[] in = logs.stream().mapToDouble(LogRecords.Sample::inputTokens).toArray();
    double[] out = logs.stream().mapToDouble(LogRecords.Sample::outputTokens).toArray();
    assertThat(r.inputMean()).isCloseTo(mean(in), within(1e-9));
    assertThat(r.inputSd()).isCloseTo(sd(in), within(1e-9));
    assertThat(r.outputMean()).isCloseTo(mean(out), within(1e-9));
    assertThat(r.outputSd()).isCloseTo(sd(out), within(1e-9));
    // the latency R² without intercept: 1 − Σ residual² / Σ y²
    double ss = 0;
    double yy = 0;
    for (LogRecords.Sample s : logs) {
      double e = s.latencyS() - r.tIn() * s.inputTokens() - r.tOut() * s.outputTokens();
      ss += e * e;
      yy += s.latencyS() * s.latencyS();
    }
    assertThat(r.latencyR2()).isCloseTo(1 - ss / yy, within(1e-9));
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double sd(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }

  @Test
  void withDifficulty_keepsTheUnsolvedFamilyOutOfTheBetaModels() {
    // the Beta with u = 0 is the plain Beta: the replicate switch to the other family takes the Beta exactly
    BetaDifficulty d = new BetaDifficulty(1.2, 0.7);
    PassAtKWithUnsolved zero = new PassAtKWithUnsolved(d, 0);
    for (int k : new int[] {1, 5, 40}) {
      assertThat(zero.mean(k)).isCloseTo(new io.kstar.accuracy.PassAtK(d).mean(k), within(1e-15));
    }
  }
}
