package io.kstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.catalog.CatalogReader;
import io.kstar.profile.ModelProfile;
import org.junit.jupiter.api.Test;

class ExactEstimatorTest {

  private final ModelProfile gpt5 = CatalogReader.embedded().require("model", "gpt5");

  @Test
  void costAndLatency_areLinearInKAndRounds_forThePaperProfile() {
    // lengths are 16 sd from their clip bounds: E[L_in] = 1024 and E[L_out] = 2048 to 1e-50
    double perSampleCost = 1024 * 0.00000125 + 2048 * 0.00001;
    double perSampleTime = 1024 * 0.0005 + 2048 * 0.005;
    Curve c = new ExactEstimator().estimate(gpt5, 4, new int[] {1, 4, 5, 20});
    assertThat(c.at(20).orElseThrow().cost().mean()).isCloseTo(20 * perSampleCost, within(1e-15));
    assertThat(c.at(5).orElseThrow().latency().mean()).isCloseTo(2 * perSampleTime, within(1e-12));
    assertThat(c.at(1).orElseThrow().latency().mean()).isCloseTo(perSampleTime, within(1e-12));
    assertThat(c.at(4).orElseThrow().latency().mean()).isCloseTo(perSampleTime, within(1e-12));
  }

  @Test
  void standardDeviations_followTheVarianceOfSums() {
    double varCost = Math.pow(0.00000125 * 64, 2) + Math.pow(0.00001 * 128, 2);
    double varTime = Math.pow(0.0005 * 64, 2) + Math.pow(0.005 * 128, 2);
    Curve c = new ExactEstimator().estimate(gpt5, 4, new int[] {8});
    CurvePoint p = c.points().get(0);
    assertThat(p.cost().std()).isCloseTo(Math.sqrt(8 * varCost), within(1e-12));
    // T(8) = 2 rounds × mean of 8 sample times: sd = 2·sd(T₁)/√8
    assertThat(p.latency().std()).isCloseTo(2 * Math.sqrt(varTime / 8), within(1e-9));
  }

  @Test
  void sumQuantiles_areNormalApproximations_andSaySo() {
    Curve c = new ExactEstimator().estimate(gpt5, 4, new int[] {8});
    Statistic cost = c.points().get(0).cost();
    assertThat(cost.p975() - cost.mean()).isCloseTo(1.959963984540054 * cost.std(), within(1e-12));
    assertThat(c.quantileMethod()).isEqualTo(QuantileMethod.EXACT_ACCURACY_NORMAL_APPROX_SUMS);
  }

  @Test
  void zeroStandardDeviations_givePointMasses() {
    ModelProfile flat = ModelProfile.builder("flat").name(null).prices(1e-6, 2e-6).speeds(1e-3, 2e-3)
        .inputTokens(100, 0).outputTokens(200, 0)
        .scores(0.8, 0).parallel(2).build();
    CurvePoint p = new ExactEstimator().estimate(flat, 2, new int[] {3}).points().get(0);
    assertThat(p.cost().mean()).isCloseTo(3 * (100e-6 + 400e-6), within(1e-15));
    assertThat(p.cost().std()).isZero();
    assertThat(p.cost().p025()).isEqualTo(p.cost().mean());
    assertThat(p.latency().mean()).isCloseTo(2 * (0.1 + 0.4), within(1e-12));
    assertThat(p.accuracy().mean()).isEqualTo(0.8);
    assertThat(p.accuracy().std()).isZero();
  }

  @Test
  void outputBound_isFlaggedOnlyWhenItCanBind() {
    assertThat(new ExactEstimator().estimate(gpt5, 4, new int[] {4}).notes()).isEmpty();
    ModelProfile longAnswers = ModelProfile.builder("long").name(null).prices(0, 0).speeds(0, 0)
        .inputTokens(10, 1).outputTokens(1000, 100)
        .scores(0.5, 0.1).parallel(1).build();
    assertThat(new ExactEstimator().estimate(longAnswers, 1, new int[] {1}).notes()).hasSize(1);
  }
}
