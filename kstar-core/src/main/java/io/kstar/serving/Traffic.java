package io.kstar.serving;

import io.kstar.parameter.Range;
import java.util.OptionalInt;

/**
 * The traffic a self-hosted deployment serves: requests per second, spread evenly over a number of replicas,
 * or over the fewest replicas that meet the request's budgets ({@code replicas} empty: {@code auto}).
 */
public record Traffic(double requestsPerS, OptionalInt replicas) {

  public static final Range RATE = Range.positiveAtMost(1e9, " (requests per second)");
  public static final int MAX_REPLICAS = 1 << 20;
  public static final Range REPLICAS = Range.integers(1, MAX_REPLICAS);

  public Traffic {
    RATE.check("traffic", requestsPerS);
    replicas.ifPresent(r -> REPLICAS.check("replicas", r));
  }

  public boolean auto() {
    return replicas.isEmpty();
  }
}
