package io.kstar.profile;

import io.kstar.parameter.Parameter;
import io.kstar.parameter.Range;

/** How long one token takes: {@code t_in} (prefill) and {@code t_out} (decode), seconds per token. */
public record Speeds(double inputSPerToken, double outputSPerToken) {

  public static final Parameter T_IN = Parameter.number("t_in", "t_in", "speed.input_s_per_token", "s per token",
      Range.between(0, 100, " (seconds per token)"), "time to process one input token");
  public static final Parameter T_OUT = Parameter.number("t_out", "t_out", "speed.output_s_per_token", "s per token",
      Range.between(0, 100, " (seconds per token)"), "time to generate one output token");

  public Speeds {
    T_IN.check(inputSPerToken);
    T_OUT.check(outputSPerToken);
  }
}
