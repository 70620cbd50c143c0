package io.kstar.pareto;

import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The non-dominated subset of a set of points, minimising cost and latency and maximising accuracy
 * (SPEC §5). A point is dropped only when another point is no worse in all three objectives and
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

  /** A point's coordinates and its index, sorted without going back to the list. */
  private record Row(double cost, double latency, double accuracy, int index) {}

  /** (cost ↑, latency ↑, accuracy ↓): every dominator of a point sorts before it. */
  private static int sweepOrder(Row a, Row b) {
    int c = Double.compare(a.cost, b.cost);
    if (c != 0) {
      return c;
    }
    c = Double.compare(a.latency, b.latency);
    return c != 0 ? c : Double.compare(b.accuracy, a.accuracy);
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
      rows[i] = new Row(p.costUsd(), p.latencyS(), p.accuracy(), i);
    }
    if (n > 50_000) {
      Arrays.parallelSort(rows, ParetoFront::sweepOrder); // stable, so the result does not depend on the cores
    } else {
      Arrays.sort(rows, ParetoFront::sweepOrder);
    }
    boolean[] keep = new boolean[n];
    // latency -> best accuracy among points with that latency or less; accuracies rise with latency
    TreeMap<Double, Double> stairs = new TreeMap<>();
    int i = 0;
    while (i < n) {
      Row p = rows[i];
      int j = i;
      while (j < n && rows[j].cost == p.cost && rows[j].latency == p.latency && rows[j].accuracy == p.accuracy) {
        j++;
      }
      Map.Entry<Double, Double> e = stairs.floorEntry(p.latency);
      boolean dominated = e != null && e.getValue() >= p.accuracy;
      for (int g = i; g < j; g++) {
        keep[rows[g].index] = !dominated;
      }
      if (!dominated) {
        insert(stairs, p.latency, p.accuracy);
      }
      i = j;
    }
    return keep;
  }

  private static void insert(TreeMap<Double, Double> stairs, double latency, double accuracy) {
    // drop entries at or above this latency that it makes redundant (no better accuracy)
    Map.Entry<Double, Double> e = stairs.ceilingEntry(latency);
    while (e != null && e.getValue() <= accuracy) {
      stairs.remove(e.getKey());
      e = stairs.higherEntry(e.getKey());
    }
    stairs.put(latency, accuracy);
  }
}
