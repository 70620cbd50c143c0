package io.kstar.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.accuracy.PassAtKWithUnsolved;
import io.kstar.accuracy.SelectorBestOfK;
import io.kstar.input.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract of {@link Policy} (docs/semantics.md §3.5): which rules exist, what they take, where they apply. */
class PolicyTest {

  private static final BetaDifficulty D = new BetaDifficulty(0.9, 0.6);
  private static final GaussianBestOfK SCORES = new GaussianBestOfK(0.6, 0.1);
  private static final PassAtK PASS = new PassAtK(D);
  private static final PassAtKWithUnsolved UNSOLVED = new PassAtKWithUnsolved(D, 0.2);
  private static final MajorityVote VOTE = new MajorityVote(D, 2);
  private static final SelectorBestOfK SELECTOR = new SelectorBestOfK(D, 0.8);

  @Test
  void marginIsAnIntegerFromOneTo1024_forUntilLeadOnly() {
    assertThat(Policy.untilLead(1).margin()).isEqualTo(1);
    assertThat(Policy.untilLead(Policy.MAX_MARGIN).margin()).isEqualTo(1024);
    for (int bad : new int[] {0, -1, Policy.MAX_MARGIN + 1}) {
      assertThatThrownBy(() -> Policy.untilLead(bad))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("margin = " + bad + ": must be an integer in [1, 1024]");
    }
    // a margin means nothing to the other rules: it is dropped (0), so equal policies compare equal
    assertThat(new Policy(Policy.Rule.UNTIL_PASS, 5, Double.NaN)).isEqualTo(Policy.UNTIL_PASS);
    assertThat(new Policy(Policy.Rule.UNTIL_SCORE, 7, 0.5).margin()).isZero();
    assertThat(new Policy(Policy.Rule.FIXED, 3, Double.NaN)).isEqualTo(Policy.FIXED);
  }

  @Test
  void scoreThresholdIsInTheHalfOpenInterval_forUntilScoreOnly() {
    assertThat(Policy.untilScore(1.0).scoreThreshold()).isEqualTo(1.0);
    assertThat(Policy.untilScore(Double.MIN_VALUE).scoreThreshold()).isEqualTo(Double.MIN_VALUE);
    for (double bad : new double[] {0, -0.1, Math.nextUp(1.0), Double.NaN}) {
      assertThatThrownBy(() -> Policy.untilScore(bad))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("score_threshold = ")
          .hasMessageEndingWith("must be a number in (0, 1]");
    }
    // the other rules carry no threshold (NaN), whatever is passed
    assertThat(new Policy(Policy.Rule.UNTIL_LEAD, 2, 0.5).scoreThreshold()).isNaN();
    assertThat(new Policy(Policy.Rule.FIXED, 0, 0.5)).isEqualTo(Policy.FIXED);
  }

  @Test
  void labelsNameTheRuleAndItsParameter_inShortestDecimalForm() {
    assertThat(Policy.FIXED.label()).isEqualTo("fixed");
    assertThat(Policy.UNTIL_PASS.label()).isEqualTo("until-pass");
    assertThat(Policy.UNTIL_DECIDED.toString()).isEqualTo("until-decided");
    assertThat(Policy.untilLead(3).label()).isEqualTo("until-lead(margin=3)");
    assertThat(Policy.untilScore(0.9).label()).isEqualTo("until-score(score_threshold=0.9)");
    assertThat(Policy.untilScore(1).label()).isEqualTo("until-score(score_threshold=1)");
    assertThat(Policy.untilScore(0.125).toString()).isEqualTo("until-score(score_threshold=0.125)");
    // six significant digits; an exponent form keeps its zeros
    assertThat(Policy.untilScore(0.1234567).label()).isEqualTo("until-score(score_threshold=0.123457)");
    assertThat(Policy.untilScore(1e-7).label()).isEqualTo("until-score(score_threshold=1.00000e-07)");
  }

