package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.profile.Calibration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * A back-test on real per-question data: GPT-4 on 100 Game of 24 puzzles × 100 samples (the Tree of
 * Thoughts repository's published IO-prompt log, MIT; docs/examples/per-question-tot-game24-gpt4-io.json).
 * kstar is fitted on n = 4, 8 and 16 samples of each puzzle — drawn without replacement from its 100
 * (hypergeometric, since the file holds counts, not order), 10 fixed seeds — and its E[pass@k] for
 * k up to 100 is compared with the unbiased estimator on all 100 samples, beside two naive baselines:
 * carrying the observed pass@n forward, and a + b·ln k fitted to the observed pass@k, k ≤ n.
 */
class LogCalibrationGame24Test {
  static final Path DATA = Path.of("..", "docs", "examples", "per-question-tot-game24-gpt4-io.json");
  static final int[] KS = {1, 2, 4, 8, 16, 32, 64, 100};
  static final int SEEDS = 10;

  record Row(int n, int k, double truth, double kstar, double p05, double p95, double carry, double logLinear,
      int covered, int fits, double errKstar, double errCarry, double errLogLinear) {}

  static int[][] counts() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(DATA.toFile());
    List<int[]> out = new ArrayList<>();
    doc.get("questions").forEach(q -> out.add(new int[] {q.get("samples").asInt(), q.get("correct").asInt()}));
    return out.toArray(new int[0][]);
  }

  /** n of a question's N samples, c of them correct, drawn without replacement: how many are correct. */
  static int hypergeometric(UniformRandomProvider rng, int bigN, int c, int n) {
    int right = 0;
    for (int i = 0; i < n; i++) {
      if (rng.nextDouble() * (bigN - i) < c - right) {
        right++;
      }
    }
    return right;
  }

  static double observed(int[][] counts, int k) {
    double s = 0;
    for (int[] c : counts) {
      s += LogCalibration.unbiasedPassAtK(c[0], c[1], k);
    }
    return s / counts.length;
  }

  @Test
  void game24_predictsPassAtKUpTo100_fromTheFirstFewSamples() throws Exception {
    int[][] full = counts();
    assertThat(full.length).isEqualTo(100);
    assertThat(observed(full, 100)).isCloseTo(0.33, org.assertj.core.data.Offset.offset(1e-12));
    List<Row> rows = new ArrayList<>();
    StringBuilder chosen = new StringBuilder();
    for (int n : new int[] {4, 8, 16}) {
      double[][] acc = new double[KS.length][9]; // kstar, p05, p95, carry, logLinear, covered, |errors| of the three
      for (int seed = 1; seed <= SEEDS; seed++) {
        UniformRandomProvider rng = io.kstar.estimate.MonteCarloEstimator.generator(24, 1000L * n + seed);
        int[][] sub = new int[full.length][];
        List<LogRecords.Sample> samples = new ArrayList<>();
        int line = 0;
        for (int q = 0; q < full.length; q++) {
          int c = hypergeometric(rng, full[q][0], full[q][1], n);
          sub[q] = new int[] {n, c};
          for (int s = 0; s < n; s++) {
            samples.add(new LogRecords.Sample(++line, "q" + q, "gpt-4", 200, 60, 3, null, s < c, null));
          }
        }
        boolean anyRight = java.util.Arrays.stream(sub).anyMatch(x -> x[1] > 0);
        assertThat(anyRight).isTrue();
        LogCalibration.Result r = LogCalibration.fit(samples, null, null, 0, LogCalibration.DEFAULT_REPLICATES, seed);
        chosen.append(String.format(Locale.ROOT, "%n  n=%d seed=%d: %s %s", n, seed, r.accuracy().id(), r.parameters()));
        Calibration cal = r.calibration();
        // a + b ln k by least squares on the observed pass@k, k = 1..n
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = 1; k <= n; k++) {
          double x = Math.log(k);
          double y = observed(sub, k);
          sx += x;
          sy += y;
          sxx += x * x;
          sxy += x * y;
        }
        double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double a = (sy - b * sx) / n;
        for (int i = 0; i < KS.length; i++) {
          int k = KS[i];
          double[] e = LogCalibration.expectedAccuracyInterval(cal, r.accuracy(), k);
          double truth = observed(full, k);
          acc[i][0] += e[0];
          acc[i][1] += e[1];
          acc[i][2] += e[2];
          acc[i][3] += observed(sub, Math.min(k, n));
          acc[i][4] += Math.max(0, Math.min(1, a + b * Math.log(k)));
          acc[i][5] += truth >= e[1] && truth <= e[2] ? 1 : 0;
          acc[i][6] += Math.abs(e[0] - truth);
          acc[i][7] += Math.abs(observed(sub, Math.min(k, n)) - truth);
          acc[i][8] += Math.abs(Math.max(0, Math.min(1, a + b * Math.log(k))) - truth);
        }
      }
      for (int i = 0; i < KS.length; i++) {
        rows.add(new Row(n, KS[i], observed(full, KS[i]), acc[i][0] / SEEDS, acc[i][1] / SEEDS, acc[i][2] / SEEDS,
            acc[i][3] / SEEDS, acc[i][4] / SEEDS, (int) acc[i][5], SEEDS, acc[i][6] / SEEDS, acc[i][7] / SEEDS,
            acc[i][8] / SEEDS));
      }
    }
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
        "%n| n | k | pass@k, all 100 | kstar E[pass@k] | kstar 90%% (mean p05–p95) | covered | carry pass@n | a + b ln k |%n"
            + "|---|---|---|---|---|---|---|---|%n"));
    for (Row w : rows) {
      t.append(String.format(Locale.ROOT, "| %d | %d | %.3f | %.3f | %.3f–%.3f | %d/%d | %.3f | %.3f |%n", w.n(), w.k(),
          w.truth(), w.kstar(), w.p05(), w.p95(), w.covered(), w.fits(), w.carry(), w.logLinear()));
    }
    t.append(String.format(Locale.ROOT, "%n| n | mean abs error over k > n and subsamples: kstar | carry pass@n | a + b ln k | kstar coverage, k > n |%n"
        + "|---|---|---|---|---|%n"));
    for (int n : new int[] {4, 8, 16}) {
      double ek = 0;
      double ec = 0;
      double el = 0;
      int cov = 0;
      int m = 0;
      for (Row w : rows) {
        if (w.n() == n && w.k() > n) {
          ek += w.errKstar();
          ec += w.errCarry();
          el += w.errLogLinear();
          cov += w.covered();
          m++;
        }
      }
      t.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %d/%d |%n", n, ek / m, ec / m, el / m, cov, m * SEEDS));
    }
    System.out.println("Game of 24, GPT-4 IO prompt (predictions averaged over the 10 subsamples; errors per subsample, then averaged):" + t + "chosen models:" + chosen);
    // inside the data (k ≤ n) the fit follows what it was fitted on: within 0.05 of the full-data pass@k
    for (Row w : rows) {
      if (w.k() <= w.n()) {
        assertThat(Math.abs(w.kstar() - w.truth())).as("n=%d k=%d", w.n(), w.k()).isLessThan(0.05);
      }
    }
  }
}
