package io.kstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.latency.LatencyModel;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.RequestShape;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Samples that share a call (docs/semantics.md §2, request shape): the exact cost against a bill written out
 * call by call, the call counts against an enumeration of the samples, exact against Monte Carlo for every
 * policy, and the paper's shape unchanged.
 */
class RequestShapeEstimateTest {

  static final BetaDifficulty D = new BetaDifficulty(0.9, 0.6);

  static ModelProfile profile(AccuracyModel acc, RequestShape shape, Prices prices, LatencyModel latency) {
    return ModelProfile.builder("m").prices(prices).speeds(1e-4, 2e-3).inputTokens(3000, 400)
        .outputTokens(600, 150).accuracy(acc).latency(latency).requests(shape).parallel(4).build();
  }

  static final Prices CACHED = new Prices(2e-6, 8e-6, OptionalDouble.of(5e-7), OptionalDouble.of(2.5e-6));

  /** The calls of k samples in rounds of P, n per call: counted sample by sample, not by formula. */
  static int enumerate(int k, int parallel, int n) {
    int calls = 0;
    int inCall = 0;
    for (int i = 1; i <= k; i++) {
      boolean newRound = (i - 1) % parallel == 0;
      if (newRound || inCall == n) {
        calls++;
        inCall = 0;
      }
      inCall++;
    }
    return calls;
  }

  @Test
  void calls_countEveryRoundSplitIntoCallsOfN() {
    for (int n = 1; n <= 9; n++) {
      for (int p = 1; p <= 9; p++) {
        RequestShape s = new RequestShape(n, false);
        for (int k = 0; k <= 40; k++) {
          assertThat(s.calls(k, p)).as("k=%d P=%d n=%d", k, p, n).isEqualTo(enumerate(k, p, n));
        }
        int opens = 0;
        for (int i = 1; i <= 40; i++) {
          opens += s.opensCall(i, p) ? 1 : 0;
          assertThat(opens).isEqualTo(s.calls(i, p));
        }
      }
    }
    // the Tree of Thoughts run: 100 samples, 20 per call, one round of 100 or five of 20: five calls
    assertThat(new RequestShape(20, false).calls(100, 100)).isEqualTo(5);
    assertThat(new RequestShape(20, false).calls(100, 20)).isEqualTo(5);
    assertThat(new RequestShape(20, false).calls(100, 8)).isEqualTo(13);
  }

  /**
   * The bill of one request at k, written out call by call: the first call's prompt at the write price, every
   * later call's at the cached price, every sample's output at c_out; E[L] of the clipped normals.
   */
  @Test
  void exactCost_isTheBillCallByCall() {
    double eIn = new io.kstar.length.LengthModel.ClippedNormalLength(3000, 400).clippedMoments(1, 48000)[0];
    double eOut = new io.kstar.length.LengthModel.ClippedNormalLength(600, 150).clippedMoments(1,
        Double.POSITIVE_INFINITY)[0];
    for (RequestShape shape : List.of(new RequestShape(1, true), new RequestShape(3, false), new RequestShape(3, true),
        new RequestShape(20, true))) {
      ModelProfile m = profile(new PassAtK(D), shape, CACHED, LatencyModel.DEFAULT);
      Curve c = new ExactEstimator().estimate(m, 4, new int[] {1, 2, 4, 7, 12, 40});
      for (CurvePoint p : c.points()) {
        int calls = enumerate(p.k(), 4, shape.samplesPerRequest());
        double bill = 0;
        for (int j = 1; j <= calls; j++) {
          double price = !shape.promptCache() ? 2e-6 : j == 1 ? 2.5e-6 : 5e-7;
          bill += price * eIn;
        }
        bill += p.k() * 8e-6 * eOut;
        assertThat(p.cost().mean()).as("%s k=%d", shape, p.k()).isCloseTo(bill, within(1e-12 * bill));
        assertThat(p.draws().calls().mean()).isEqualTo(calls);
        assertThat(p.draws().onePerCall()).isFalse();
      }
    }
  }

