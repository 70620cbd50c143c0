package io.kstar.input;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean …?" for a name a user typed: the known name nearest by edit distance (Apache Commons
 * Text's Levenshtein distance, case-insensitive), when it is near enough to be a slip — at most a
 * third of the longer name's length, and at most 3 edits.
 */
public final class Suggest {
  private Suggest() {}

  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  public static Optional<String> closest(String typed, Collection<String> known) {
    if (typed == null || typed.isEmpty()) {
      return Optional.empty();
    }
    String t = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String k : known) {
      int d = DISTANCE.apply(t, k.toLowerCase(Locale.ROOT));
      if (d < bestD) {
        best = k;
        bestD = d;
      }
    }
    if (best == null || bestD == 0) {
      return Optional.empty();
    }
    int limit = Math.min(3, Math.max(1, Math.max(t.length(), best.length()) / 3));
    return bestD <= limit ? Optional.of(best) : Optional.empty();
  }

  /** " (did you mean X?)", or "" when nothing is near. */
  public static String hint(String typed, Collection<String> known) {
    return closest(typed, known).map(k -> " (did you mean " + k + "?)").orElse("");
  }
}
