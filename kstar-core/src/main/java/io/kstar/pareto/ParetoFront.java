package io.kstar.pareto;

import io.kstar.space.Objective;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The non-dominated subset of a set of points, minimising cost and latency and maximising accuracy
 * (docs/semantics.md §5). A point is dropped only when another point is no worse in all three objectives and
 * strictly better in one; equal points do not dominate each other, so both stay.
 *
 * <p>Algorithm: sort by (cost ↑, latency ↑, accuracy ↓); every dominator of a point then comes
 * before it. Sweep in that order keeping a staircase of the points seen so far, keyed by latency
 * with accuracy rising along it; a point is dominated exactly when the staircase holds a point with
 * latency ≤ its own and accuracy ≥ its own. Points with identical values are queried as a group
 * before any of them is inserted. O(n log n) time, O(n) memory.
 */
public final class ParetoFront {
  private ParetoFront() {}

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

  /** The members of the front, in the order they had in {@code points}. */
  public static List<OperatingPoint> of(List<OperatingPoint> points) {
    boolean[] keep = members(points);
    List<OperatingPoint> front = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      if (keep[i]) {
        front.add(points.get(i));
      }
    }
    return front;
  }

  /** For each input point, whether it is on the front. */
  public static boolean[] members(List<OperatingPoint> points) {
    int n = points.size();
    Row[] rows = new Row[n];
    for (int i = 0; i < n; i++) {
      OperatingPoint p = points.get(i);
      rows[i] = new Row(Objective.COST.canonical(p), Objective.LATENCY.canonical(p), Objective.ACCURACY.canonical(p), i);
    }
    if (n > 50_000) {
      Arrays.parallelSort(rows, ParetoFront::sweepOrder); // stable, so the result does not depend on the cores
    } else {
      Arrays.sort(rows, ParetoFront::sweepOrder);
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
