package io.kstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.latency.LatencyModel;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.RequestShape;
import io.kstar.serving.LoadCurve;
import io.kstar.serving.LoadFit;
import io.kstar.serving.LoadPoint;
import io.kstar.serving.Traffic;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The estimator under load (docs/serving.md): replicas never raise latency, a vanishing traffic gives back the
 * estimator's own numbers, the utilisation is the tokens a request makes a replica process, and auto finds the
 * fewest replicas.
 */
class LoadedEstimatorTest {

  /** The vLLM sweep of Llama-3.1-8B-Instruct on an H100 (docs/examples/vllm-sweep-llama-3.1-8b-h100.jsonl). */
  static final List<LoadPoint> SWEEP = List.of(
      new LoadPoint(1.2081006055190666, 0.045037437366166465, 0.008564716330980287),
      new LoadPoint(9.596860197935362, 0.05690043863491155, 0.011844500969877462),
      new LoadPoint(19.219663764546027, 0.08814482067061666, 0.02138563188041505),
      new LoadPoint(27.91219585134988, 0.3730129897036952, 0.09000667989586192));

  static ModelProfile model(LoadFit fit, LatencyModel latency, RequestShape shape, OptionalDouble usd) {
    LoadCurve c = new LoadCurve(1000, 100, 28.451986430968518, SWEEP, fit, usd, "test");
    return ModelProfile.builder("llama").prices(1e-7, 2e-7).speeds(c.ttft().idle() / 1000, c.tpot().idle())
        .inputTokens(400, 40).outputTokens(300, 90).accuracy(new io.kstar.accuracy.PassAtK(new io.kstar.accuracy.BetaDifficulty(2, 1))).latency(latency)
        .requests(shape).serving(c).build();
  }

  static final LatencyModel TTFT_DECODE = new LatencyModel(LatencyModel.TTFT_DECODE, 0.05, OptionalDouble.empty());

  static CurvePoint at(ModelProfile m, double rate, OptionalInt replicas, int parallel, int k, Policy policy) {
    Estimator e = new LoadedEstimator(new ExactEstimator(), new Traffic(rate, replicas));
    return e.estimate(new Estimator.Job(m, parallel, new int[] {k}, policy)).points().get(0);
  }

  static double latency(CurvePoint p) {
    return p.saturated() ? Double.POSITIVE_INFINITY : p.latency().mean();
  }

  @Property(tries = 60)
  void addingReplicas_neverRaisesLatency(@ForAll @DoubleRange(min = 0.1, max = 40) double rate,
      @ForAll @IntRange(min = 1, max = 12) int k, @ForAll @IntRange(min = 1, max = 8) int parallel,
      @ForAll @IntRange(min = 1, max = 6) int replicas, @ForAll boolean queueing, @ForAll boolean ttftDecode) {
    ModelProfile m = model(queueing ? LoadFit.QUEUEING : LoadFit.INTERPOLATION,
        ttftDecode ? TTFT_DECODE : LatencyModel.DEFAULT, RequestShape.DEFAULT, OptionalDouble.empty());
    CurvePoint fewer = at(m, rate, OptionalInt.of(replicas), parallel, k, Policy.FIXED);
    CurvePoint more = at(m, rate, OptionalInt.of(replicas + 1), parallel, k, Policy.FIXED);
    assertThat(latency(more)).isLessThanOrEqualTo(latency(fewer));
    assertThat(more.load().utilisation()).isLessThan(fewer.load().utilisation());
    // and cost and accuracy do not depend on load (no replica price here)
    assertThat(more.cost()).isEqualTo(fewer.cost());
    assertThat(more.accuracy()).isEqualTo(fewer.accuracy());
  }

