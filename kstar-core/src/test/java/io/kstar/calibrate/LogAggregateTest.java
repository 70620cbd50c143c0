package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration splits into aggregation (records → {@link LogAggregate}) and fitting from the aggregate. */
class LogAggregateTest {

  /**
   * Records → fit, and records → aggregate file → re-read → fit, give the same result: every number of
   * the result within 1e-12 (relative), the bootstrap replicates included (they resample the per-question
   * rows of the aggregate). In fact they are equal to the bit: the file keeps doubles in their shortest
   * round-trip form and the records path fits from the same aggregate.
   */
  @Test
  void fitFromTheAggregateFile_equalsFitFromTheRecords(@TempDir Path dir) {
    List<LogRecords.Sample> records = LogCalibrationTest.generateWithAnswers(400, 6, 7);
    LogCalibration.Result fromRecords = LogCalibration.fit(records, null, null, 200, 50, 3);
    LogAggregate a = new LogAggregate.Builder().addAll(records).build();
    Path file = dir.resolve("agg.json");
    LogAggregateFile.write(a, file);
    assertThat(LogAggregateFile.isAggregate(file)).isTrue();
    LogAggregate back = LogAggregateFile.read(file);
    assertThat(back).isEqualTo(a);
    LogCalibration.Result fromFile = LogCalibration.fit(back.select(null, Map.of()), null, 200, 50, 3);
    assertSame(fromFile, fromRecords, 1e-12);
    assertThat(fromRecords.candidates()).extracting(c -> c.model().id())
        .contains("majority-vote", "selector-best-of-k");
  }

  /** Logs of scores take the same path: per-question score sums and sums of squares. */
  @Test
  void scores_fitFromTheAggregate_asFromTheRecords() {
    List<LogRecords.Sample> records = new ArrayList<>();
    var rng = io.kstar.estimate.MonteCarloEstimator.generator(5, 0);
    int line = 0;
    for (int q = 0; q < 50; q++) {
      for (int s = 0; s < 4; s++) {
        records.add(new LogRecords.Sample(++line, "q" + q, "m", 100 + rng.nextInt(50), 200 + rng.nextInt(400),
            rng.nextDouble() * 5, null, null, rng.nextDouble()));
      }
    }
    LogCalibration.Result fromRecords = LogCalibration.fit(records, null, null, 0, 20, 1);
    LogCalibration.Result fromAggregate = LogCalibration.fit(new LogAggregate.Builder().addAll(records).build()
        .select(null, Map.of()), null, 0, 20, 1);
    assertSame(fromAggregate, fromRecords, 1e-12);
    // the mean and sd of the scores, two-pass, independently
    double[] v = records.stream().mapToDouble(LogRecords.Sample::score).toArray();
    double m = java.util.Arrays.stream(v).average().orElseThrow();
    double ss = java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum();
    assertThat(fromRecords.parameters().get("acc_mean")).isCloseTo(m, org.assertj.core.api.Assertions.within(1e-14));
    assertThat(fromRecords.parameters().get("acc_std"))
        .isCloseTo(Math.sqrt(ss / (v.length - 1)), org.assertj.core.api.Assertions.within(1e-12));
  }

  /**
   * The least squares from the sums agree with a direct QR solution on the records (Hipparchus), and the
   * lengths' sd with the two-pass formula, to 1e-9 relative: normal equations lose about log10(cond²) digits
   * of 16; cond of (input, output tokens) is below 100 here.
   */
  @Test
  void sumsGiveTheLeastSquaresAndSdOfTheRecords() {
    List<LogRecords.Sample> records = LogCalibrationTest.generate(300, 8, 11);
    LogCalibration.Result r = LogCalibration.fit(records, null, 0, 1);
    int n = records.size();
    double[][] x = new double[n][2];
    double[] y = new double[n];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = records.get(i).inputTokens();
      x[i][1] = records.get(i).outputTokens();
      y[i] = records.get(i).latencyS();
      out[i] = x[i][1];
    }
    double[] qr = new org.hipparchus.linear.QRDecomposition(new org.hipparchus.linear.Array2DRowRealMatrix(x)).getSolver()
        .solve(new org.hipparchus.linear.ArrayRealVector(y)).toArray();
    assertThat(r.tIn()).isCloseTo(qr[0], org.assertj.core.api.Assertions.withinPercentage(1e-7));
    assertThat(r.tOut()).isCloseTo(qr[1], org.assertj.core.api.Assertions.withinPercentage(1e-7));
    double mean = java.util.Arrays.stream(out).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(out).map(o -> (o - mean) * (o - mean)).sum() / (n - 1));
    assertThat(r.outputSd()).isCloseTo(sd, org.assertj.core.api.Assertions.withinPercentage(1e-7));
  }

  @Test
  void aBadAggregateFile_namesTheKeyPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("agg.json");
    LogAggregateFile.write(new LogAggregate.Builder().addAll(LogCalibrationTest.generate(5, 2, 1)).build(), file);
    Files.writeString(file, Files.readString(file).replaceFirst("\"samples\": 10", "\"samples\": 11"));
    assertThatThrownBy(() -> LogAggregateFile.read(file)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("groups[0].samples = 11: must equal the questions' samples added up (10)");
  }

  static void assertSame(LogCalibration.Result a, LogCalibration.Result b, double tol) {
    assertThat(a.model()).isEqualTo(b.model());
    assertThat(a.samples()).isEqualTo(b.samples());
    assertThat(a.questions()).isEqualTo(b.questions());
    double[] x = numbers(a);
    double[] y = numbers(b);
    for (int i = 0; i < x.length; i++) {
      assertThat(x[i]).as("number %d", i).isCloseTo(y[i], org.assertj.core.api.Assertions.within(tol * Math.max(1,
          Math.abs(y[i]))));
    }
    assertThat(a.accuracy().id()).isEqualTo(b.accuracy().id());
    assertThat(a.replicates().size()).isEqualTo(b.replicates().size());
    assertThat(a.warnings()).isEqualTo(b.warnings());
  }

  /** Every number of a result, the replicates' parameters and the intervals included. */
  static double[] numbers(LogCalibration.Result r) {
    List<Double> v = new ArrayList<>(List.of(r.inputMean(), r.inputSd(), r.outputMean(), r.outputSd(), r.tIn(), r.tOut(),
        r.latencyR2(), r.cIn() == null ? -1 : r.cIn(), r.cOut() == null ? -1 : r.cOut(), nan(r.aicBeta()),
        nan(r.aicSingleRate()), nan(r.aicBetaUnsolved())));
    v.addAll(r.parameters().values());
    r.passAtK().forEach(p -> v.addAll(List.of(p.observed(), p.lower(), p.upper(), p.fitted())));
    r.candidates().forEach(c -> v.addAll(List.of(c.observed(), c.lower(), c.upper(), c.predicted())));
    r.replicates().forEach(m -> m.values().asMap().values().forEach(x -> {
      if (x instanceof Number n) {
        v.add(n.doubleValue());
      }
    }));
    r.intervals().forEach(p -> v.addAll(List.of(p.value(), p.p05(), p.p95())));
    r.expectedAccuracy().forEach(e -> v.addAll(List.of(e.mean(), e.p05(), e.p95())));
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double nan(double x) {
    return Double.isNaN(x) ? -1 : x;
  }
}
