package io.kstar.profile;

import io.kstar.parameter.Parameter;
import io.kstar.parameter.Range;

/** What one token costs: {@code c_in} and {@code c_out}, USD per token. */
public record Prices(double inputUsdPerToken, double outputUsdPerToken) {

  public static final Parameter C_IN = Parameter.number("c_in", "c_in", "price_usd_per_mtok.input", "USD per token",
      Range.between(0, 1, " (USD per token)"), "price of one input token");
  public static final Parameter C_OUT = Parameter.number("c_out", "c_out", "price_usd_per_mtok.output", "USD per token",
      Range.between(0, 1, " (USD per token)"), "price of one output token");

  public Prices {
    C_IN.check(inputUsdPerToken);
    C_OUT.check(outputUsdPerToken);
  }
}