  @Property(tries = 40)
  void aVanishingTraffic_givesBackTheNumbersWithoutTraffic(@ForAll @IntRange(min = 1, max = 12) int k,
      @ForAll @IntRange(min = 1, max = 8) int parallel, @ForAll boolean queueing, @ForAll boolean untilPass) {
    ModelProfile m = model(queueing ? LoadFit.QUEUEING : LoadFit.INTERPOLATION, TTFT_DECODE,
        RequestShape.DEFAULT, OptionalDouble.empty());
    Policy policy = untilPass ? Policy.UNTIL_PASS : Policy.FIXED;
    CurvePoint alone = new ExactEstimator().estimate(new Estimator.Job(m, parallel, new int[] {k}, policy))
        .points().get(0);
    CurvePoint loaded = at(m, 1e-9, OptionalInt.of(1), parallel, k, policy);
    assertThat(loaded.cost()).isEqualTo(alone.cost());
    assertThat(loaded.accuracy()).isEqualTo(alone.accuracy());
    // the slowdown at rho ~ 1e-12 differs from 1 by about 1e-12 (queueing) or not at all (interpolation)
    assertThat(loaded.latency().mean()).isCloseTo(alone.latency().mean(), within(1e-9 * alone.latency().mean()));
    assertThat(loaded.latency().p975()).isCloseTo(alone.latency().p975(), within(1e-9 * alone.latency().p975()));
    assertThat(loaded.load().replicas()).isEqualTo(1);
    assertThat(loaded.load().saturated()).isFalse();
  }

  @Test
  void utilisation_isTheTokensOfARequestOverTheReplicasCapacity_promptOncePerCall() {
    // n = 4 samples per call, P = 8: k = 8 draws 8 samples in 2 calls; the prompt is prefilled per call
    ModelProfile m = model(LoadFit.INTERPOLATION, TTFT_DECODE, new RequestShape(4, false), OptionalDouble.empty());
    CurvePoint p = at(m, 3, OptionalInt.of(2), 8, 8, Policy.FIXED);
    double capacityTokens = 28.451986430968518 * 1100;
    double tokens = 2 * m.inputLength().mean() + 8 * m.outputLength().mean();
    assertThat(p.load().utilisation()).isCloseTo(3 * tokens / (2 * capacityTokens), within(1e-12));
    // with a prompt cache, once per request
    ModelProfile cached = m.withRequests(new RequestShape(4, true));
    double once = m.inputLength().mean() + 8 * m.outputLength().mean();
    assertThat(at(cached, 3, OptionalInt.of(2), 8, 8, Policy.FIXED).load().utilisation())
        .isCloseTo(3 * once / (2 * capacityTokens), within(1e-12));
  }

  @Test
  void latencyUnderLoad_isTheEstimatorsOnTheProfileSlowedDownByTheCurve() {
    ModelProfile m = model(LoadFit.INTERPOLATION, TTFT_DECODE, RequestShape.DEFAULT, OptionalDouble.empty());
    CurvePoint p = at(m, 4, OptionalInt.of(1), 4, 4, Policy.FIXED);
    LoadCurve c = m.servingCurve().orElseThrow();
    LoadCurve.Slowdown s = c.slowdown(p.load().utilisation());
    assertThat(s.tpot()).isGreaterThan(1);
    ModelProfile slowed = m.withSpeeds(new io.kstar.profile.Speeds(m.tIn() * s.ttft(), m.tOut() * s.tpot()))
        .withLatency(new LatencyModel(LatencyModel.TTFT_DECODE, 0.05 * s.ttft(), OptionalDouble.empty()));
    CurvePoint direct = new ExactEstimator().estimate(slowed, 4, new int[] {4}).points().get(0);
    assertThat(p.latency()).isEqualTo(direct.latency());
  }

  @Test
  void latencyUnderLoad_batchedMean_slowsThePrefillByTheTtftSlowdown_andTheDecodeByTheTpots() {
    ModelProfile m = model(LoadFit.QUEUEING, LatencyModel.DEFAULT, RequestShape.DEFAULT, OptionalDouble.empty())
        .withSpeeds(new io.kstar.profile.Speeds(2e-3, 1e-2)); // 0.8 s of prefill beside 3 s of decode
    CurvePoint p = at(m, 8, OptionalInt.of(1), 4, 4, Policy.FIXED); // 8 x 2 800 tokens/s: utilisation 0.72
    LoadCurve.Slowdown s = m.servingCurve().orElseThrow().slowdown(p.load().utilisation());
    assertThat(s.ttft()).isGreaterThan(1.05);
    ModelProfile slowed = m.withSpeeds(new io.kstar.profile.Speeds(2e-3 * s.ttft(), 1e-2 * s.tpot()));
    CurvePoint direct = new ExactEstimator().estimate(slowed, 4, new int[] {4}).points().get(0);
    assertThat(p.latency()).isEqualTo(direct.latency());
  }

