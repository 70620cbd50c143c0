package io.kstar.select;

import io.kstar.space.Objective;

import io.kstar.budget.Budget;
import io.kstar.space.OperatingPoint;
import java.util.Comparator;
import java.util.List;

/**
 * knee: the point of greatest curvature of the Pareto front taken as a curve in k. Points sorted by
 * k are normalised to p = (C/C_max, T/T_max, A); at each interior point d1 = (p₊ − p₋)/2,
 * d2 = p₊ − 2p + p₋ and κ = |d1 × d2| / |d1|³, with the full 3-D cross product (the paper's code
 * kept two coordinates only, which for this model is zero up to noise). Fewer than three Pareto
 * points: no knee. An interior point with d1 = 0 has no defined curvature and is skipped; one whose
 * |d1 × d2| is below 1e-12·|d1|·max|p| is collinear to rounding and has κ = 0.
 */
public final class Knee implements Selector {
  public static final String ID = "knee";

  /**
   * |d1 × d2| below this fraction of |d1| times the points' own size is rounding noise: the second
   * difference of collinear points is a few ulps of the coordinates, not a curvature. κ = 0 there.
   */
  static final double COLLINEAR = 1e-12;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "the Pareto point of largest curvature |d1 \u00d7 d2| / |d1|\u00b3 along the front taken as a curve in k:"
        + " where more samples stop paying";
  }

  @Override
  public Selection select(SelectionContext c) {
    return select(ID, c.budget(), c.pareto(), true);
  }

  /**
   * The knee of {@code front}, sorted here by cost, then k: for one model at one P cost rises with k,
   * so this is the order of k; for a joint front over models or P it is the front's natural order. {@code withLatency} false drops the
   * latency coordinate: the 2-D baseline's accuracy–cost knee.
   */
  static Selection select(String id, Budget b, List<OperatingPoint> front, boolean withLatency) {
    List<OperatingPoint> pts =
        front.stream()
            .sorted(Comparator.comparingDouble(OperatingPoint::costUsd).thenComparingInt(OperatingPoint::k))
            .toList();
    if (pts.size() < 3) {
      return Selection.none(
          id, "fewer than three Pareto points (" + pts.size() + "): curvature is undefined");
    }
    OperatingPoint pick = null;
    double best = Double.NEGATIVE_INFINITY;
    for (int j = 1; j + 1 < pts.size(); j++) {
      double k = curvature(
          normalise(b, pts.get(j - 1), withLatency),
          normalise(b, pts.get(j), withLatency),
          normalise(b, pts.get(j + 1), withLatency));
      if (Double.isNaN(k)) {
        continue;
      }
      if (pick == null || Selector.greater(k, best)) {
        pick = pts.get(j);
        best = k;
      }
    }
    return pick == null
        ? Selection.none(id, "every interior Pareto point has zero first difference: curvature is undefined")
        : Selection.of(id, pick, "largest curvature of the Pareto front, kappa = " + best);
  }

  static double[] normalise(Budget b, OperatingPoint p, boolean withLatency) {
    double[] v = new double[Objective.ALL.size()];
    for (Objective o : Objective.ALL) {
      v[o.ordinal()] = o == Objective.LATENCY && !withLatency ? 0.0 : o.scaled(p, b);
    }
    return v;
  }

  private static double norm(double[] v) {
    return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  }

  /** κ at the middle of three consecutive points; NaN when the first difference vanishes. */
  public static double curvature(double[] prev, double[] mid, double[] next) {
    double[] d1 = new double[3];
    double[] d2 = new double[3];
    for (int i = 0; i < 3; i++) {
      d1[i] = (next[i] - prev[i]) / 2;
      d2[i] = next[i] - 2 * mid[i] + prev[i];
    }
    double cx = d1[1] * d2[2] - d1[2] * d2[1];
    double cy = d1[2] * d2[0] - d1[0] * d2[2];
    double cz = d1[0] * d2[1] - d1[1] * d2[0];
    double n1 = Math.sqrt(d1[0] * d1[0] + d1[1] * d1[1] + d1[2] * d1[2]);
    if (n1 == 0) {
      return Double.NaN;
    }
    double scale = Math.max(norm(prev), Math.max(norm(mid), norm(next)));
    double cross = Math.sqrt(cx * cx + cy * cy + cz * cz);
    if (cross <= COLLINEAR * n1 * scale) {
      return 0.0; // collinear to rounding: no curvature, so straight stretches tie and the smaller k wins
    }
    return cross / (n1 * n1 * n1);
  }
}
