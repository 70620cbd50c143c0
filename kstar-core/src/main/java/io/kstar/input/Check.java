package io.kstar.input;

/** Validation of single values; each failure names the field, the value and what is allowed. */
public final class Check {
  private Check() {}

  public static double finiteNonNegative(String field, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw InvalidInputException.of(field, fmt(value), "must be a finite number >= 0");
    }
    return value;
  }

  public static double atLeast(String field, double value, double min, String unit) {
    if (!Double.isFinite(value) || value < min) {
      throw InvalidInputException.of(field, fmt(value), "must be a finite number >= " + fmt(min) + unit);
    }
    return value;
  }

  public static double positiveFinite(String field, double value) {
    if (!Double.isFinite(value) || value <= 0) {
      throw InvalidInputException.of(field, fmt(value), "must be a positive finite number");
    }
    return value;
  }

  public static double unitInterval(String field, double value) {
    if (!Double.isFinite(value) || value < 0 || value > 1) {
      throw InvalidInputException.of(field, fmt(value), "must be a number in [0, 1]");
    }
    return value;
  }

  public static double probabilityOpen(String field, double value) {
    if (!Double.isFinite(value) || value <= 0 || value > 1) {
      throw InvalidInputException.of(field, fmt(value), "must be a number in (0, 1]");
    }
    return value;
  }

  public static int intInRange(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw InvalidInputException.of(field, value, "must be an integer in [" + min + ", " + max + "]");
    }
    return (int) value;
  }

  /** A number as a user would write it: integers without a trailing ".0". */
  public static String fmt(double v) {
    if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