  @Test
  void pastCapacity_aPointIsSaturated_andAutoTakesTheFewestReplicasThatMeetTheLatency() {
    ModelProfile m = model(LoadFit.QUEUEING, TTFT_DECODE, RequestShape.DEFAULT, OptionalDouble.of(3.6));
    // k = 8 at 20 requests/s, one sample per call: 20 x 8 x (400 + 300) tokens/s = 112 000 > 31 297 of one replica
    CurvePoint one = at(m, 20, OptionalInt.of(1), 8, 8, Policy.FIXED);
    assertThat(one.saturated()).isTrue();
    assertThat(one.latency().mean()).isInfinite();
    double tokens = 8 * m.inputLength().mean() + 8 * m.outputLength().mean(); // every call prefills its prompt
    assertThat(tokens).isCloseTo(5600, within(1.0)); // clipped normals: means a hair above 400 and 300
    assertThat(one.load().utilisation()).isCloseTo(20 * tokens / (28.451986430968518 * 1100), within(1e-12));
    // replica cost: 1 x 3.6 USD/h / (3600 s/h x 20 requests/s) = 5e-5 USD per request, on top of the tokens
    assertThat(one.load().replicaCostUsd()).isCloseTo(5e-5, within(1e-18));
    double bound = 10;
    Estimator auto = LoadedEstimator.within(new LoadedEstimator(new ExactEstimator(), new Traffic(20, OptionalInt.empty())),
        bound, OptionalDouble.empty());
    CurvePoint chosen = auto.estimate(new Estimator.Job(m, 8, new int[] {8}, Policy.FIXED)).points().get(0);
    int r = chosen.load().replicas();
    assertThat(chosen.latency().mean()).isLessThanOrEqualTo(bound);
    CurvePoint fewer = at(m, 20, OptionalInt.of(r - 1), 8, 8, Policy.FIXED);
    assertThat(fewer.saturated() || fewer.latency().mean() > bound).isTrue();
    assertThat(chosen.load().replicaCostUsd()).isCloseTo(r * 3.6 / (3600 * 20), within(1e-15));
    assertThat(chosen.cost().mean() - chosen.load().replicaCostUsd())
        .isCloseTo(at(m, 20, OptionalInt.of(r), 8, 8, Policy.FIXED).cost().mean() - chosen.load().replicaCostUsd(),
            within(1e-15));
  }

  @Test
  void aReplicaPrice_shiftsEveryCostFigureByTheSameAmount_andTheNotesNameTheSaturatedAndExtrapolatedKs() {
    ModelProfile priced = model(LoadFit.QUEUEING, TTFT_DECODE, RequestShape.DEFAULT, OptionalDouble.of(7.2));
    ModelProfile free = priced.withServing(new LoadCurve(1000, 100, 28.451986430968518, SWEEP, LoadFit.QUEUEING,
        OptionalDouble.empty(), "test"));
    CurvePoint a = at(priced, 2, OptionalInt.of(3), 4, 4, Policy.FIXED);
    CurvePoint b = at(free, 2, OptionalInt.of(3), 4, 4, Policy.FIXED);
    double by = 3 * 7.2 / (3600 * 2); // 0.003 USD per request
    assertThat(a.load().replicaCostUsd()).isCloseTo(by, within(1e-15));
    assertThat(a.cost().mean()).isCloseTo(b.cost().mean() + by, within(1e-15));
    assertThat(a.cost().p025()).isCloseTo(b.cost().p025() + by, within(1e-15));
    assertThat(a.cost().p975()).isCloseTo(b.cost().p975() + by, within(1e-15));
    assertThat(a.cost().std()).isEqualTo(b.cost().std());
    assertThat(a.expected().cost().mean()).isCloseTo(b.expected().cost().mean() + by, within(1e-15));
    assertThat(a.expected().cost().p05()).isCloseTo(b.expected().cost().p05() + by, within(1e-15));
    assertThat(a.expected().cost().p95()).isCloseTo(b.expected().cost().p95() + by, within(1e-15));
    assertThat(a.cost().distribution().cdf(b.cost().p975() + by)).isCloseTo(b.cost().distribution().cdf(b.cost().p975()),
        within(1e-12));
    assertThat(a.latency()).isEqualTo(b.latency());
    // notes: the saturated ks (k = 6 and up at 10 requests/s on one replica: 10 x k x 700 tokens > 31 297) and
    // those beyond the highest measured utilisation (27.91 / 28.45 = 0.981), listed, or first … last past six
    Curve c = new LoadedEstimator(new ExactEstimator(), new Traffic(10, OptionalInt.of(1))).estimate(free, 1,
        java.util.stream.IntStream.rangeClosed(1, 20).toArray());
    List<String> notes = c.notes();
    assertThat(notes).anyMatch(n -> n.contains("k = 5 … 20 (16 values of k) at or past capacity at 10 requests/s on 1"
        + " replica: one replica serves at most 3.130e+04 tokens/s (28.45 requests/s of 1000 in + 100 out)"));
    assertThat(c.points().get(3).saturated()).isFalse();
    assertThat(c.points().get(4).saturated()).isTrue();
    // 11.05 requests/s x 8 x 700 tokens over two replicas: utilisation 0.989
    Curve two = new LoadedEstimator(new ExactEstimator(), new Traffic(11.05, OptionalInt.of(2))).estimate(free, 1,
        new int[] {8});
    assertThat(two.notes()).anyMatch(n -> n.contains("k = 8 load a replica beyond the highest measured utilisation"
        + " (0.981): latency extrapolated by the queueing fit"));
    assertThat(two.points().get(0).load().extrapolated()).isTrue();
    Curve auto = new LoadedEstimator(new ExactEstimator(), new Traffic(10, OptionalInt.empty())).estimate(free, 1,
        new int[] {8});
    assertThat(auto.notes()).noneMatch(n -> n.contains("at or past capacity"));
  }

