package io.kstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import io.kstar.policy.Policy;
import io.kstar.profile.Calibration;
import io.kstar.profile.ModelProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Monte Carlo by identities that hold request by request, for any seed (common random numbers: a
 * stopping policy sees the same samples as fixed k, so where it provably draws all k, or exactly the first
 * round, its numbers are the fixed policy's), and by means of the general paths (lognormal lengths,
 * slowest-sample rounds, a rate limit) within standard errors of their exact values.
 */
class MonteCarloPathsTest {

  private static final BetaDifficulty D = new BetaDifficulty(0.9, 0.6);
  private static final ModelProfile BASE =
      ModelProfile.builder("m").name(null).prices(1e-6, 4e-6).speeds(1e-4, 2e-3)
          .inputTokens(400, 20).outputTokens(900, 30)
          .scores(0.6, 0.1).parallel(3).build();

  private static void sameNumbers(CurvePoint a, CurvePoint b, String what) {
    // the two runs sum the same values from different shifts: equal to a few ulps of the sums
    assertThat(a.cost().mean()).as("cost " + what).isCloseTo(b.cost().mean(), within(1e-12 * b.cost().mean()));
    assertThat(a.cost().std()).as("cost sd " + what).isCloseTo(b.cost().std(), within(1e-9 * b.cost().std() + 1e-18));
    assertThat(a.latency().mean()).as("latency " + what).isCloseTo(b.latency().mean(), within(1e-12 * b.latency().mean()));
    assertThat(a.accuracy().mean()).as("accuracy " + what).isCloseTo(b.accuracy().mean(), within(1e-12));
    assertThat(a.accuracy().std()).as("accuracy sd " + what).isCloseTo(b.accuracy().std(), within(1e-9));
  }

  /** A margin no cap up to 1023 can reach: until-lead never stops early and answers the majority at k, as fixed k. */
  @Test
  void untilLeadWithAnUnreachableMarginIsFixedK() {
    for (int m : new int[] {1, 3}) {
      ModelProfile p = BASE.withAccuracy(new MajorityVote(D, m));
      int[] ks = {1, 3, 4, 9};
      MonteCarloEstimator mc = new MonteCarloEstimator(300, 5, 1);
      Curve fixed = mc.estimate(p, 3, ks);
      Curve lead = mc.estimate(new Estimator.Job(p, 3, ks, Policy.untilLead(Policy.MAX_MARGIN)));
      for (int i = 0; i < ks.length; i++) {
        CurvePoint s = lead.points().get(i);
        sameNumbers(s, fixed.points().get(i), "m=" + m + " k=" + ks[i]);
        assertThat(s.draws().samples().mean()).isEqualTo(ks[i]);
        assertThat(s.draws().samples().std()).isZero();
        assertThat(s.draws().rounds().mean()).isEqualTo((ks[i] + 2) / 3);
        assertThat(s.draws().samples().p975()).isCloseTo(ks[i], within(1e-9));
      }
      assertThat(lead.quantileMethod()).isEqualTo(QuantileMethod.SIMULATED);
      assertThat(lead.estimator()).isEqualTo("monte-carlo");
    }
  }

  /**
   * A threshold every score reaches (the smallest positive double; a score is 0 only below μ − 6σ): every
   * request stops after its first round and answers the best of its first P samples, which is fixed k = P.
   * A threshold of 1 that no score reaches (μ + 14σ): every request draws k, which is fixed k.
   */
  @Test
  void untilScoreAtItsExtremesIsFixedKAtPOrAtK() {
    int[] ks = {2, 3, 7, 12};
    MonteCarloEstimator mc = new MonteCarloEstimator(300, 8, 1);
    Curve fixed = mc.estimate(BASE, 3, new int[] {2, 3, 7, 12});
    Curve first = mc.estimate(new Estimator.Job(BASE, 3, ks, Policy.untilScore(Double.MIN_VALUE)));
    for (int i = 0; i < ks.length; i++) {
      int n = Math.min(3, ks[i]);
      sameNumbers(first.points().get(i), fixed.at(n).orElseThrow(), "first round, k=" + ks[i]);
      assertThat(first.points().get(i).draws().samples().mean()).isEqualTo(n);
      assertThat(first.points().get(i).draws().rounds().mean()).isEqualTo(1);
    }
    ModelProfile low = BASE.withAccuracy(new GaussianBestOfK(0.3, 0.05));
    Curve lowFixed = mc.estimate(low, 3, ks);
    Curve never = mc.estimate(new Estimator.Job(low, 3, ks, Policy.untilScore(1.0)));
    for (int i = 0; i < ks.length; i++) {
      sameNumbers(never.points().get(i), lowFixed.points().get(i), "never, k=" + ks[i]);
      assertThat(never.points().get(i).draws().samples().mean()).isEqualTo(ks[i]);
    }
  }

