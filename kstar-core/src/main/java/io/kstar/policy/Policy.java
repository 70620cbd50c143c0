package io.kstar.policy;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.AccuracyModels;
import io.kstar.input.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a request stops sampling (docs/semantics.md §3.5). Samples are drawn in rounds of P, at most k (the
 * cap); after each round the rule decides whether to stop. {@link Rule#FIXED} is the paper's: always k.
 *
 * @param margin the lead, in votes, that stops {@link Rule#UNTIL_LEAD} (0 for the other rules)
 * @param scoreThreshold the score that stops {@link Rule#UNTIL_SCORE} (NaN for the other rules)
 */
public record Policy(Rule rule, int margin, double scoreThreshold) {

  public static final int MAX_MARGIN = 1024;

  /**
   * The stopping rules, each with the capability an accuracy model's kind must declare for it to apply
   * ({@link io.kstar.parameter.ModelKind#capabilities()}): a new model that declares it gets the rule with
   * no change here.
   */
  public enum Rule {
    FIXED("fixed", "draw k samples", null),
    UNTIL_PASS("until-pass", "stop after the first round holding a verified-correct sample", AccuracyModels.VERIFIED),
    UNTIL_DECIDED("until-decided", "majority vote; stop once no outcome of the remaining samples can change the winner",
        AccuracyModels.VOTES),
    UNTIL_LEAD("until-lead", "majority vote; stop once the leading answer is ahead by --margin votes",
        AccuracyModels.VOTES),
    UNTIL_SCORE("until-score", "the paper's scores; stop at the first round with a sample scoring >= --score-threshold,"
        + " answering its best sample, else the best of k", AccuracyModels.SCORES);

    private final String id;
    private final String description;
    private final String needs;

    Rule(String id, String description, String needs) {
      this.id = id;
      this.description = description;
      this.needs = needs;
    }

    /** The capability a model's kind must declare for this rule to apply (null: every model). */
    public String needs() {
      return needs;
    }

    public String id() {
      return id;
    }

    public String description() {
      return description;
    }

    /** The registered accuracy models this rule applies to (empty: every model), by id. */
    public Set<String> models() {
      if (needs == null) {
        return Set.of();
      }
      Set<String> out = new java.util.TreeSet<>();
      AccuracyModels.REGISTRY.kinds().stream().filter(k -> k.can(needs)).forEach(k -> out.add(k.id()));
      return out;
    }

    /** True when a model of this kind declares what the rule needs. */
    public boolean appliesTo(io.kstar.parameter.ModelKind<?> kind) {
      return needs == null || kind.can(needs);
    }

    public static List<String> ids() {
      return Arrays.stream(values()).map(Rule::id).toList();
    }

    public static Rule of(String id) {
      for (Rule r : values()) {
        if (r.id.equals(id)) {
          return r;
        }
      }
      throw InvalidInputException.of("policy", id, "must be one of " + String.join(", ", ids()));
    }
  }

  public static final Policy FIXED = new Policy(Rule.FIXED, 0, Double.NaN);
  public static final Policy UNTIL_PASS = new Policy(Rule.UNTIL_PASS, 0, Double.NaN);
  public static final Policy UNTIL_DECIDED = new Policy(Rule.UNTIL_DECIDED, 0, Double.NaN);

  public Policy {
    if (rule == Rule.UNTIL_LEAD) {
      if (margin < 1 || margin > MAX_MARGIN) {
        throw InvalidInputException.of("margin", margin, "must be an integer in [1, " + MAX_MARGIN + "]");
      }
    } else {
      margin = 0;
    }
    if (rule == Rule.UNTIL_SCORE) {
      if (!(scoreThreshold > 0 && scoreThreshold <= 1)) {
        throw InvalidInputException.of("score_threshold", scoreThreshold, "must be a number in (0, 1]");
      }
    } else {
      scoreThreshold = Double.NaN;
    }
  }

  public static Policy untilLead(int margin) {
    return new Policy(Rule.UNTIL_LEAD, margin, Double.NaN);
  }

  public static Policy untilScore(double threshold) {
    return new Policy(Rule.UNTIL_SCORE, 0, threshold);
  }

  public boolean isFixed() {
    return rule == Rule.FIXED;
  }

  /** How outputs name it: {@code fixed}, {@code until-lead(margin=2)}, {@code until-score(score_threshold=0.9)}. */
  public String label() {
    return switch (rule) {
      case UNTIL_LEAD -> rule.id + "(margin=" + margin + ")";
      case UNTIL_SCORE -> rule.id + "(score_threshold=" + number(scoreThreshold) + ")";
      default -> rule.id;
    };
  }

  private static String number(double v) {
    String s = String.format(Locale.ROOT, "%.6g", v);
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  @Override
  public String toString() {
    return label();
  }

  /** True when this rule can run on a profile with this accuracy model. */
  public boolean appliesTo(AccuracyModel model) {
    return rule.appliesTo(model.kind());
  }

  /** Refuses (as input error at {@code policy}) when the rule does not apply to {@code model} of profile {@code id}. */
  public void check(String id, AccuracyModel model) {
    if (!appliesTo(model)) {
      throw InvalidInputException.of("policy", rule.id, "does not apply to model " + id + ", whose accuracy model is "
          + model.id() + "; " + rule.id + " applies to " + String.join(", ", rule.models()));
    }
  }

  /**
   * The policies a request asks for: each rule of {@code rules} once, until-lead with each margin and
   * until-score with each threshold. A margin or threshold given for no rule that takes it is refused.
   */
  public static List<Policy> expand(List<String> rules, List<Integer> margins, List<Double> thresholds) {
    LinkedHashSet<Policy> out = new LinkedHashSet<>();
    List<String> names = rules.isEmpty() ? List.of(Rule.FIXED.id) : rules;
    Set<Rule> seen = new LinkedHashSet<>();
    for (String name : names) {
      Rule r = Rule.of(name.trim());
      seen.add(r);
      switch (r) {
        case UNTIL_LEAD -> {
          if (margins.isEmpty()) {
            throw InvalidInputException.of("margin", null, "until-lead needs a margin (an integer >= 1, or a list)");
          }
          margins.forEach(d -> out.add(untilLead(d)));
        }
        case UNTIL_SCORE -> {
          if (thresholds.isEmpty()) {
            throw InvalidInputException.of("score_threshold", null,
                "until-score needs a score threshold (a number in (0, 1], or a list)");
          }
          thresholds.forEach(t -> out.add(untilScore(t)));
        }
        default -> out.add(new Policy(r, 0, Double.NaN));
      }
    }
    if (!margins.isEmpty() && !seen.contains(Rule.UNTIL_LEAD)) {
      throw InvalidInputException.of("margin", margins.stream().map(String::valueOf).collect(Collectors.joining(",")),
          "applies only to the until-lead policy, which was not asked for");
    }
    if (!thresholds.isEmpty() && !seen.contains(Rule.UNTIL_SCORE)) {
      throw InvalidInputException.of("score_threshold",
          thresholds.stream().map(Policy::number).collect(Collectors.joining(",")),
          "applies only to the until-score policy, which was not asked for");
    }
    return new ArrayList<>(out);
  }

  /**
   * True when a point of this policy at cap k and parallelism P is a point of its own: a cap that fits in
   * one round (k ≤ P) cannot stop early, so there a stopping policy is the fixed one, which is kept
   * instead when it is asked too.
   */
  public boolean distinctAt(int k, int parallel, List<Policy> asked) {
    return isFixed() || k > parallel || !asked.contains(FIXED);
  }

  /** The policies of {@code asked} that apply to {@code model}. */
  public static List<Policy> applicable(List<Policy> asked, AccuracyModel model) {
    return asked.stream().filter(p -> p.appliesTo(model)).toList();
  }
}
