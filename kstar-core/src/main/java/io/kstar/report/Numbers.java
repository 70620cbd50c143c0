package io.kstar.report;

import io.kstar.input.Check;
import java.math.BigDecimal;
import java.math.MathContext;
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

  /** CSV cells: the shortest decimal that reads back as the same double ({@link #shortest}); empty when not finite. */
  static String full(double v) {
    return Double.isFinite(v) ? shortest(v) : "";
  }

  /**
   * The shortest decimal that parses back to exactly {@code v}, without an exponent between 1e-7 and 1e21
   * ({@code 0.1}, {@code 1e23} rather than Java 17's {@code 9.999999999999999E22}). Java 19+ prints the
   * shortest form with {@link Double#toString}; Java 17 does not always, so this tries 1 to 17 significant
   * digits. A double that is not the nearest to a short decimal (0.4352 + one ulp, the result of
   * arithmetic) keeps its 17 digits: rounding it further would change the value.
   */
  static String shortest(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal exact = new BigDecimal(v);
    BigDecimal d = exact;
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal c = exact.round(new MathContext(digits));
      if (Double.parseDouble(c.toString()) == v) {
        d = c;
        break;
      }
    }
    d = d.stripTrailingZeros();
    double a = Math.abs(v);
    if (a >= 1e-7 && a < 1e21) {
      return d.toPlainString();
    }
    return d.toString().replace("E+", "e").replace("E", "e");
  }

  static String plain(double v) {
    return Check.fmt(v);
  }
}
