package io.kstar.pareto;

import io.kstar.space.Objective;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The non-dominated subset of a set of points, minimising cost and latency and maximising accuracy
 * (docs/semantics.md §5). A point is dropped only when another point is no worse in all three objectives and
 * strictly better in one; equal points do not dominate each other, so both stay.
 *
 * <p>Algorithm: sort by (cost ↑, latency ↑, accuracy ↓); every dominator of a point then comes
 * before it. Sweep in that order keeping a staircase of the points seen so far, keyed by latency
 * with accuracy rising along it; a point is dominated exactly when the staircase holds a point with
 * latency ≤ its own and accuracy ≥ its own. Points with identical values are queried as a group
 * before any of them is inserted. Everything runs on primitive arrays: the sort is an index sort by
 * the coordinates' ordered bit patterns (radix, one coordinate at a time, the next one only inside
 * runs of equal values), in {@link Double#compare}'s order (−0.0 before 0.0); the staircase is two
 * sorted arrays, or a Fenwick tree when it grows as long as the input. O(n log n) time, O(n) memory.
 */
public final class ParetoFront {
  private ParetoFront() {}

  /** Below this many indices a range is sorted by insertion, not by radix. */
  private static final int SMALL = 48;

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
    // canonical (minimised) coordinates, Objective#canonical: cost, latency and −accuracy
    double[][] c = new double[3][n];
    for (int i = 0; i < n; i++) {
      OperatingPoint p = points.get(i);
      c[0][i] = Objective.COST.canonical(p);
      c[1][i] = Objective.LATENCY.canonical(p);
      c[2][i] = Objective.ACCURACY.canonical(p);
    }
    int[] order = identity(n);
    sort(order, 0, n, c, 0);
    // the coordinates gathered once into sweep order: the sweep then reads three arrays front to back,
    // where reading c[.][order[i]] cost a cache miss per coordinate and point (68 % of the time at 10^6)
    double[] x = gather(c[0], order);
    double[] y = gather(c[1], order);
    double[] z = gather(c[2], order);
    boolean[] keep = new boolean[n];
    Staircase stairs = new Staircase(n);
    int i = 0;
    while (i < n) {
      int j = i + 1;
      while (j < n && x[j] == x[i] && y[j] == y[i] && z[j] == z[i]) {
        j++;
      }
      boolean dominated = stairs.dominates(y[i], z[i]);
      for (int g = i; g < j; g++) {
        keep[order[g]] = !dominated;
      }
      if (!dominated) {
        stairs.insert(y[i], z[i], y);
      }
      i = j;
    }
    return keep;
  }

  /**
   * The points inserted so far, for the question "does one have latency ≤ y and −accuracy ≤ z?".
   * Normally a staircase in two sorted arrays (latency rising, −accuracy falling; a binary search per
   * question, small and cache-resident, since it holds only the two-dimensional front of what was
   * inserted). Should shifting its arrays cost more than a few passes over the input (a staircase as
   * long as the input), it becomes a Fenwick tree of prefix minima of −accuracy over latency ranks:
   * O(log n) per operation whatever the shape.
   */
  private static final class Staircase {
    private final int n;
    private double[] ys = new double[16];
    private double[] zs = new double[16];
    private int size;
    private long moved;
    private double[] tree; // once switched: Fenwick tree over latency ranks (1-based)
    private double[] rankedYs; // the distinct latencies in Double.compare order

    Staircase(int n) {
      this.n = n;
    }

    boolean dominates(double y, double z) {
      if (tree != null) {
        double best = Double.POSITIVE_INFINITY;
        for (int r = rank(y) + 1; r > 0; r -= r & -r) {
          best = Math.min(best, tree[r]);
        }
        return best <= z;
      }
      int f = floor(y);
      return f >= 0 && zs[f] <= z;
    }

    void insert(double y, double z, double[] allYs) {
      if (tree != null) {
        for (int r = rank(y) + 1; r < tree.length; r += r & -r) {
          tree[r] = Math.min(tree[r], z);
        }
        return;
      }
      // entries at or above y that it makes redundant (no smaller z) give way to it
      int f = floor(y);
      int from = f >= 0 && Double.compare(ys[f], y) == 0 ? f : f + 1;
      int to = from;
      while (to < size && zs[to] >= z) {
        to++;
      }
      if (to == from && size == ys.length) {
        ys = Arrays.copyOf(ys, size * 2);
        zs = Arrays.copyOf(zs, size * 2);
      }
      System.arraycopy(ys, to, ys, from + 1, size - to);
      System.arraycopy(zs, to, zs, from + 1, size - to);
      moved += size - to;
      size += 1 - (to - from);
      ys[from] = y;
      zs[from] = z;
      if (moved > 16L * n + 4096) {
        toTree(allYs);
      }
    }

    /** The last entry with latency ≤ y (Double.compare), or −1. */
    private int floor(double y) {
      int lo = 0;
      int hi = size - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (Double.compare(ys[mid], y) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return hi;
    }

    private void toTree(double[] allYs) {
      double[] sorted = allYs.clone();
      Arrays.sort(sorted);
      int distinct = 0;
      for (int k = 0; k < sorted.length; k++) {
        if (k == 0 || Double.compare(sorted[k], sorted[distinct - 1]) != 0) {
          sorted[distinct++] = sorted[k];
        }
      }
      rankedYs = Arrays.copyOf(sorted, distinct);
      tree = new double[distinct + 1];
      Arrays.fill(tree, Double.POSITIVE_INFINITY);
      double[] oldY = ys;
      double[] oldZ = zs;
      int count = size;
      ys = null;
      zs = null;
      for (int k = 0; k < count; k++) {
        insert(oldY[k], oldZ[k], allYs);
      }
    }

    private int rank(double y) {
      return Arrays.binarySearch(rankedYs, y);
    }
  }

  private static double[] gather(double[] v, int[] order) {
    double[] out = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = v[order[i]];
    }
    return out;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** A double's bits as a long whose unsigned order is {@link Double#compare}'s order. */
  private static long ordered(double v) {
    long b = Double.doubleToLongBits(v);
    return (b ^ ((b >> 63) & Long.MAX_VALUE)) ^ Long.MIN_VALUE;
  }

  /**
   * Sorts {@code idx[from, to)} lexicographically by coordinates {@code level, level + 1, …} of
   * {@code c}: by radix on coordinate {@code level}, then each run of equal values by the next one.
   */
  private static void sort(int[] idx, int from, int to, double[][] c, int level) {
    int n = to - from;
    if (n < 2) {
      return;
    }
    if (n < SMALL) {
      insertionSort(idx, from, to, c, level);
      return;
    }
    double[] v = c[level];
    long[] key = new long[n];
    for (int i = 0; i < n; i++) {
      key[i] = ordered(v[idx[from + i]]);
    }
    int[] ids = Arrays.copyOfRange(idx, from, to);
    long[] key2 = new long[n];
    int[] ids2 = new int[n];
    // 16-bit digits (4 passes) for large ranges, bytes (8 passes, a small count table) otherwise
    int bits = n >= 1 << 16 ? 16 : 8;
    int mask = (1 << bits) - 1;
    int[] count = new int[1 << bits];
    for (int shift = 0; shift < 64; shift += bits) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[(int) (key[i] >>> shift) & mask]++;
      }
      if (count[(int) (key[0] >>> shift) & mask] == n) {
        continue; // every key has this digit: the pass would change nothing
      }
      for (int b = 0, sum = 0; b <= mask; b++) {
        int k = count[b];
        count[b] = sum;
        sum += k;
      }
      for (int i = 0; i < n; i++) {
        int b = (int) (key[i] >>> shift) & mask;
        int at = count[b]++;
        key2[at] = key[i];
        ids2[at] = ids[i];
      }
      long[] tk = key;
      key = key2;
      key2 = tk;
      int[] ti = ids;
      ids = ids2;
      ids2 = ti;
    }
    System.arraycopy(ids, 0, idx, from, n);
    if (level + 1 < c.length) {
      int i = 0;
      while (i < n) {
        int j = i + 1;
        while (j < n && key[j] == key[i]) {
          j++;
        }
        if (j - i > 1) {
          sort(idx, from + i, from + j, c, level + 1);
        }
        i = j;
      }
    }
  }

  private static void insertionSort(int[] idx, int from, int to, double[][] c, int level) {
    for (int i = from + 1; i < to; i++) {
      int a = idx[i];
      int j = i - 1;
      while (j >= from && compare(idx[j], a, c, level) > 0) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = a;
    }
  }

  private static int compare(int a, int b, double[][] c, int level) {
    for (int l = level; l < c.length; l++) {
      int r = Double.compare(c[l][a], c[l][b]);
      if (r != 0) {
        return r;
      }
    }
    return 0;
  }
}