  /**
   * until-pass and until-decided keep the answer at the cap, request by request; beyond a calibration
   * that holds at k = 4 both read it at 4, as fixed k does.
   */
  @Test
  void untilPassKeepsTheAnswerAtTheCap_alsoWhereACalibrationHoldsIt() {
    List<AccuracyModel> reps = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      reps.add(new PassAtK(new BetaDifficulty(0.8 + 0.05 * i, 0.6)));
    }
    ModelProfile held = BASE.withAccuracy(new PassAtK(D)).withCalibration(new Calibration("t", 4, reps, Calibration.Beyond.HOLD));
    int[] ks = {2, 4, 8, 16};
    MonteCarloEstimator mc = new MonteCarloEstimator(400, 3, 1);
    Curve fixed = mc.estimate(held, 2, ks);
    Curve pass = mc.estimate(new Estimator.Job(held, 2, ks, Policy.UNTIL_PASS));
    for (int i = 0; i < ks.length; i++) {
      assertThat(pass.points().get(i).accuracy().mean()).as("k=%d", ks[i])
          .isEqualTo(fixed.points().get(i).accuracy().mean());
    }
    // held: the accuracy does not grow beyond 4, while until-pass keeps stopping later as the cap grows
    assertThat(fixed.at(16).orElseThrow().accuracy().mean()).isEqualTo(fixed.at(4).orElseThrow().accuracy().mean());
    assertThat(pass.at(16).orElseThrow().draws().samples().mean())
        .isGreaterThan(pass.at(8).orElseThrow().draws().samples().mean());
    // the replicates' intervals are attached to stopping points too
    assertThat(pass.at(16).orElseThrow().expected().extrapolated()).isTrue();
    assertThat(pass.notes()).hasSize(1);
  }

  @Test
  void sameSeedGivesTheSameBytesOnAnyNumberOfThreads_onEveryPath() {
    ModelProfile general = BASE.withInputLength(new LengthModel.LogNormalLength(400, 120))
        .withLatency(new LatencyModel(LatencyModel.BATCHED_MAX, 0, OptionalDouble.of(2e5)));
    List<Estimator.Job> jobs = List.of(
        new Estimator.Job(general, 3, new int[] {1, 3, 8}),
        new Estimator.Job(BASE.withAccuracy(new MajorityVote(D, 2)), 2, new int[] {2, 5}, Policy.UNTIL_DECIDED),
        new Estimator.Job(BASE, 3, new int[] {3, 9}, Policy.untilScore(0.7)),
        new Estimator.Job(BASE.withAccuracy(new MajorityVote(D, 1)), 2, new int[] {4, 6}, Policy.untilLead(2)));
    List<Curve> one = new MonteCarloEstimator(600, 4, 1).estimateAll(jobs);
    List<Curve> three = new MonteCarloEstimator(600, 4, 3).estimateAll(jobs);
    assertThat(three).isEqualTo(one);
    assertThat(new MonteCarloEstimator(600, 5, 3).estimateAll(jobs)).isNotEqualTo(one);
  }

  /**
   * General paths against exact values, 2 000 requests, tolerance 4.5 standard errors (sd/√n, sd the
   * simulated one): lognormal input lengths (exact clipped lognormal moments); rounds that last as long
   * as their slowest sample, with one sample time exactly normal (the exact estimator's approximation is
   * then exact); and a rate limit far tighter than the rounds, where every request's latency is its
   * admission time k·(L_in + L_out)/(R/60), whose mean is exact.
   */
  @Test
  void generalPathsAgreeWithTheExactLaws() {
    int n = 2000;
    int[] ks = {1, 4, 7};
    List<ModelProfile> profiles = List.of(
        BASE.withInputLength(new LengthModel.LogNormalLength(400, 120)),
        BASE.withLatency(new LatencyModel(LatencyModel.BATCHED_MAX, 0, OptionalDouble.empty())),
        BASE.withLatency(new LatencyModel(LatencyModel.TTFT_DECODE, 0.4, OptionalDouble.empty())),
        BASE.withLatency(new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.of(600))));
    for (ModelProfile p : profiles) {
      Curve exact = new ExactEstimator().estimate(p, 3, ks);
      Curve mc = new MonteCarloEstimator(n, 21, 1).estimate(p, 3, ks);
      for (int i = 0; i < ks.length; i++) {
        CurvePoint e = exact.points().get(i);
        CurvePoint s = mc.points().get(i);
        String at = p.inputLength().id() + "/" + p.latency().id() + " k=" + ks[i];
        assertThat(s.cost().mean()).as("cost " + at).isCloseTo(e.cost().mean(), within(4.5 * s.cost().std() / Math.sqrt(n)));
        assertThat(s.latency().mean()).as("latency " + at)
            .isCloseTo(e.latency().mean(), within(4.5 * s.latency().std() / Math.sqrt(n) + 1e-12));
        assertThat(s.accuracy().mean()).as("accuracy " + at)
            .isCloseTo(e.accuracy().mean(), within(4.5 * s.accuracy().std() / Math.sqrt(n)));
        // the sd of a sum of k independent sample costs, against the exact one: its relative standard error
        // is about √((κ − 1)/(4n)) ≤ 0.02 for these near-normal sums (κ ≲ 4); tolerance 5 of those
        assertThat(s.cost().std()).as("cost sd " + at).isCloseTo(e.cost().std(), within(0.1 * e.cost().std()));
        assertThat(s.cost().stderr()).isCloseTo(s.cost().std() / Math.sqrt(n), within(1e-15));
      }
    }
  }

  /** Lengths and scores without spread: every request is the same, so every statistic is that value. */
  @Test
  void aProfileWithoutSpreadIsSimulatedAsPointMasses() {
    ModelProfile flat = ModelProfile.builder("flat").name(null).prices(1e-6, 2e-6).speeds(1e-3, 2e-3)
        .inputTokens(100, 0).outputTokens(200, 0)
        .scores(0.8, 0).parallel(2).build();
    CurvePoint p = new MonteCarloEstimator(50, 1, 1).estimate(flat, 2, new int[] {3}).points().get(0);
    assertThat(p.cost().mean()).isCloseTo(3 * 5e-4, within(1e-18));
    assertThat(p.cost().std()).isCloseTo(0, within(1e-18));
    assertThat(p.cost().p025()).isCloseTo(3 * 5e-4, within(1e-18));
    assertThat(p.cost().p975()).isCloseTo(3 * 5e-4, within(1e-18));
    assertThat(p.latency().mean()).isCloseTo(2 * 0.5, within(1e-15));
    assertThat(p.latency().p975()).isCloseTo(1.0, within(1e-15));
    assertThat(p.accuracy().mean()).isCloseTo(0.8, within(1e-15));
    assertThat(p.accuracy().p025()).isCloseTo(0.8, within(1e-15));
    assertThat(p.accuracy().distribution().cdf(0.79)).isZero();
    assertThat(p.accuracy().distribution().cdf(0.8)).isEqualTo(1.0);
  }

  /**
   * With two requests every statistic is known from the two values x₁, x₂, which the histogram's extremes
   * give (its quantile at q → 0 and q → 1 is clamped to the smallest and largest value seen): the mean is
   * (x₁ + x₂)/2, the sample sd |x₁ − x₂|/√2 (divisor n − 1 = 1) and its standard error sd/√2. This holds
   * for any seed, on every path (paper, general, stopping) and every quantity.
   */
  @Test
  void twoRequestsGiveTheMeanAndSampleSdOfTwoValues() {
    List<Estimator.Job> jobs = List.of(
        new Estimator.Job(BASE, 3, new int[] {2, 5}),
        new Estimator.Job(BASE.withInputLength(new LengthModel.LogNormalLength(400, 120)), 3, new int[] {2, 5}),
        new Estimator.Job(BASE, 3, new int[] {2, 5}, Policy.untilScore(0.62)),
        new Estimator.Job(BASE.withAccuracy(new PassAtK(D)), 1, new int[] {2, 5}, Policy.UNTIL_PASS));
    for (long seed = 1; seed <= 3; seed++) {
      List<Curve> curves = new MonteCarloEstimator(2, seed, 1).estimateAll(jobs);
      for (Curve c : curves) {
        for (CurvePoint p : c.points()) {
          List<Statistic> stats = new ArrayList<>(List.of(p.cost(), p.latency(), p.accuracy()));
          for (Statistic s : stats) {
            double lo = s.distribution().quantile(1e-9);
            double hi = s.distribution().quantile(1 - 1e-9);
            String at = c.policy() + " k=" + p.k() + " seed=" + seed;
            assertThat(s.mean()).as("mean " + at).isCloseTo((lo + hi) / 2, within(1e-12 * Math.abs(hi) + 1e-300));
            assertThat(s.std()).as("sd " + at).isCloseTo((hi - lo) / Math.sqrt(2), within(1e-9 * Math.abs(hi) + 1e-300));
            assertThat(s.stderr()).as("se " + at).isCloseTo(s.std() / Math.sqrt(2), within(1e-15 * Math.abs(hi) + 1e-300));
          }
        }
      }
    }
  }

  /**
   * The quantiles of stopping requests come from histograms over their own range: where every request
   * stops after the first round (threshold reached by every score) they are the fixed k = P's, up to one
   * bin of each histogram (the stopping one spans 0 to k·E[C₁] + 8·sd, the fixed one mean ± 8 sd, 1 024 bins).
   */
  @Test
  void stoppingQuantilesAreTheFixedOnesWhereTheyMustBe() {
    MonteCarloEstimator mc = new MonteCarloEstimator(500, 13, 1);
    int k = 12;
    CurvePoint stop = mc.estimate(new Estimator.Job(BASE, 3, new int[] {k}, Policy.untilScore(Double.MIN_VALUE)))
        .points().get(0);
    CurvePoint fixed = mc.estimate(BASE, 3, new int[] {3}).points().get(0);
    SampleMoments s = SampleMoments.of(BASE);
    double costBin = (k * s.costMean() + 8 * Math.sqrt(k * s.costVar())) / 1024 + 16 * Math.sqrt(3 * s.costVar()) / 1024;
    double[] t = ExactEstimator.latency(s, BASE.latency(), 3, k);
    double[] t3 = ExactEstimator.latency(s, BASE.latency(), 3, 3);
    double timeBin = (t[0] + 8 * t[1]) / 1024 + 16 * t3[1] / 1024;
    for (double q : new double[] {0.025, 0.5, 0.975}) {
      assertThat(stop.cost().distribution().quantile(q)).as("cost q=" + q)
          .isCloseTo(fixed.cost().distribution().quantile(q), within(costBin));
      assertThat(stop.latency().distribution().quantile(q)).as("latency q=" + q)
          .isCloseTo(fixed.latency().distribution().quantile(q), within(timeBin));
      assertThat(stop.accuracy().distribution().quantile(q)).as("accuracy q=" + q)
          .isCloseTo(fixed.accuracy().distribution().quantile(q), within(1.0 / 1024 + 16 * fixed.accuracy().std() / 1024));
    }
    assertThat(stop.draws().samples().p975()).isEqualTo(3);
    assertThat(stop.draws().rounds().p025()).isEqualTo(1);
  }

  @Test
  void progressIsReportedPerChunk_endingAtOne_withoutChangingResults() {
    ConcurrentLinkedQueue<Double> seen = new ConcurrentLinkedQueue<>();
    MonteCarloEstimator plain = new MonteCarloEstimator(600, 2, 1);
    List<Estimator.Job> jobs = List.of(new Estimator.Job(BASE, 3, new int[] {3}), new Estimator.Job(BASE, 1, new int[] {2}));
    List<Curve> withProgress = plain.withProgress(seen::add).estimateAll(jobs);
    assertThat(withProgress).isEqualTo(plain.estimateAll(jobs));
    // 600 trials are 3 chunks of at least 256/2; two jobs: 6 tasks, each reported once, in order on one thread
    assertThat(MonteCarloEstimator.chunkCount(600)).isEqualTo(3);
    assertThat(seen).containsExactly(1 / 6.0, 2 / 6.0, 3 / 6.0, 4 / 6.0, 5 / 6.0, 1.0);
    assertThat(plain.withProgress(x -> { }).trials()).isEqualTo(600);
    assertThat(plain.withProgress(x -> { }).seed()).isEqualTo(2L);
    assertThat(plain.name()).isEqualTo("monte-carlo");
  }

  /** Chunks of at least 256 trials, at most 512 of them, bounds depending on the trial count alone. */
  @Test
  void chunkCountsAndGenerators() {
    assertThat(MonteCarloEstimator.chunkCount(2)).isEqualTo(1);
    assertThat(MonteCarloEstimator.chunkCount(256)).isEqualTo(1);
    assertThat(MonteCarloEstimator.chunkCount(257)).isEqualTo(2);
    assertThat(MonteCarloEstimator.chunkCount(512 * 256)).isEqualTo(512);
    assertThat(MonteCarloEstimator.chunkCount(512 * 256 + 1)).isEqualTo(512);
    assertThat(MonteCarloEstimator.chunkCount(MonteCarloEstimator.MAX_TRIALS)).isEqualTo(512);
    // SplitMix64's finaliser: the first output of SplitMix64 seeded with 0 is 0xE220A8397B1DCDAF
    assertThat(MonteCarloEstimator.mix64(0x9E3779B97F4A7C15L)).isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(MonteCarloEstimator.mix64(0)).isZero();
    // a trial's generator depends on (seed, trial) only
    assertThat(MonteCarloEstimator.generator(3, 7).nextLong()).isEqualTo(MonteCarloEstimator.generator(3, 7).nextLong());
    assertThat(MonteCarloEstimator.generator(3, 7).nextLong()).isNotEqualTo(MonteCarloEstimator.generator(3, 8).nextLong());
    assertThat(MonteCarloEstimator.generator(3, 7).nextLong()).isNotEqualTo(MonteCarloEstimator.generator(4, 7).nextLong());
  }

  @Test
  void settingsAndGridsAreChecked() {
    new MonteCarloEstimator(MonteCarloEstimator.MIN_TRIALS, 0, 1024);
    new MonteCarloEstimator(MonteCarloEstimator.MAX_TRIALS, 0, 1);
    assertThatThrownBy(() -> new MonteCarloEstimator(MonteCarloEstimator.MAX_TRIALS + 1, 0, 1))
        .isInstanceOf(InvalidInputException.class).hasMessage("trials = 100000001: must be an integer in [2, 100000000]");
    assertThatThrownBy(() -> new MonteCarloEstimator(10, 0, 1025))
        .isInstanceOf(InvalidInputException.class).hasMessage("threads = 1025: must be an integer in [1, 1024]");
    MonteCarloEstimator mc = new MonteCarloEstimator(10, 0, 1);
    for (int[] bad : new int[][] {{0, 2}, {3, 3}, {4, 2}}) {
      assertThatThrownBy(() -> mc.estimate(BASE, 1, bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("ks must be strictly increasing and >= 1");
    }
    assertThatThrownBy(() -> mc.estimate(new Estimator.Job(BASE, 1, new int[] {2}, Policy.UNTIL_PASS)))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("policy = until-pass");
    // accumulators per k and quantity: three quantities under fixed k, five under a stopping policy
    // (samples and rounds too); a grid of 2^20 caps needs far more than any heap allows, refused before any work
    int[] huge = io.kstar.grid.Grid.of(io.kstar.grid.Grid.Kind.ALL, 1 << 20, 1).ks();
    assertThatThrownBy(() -> mc.estimate(BASE, 1, huge)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("k_max = 1048576: gives " + 3 * (1 << 20) + " grid points");
    assertThatThrownBy(() -> mc.estimate(new Estimator.Job(BASE, 1, huge, Policy.untilScore(0.5))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("k_max = 1048576: gives " + 5 * (1 << 20) + " grid points");
  }
}
