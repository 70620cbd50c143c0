package io.kstar.grid;

import io.kstar.input.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The values of k that are evaluated (docs/semantics.md §4). {@link Kind#BATCH}: {P, 2P, 3P, …} ≤ k_max, the
 * paper's grid (a partly filled round costs as much latency as a full one). {@link Kind#ALL}: every k
 * in 1..k_max.
 */
public record Grid(Kind kind, int kMax, int parallel, int[] ks) {

  /** Largest k_max accepted. */
  public static final int MAX_K = 1 << 24;

  /** Largest number of grid points: beyond it the per-k results no longer fit a default heap. */
  public static final int MAX_POINTS = 1 << 20;

  public static final int DEFAULT_K_MAX = 128;

  public enum Kind {
    BATCH,
    ALL;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String field, String text) {
      for (Kind k : values()) {
        if (k.id().equals(text)) {
          return k;
        }
      }
      throw InvalidInputException.of(field, text, "must be one of [batch, all]");
    }
  }

  public static Grid of(Kind kind, int kMax, int parallel) {
    if (kMax < 1 || kMax > MAX_K) {
      throw InvalidInputException.of("k_max", kMax, "must be an integer in [1, " + MAX_K + "]");
    }
    if (parallel < 1) {
      throw InvalidInputException.of("parallel", parallel, "must be an integer >= 1");
    }
    int[] ks;
    if (kind == Kind.ALL) {
      ks = new int[kMax];
      for (int i = 0; i < kMax; i++) {
        ks[i] = i + 1;
      }
    } else {
      int n = kMax / parallel;
      ks = new int[n];
      for (int i = 0; i < n; i++) {
        ks[i] = (i + 1) * parallel;
      }
    }
    if (ks.length > MAX_POINTS) {
      throw InvalidInputException.of(
          "k_max",
          kMax,
          "gives a grid of " + ks.length + " points, more than fit in memory (at most " + MAX_POINTS + ")");
    }
    return new Grid(kind, kMax, parallel, ks);
  }

  public int size() {
    return ks.length;
  }

  @Override
  public int[] ks() {
    return ks.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Grid g
        && g.kind == kind
        && g.kMax == kMax
        && g.parallel == parallel
        && Arrays.equals(g.ks, ks);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ks) * 31 + kind.hashCode();
  }

  @Override
  public String toString() {
    return "Grid[" + kind.id() + ", k_max=" + kMax + ", P=" + parallel + ", points=" + ks.length + "]";
  }
}
