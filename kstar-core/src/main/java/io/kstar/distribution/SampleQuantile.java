package io.kstar.distribution;

import java.util.Arrays;

/**
 * The q-quantile of a sample, linear between order statistics (Hyndman and Fan's type 7, the default of
 * R and numpy): the one definition every interval over replicates uses.
 */
public final class SampleQuantile {
  private SampleQuantile() {}

  /** Of values in any order (a sorted copy is taken). */
  public static double of(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    return ofSorted(s, q);
  }

  /** Of values already sorted ascending. */
  public static double ofSorted(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }
}
