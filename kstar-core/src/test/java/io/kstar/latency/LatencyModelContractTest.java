package io.kstar.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import io.kstar.parameter.ParameterValues;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The three latency models' declared behaviour (class javadoc): batched-mean rounds last the mean sample,
 * batched-max and ttft-decode the slowest; only ttft-decode has a TTFT and no prefill term; an optional
 * tokens-per-minute limit. Parameters round-trip through the kinds.
 */
class LatencyModelContractTest {

  @Test
  void whichRoundRuleAndWhichSampleTime_eachKindDeclares() {
    LatencyModel mean = new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.empty());
    LatencyModel max = new LatencyModel(LatencyModel.BATCHED_MAX, 0, OptionalDouble.empty());
    LatencyModel ttft = new LatencyModel(LatencyModel.TTFT_DECODE, 0.4, OptionalDouble.empty());
    assertThat(mean.roundsByMax()).isFalse();
    assertThat(max.roundsByMax()).isTrue();
    assertThat(ttft.roundsByMax()).isTrue();
    assertThat(mean.ttftDecode()).isFalse();
    assertThat(max.ttftDecode()).isFalse();
    assertThat(ttft.ttftDecode()).isTrue();
  }

  @Test
  void theDefaultIsThePapersBatchedMean_withoutARateLimit() {
    assertThat(LatencyModel.REGISTRY.ids()).first().isEqualTo("batched-mean");
    assertThat(LatencyModel.DEFAULT.kind()).isSameAs(LatencyModel.BATCHED_MEAN);
    assertThat(LatencyModel.DEFAULT.isDefault()).isTrue();
    assertThat(new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.empty()).isDefault()).isTrue();
    assertThat(new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.of(1000)).isDefault()).isFalse();
    assertThat(new LatencyModel(LatencyModel.BATCHED_MAX, 0, OptionalDouble.empty()).isDefault()).isFalse();
  }

  @Test
  void values_holdExactlyTheKindsParameters_andRoundTrip() {
    LatencyModel ttft = new LatencyModel(LatencyModel.TTFT_DECODE, 0.35, OptionalDouble.of(20_000));
    ParameterValues v = ttft.values();
    assertThat(v.number("ttft_s")).isEqualTo(0.35);
    assertThat(v.number("rate_limit_tpm")).isEqualTo(20_000);
    assertThat(LatencyModel.TTFT_DECODE.create(v)).isEqualTo(ttft);

    LatencyModel max = new LatencyModel(LatencyModel.BATCHED_MAX, 0, OptionalDouble.empty());
    assertThat(max.values().has("ttft_s")).isFalse(); // batched-max declares no TTFT
    assertThat(max.values().has("rate_limit_tpm")).isFalse();
    assertThat(LatencyModel.BATCHED_MAX.create(max.values())).isEqualTo(max);

    LatencyModel limited = new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.of(5000));
    assertThat(limited.values().number("rate_limit_tpm")).isEqualTo(5000);
    assertThat(LatencyModel.BATCHED_MEAN.create(limited.values())).isEqualTo(limited);
    assertThat(LatencyModel.REGISTRY.require("ttft-decode")).isSameAs(LatencyModel.TTFT_DECODE);
  }

  @Test
  void parametersOutsideTheirRanges_areRefused() {
    assertThatThrownBy(() -> new LatencyModel(LatencyModel.TTFT_DECODE, -0.1, OptionalDouble.empty()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("ttft_s");
    assertThatThrownBy(() -> new LatencyModel(LatencyModel.TTFT_DECODE, 3601, OptionalDouble.empty()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("ttft_s");
    assertThatThrownBy(() -> new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.of(0)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("rate_limit_tpm");
    assertThatThrownBy(() -> new LatencyModel(null, 0, OptionalDouble.empty())).isInstanceOf(NullPointerException.class);
  }
}
