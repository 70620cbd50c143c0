package io.kstar.request;

import java.util.Locale;

/** The planning questions a request can ask: one per command of the same name (and endpoint, where there is one). */
public enum Operation {
  REPRODUCE, PLAN, COMPARE, BUDGET, SENSITIVITY, CURVE;

  /** The command's name: {@code plan}, {@code compare}, … */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
