package io.kstar.input;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean …?" for a name a user typed: the known name nearest by edit distance (Apache Commons
 * Text's Levenshtein distance, case-insensitive; two neighbouring letters swapped count as one edit), when it
 * is near enough to be a slip — at most a third of the longer name's length, and at most 3 edits.
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
      String kl = k.toLowerCase(Locale.ROOT);
      int d = swapped(t, kl) ? 1 : DISTANCE.apply(t, kl);
      if (d < bestD) {
        best = k;
        bestD = d;
      }
    }
    if (best == null || best.equals(typed)) {
      return Optional.empty();
    }
    if (bestD == 0) {
      return Optional.of(best); // the same name in other letters' case (GPT5 for gpt5)
    }
    int limit = Math.min(3, Math.max(1, Math.max(t.length(), best.length()) / 3));
    return bestD <= limit ? Optional.of(best) : Optional.empty();
  }

  /** Whether {@code a} is {@code b} with two neighbouring letters swapped (jsno, json): one slip, not two edits. */
  static boolean swapped(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    int i = 0;
    while (i < a.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
        && a.substring(i + 2).equals(b.substring(i + 2));
  }

  /** " (did you mean X?)", or "" when nothing is near. */
  public static String hint(String typed, Collection<String> known) {
    return closest(typed, known).map(k -> " (did you mean " + k + "?)").orElse("");
  }
}
