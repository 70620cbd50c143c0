package io.kstar.latency;

import io.kstar.parameter.KindRegistry;
import io.kstar.parameter.ModelKind;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.ParameterValues;
import io.kstar.parameter.Parameterised;
import io.kstar.parameter.Range;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How long k samples take, P at a time.
 *
 * <ul>
 *   <li>{@code batched-mean} (the paper's): ⌈k/P⌉ rounds, each as long as the mean sample, T_i = t_in·L_in + t_out·L_out;
 *   <li>{@code batched-max}: each round lasts as long as its slowest sample (stragglers);
 *   <li>{@code ttft-decode}: T_i = TTFT + t_out·L_out (a fixed time to first token, then per-token decode),
 *       rounds as in batched-max.
 * </ul>
 *
 * An optional tokens-per-minute limit R makes a request wait until its tokens are admitted:
 * T(k) = max(T_rounds(k), 60·tokens(k)/R).
 *
 * @param ttftS the time to first token ({@code ttft-decode} only; 0 otherwise)
 */
public record LatencyModel(ModelKind<LatencyModel> kind, double ttftS, OptionalDouble rateLimitTpm)
    implements Parameterised {

  public static final Parameter TTFT_S = Parameter.number("ttft_s", "ttft_s", "ttft_s", "s", Range.between(0, 3600, " (s)"),
      "time to first token of one sample");
  public static final Parameter RATE_LIMIT_TPM = Parameter.number("rate_limit_tpm", "rate_limit_tpm",
      "rate_limit_tpm", "tokens per minute", Range.positiveAtMost(1e12, " (tokens per minute)"),
      "a provider's tokens-per-minute limit (optional)")
      .asOptional();

  public static final ModelKind<LatencyModel> BATCHED_MEAN = ModelKind.of("batched-mean",
      "the paper's: ceil(k/P) rounds, each as long as the mean sample", List.of(RATE_LIMIT_TPM),
      v -> new LatencyModel(LatencyModel.BATCHED_MEAN, 0, rate(v)));
  public static final ModelKind<LatencyModel> BATCHED_MAX = ModelKind.of("batched-max",
      "each round lasts as long as its slowest sample", List.of(RATE_LIMIT_TPM),
      v -> new LatencyModel(LatencyModel.BATCHED_MAX, 0, rate(v)));
  public static final ModelKind<LatencyModel> TTFT_DECODE = ModelKind.of("ttft-decode",
      "a sample takes ttft_s, then t_out per output token; rounds by their slowest sample", List.of(TTFT_S, RATE_LIMIT_TPM),
      v -> new LatencyModel(LatencyModel.TTFT_DECODE, v.number(TTFT_S.name()), rate(v)));

  /** The latency models; the first is the default. */
  public static final KindRegistry<LatencyModel> REGISTRY = KindRegistry.of("latency_model", BATCHED_MEAN,
      BATCHED_MAX, TTFT_DECODE);

  public static final LatencyModel DEFAULT = new LatencyModel(BATCHED_MEAN, 0, OptionalDouble.empty());

  public LatencyModel {
    Objects.requireNonNull(kind, "kind");
    TTFT_S.check(ttftS);
    rateLimitTpm.ifPresent(RATE_LIMIT_TPM::check);
  }

  private static OptionalDouble rate(ParameterValues v) {
    return v.has(RATE_LIMIT_TPM.name()) ? OptionalDouble.of(v.number(RATE_LIMIT_TPM.name())) : OptionalDouble.empty();
  }

  @Override
  public ParameterValues values() {
    ParameterValues.Builder b = ParameterValues.builder();
    if (kind.parameters().contains(TTFT_S)) {
      b.number(TTFT_S.name(), ttftS);
    }
    rateLimitTpm.ifPresent(r -> b.number(RATE_LIMIT_TPM.name(), r));
    return b.build();
  }

  public boolean isDefault() {
    return equals(DEFAULT);
  }

  /** True when a round lasts as long as its slowest sample. */
  public boolean roundsByMax() {
    return kind != BATCHED_MEAN;
  }

  /** True when a sample's time is TTFT plus decode (no prefill term). */
  public boolean ttftDecode() {
    return kind == TTFT_DECODE;
  }
}
