package io.kstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.latency.LatencyModel;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.RequestShape;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Samples that share a call, by hand (docs/request-shape.md): the least cost, the spread of a round's mean
 * latency when samples share a prefill, and the tokens-per-minute limit that counts a call's prompt once.
 * Each figure is computed here from the formulas in ExactEstimator.Calls's Javadoc, term by term.
 */
class CallsByHandTest {

  static ModelProfile model(RequestShape shape, LatencyModel latency) {
    return ModelProfile.builder("m").prices(new Prices(2e-6, 8e-6, OptionalDouble.of(5e-7), OptionalDouble.of(3e-6)))
        .speeds(1e-3, 2e-2).inputTokens(1000, 100).outputTokens(200, 50)
        .accuracy(new io.kstar.accuracy.PassAtK(new io.kstar.accuracy.BetaDifficulty(1, 1))).latency(latency)
        .requests(shape).build();
  }

  @Test
  void leastCost_isEveryCallsPromptAtTheCheaperPrice_andOneOutputTokenPerSample() {
    ModelProfile m = model(new RequestShape(3, true), LatencyModel.DEFAULT);
    ExactEstimator.Calls c = new ExactEstimator.Calls(m, SampleMoments.of(m), 4);
    // 10 samples at P = 4, 3 per call: rounds of 4, 4, 2 samples = 2 + 2 + 1 = 5 calls
    assertThat(m.requests().calls(10, 4)).isEqualTo(5);
    assertThat(c.minCost(10, 123)).isCloseTo(5 * Math.min(3e-6, 5e-7) + 10 * 8e-6, within(1e-18));
    assertThat(c.minCost(0, 123)).isZero();
    ModelProfile paper = model(RequestShape.DEFAULT, LatencyModel.DEFAULT);
    assertThat(new ExactEstimator.Calls(paper, SampleMoments.of(paper), 4).minCost(10, 0.25)).isEqualTo(2.5);
  }

  @Test
  void aRoundsMeanSpread_growsWithTheSamplesThatShareAPrompt() {
    ModelProfile m = model(new RequestShape(3, false), LatencyModel.DEFAULT);
    SampleMoments s = SampleMoments.of(m);
    ExactEstimator.Calls c = new ExactEstimator.Calls(m, s, 4);
    // 10 samples at P = 4, 3 per call: calls of 3+1, 3+1, 2 samples: sum of squares 9+1+9+1+4 = 24
    double var = (1e-3 * 1e-3 * s.inVar() * 24 + 10 * 2e-2 * 2e-2 * s.outVar()) / 100.0;
    double[] t = c.latency(LatencyModel.DEFAULT, 10);
    assertThat(t[1]).isCloseTo(3 * Math.sqrt(var), within(1e-12));
    assertThat(t[0]).isCloseTo(ExactEstimator.rounds(s, LatencyModel.DEFAULT, 4, 10)[0], within(1e-12));
    // one sample per call: the paper's spread (every square is 1)
    ModelProfile single = model(new RequestShape(1, true), LatencyModel.DEFAULT);
    SampleMoments s1 = SampleMoments.of(single);
    double var1 = (1e-3 * 1e-3 * s1.inVar() * 10 + 10 * 2e-2 * 2e-2 * s1.outVar()) / 100.0;
    assertThat(new ExactEstimator.Calls(single, s1, 4).latency(LatencyModel.DEFAULT, 10)[1])
        .isCloseTo(3 * Math.sqrt(var1), within(1e-12));
  }

  @Test
  void aTokensPerMinuteLimit_countsEachCallsPromptOnce() {
    LatencyModel limited = new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.of(6000));
    ModelProfile m = model(new RequestShape(4, false), limited);
    SampleMoments s = SampleMoments.of(m);
    double[] t = new ExactEstimator.Calls(m, s, 8).latency(limited, 8);
    // 8 samples at P = 8, 4 per call: 2 calls; 100 tokens/s admitted
    double admitted = (2 * s.inMean() + 8 * s.outMean()) / 100.0;
    assertThat(t[0]).isCloseTo(admitted, within(1e-9));
    assertThat(t[1]).isCloseTo(Math.sqrt(2 * s.inVar() + 8 * s.outVar()) / 100.0, within(1e-12));
    // a limit loose enough leaves the rounds' time
    LatencyModel loose = new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.of(6e9));
    assertThat(new ExactEstimator.Calls(m, s, 8).latency(loose, 8)[0])
        .isCloseTo(ExactEstimator.rounds(s, loose, 8, 8)[0], within(1e-12));
  }
}
