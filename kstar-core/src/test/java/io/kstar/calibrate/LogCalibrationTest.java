package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogCalibrationTest {

  /** Logs generated with known parameters: α = 1.5, β = 0.5, t_in = 0.0003, t_out = 0.012 (+ N(0, 0.5) s). */
  static List<LogRecords.Sample> generate(int questions, int samples, long seed) {
    UniformRandomProvider rng = io.kstar.estimate.MonteCarloEstimator.generator(seed, 0);
    var beta = ChengBetaSampler.of(rng, 1.5, 0.5);
    var z = ZigguratSampler.NormalizedGaussian.of(rng);
    List<LogRecords.Sample> out = new ArrayList<>();
    int line = 0;
    for (int q = 0; q < questions; q++) {
      double p = beta.sample();
      double in = Math.max(1, 600 + 200 * z.sample());
      for (int s = 0; s < samples; s++) {
        double o = Math.max(1, 1500 + 300 * z.sample());
        double lat = Math.max(0, 0.0003 * in + 0.012 * o + 0.5 * z.sample());
        out.add(new LogRecords.Sample(++line, "q" + q, "m", in, o, lat, 0.2e-6 * in + 0.8e-6 * o, rng.nextDouble() < p, null));
      }
    }
    return out;
  }

  /**
   * Recovery for several sample sizes. E[p] = α/(α+β) = 0.75 is pinned by the per-question rates, whose
   * sd is at most 0.5: tolerance 4·0.5/√Q. α and β separately are looser (their ratio is what the data
   * pins); tolerance 10/√Q relative. t_out from 8·Q samples with noise sd 0.5 s: within 5 %.
   */
  @ParameterizedTest
  @ValueSource(ints = {300, 3_000, 30_000})
  void recoversKnownParameters(int questions) {
    LogCalibration.Result r = LogCalibration.fit(generate(questions, 8, questions), null, 0, 1);
    double a = r.parameters().get("alpha");
    double b = r.parameters().get("beta");
    assertThat(a / (a + b)).isCloseTo(0.75, within(4 * 0.5 / Math.sqrt(questions)));
    assertThat(a).isCloseTo(1.5, within(1.5 * 10 / Math.sqrt(questions)));
    assertThat(b).isCloseTo(0.5, within(0.5 * 10 / Math.sqrt(questions)));
    assertThat(r.tOut()).isCloseTo(0.012, within(0.012 * 0.05));
    assertThat(r.cIn()).isCloseTo(0.2e-6, within(1e-12));
    assertThat(r.cOut()).isCloseTo(0.8e-6, within(1e-12));
    assertThat(r.aicBeta()).isLessThan(r.aicSingleRate());
    assertThat(r.outputMean()).isCloseTo(1500, within(4 * 300 / Math.sqrt(8.0 * questions)));
  }

  /** The unbiased estimator equals the share of k-subsets of the n samples that contain a correct one. */
  @Test
  void unbiasedPassAtK_matchesSubsetEnumeration() {
    for (int n = 1; n <= 10; n++) {
      for (int c = 0; c <= n; c++) {
        for (int k = 1; k <= n; k++) {
          int subsets = 0;
          int hit = 0;
          for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) != k) {
              continue;
            }
            subsets++;
            if ((mask & ((1 << c) - 1)) != 0) { // samples 0..c-1 are the correct ones
              hit++;
            }
          }
          assertThat(LogCalibration.unbiasedPassAtK(n, c, k)).as("n=%d c=%d k=%d", n, c, k)
              .isCloseTo((double) hit / subsets, within(1e-12));
        }
      }
    }
  }

  @Test
  void bootstrapIntervals_bracketTheObservedCurve_andTheFitFollowsIt() {
    LogCalibration.Result r = LogCalibration.fit(generate(2000, 8, 5), null, 500, 9);
    assertThat(r.passAtK()).hasSize(8);
    for (LogCalibration.PassAtKPoint p : r.passAtK()) {
      assertThat(p.lower()).isLessThanOrEqualTo(p.observed());
      assertThat(p.upper()).isGreaterThanOrEqualTo(p.observed());
      assertThat(p.fitted()).isBetween(p.lower() - 0.01, p.upper() + 0.01);
    }
  }

  @Test
  void badRecords_stopWithTheirLineNumber_orAreSkippedWhenAsked(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("logs.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"question\": \"a\", \"input_tokens\": 10, \"output_tokens\": 20, \"latency_s\": 1, \"correct\": true}",
        "{\"question\": \"a\", \"input_tokens\": 10, \"output_tokens\": \"many\", \"latency_s\": 1, \"correct\": true}",
        "not json",
        "{\"question\": \"b\", \"input_tokens\": 12, \"output_tokens\": 22, \"latency_s\": 1.2, \"correct\": false}") + "\n");
    assertThatThrownBy(() -> LogRecords.read(f, false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("logs.jsonl:2")
        .hasMessageContaining("output_tokens = many")
        .hasMessageContaining("--skip-bad");
    LogRecords.Read read = LogRecords.read(f, true);
    assertThat(read.samples()).hasSize(2);
    assertThat(read.skipped()).extracting(e -> e.source().orElse("")).containsExactly(f + ":2", f + ":3");
    Path csv = dir.resolve("logs.csv");
    Files.writeString(csv, "question,input_tokens,output_tokens,latency_s,correct\nq1,10,20,1,1\nq1,10,20\n");
    assertThatThrownBy(() -> LogRecords.read(csv, false)).hasMessageContaining("logs.csv:3").hasMessageContaining("3 values for 5 columns");
  }

  /** Logs that carry answers (3 wrong answers, uniform) and the selector's pick (right 80 % of the time when mixed). */
  static List<LogRecords.Sample> generateWithAnswers(int questions, int samples, long seed) {
    UniformRandomProvider rng = io.kstar.estimate.MonteCarloEstimator.generator(seed, 0);
    var beta = ChengBetaSampler.of(rng, 1.5, 0.5);
    List<LogRecords.Sample> out = new ArrayList<>();
    int line = 0;
    for (int q = 0; q < questions; q++) {
      double p = beta.sample();
      boolean[] ok = new boolean[samples];
      String[] ans = new String[samples];
      for (int s = 0; s < samples; s++) {
        ok[s] = rng.nextDouble() < p;
        ans[s] = ok[s] ? "right" : "wrong" + rng.nextInt(3);
      }
      int pick;
      boolean any = false;
      boolean all = true;
      for (boolean b : ok) {
        any |= b;
        all &= b;
      }
      boolean pickRight = all || (any && rng.nextDouble() < 0.8);
      pick = 0;
      for (int s = 0; s < samples; s++) {
        if (ok[s] == pickRight) {
          pick = s;
          break;
        }
      }
      for (int s = 0; s < samples; s++) {
        out.add(new LogRecords.Sample(++line, "q" + q, "m", 500, 1000, 12, null, ok[s], null, ans[s], s == pick));
      }
    }
    return out;
  }

  @Test
  void answersAndPicks_letItFitVotingAndSelectorModels_andPredictTheirStrategies() {
    LogCalibration.Result r = LogCalibration.fit(generateWithAnswers(4000, 8, 3), null, 400, 5);
    assertThat(r.candidates()).extracting(c -> c.model().id())
        .containsExactly("pass-at-k", "majority-vote", "selector-best-of-k", "pass-at-k-with-unsolved");
    for (LogCalibration.Candidate c : r.candidates()) {
      // each model predicts what its own strategy achieved on these records, within the sampling band
      assertThat(c.predicted()).as(c.model().id()).isBetween(c.lower() - 0.01, c.upper() + 0.01);
    }
    assertThat(r.candidates().get(1).parameters().get("wrong_answers")).isEqualTo(3.0);
    // s from ~1 400 mixed questions: sd √(0.8·0.2/1400) ≈ 0.011, tolerance 4 of those
    assertThat(r.candidates().get(2).parameters().get("selector_accuracy")).isCloseTo(0.8, within(0.045));
  }

  static List<LogRecords.Sample> fromCounts(int[][] counts) {
    List<LogRecords.Sample> out = new ArrayList<>();
    int line = 0;
    for (int q = 0; q < counts.length; q++) {
      for (int s = 0; s < counts[q][0]; s++) {
        out.add(new LogRecords.Sample(++line, "q" + q, "m", 500 + s, 1000 + 7 * s + q, 10 + s, null, s < counts[q][1], null));
      }
    }
    return out;
  }

  @Test
  void oneQuestion_allRight_allWrong_orOneSampleEach_areRefused_namingTheField() {
    assertThatThrownBy(() -> LogCalibration.fit(fromCounts(new int[][] {{50, 20}}), null, 0, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("question = q0: is the only question")
        .hasMessageContaining("at least 2 distinct questions");
    assertThatThrownBy(() -> LogCalibration.fit(fromCounts(new int[][] {{8, 8}, {8, 8}, {4, 4}}), null, 0, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("correct = true: is true in every one of the 20 records")
        .hasMessageContaining("no wrong sample");
    assertThatThrownBy(() -> LogCalibration.fit(fromCounts(new int[][] {{8, 0}, {8, 0}}), null, 0, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("correct = false: is false in every one")
        .hasMessageContaining("no right sample");
    int[][] single = new int[300][];
    for (int q = 0; q < single.length; q++) {
      single[q] = new int[] {1, q % 3 == 0 ? 0 : 1};
    }
    assertThatThrownBy(() -> LogCalibration.fit(fromCounts(single), null, 0, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("question: has one sample each")
        .hasMessageContaining("at least 2 samples per question");
  }

  @Test
  void fewQuestions_fitWithAWarning_andWideIntervals() {
    LogCalibration.Result r = LogCalibration.fit(fromCounts(new int[][] {{8, 2}, {8, 7}, {8, 0}, {8, 5}, {8, 8}}), null, 0, 1);
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("only 5 questions (fewer than 20)"));
    assertThat(r.calibration().samples()).hasSize(LogCalibration.DEFAULT_REPLICATES);
    LogCalibration.ParameterInterval a = r.intervals().get(0);
    assertThat(a.name()).isEqualTo("difficulty_alpha");
    assertThat(a.p95() / a.p05()).isGreaterThan(3);
    assertThat(LogCalibration.fit(generate(300, 8, 1), null, 0, 1).warnings()).noneMatch(w -> w.startsWith("only"));
  }

  /**
   * Every question all right or all wrong: the likelihood runs to α, β → 0 (a point mass at 0 and 1).
   * The fit says so — a flagged parameter and a warning — rather than hand over a confident profile.
   */
  @Test
  void aDifficultyAtTheEdgeOfTheSearch_isFlagged_notHidden() {
    int[][] counts = new int[60][];
    for (int q = 0; q < counts.length; q++) {
      counts[q] = new int[] {8, q % 2 == 0 ? 0 : 8};
    }
    LogCalibration.Result r = LogCalibration.fit(fromCounts(counts), null, 0, 1);
    assertThat(r.intervals()).filteredOn(p -> p.name().startsWith("difficulty_")).allMatch(p -> p.flag() != null);
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("difficulty_alpha = ") && w.contains("edge of the search"));
    String json = io.kstar.report.LogCalibrationReport.render(r, 0, io.kstar.report.Format.JSON);
    assertThat(json).contains("\"parameter_intervals\"").contains("\"warning\"").contains("\"warnings\"");
  }

  @Test
  void replicates_areRefitsOfTheChosenModel_withIntervalsAndACalibration() throws Exception {
    LogCalibration.Result r = LogCalibration.fit(generateWithAnswers(1500, 8, 4), null, "majority-vote", 0, 100, 7);
    var cal = r.calibration();
    assertThat(cal.dataUpToK()).isEqualTo(8);
    assertThat(cal.samples()).hasSize(100).allMatch(m -> m instanceof io.kstar.accuracy.MajorityVote);
    // m is refitted per replicate: 3 wrong answers, identified by ~1 500 questions
    assertThat(cal.samples()).allMatch(m -> ((io.kstar.accuracy.MajorityVote) m).wrongAnswers() == 3);
    assertThat(r.intervals()).extracting(LogCalibration.ParameterInterval::name)
        .containsExactly("difficulty_alpha", "difficulty_beta", "wrong_answers");
    LogCalibration.ParameterInterval a = r.intervals().get(0);
    assertThat(a.p05()).isLessThanOrEqualTo(a.value());
    assertThat(a.p95()).isGreaterThanOrEqualTo(a.value());
    assertThat(a.flag()).isNull();
    double[] e = LogCalibration.expectedAccuracyInterval(cal, r.accuracy(), 8);
    assertThat(e[1]).isLessThanOrEqualTo(e[0]);
    assertThat(e[2]).isGreaterThanOrEqualTo(e[0]);
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        io.kstar.report.LogCalibrationReport.render(r, 0, io.kstar.report.Format.JSON));
    // the existing keys are unchanged; the new ones sit beside them
    assertThat(doc.get("parameters").get("alpha").isNumber()).isTrue();
    assertThat(doc.get("parameter_intervals").get("difficulty_alpha").get("p05").asDouble()).isEqualTo(a.p05());
    assertThat(doc.get("data_up_to_k").asInt()).isEqualTo(8);
    assertThat(doc.get("replicates").get("count").asInt()).isEqualTo(100);
    assertThat(doc.get("expected_accuracy").get(0).get("k").asInt()).isEqualTo(1);
    // seeded: the same replicates again
    assertThat(LogCalibration.fit(generateWithAnswers(1500, 8, 4), null, "majority-vote", 0, 100, 7).replicates())
        .isEqualTo(r.replicates());
  }

  /** Logs with a real never-solved share: the family is chosen by AIC, and its replicates keep its kind. */
  @Test
  void aNeverSolvedShare_isChosenByAic_whenTheLogsShowIt() {
    UniformRandomProvider rng = io.kstar.estimate.MonteCarloEstimator.generator(11, 0);
    var beta = ChengBetaSampler.of(rng, 1.2, 1.0);
    int[][] counts = new int[2000][];
    for (int q = 0; q < counts.length; q++) {
      double p = q % 10 < 3 ? 0 : beta.sample();
      int c = 0;
      for (int s = 0; s < 16; s++) {
        c += rng.nextDouble() < p ? 1 : 0;
      }
      counts[q] = new int[] {16, c};
    }
    LogCalibration.Result r = LogCalibration.fit(fromCounts(counts), null, 0, 3);
    assertThat(r.accuracy()).isInstanceOf(io.kstar.accuracy.PassAtKWithUnsolved.class);
    assertThat(r.aicBetaUnsolved()).isLessThan(r.aicBeta() - 2);
    // u from 2 000 questions, 30 % never solved (and a few solvable ones unsolved in 16 tries): within 0.05
    assertThat(r.parameters().get("unsolved_share")).isCloseTo(0.3, within(0.05));
    assertThat(r.calibration().samples()).allMatch(m -> m instanceof io.kstar.accuracy.PassAtKWithUnsolved);
  }
}
