package io.kstar.parameter;

import io.kstar.input.Check;
import io.kstar.input.InvalidInputException;

/**
 * The values a parameter admits, stated once: the check (with the message a user sees), the bounds
 * for clipping a changed value back into range, and the bounds for a schema.
 *
 * @param min smallest admitted value ({@code minOpen}: excluded)
 * @param max largest admitted value (+∞ when unbounded)
 * @param integer whole numbers only
 * @param note what follows the bound in messages, e.g. " (tokens; every sample has at least one)"
 * @param maxOpen the largest value is excluded
 */
public record Range(double min, boolean minOpen, double max, boolean integer, String note, boolean maxOpen) {

  /** A range closed at its maximum. */
  public Range(double min, boolean minOpen, double max, boolean integer, String note) {
    this(min, minOpen, max, integer, note, false);
  }

  /** (0, 1): a probability strictly between 0 and 1 (a confidence, a quantile). */
  public static Range openUnitInterval() {
    return new Range(0, true, 1, false, "", true);
  }

  public static Range nonNegative() {
    return new Range(0, false, Double.POSITIVE_INFINITY, false, "");
  }

  public static Range positive() {
    return new Range(0, true, Double.POSITIVE_INFINITY, false, "");
  }

  public static Range atLeast(double min, String note) {
    return new Range(min, false, Double.POSITIVE_INFINITY, false, note);
  }

  public static Range unitInterval() {
    return new Range(0, false, 1, false, "");
  }

  /** [min, max]: a finite number bounded on both sides, so that no result can overflow. */
  public static Range between(double min, double max, String note) {
    return new Range(min, false, max, false, note);
  }

  /** (0, max]. */
  public static Range positiveAtMost(double max, String note) {
    return new Range(0, true, max, false, note);
  }

  public static Range integers(long min, long max) {
    return new Range(min, false, max, true, "");
  }

  /** True when {@code v} is admitted. */
  public boolean admits(double v) {
    if (!Double.isFinite(v) || v > max || (maxOpen && v >= max)) {
      return false;
    }
    if (minOpen ? v <= min : v < min) {
      return false;
    }
    return !integer || v == Math.rint(v);
  }

  /** What is allowed, as messages say it. */
  public String allowed() {
    if (integer) {
      return Double.isFinite(max) ? "must be an integer in [" + Check.fmt(min) + ", " + Check.fmt(max) + "]"
          : "must be an integer >= " + Check.fmt(min);
    }
    if (maxOpen && minOpen && min == 0 && max == 1) {
      return "must be a probability strictly between 0 and 1" + note;
    }
    if (max == 1 && min == 0 && !minOpen && note.isEmpty()) {
      return "must be a number in [0, 1]";
    }
    if (Double.isFinite(max)) {
      return "must be a number in " + (minOpen ? "(" : "[") + Check.fmt(min) + ", " + Check.fmt(max) + (maxOpen ? ")" : "]")
          + note;
    }
    if (minOpen && min == 0) {
      return "must be a positive finite number" + note;
    }
    return "must be a finite number >= " + Check.fmt(min) + note;
  }

  /** {@code v}, or an error naming {@code field}, the value and what is allowed. */
  public double check(String field, double v) {
    if (!admits(v)) {
      throw InvalidInputException.of(field, Check.fmt(v), allowed());
    }
    return v;
  }

  /** The nearest admitted value (for a figure scaled out of its range; an open bound stays open). */
  public double clip(double v) {
    double c = Math.min(maxOpen ? Math.nextDown(max) : max, v);
    if (c < min || (minOpen && c <= min)) {
      c = minOpen ? Math.nextUp(min) : min;
    }
    return integer ? Math.rint(c) : c;
  }
}
