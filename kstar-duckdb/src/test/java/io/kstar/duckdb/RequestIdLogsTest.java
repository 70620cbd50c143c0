package io.kstar.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.calibrate.LogAggregate;
import io.kstar.calibrate.LogCalibration;
import io.kstar.calibrate.LogRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that name their calls ({@code request_id}): both engines aggregate the calls alike, the fit finds
 * the samples per call, takes the prompt per call, and says which billing shape the recorded costs fit. The
 * logs are written by hand here, billed one way or the other, so that the truth is known.
 */
class RequestIdLogsTest {

  /**
   * 150 questions × 8 samples in calls of 2 and 6 (each record carries its call's prompt tokens); each call costs
   * $2 per million prompt tokens once ({@code perCall}) or with every sample, plus $8 per million output
   * tokens; a record's cost is its share (the prompt's part split evenly over the call's samples).
   */
  static Path write(Path dir, boolean perCall) throws Exception {
    Random r = new Random(3);
    StringBuilder b = new StringBuilder();
    int call = 0;
    for (int q = 0; q < 150; q++) {
      double p = 0.2 + 0.6 * r.nextDouble();
      for (int c = 0; c < 2; c++) {
        call++;
        int prompt = 800 + r.nextInt(400);
        int size = c == 0 ? 2 : 6; // 8 samples a question, in calls of 2 and of 6: four on average
        for (int s = 0; s < size; s++) {
          int out = 200 + r.nextInt(200);
          double promptCost = 2e-6 * prompt * (perCall ? 1.0 / size : 1);
          b.append(String.format(java.util.Locale.ROOT, "{\"question\": \"q%03d\", \"request_id\": \"call-%04d\","
              + " \"input_tokens\": %d, \"output_tokens\": %d, \"latency_s\": %.6f, \"cost_usd\": %.12f,"
              + " \"correct\": %b}%n", q, call, prompt, out, 0.0002 * prompt + 0.01 * out, promptCost + 8e-6 * out,
              r.nextDouble() < p));
        }
      }
    }
    Path f = dir.resolve(perCall ? "per-call.jsonl" : "per-sample.jsonl");
    Files.writeString(f, b);
    return f;
  }

  @Test
  void bothEnginesAggregateTheCalls_andTheFitFindsTheBillingShape(@TempDir Path dir) throws Exception {
    for (boolean perCall : List.of(true, false)) {
      Path f = write(dir, perCall);
      List<LogRecords.Sample> records = LogRecords.read(f, false).samples();
      LogAggregate.Group jvm = new LogAggregate.Builder().addAll(records).build().groups().get(0);
      LogAggregate.Group duck = DuckDbLogs.aggregate(List.of(f), List.of(), false, 1).aggregate().groups().get(0);
      LogAggregate.Calls a = jvm.calls();
      LogAggregate.Calls b = duck.calls();
      assertThat(a.calls()).isEqualTo(300).isEqualTo(b.calls());
      assertThat(a.costCalls()).isEqualTo(300).isEqualTo(b.costCalls());
      double[] x = {a.sumP(), a.sumP2(), a.sumS2(), a.sumO(), a.sumO2(), a.sumPO(), a.sumSO(), a.sumY(), a.sumY2(),
          a.sumPY(), a.sumSY(), a.sumOY()};
      double[] y = {b.sumP(), b.sumP2(), b.sumS2(), b.sumO(), b.sumO2(), b.sumPO(), b.sumSO(), b.sumY(), b.sumY2(),
          b.sumPY(), b.sumSY(), b.sumOY()};
      for (int i = 0; i < x.length; i++) {
        assertThat(y[i]).as("sum %d", i).isCloseTo(x[i], within(1e-12 * Math.abs(x[i])));
      }
      LogCalibration.Result fit = LogCalibration.fit(jvm, null, 50, 0, 1);
      assertThat(fit.samplesPerRequest()).isEqualTo(4);
      // the prompt per call, not per record: 800..1199 tokens
      assertThat(fit.inputMean()).isCloseTo(a.sumP() / 300, within(1e-9));
      LogCalibration.Billing bill = fit.billing();
      assertThat(bill.perCall()).as("per call: " + perCall).isEqualTo(perCall);
      // the shape that billed the log fits it to rounding, with its prices; the other leaves a residual
      double fits = perCall ? bill.rmsePerCall() : bill.rmsePerSample();
      double misfits = perCall ? bill.rmsePerSample() : bill.rmsePerCall();
      double meanCost = a.sumY() / a.calls();
      // 1e-6 of a call's cost: the log's costs are written to 12 decimals, and RSS = Σy² − β'X'y cancels
      assertThat(fits).isLessThan(1e-6 * meanCost);
      assertThat(misfits).isGreaterThan(1e-2 * meanCost);
      assertThat(fit.cIn()).isCloseTo(2e-6, within(1e-12));
      assertThat(fit.cOut()).isCloseTo(8e-6, within(1e-12));
      // and from DuckDB's aggregate, the same answer
      LogCalibration.Result viaDuck = LogCalibration.fit(duck, null, 50, 0, 1);
      assertThat(viaDuck.billing().perCall()).isEqualTo(perCall);
      assertThat(viaDuck.cIn()).isCloseTo(fit.cIn(), within(1e-12));
    }
  }

  @Test
  void anAggregateFile_keepsTheCalls(@TempDir Path dir) throws Exception {
    Path f = write(dir, true);
    LogAggregate agg = new LogAggregate.Builder().addAll(LogRecords.read(f, false).samples()).build();
    Path file = dir.resolve("agg.json");
    io.kstar.calibrate.LogAggregateFile.write(agg, file);
    assertThat(Files.readString(file)).contains("\"calls\": {\"calls\": 300, \"cost_calls\": 300, \"p\": ");
    assertThat(io.kstar.calibrate.LogAggregateFile.read(file)).isEqualTo(agg);
    // records without request_id: no calls at all (the file is as before)
    Path plain = dir.resolve("plain.jsonl");
    Files.writeString(plain, Files.readString(f).replaceAll("\"request_id\": \"call-\\d+\", ", ""));
    LogAggregate none = new LogAggregate.Builder().addAll(LogRecords.read(plain, false).samples()).build();
    assertThat(none.groups().get(0).calls()).isNull();
    assertThat(DuckDbLogs.aggregate(List.of(plain), List.of(), false, 1).aggregate().groups().get(0).calls()).isNull();
  }
}