  @Test
  void rulesByIdAndTheModelsEachAppliesTo() {
    assertThat(Policy.Rule.ids()).containsExactly("fixed", "until-pass", "until-decided", "until-lead", "until-score");
    for (Policy.Rule r : Policy.Rule.values()) {
      assertThat(Policy.Rule.of(r.id())).isSameAs(r);
      assertThat(r.description()).isNotBlank();
    }
    assertThatThrownBy(() -> Policy.Rule.of("until-bored"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("policy = until-bored: must be one of fixed, until-pass, until-decided, until-lead, until-score");
    assertThat(Policy.Rule.FIXED.models()).isEmpty();
    assertThat(Policy.Rule.UNTIL_PASS.models()).containsExactlyInAnyOrder(PassAtK.ID, PassAtKWithUnsolved.ID);
    assertThat(Policy.Rule.UNTIL_DECIDED.models()).containsExactly(MajorityVote.ID);
    assertThat(Policy.Rule.UNTIL_LEAD.models()).containsExactly(MajorityVote.ID);
    assertThat(Policy.Rule.UNTIL_SCORE.models()).containsExactly(GaussianBestOfK.ID);
  }

  @Test
  void appliesToIsTheTableOfSemantics35_andCheckRefusesTheRest() {
    // rows: fixed, until-pass, until-decided, until-lead, until-score; columns: the five accuracy models
    Policy[] policies = {Policy.FIXED, Policy.UNTIL_PASS, Policy.UNTIL_DECIDED, Policy.untilLead(2), Policy.untilScore(0.7)};
    var models = List.of(SCORES, PASS, UNSOLVED, VOTE, SELECTOR);
    boolean[][] table = {
        {true, true, true, true, true},
        {false, true, true, false, false},
        {false, false, false, true, false},
        {false, false, false, true, false},
        {true, false, false, false, false}};
    for (int i = 0; i < policies.length; i++) {
      for (int j = 0; j < models.size(); j++) {
        Policy p = policies[i];
        var model = models.get(j);
        assertThat(p.appliesTo(model)).as("%s on %s", p, model.id()).isEqualTo(table[i][j]);
        if (table[i][j]) {
          p.check("m", model);
        } else {
          assertThatThrownBy(() -> p.check("m", model))
              .isInstanceOf(InvalidInputException.class)
              .hasMessageStartingWith("policy = " + p.rule().id() + ": does not apply to model m, whose accuracy model is "
                  + model.id() + "; " + p.rule().id() + " applies to ");
        }
      }
      List<Policy> asked = List.of(policies);
      for (var model : models) {
        assertThat(Policy.applicable(asked, model)).containsExactlyElementsOf(
            asked.stream().filter(x -> x.appliesTo(model)).toList());
      }
    }
    // the list of models in the message is sorted, so it reads the same on every run
    assertThatThrownBy(() -> Policy.UNTIL_PASS.check("m", SCORES))
        .hasMessageEndingWith("until-pass applies to pass-at-k, pass-at-k-with-unsolved");
    assertThat(Policy.applicable(List.of(Policy.UNTIL_PASS, Policy.FIXED), SCORES)).containsExactly(Policy.FIXED);
    assertThat(Policy.FIXED.isFixed()).isTrue();
    assertThat(Policy.untilLead(1).isFixed()).isFalse();
  }

  @Test
  void expandGivesEachRuleOnce_withEachMarginAndThreshold_inTheOrderAsked() {
    assertThat(Policy.expand(List.of(), List.of(), List.of())).containsExactly(Policy.FIXED);
    assertThat(Policy.expand(List.of(" until-pass ", "fixed", "until-pass"), List.of(), List.of()))
        .containsExactly(Policy.UNTIL_PASS, Policy.FIXED);
    assertThat(Policy.expand(List.of("until-score", "until-lead", "until-decided"), List.of(3, 1, 3), List.of(0.9, 0.5)))
        .containsExactly(Policy.untilScore(0.9), Policy.untilScore(0.5), Policy.untilLead(3), Policy.untilLead(1),
            Policy.UNTIL_DECIDED);
  }

  @Test
  void expandRefusesMissingAndStrayParameters_namingThem() {
    assertThatThrownBy(() -> Policy.expand(List.of("until-lead"), List.of(), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("margin: until-lead needs a margin (an integer >= 1, or a list)");
    assertThatThrownBy(() -> Policy.expand(List.of("until-score"), List.of(), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("score_threshold: until-score needs a score threshold (a number in (0, 1], or a list)");
    assertThatThrownBy(() -> Policy.expand(List.of("fixed", "until-score"), List.of(2, 4), List.of(0.5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("margin = 2,4: applies only to the until-lead policy, which was not asked for");
    assertThatThrownBy(() -> Policy.expand(List.of("until-lead"), List.of(2), List.of(0.5, 0.25)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("score_threshold = 0.5,0.25: applies only to the until-score policy, which was not asked for");
    // a margin given with no rules at all (so fixed) is stray too
    assertThatThrownBy(() -> Policy.expand(List.of(), List.of(1), List.of()))
        .hasMessageStartingWith("margin = 1: ");
  }

  /**
   * A cap that fits in one round (k ≤ P) cannot stop early, so there a stopping policy's point is the
   * fixed policy's: it is left out when fixed is asked too, kept when it is not. Fixed is always kept.
   */
  @Test
  void distinctAtKeepsAStoppingPointOnlyWhenItCanDifferFromFixed() {
    List<Policy> withFixed = List.of(Policy.FIXED, Policy.UNTIL_PASS);
    List<Policy> alone = List.of(Policy.UNTIL_PASS);
    for (int parallel : new int[] {1, 4}) {
      for (int k = 1; k <= 9; k++) {
        assertThat(Policy.FIXED.distinctAt(k, parallel, withFixed)).isTrue();
        assertThat(Policy.UNTIL_PASS.distinctAt(k, parallel, withFixed)).as("k=%d P=%d", k, parallel)
            .isEqualTo(k > parallel);
        assertThat(Policy.UNTIL_PASS.distinctAt(k, parallel, alone)).isTrue();
      }
    }
  }
}
