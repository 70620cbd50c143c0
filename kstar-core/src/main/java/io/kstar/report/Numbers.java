package io.kstar.report;

import io.kstar.input.Check;
import java.util.Locale;

/** How numbers read in tables: fixed decimals chosen per unit, and full precision in CSV and JSON. */
final class Numbers {
  private Numbers() {}

  static String usd(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
  }

  static String seconds(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
  }

  static String accuracy(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
  }

  static String percent(double share) {
    return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : "n/a";
  }

  static String full(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }

  static String plain(double v) {
    return Check.fmt(v);
  }
}
