package io.kstar.cli;

import io.kstar.input.InvalidInputException;
import io.kstar.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --policy}, {@code --margin}, {@code --score-threshold}: the stopping policies a command searches. */
final class PolicyOptions {

  static final int MAX_VALUES = 64;

  @Option(names = "--policy", paramLabel = "POLICY[,POLICY...]",
      description = "When a request stops sampling (k becomes the cap): fixed (default: always k), until-pass (a verifier:"
          + " stop after the first round with a correct sample), until-decided (majority vote: stop once the remaining"
          + " samples cannot change the winner), until-lead (stop once an answer leads by --margin votes), until-score"
          + " (stop at a sample scoring >= --score-threshold). A list is searched with k and P.")
  String policy;

  @Option(names = "--margin", paramLabel = "D[,D...]",
      description = "until-lead: the lead in votes that stops sampling (an integer >= 1, or a list to search).")
  String margin;

  @Option(names = "--score-threshold", paramLabel = "T[,T...]",
      description = "until-score: the score that stops sampling (in (0, 1], or a list to search).")
  String scoreThreshold;

  /** The policies asked for ([fixed] when none). */
  List<Policy> policies() {
    List<String> rules = split("--policy", policy);
    List<Integer> margins = new ArrayList<>();
    for (String m : split("--margin", margin)) {
      try {
        margins.add(Integer.parseInt(m));
      } catch (NumberFormatException e) {
        throw InvalidInputException.of("--margin", margin, "must be an integer >= 1 or a list like 1,2,3");
      }
    }
    List<Double> thresholds = new ArrayList<>();
    for (String t : split("--score-threshold", scoreThreshold)) {
      try {
        thresholds.add(Double.parseDouble(t));
      } catch (NumberFormatException e) {
        throw InvalidInputException.of("--score-threshold", scoreThreshold,
            "must be a number in (0, 1] or a list like 0.8,0.9");
      }
    }
    return Policy.expand(rules, margins, thresholds);
  }

  private static List<String> split(String flag, String text) {
    if (text == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (part.isBlank()) {
        throw InvalidInputException.of(flag, text, "must be a comma-separated list without empty entries");
      }
      out.add(part.strip());
    }
    if (out.size() > MAX_VALUES) {
      throw InvalidInputException.of(flag, text, "lists at most " + MAX_VALUES + " values");
    }
    return out;
  }
}
