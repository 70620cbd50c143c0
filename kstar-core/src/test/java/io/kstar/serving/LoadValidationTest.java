package io.kstar.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leave one rate out on the real vLLM sweep (docs/examples/vllm-sweep-llama-3.1-8b-h100.jsonl). */
class LoadValidationTest {

  static final double[] TTFT = {0.045037437366166465, 0.05690043863491155, 0.08814482067061666, 0.3730129897036952};

  static List<LoadPoint> sweep() {
    List<LoadPoint> out = new ArrayList<>();
    for (int i = 0; i < TTFT.length; i++) {
      out.add(new LoadPoint(LoadFitTest.RATE[i], TTFT[i], LoadFitTest.TPOT[i]));
    }
    return out;
  }

  @Test
  void nearestRateBaseline_isComputedByHand() {
    LoadValidation v = LoadValidation.of(sweep(), LoadFitTest.CAPACITY);
    // held out 1.2 -> nearest 9.6; 9.6 -> 1.2 (8.4 away, 19.2 is 9.6 away); 19.2 -> 27.9 (8.7 away vs 9.6); 27.9 -> 19.2
    int[] nearest = {1, 0, 3, 2};
    double sum = 0;
    for (int h = 0; h < 4; h++) {
      int n = nearest[h];
      sum += (Math.abs(Math.log(TTFT[n] / TTFT[h])) + Math.abs(Math.log(LoadFitTest.TPOT[n] / LoadFitTest.TPOT[h]))) / 2;
      assertThat(v.rows().get(h).nearest().ttftS()).isEqualTo(TTFT[n]);
    }
    assertThat(v.nearestScore()).isCloseTo(sum / 4, within(1e-12));
  }

  @Test
  void onTheRealSweep_theChosenFitBeatsTheNearestRate_andQueueingIsChosen() {
    LoadValidation v = LoadValidation.of(sweep(), LoadFitTest.CAPACITY);
    assertThat(v.chosen()).isEqualTo(LoadFit.QUEUEING);
    assertThat(v.queueingScore()).isLessThan(v.interpolationScore());
    assertThat(v.score(v.chosen())).isLessThan(v.nearestScore());
    // the figures docs/serving.md quotes
    assertThat(v.queueingScore()).isCloseTo(0.522, within(0.0005));
    assertThat(v.interpolationScore()).isCloseTo(0.624, within(0.0005));
    assertThat(v.nearestScore()).isCloseTo(0.859, within(0.0005));
  }

  @Test
  void withFewerThanThreeRates_nothingIsChecked_andInterpolationIsUsed() {
    LoadValidation v = LoadValidation.of(sweep().subList(0, 2), LoadFitTest.CAPACITY);
    assertThat(v.checked()).isFalse();
    assertThat(v.chosen()).isEqualTo(LoadFit.INTERPOLATION);
    assertThat(v.nearestScore()).isNaN();
  }
}
