package io.kstar.calibrate.forecast;

import io.kstar.calibrate.MeasuredCurve;
import io.kstar.input.InvalidInputException;
import java.math.BigDecimal;
import java.util.TreeSet;

/**
 * The number Q of questions a curve was measured on, and where it came from. Q sets the size of the
 * simulated re-measurements, hence the width of every interval.
 *
 * <p>Where Q comes from, first found wins ({@link #resolve}): a value passed in ({@code --questions N}),
 * the curve file's {@code questions} field (see {@link MeasuredCurve}: per dataset, or once at the top),
 * or the granularity of the accuracies ({@link #infer}).
 */
public record QuestionCount(int count, String source) {
  public static final String FROM_FIELD = "curve field `questions`";
  public static final String FROM_FLAG = "--questions";
  public static final String INFERRED = "inferred from the granularity of the accuracies";
  /** Largest Q the inference tries. */
  public static final int MAX_INFERRED = 100_000;
  /**
   * Distinct accuracy values needed to accept the smallest consistent Q: any multiple of Q is also
   * consistent, and if the truth were 2Q all d counts would have come out even, which has chance about
   * 2^−d; d ≥ 5 keeps that below 5 %.
   */
  public static final int MIN_DISTINCT_VALUES = 5;

  public QuestionCount {
    if (count < 1) {
      throw InvalidInputException.of("questions", count, "must be a whole number >= 1");
    }
  }

  public static QuestionCount fromFlag(int q) {
    if (q < 1) {
      throw InvalidInputException.of("--questions", q, "must be a whole number >= 1");
    }
    return new QuestionCount(q, FROM_FLAG);
  }

  /** The curve file's {@code questions} field, when it has one; null when absent. */
  public static QuestionCount fromCurve(MeasuredCurve curve) {
    return curve.questions() == null ? null : new QuestionCount(curve.questions(), FROM_FIELD);
  }

  /**
   * Q for a curve: {@code flag} when given (not null), else the curve's {@code questions} field, else
   * inferred (refused, naming {@code questions}, when the inference is ambiguous).
   */
  public static QuestionCount resolve(MeasuredCurve curve, Integer flag) {
    if (flag != null) {
      return fromFlag(flag);
    }
    QuestionCount field = fromCurve(curve);
    return field != null ? field : infer(curve);
  }

  /**
   * The smallest Q ≤ {@value #MAX_INFERRED} such that every accuracy × Q is an integer: within 1e-6
   * first; when no Q passes, within the rounding of the printed values (d decimals: |a − k/Q| ≤ ½·10^−d,
   * as curves printed to 4 decimals need). Refused (field {@code questions}, "pass --questions") when
   * ambiguous: no Q passes, fewer than {@value #MIN_DISTINCT_VALUES} distinct values (a multiple of Q
   * would fit as well), or the rounding is coarser than 1/Q (every large Q passes).
   */
  public static QuestionCount infer(MeasuredCurve curve) {
    double[] acc = curve.points().stream().mapToDouble(MeasuredCurve.Point::accuracy).toArray();
    TreeSet<Double> distinct = new TreeSet<>();
    for (double a : acc) {
      distinct.add(a);
    }
    int q = smallest(acc, n -> 1e-6 / n);
    double tolerance = 1e-6;
    if (q < 0) {
      int decimals = 0;
      for (double a : acc) {
        decimals = Math.max(decimals, Math.max(0, new BigDecimal(Double.toString(a)).stripTrailingZeros().scale()));
      }
      double half = 0.5 * Math.pow(10, -Math.min(decimals, 12)) + 1e-12;
      tolerance = half;
      q = smallest(acc, n -> half);
      if (q > 0 && 2 * half * q >= 1) {
        throw ambiguous(curve, "the accuracies are rounded to " + decimals + " decimals, coarser than 1/Q for Q = " + q
            + ", so any larger Q fits as well");
      }
    }
    if (q < 0) {
      throw ambiguous(curve, "no Q <= " + MAX_INFERRED + " makes every accuracy a whole number of questions");
    }
    if (distinct.size() < MIN_DISTINCT_VALUES) {
      throw ambiguous(curve, "only " + distinct.size() + " distinct accuracies; Q = " + q
          + " fits, but so would its multiples (need >= " + MIN_DISTINCT_VALUES + " distinct values)");
    }
    return new QuestionCount(q, INFERRED + (tolerance > 1e-6 ? " (within the printed rounding)" : ""));
  }

  private interface Tol {
    double of(int q);
  }

  /** Smallest q whose grid k/q lies within tol of every accuracy; −1 if none up to the maximum. */
  private static int smallest(double[] acc, Tol tol) {
    for (int q = 1; q <= MAX_INFERRED; q++) {
      double t = tol.of(q);
      boolean ok = true;
      for (double a : acc) {
        double k = Math.rint(a * q);
        if (Math.abs(a - k / q) > t) {
          ok = false;
          break;
        }
      }
      if (ok) {
        return q;
      }
    }
    return -1;
  }

  private static InvalidInputException ambiguous(MeasuredCurve c, String why) {
    return InvalidInputException.of("questions", null, "cannot be inferred for " + c.dataset() + " " + c.method()
        + ": " + why + "; pass --questions or a `questions` field");
  }
}
