package io.kstar.profile;

import io.kstar.parameter.Parameter;
import io.kstar.parameter.Range;
import java.util.OptionalDouble;

/**
 * What one token costs, USD per token: {@code c_in} and {@code c_out}, and, for a provider that caches
 * prompts, {@code c_in_cached} (reading a cached prompt; {@code c_in} when not given) and
 * {@code c_cache_write} (the first call that writes the cache; {@code c_in} when not given). The cache
 * prices apply only to a profile whose {@link RequestShape} caches the prompt.
 */
public record Prices(double inputUsdPerToken, double outputUsdPerToken, OptionalDouble cachedInputUsdPerToken,
    OptionalDouble cacheWriteUsdPerToken) {

  public static final Parameter C_IN = Parameter.number("c_in", "c_in", "price_usd_per_mtok.input", "USD per token",
      Range.between(0, 1, " (USD per token)"), "price of one input token");
  public static final Parameter C_OUT = Parameter.number("c_out", "c_out", "price_usd_per_mtok.output", "USD per token",
      Range.between(0, 1, " (USD per token)"), "price of one output token");
  public static final Parameter C_IN_CACHED = Parameter.number("c_in_cached", "c_in_cached",
      "price_usd_per_mtok.cached_input", "USD per token", Range.between(0, 1, " (USD per token)"),
      "price of one input token read from the prompt cache (default: c_in)").asOptional();
  public static final Parameter C_CACHE_WRITE = Parameter.number("c_cache_write", "c_cache_write",
      "price_usd_per_mtok.cache_write", "USD per token", Range.between(0, 1, " (USD per token)"),
      "price of one input token written to the prompt cache by a request's first call (default: c_in)").asOptional();

  public Prices {
    C_IN.check(inputUsdPerToken);
    C_OUT.check(outputUsdPerToken);
    cachedInputUsdPerToken.ifPresent(C_IN_CACHED::check);
    cacheWriteUsdPerToken.ifPresent(C_CACHE_WRITE::check);
  }

  /** Input and output prices only (no cache prices). */
  public Prices(double inputUsdPerToken, double outputUsdPerToken) {
    this(inputUsdPerToken, outputUsdPerToken, OptionalDouble.empty(), OptionalDouble.empty());
  }

  public Prices withCachedInput(OptionalDouble c) {
    return new Prices(inputUsdPerToken, outputUsdPerToken, c, cacheWriteUsdPerToken);
  }

  public Prices withCacheWrite(OptionalDouble c) {
    return new Prices(inputUsdPerToken, outputUsdPerToken, cachedInputUsdPerToken, c);
  }

  /** True when neither cache price is given. */
  public boolean plain() {
    return cachedInputUsdPerToken.isEmpty() && cacheWriteUsdPerToken.isEmpty();
  }

  /** The input price of a request's first call: the cache-write price when the prompt is cached and one is given. */
  public double firstCallInput(RequestShape shape) {
    return shape.promptCache() ? cacheWriteUsdPerToken.orElse(inputUsdPerToken) : inputUsdPerToken;
  }

  /** The input price of every later call: the cached-input price when the prompt is cached and one is given. */
  public double laterCallInput(RequestShape shape) {
    return shape.promptCache() ? cachedInputUsdPerToken.orElse(inputUsdPerToken) : inputUsdPerToken;
  }
}
