package io.kstar.latency;

import io.kstar.input.Check;
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
 */
public record LatencyModel(String kind, double ttftS, OptionalDouble rateLimitTpm) {

  public static final String BATCHED_MEAN = "batched-mean";
  public static final String BATCHED_MAX = "batched-max";
  public static final String TTFT_DECODE = "ttft-decode";
  public static final java.util.List<String> KINDS = java.util.List.of(BATCHED_MEAN, BATCHED_MAX, TTFT_DECODE);
  public static final LatencyModel DEFAULT = new LatencyModel(BATCHED_MEAN, 0, OptionalDouble.empty());

  public LatencyModel {
    if (!KINDS.contains(kind)) {
      throw io.kstar.input.InvalidInputException.of("latency_model", kind, "must be one of " + KINDS);
    }
    Check.finiteNonNegative("ttft_s", ttftS);
    rateLimitTpm.ifPresent(r -> Check.positiveFinite("rate_limit_tpm", r));
  }

  public boolean isDefault() {
    return equals(DEFAULT);
  }

  /** True when a round lasts as long as its slowest sample. */
  public boolean roundsByMax() {
    return !kind.equals(BATCHED_MEAN);
  }
}
