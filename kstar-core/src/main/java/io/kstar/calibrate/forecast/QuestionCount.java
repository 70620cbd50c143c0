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
  /**
   * When an exact fit on the printed decimals' grid and a smaller count within the rounding both fit, the
   * exact one is taken while the two give intervals within 10 % of each other in width (widths go as
   * 1/√Q: a ratio of counts up to 1.21), and refused beyond: MATH500's 500 questions printed to 3 decimals
   * also fit 482 within the rounding (2 % in width); 30 questions printed to 4 decimals also fit 10 000
   * exactly (18 times).
   */
  public static final double MAX_COUNT_RATIO = 1.21;

  public QuestionCount {
    if (count < 1) {
      throw InvalidInputException.of("questions", count, "must be an integer >= 1");
    }
  }

  public static QuestionCount fromFlag(int q) {
    if (q < 1) {
      throw InvalidInputException.of("--questions", q, "must be an integer >= 1");
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
   * The smallest Q ≤ {@value #MAX_INFERRED} such that every accuracy × Q is an integer within 1e-6;
   * when no Q passes, within the rounding of the printed values (d decimals: |a − k/Q| ≤ ½·10^−d, as
   * curves printed to 6 decimals need). Refused (field {@code questions}, "pass --questions") when
   * ambiguous:
   * <ul>
   *   <li>no Q passes;
   *   <li>the only exact fit is on the grid of the printed decimals (Q divides 10^d) and a Q smaller by
   *       more than {@value #MAX_COUNT_RATIO}× fits within the rounding: 0.3667, 0.4333, … are 11/30,
   *       13/30, … printed to 4 decimals, and equally 3 667/10 000, 4 333/10 000, …; the counts differ
   *       300-fold, the intervals' widths 18-fold;
   *   <li>fewer than {@value #MIN_DISTINCT_VALUES} distinct values (a multiple of Q would fit as well).
   * </ul>
   * Values printed to d ≤ 5 decimals always have an exact fit (10^d ≤ {@value #MAX_INFERRED}), so the
   * rounding pass alone serves d ≥ 6, where ½·10^−d · Q stays far below one question for every Q tried.
   */
  public static QuestionCount infer(MeasuredCurve curve) {
    double[] acc = curve.points().stream().mapToDouble(MeasuredCurve.Point::accuracy).toArray();
    TreeSet<Double> distinct = new TreeSet<>();
    int decimals = 0;
    for (double a : acc) {
      distinct.add(a);
      decimals = Math.max(decimals, Math.max(0, new BigDecimal(Double.toString(a)).stripTrailingZeros().scale()));
    }
    double half = 0.5 * Math.pow(10, -Math.min(decimals, 12)) + 1e-12;
    int q = smallest(acc, n -> 1e-6 / n);
    boolean rounded = false;
    if (q > 0 && dividesPowerOfTen(q, decimals)) {
      // on the printed decimals' own grid: measured on q questions, or rounded from fewer?
      int fewer = smallest(acc, n -> half);
      if (fewer > 0 && q > MAX_COUNT_RATIO * fewer) {
        throw ambiguous(curve, "the accuracies are printed to " + decimals + " decimals: Q = " + q
            + " fits them exactly, and Q = " + fewer + " fits them within that rounding");
      }
    } else if (q < 0) {
      q = smallest(acc, n -> half);
      rounded = true;
    }
    if (q < 0) {
      throw ambiguous(curve, "no Q <= " + MAX_INFERRED + " makes every accuracy a whole number of questions");
    }
    if (distinct.size() < MIN_DISTINCT_VALUES) {
      throw ambiguous(curve, "only " + distinct.size() + " distinct accuracies; Q = " + q
          + " fits, but so would its multiples (need >= " + MIN_DISTINCT_VALUES + " distinct values)");
    }
    return new QuestionCount(q, INFERRED + (rounded ? " (within the printed rounding)" : ""));
  }

  /** Whether q divides 10^d: q = 2^a · 5^b with a, b ≤ d. */
  static boolean dividesPowerOfTen(int q, int d) {
    int twos = 0;
    int fives = 0;
    int rest = q;
    while (rest % 2 == 0) {
      rest /= 2;
      twos++;
    }
    while (rest % 5 == 0) {
      rest /= 5;
      fives++;
    }
    return rest == 1 && twos <= d && fives <= d;
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