  @Test
  void thePapersShape_keepsThePapersFormulas_andCountsNoCallsApart() {
    ModelProfile plain = profile(new GaussianBestOfK(0.8, 0.1), RequestShape.DEFAULT, new Prices(2e-6, 8e-6),
        LatencyModel.DEFAULT);
    // cache prices given but no cache asked: the same numbers, to the bit
    ModelProfile priced = plain.withPrices(CACHED);
    Curve a = new ExactEstimator().estimate(plain, 4, new int[] {1, 8, 33});
    Curve b = new ExactEstimator().estimate(priced.withPrices(new Prices(2e-6, 8e-6)), 4, new int[] {1, 8, 33});
    SampleMoments s = SampleMoments.of(plain);
    for (int i = 0; i < 3; i++) {
      CurvePoint p = a.points().get(i);
      assertThat(p.cost().mean()).isEqualTo(p.k() * s.costMean());
      assertThat(p.cost().std()).isEqualTo(Math.sqrt(p.k() * s.costVar()));
      assertThat(p.draws().onePerCall()).isTrue();
      assertThat(b.points().get(i).cost().mean()).isEqualTo(p.cost().mean());
    }
    Curve c = new ExactEstimator().estimate(priced, 4, new int[] {1, 8, 33});
    assertThat(c.points().get(2).cost().mean()).isEqualTo(a.points().get(2).cost().mean());
  }

  static Stream<Arguments> shapes() {
    List<Arguments> out = new ArrayList<>();
    List<AccuracyModel> models = List.of(new PassAtK(D), new MajorityVote(D, 1), new GaussianBestOfK(0.7, 0.1));
    int[][] cases = {{3, 0}, {3, 1}, {20, 1}, {2, 0}};
    for (AccuracyModel acc : models) {
      for (int[] c : cases) {
        out.add(Arguments.of(acc, new RequestShape(c[0], c[1] == 1)));
      }
    }
    return out.stream();
  }

  /**
   * Exact against Monte Carlo at 40 000 requests, for the fixed policy and the stopping policy the model
   * admits, with samples sharing calls and a cached prompt: cost, latency and the calls' means within 4.5
   * standard errors of the simulation (sd/√n), and the latency's sd within 5 %.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("shapes")
  void exactAgreesWithMonteCarlo_forEveryPolicy(AccuracyModel acc, RequestShape shape) {
    ModelProfile m = profile(acc, shape, CACHED, LatencyModel.DEFAULT);
    List<Policy> policies = new ArrayList<>(List.of(Policy.FIXED));
    for (Policy p : List.of(Policy.UNTIL_PASS, Policy.UNTIL_DECIDED, Policy.untilScore(0.75))) {
      if (p.appliesTo(acc)) {
        policies.add(p);
      }
    }
    int[] ks = {1, 4, 9, 24};
    int trials = 40_000;
    double n = Math.sqrt(trials);
    for (Policy policy : policies) {
      Curve e = new ExactEstimator().estimate(new Estimator.Job(m, 4, ks, policy));
      Curve s = new MonteCarloEstimator(trials, 11, 2).estimate(new Estimator.Job(m, 4, ks, policy));
      for (int i = 0; i < ks.length; i++) {
        CurvePoint x = e.points().get(i);
        CurvePoint y = s.points().get(i);
        String at = policy.label() + " k=" + ks[i];
        assertThat(x.cost().mean()).as("cost " + at).isCloseTo(y.cost().mean(), within(4.5 * y.cost().std() / n + 1e-15));
        assertThat(x.latency().mean()).as("latency " + at)
            .isCloseTo(y.latency().mean(), within(4.5 * y.latency().std() / n + 1e-12));
        assertThat(x.draws().calls().mean()).as("calls " + at)
            .isCloseTo(y.draws().calls().mean(), within(4.5 * y.draws().calls().std() / n + 1e-12));
        if (policy.isFixed()) {
          // cost's spread is exact for a fixed k (independent prompts and outputs)
          assertThat(x.cost().std()).as("cost sd " + at).isCloseTo(y.cost().std(), within(0.05 * y.cost().std()));
          assertThat(x.latency().std()).as("latency sd " + at)
              .isCloseTo(y.latency().std(), within(0.05 * y.latency().std() + 1e-12));
        }
      }
    }
  }

  @Test
  void aRateLimit_countsEachCallsPromptOnce() {
    LatencyModel limited = new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.of(60_000));
    ModelProfile m = profile(new PassAtK(D), new RequestShape(4, false), new Prices(2e-6, 8e-6), limited);
    SampleMoments s = SampleMoments.of(m);
    CurvePoint p = new ExactEstimator().estimate(m, 4, new int[] {16}).points().get(0);
    // 16 samples in 4 calls: 4 prompts and 16 outputs admitted at 1 000 tokens a second
    double admitted = (4 * s.inMean() + 16 * s.outMean()) / 1000.0;
    assertThat(p.latency().mean()).isCloseTo(admitted, within(1e-9 * admitted));
    CurvePoint mc = new MonteCarloEstimator(20_000, 5, 2).estimate(m, 4, new int[] {16}).points().get(0);
    assertThat(p.latency().mean()).isCloseTo(mc.latency().mean(), within(4.5 * mc.latency().std() / Math.sqrt(20_000)));
  }
}
