package io.kstar.cli;

import io.kstar.input.InvalidInputException;
import io.kstar.profile.ModelProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** {@code --parallel} for plan and compare: one P, a list {@code 1,2,4}, or a range {@code 1-8}. */
final class ParallelList {
  private ParallelList() {}

  static final int MAX_VALUES = 64;

  static List<Integer> parse(String text) {
    if (text == null) {
      return List.of();
    }
    TreeSet<Integer> out = new TreeSet<>();
    try {
      for (String part : text.split(",")) {
        String p = part.strip();
        int dash = p.indexOf('-', 1);
        if (dash > 0) {
          int a = Integer.parseInt(p.substring(0, dash).strip());
          int b = Integer.parseInt(p.substring(dash + 1).strip());
          if (a > b || b - a >= MAX_VALUES) {
            throw bad(text);
          }
          for (int i = a; i <= b; i++) {
            out.add(check(text, i));
          }
        } else {
          out.add(check(text, Integer.parseInt(p)));
        }
      }
    } catch (NumberFormatException e) {
      throw bad(text);
    }
    if (out.size() > MAX_VALUES) {
      throw bad(text);
    }
    return new ArrayList<>(out);
  }

  private static int check(String text, int p) {
    if (p < 1 || p > ModelProfile.MAX_PARALLEL) {
      throw InvalidInputException.of("--parallel", text, "every P must be an integer in [1, " + ModelProfile.MAX_PARALLEL + "]");
    }
    return p;
  }

  private static InvalidInputException bad(String text) {
    return InvalidInputException.of("--parallel", text,
        "must be P, a list like 1,2,4 or a range like 1-8 (at most " + MAX_VALUES + " values)");
  }
}