  @Test
  void autoReplicas_theFewestMeetingTheBound_orTheFewestUnderCapacityWhenNoneCanMeetIt() {
    ModelProfile m = model(LoadFit.QUEUEING, TTFT_DECODE, RequestShape.DEFAULT, OptionalDouble.empty());
    Estimator.Job job = new Estimator.Job(m, 8, new int[] {8}, Policy.FIXED);
    CurvePoint alone = new ExactEstimator().estimate(job).points().get(0);
    // one = 20 x 5600 / 31 297 = 3.58: four replicas are the fewest under capacity
    for (double bound : new double[] {alone.latency().mean() * 1.0001, alone.latency().mean() * 1.01,
        alone.latency().mean() * 1.2, 1e9, alone.latency().mean() * 0.5}) {
      Estimator auto = LoadedEstimator.within(new LoadedEstimator(new ExactEstimator(), new Traffic(20,
          OptionalInt.empty())), bound, OptionalDouble.empty());
      int r = auto.estimate(job).points().get(0).load().replicas();
      if (bound < alone.latency().mean()) {
        assertThat(r).as("no count meets a bound below the idle latency").isEqualTo(4);
        continue;
      }
      assertThat(latency(at(m, 20, OptionalInt.of(r), 8, 8, Policy.FIXED))).as("bound %s", bound).isLessThanOrEqualTo(bound);
      if (r > 4) {
        assertThat(latency(at(m, 20, OptionalInt.of(r - 1), 8, 8, Policy.FIXED))).as("bound %s", bound).isGreaterThan(bound);
      }
      if (bound == 1e9) {
        assertThat(r).isEqualTo(4);
      }
    }
    assertThat(new LoadedEstimator(new ExactEstimator(), new Traffic(20, OptionalInt.of(2))).traffic()).isEqualTo(new Traffic(20, OptionalInt.of(2)));
    LoadedEstimator l = new LoadedEstimator(new ExactEstimator(), new Traffic(20, OptionalInt.of(2)));
    assertThat(l.base()).isInstanceOf(ExactEstimator.class);
    assertThat(l.name()).isEqualTo(new ExactEstimator().name());
    assertThat(LoadedEstimator.within(new ExactEstimator(), 1, OptionalDouble.empty())).isInstanceOf(ExactEstimator.class);
  }

  @Test
  void aModelWithoutALoadCurve_isLeftAsItIs_withANote() {
    ModelProfile m = model(LoadFit.INTERPOLATION, TTFT_DECODE, RequestShape.DEFAULT, OptionalDouble.empty())
        .withServing(null);
    Curve loaded = new LoadedEstimator(new ExactEstimator(), new Traffic(5, OptionalInt.of(1))).estimate(m, 2,
        new int[] {1, 2});
    Curve alone = new ExactEstimator().estimate(m, 2, new int[] {1, 2});
    assertThat(loaded.points()).isEqualTo(alone.points());
    assertThat(loaded.notes()).anyMatch(n -> n.contains("no load curve"));
  }
}
