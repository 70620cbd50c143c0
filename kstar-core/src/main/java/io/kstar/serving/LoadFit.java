package io.kstar.serving;

import io.kstar.input.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a load curve is read between and beyond its measured rates, one metric (TTFT or TPOT) at a time, as
 * a function of the utilisation ρ = achieved requests/s ÷ capacity:
 *
 * <ul>
 *   <li>{@code interpolation}: straight lines between the measured points of the running maximum (so the
 *       curve never falls as load grows); below the first rate, the first rate's value; beyond the last,
 *       the last segment continued;
 *   <li>{@code queueing}: y(ρ) = a + b·ρ/(1 − ρ), a &gt; 0 and b ≥ 0, the waiting-time shape of a single queue
 *       (latency grows without bound as ρ approaches 1), fitted by least squares on relative errors
 *       (weights 1/y²), so that a 9 ms and a 90 ms point count alike.
 * </ul>
 */
public enum LoadFit {
  INTERPOLATION("interpolation", "straight lines between the measured rates (running maximum), the last one continued"),
  QUEUEING("queueing", "a + b·ρ/(1 − ρ): latency growing as utilisation approaches 1, fitted on relative errors");

  private final String id;
  private final String description;

  LoadFit(String id, String description) {
    this.id = id;
    this.description = description;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(LoadFit::id).toList();
  }

  public static LoadFit parse(String field, String text) {
    for (LoadFit f : values()) {
      if (f.id.equals(text)) {
        return f;
      }
    }
    throw InvalidInputException.of(field, text, "must be one of " + ids());
  }

  /** One metric's curve: its value at utilisation ρ in [0, 1). */
  public sealed interface Shape permits Lines, Queue {
    double at(double rho);

    /** The value with no load (ρ = 0). */
    default double idle() {
      return at(0);
    }
  }

  /** Straight lines through (ρ_i, running max of y_i); flat before the first point, the last segment continued after it. */
  public record Lines(double[] rho, double[] y) implements Shape {
    @Override
    public double at(double r) {
      int n = rho.length;
      if (n == 1 || r <= rho[0]) {
        return y[0];
      }
      int i = Arrays.binarySearch(rho, r);
      if (i >= 0) {
        return y[i];
      }
      int hi = Math.min(-i - 1, n - 1);
      int lo = hi - 1;
      return y[lo] + (y[hi] - y[lo]) * (r - rho[lo]) / (rho[hi] - rho[lo]);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Lines l && Arrays.equals(rho, l.rho) && Arrays.equals(y, l.y);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(rho) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
      return "Lines" + Arrays.toString(rho) + Arrays.toString(y);
    }
  }

  /** y(ρ) = a + b·ρ/(1 − ρ). */
  public record Queue(double a, double b) implements Shape {
    @Override
    public double at(double r) {
      return a + b * r / (1 - r);
    }
  }

  /**
   * This shape fitted to the points (ρ_i, y_i), ρ strictly increasing in [0, 1); empty when the queueing
   * shape cannot be fitted (its intercept would not be positive, or there is one point only).
   */
  public Optional<Shape> fit(double[] rho, double[] y) {
    if (this == INTERPOLATION) {
      double[] env = y.clone();
      for (int i = 1; i < env.length; i++) {
        env[i] = Math.max(env[i], env[i - 1]);
      }
      return Optional.of(new Lines(rho.clone(), env));
    }
    if (rho.length < 2) {
      return Optional.empty();
    }
    // weighted least squares of y = a + b·u, u = ρ/(1 − ρ), weights w = 1/y²: the normal equations
    double sw = 0;
    double su = 0;
    double suu = 0;
    double sy = 0;
    double suy = 0;
    for (int i = 0; i < rho.length; i++) {
      double w = 1 / (y[i] * y[i]);
      double u = rho[i] / (1 - rho[i]);
      sw += w;
      su += w * u;
      suu += w * u * u;
      sy += w * y[i];
      suy += w * u * y[i];
    }
    double det = sw * suu - su * su;
    double a;
    double b;
    if (det <= 0) {
      return Optional.empty();
    }
    b = (sw * suy - su * sy) / det;
    a = (sy - b * su) / sw;
    if (b < 0) {
      // the load does not slow this metric down on these points: a flat line at the weighted mean
      b = 0;
      a = sy / sw;
    }
    return a > 0 && Double.isFinite(a) && Double.isFinite(b) ? Optional.of(new Queue(a, b)) : Optional.empty();
  }
}
