package io.kstar.select;

import io.kstar.space.OperatingPoint;
import java.util.Optional;

/** What a selector picked, or nothing with the reason. */
public record Selection(String selector, Optional<OperatingPoint> point, String reason) {

  public static Selection of(String selector, OperatingPoint p, String reason) {
    return new Selection(selector, Optional.of(p), reason);
  }

  public static Selection none(String selector, String reason) {
    return new Selection(selector, Optional.empty(), reason);
  }
}
