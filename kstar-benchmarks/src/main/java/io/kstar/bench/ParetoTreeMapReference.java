package io.kstar.bench;

import io.kstar.space.Objective;
import io.kstar.space.OperatingPoint;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Pareto filter as it was before the primitive index sort (records sorted with a comparator, a
 * staircase in a {@code TreeMap<Double, Double>}), kept only so that {@link ParetoBench} times the two
 * side by side in one run.
 */
final class ParetoTreeMapReference {
  private ParetoTreeMapReference() {}

  /**
   * A point's canonical (minimised) coordinates, {@link Objective#canonical}: cost, latency and −accuracy,
   * and its index, sorted without going back to the list.
   */
  private record Row(double x, double y, double z, int index) {}

  /** Lexicographic on the canonical coordinates: every dominator of a point sorts before it. */
  private static int sweepOrder(Row a, Row b) {
    int c = Double.compare(a.x, b.x);
    if (c != 0) {
      return c;
    }
    c = Double.compare(a.y, b.y);
    return c != 0 ? c : Double.compare(a.z, b.z);
  }

  /** For each input point, whether it is on the front. */
  static boolean[] members(List<OperatingPoint> points) {
    int n = points.size();
    Row[] rows = new Row[n];
    for (int i = 0; i < n; i++) {
      OperatingPoint p = points.get(i);
      rows[i] = new Row(Objective.COST.canonical(p), Objective.LATENCY.canonical(p), Objective.ACCURACY.canonical(p), i);
    }
    if (n > 50_000) {
      Arrays.parallelSort(rows, ParetoTreeMapReference::sweepOrder); // stable, so the result does not depend on the cores
    } else {
      Arrays.sort(rows, ParetoTreeMapReference::sweepOrder);
    }
    boolean[] keep = new boolean[n];
    // y -> least z among points with that y or less; z falls as y rises
    TreeMap<Double, Double> stairs = new TreeMap<>();
    int i = 0;
    while (i < n) {
      Row p = rows[i];
      int j = i;
      while (j < n && rows[j].x == p.x && rows[j].y == p.y && rows[j].z == p.z) {
        j++;
      }
      Map.Entry<Double, Double> e = stairs.floorEntry(p.y);
      boolean dominated = e != null && e.getValue() <= p.z;
      for (int g = i; g < j; g++) {
        keep[rows[g].index] = !dominated;
      }
      if (!dominated) {
        insert(stairs, p.y, p.z);
      }
      i = j;
    }
    return keep;
  }

  private static void insert(TreeMap<Double, Double> stairs, double y, double z) {
    // drop entries at or above this y that it makes redundant (no smaller z)
    Map.Entry<Double, Double> e = stairs.ceilingEntry(y);
    while (e != null && e.getValue() >= z) {
      stairs.remove(e.getKey());
      e = stairs.higherEntry(e.getKey());
    }
    stairs.put(y, z);
  }
}
