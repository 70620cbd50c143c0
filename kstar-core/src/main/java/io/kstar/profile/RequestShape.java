package io.kstar.profile;

import io.kstar.parameter.Parameter;
import io.kstar.parameter.Range;

/**
 * How a request's samples reach the model: {@code samples_per_request} n, how many samples one call returns
 * from one prompt (OpenAI's and vLLM's {@code n}), and whether the provider caches the prompt between the
 * calls of one request ({@code prompt_cache}). A round of P samples is ⌈P/n⌉ calls; each call reads its
 * prompt once (at the cached-input price after the request's first call when the prompt is cached) and
 * each sample writes its own output. The default, one sample per call and no cache, is the paper's: every
 * sample pays its whole prompt.
 */
public record RequestShape(int samplesPerRequest, boolean promptCache) {

  /** Largest n accepted: far beyond any provider's limit, small enough that no count overflows. */
  public static final int MAX_SAMPLES_PER_REQUEST = 1 << 20;

  public static final Parameter SAMPLES_PER_REQUEST = Parameter.number("samples_per_request", "samples_per_request",
      "requests.samples_per_request", "samples", Range.integers(1, MAX_SAMPLES_PER_REQUEST),
      "samples one call returns from one prompt (OpenAI's and vLLM's n)").withDefault(1);

  /** One sample per call, no prompt cache: the paper's shape. */
  public static final RequestShape DEFAULT = new RequestShape(1, false);

  public RequestShape {
    SAMPLES_PER_REQUEST.check(samplesPerRequest);
  }

  public boolean isDefault() {
    return equals(DEFAULT);
  }

  public RequestShape withSamplesPerRequest(int n) {
    return new RequestShape(n, promptCache);
  }

  public RequestShape withPromptCache(boolean cache) {
    return new RequestShape(samplesPerRequest, cache);
  }

  /**
   * The calls a request makes for {@code samples} samples drawn in rounds of {@code parallel}: every full
   * round ⌈P/n⌉ calls, the last (possibly partial) round ⌈rest/n⌉. Under a stopping policy {@code samples}
   * is where the request stopped (the end of a round, or the cap).
   */
  public int calls(int samples, int parallel) {
    if (samples <= 0) {
      return 0;
    }
    int rounds = (samples + parallel - 1) / parallel;
    int last = samples - (rounds - 1) * parallel;
    return (rounds - 1) * ceilDiv(parallel, samplesPerRequest) + ceilDiv(last, samplesPerRequest);
  }

  /** True when sample {@code i} (1-based) of a request drawn in rounds of {@code parallel} opens a new call. */
  public boolean opensCall(int i, int parallel) {
    return ((i - 1) % parallel) % samplesPerRequest == 0;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
