package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.Speeds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PolicyReplay's contract (its javadoc) on logs whose replay can be worked out by hand: questions whose
 * samples are all alike make every order the same, so samples, rounds, cost and accuracy are exact; a
 * question with one right sample of n has it among the first k of a random order with probability k/n.
 */
class PolicyReplayContractTest {

  static ModelProfile profile(AccuracyModel accuracy) {
    return new ModelProfile("p", "P", new Prices(1e-6, 2e-6), new Speeds(1e-4, 1e-2), new LengthModel.ClippedNormalLength(100, 0),
        new LengthModel.ClippedNormalLength(50, 0), accuracy, LatencyModel.DEFAULT, 2);
  }

  static final ModelProfile PASS = profile(new PassAtK(new BetaDifficulty(1, 1)));

  static LogRecords.Sample sample(String q, Boolean correct, Double cost, String answer, Double score) {
    return new LogRecords.Sample(1, q, "logged-model", 100, 50, 1, cost, correct, score, answer, null);
  }

  /** n samples of question q, all right or all wrong, each costing 0.01. */
  static List<LogRecords.Sample> alike(String q, int n, boolean right) {
    List<LogRecords.Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(sample(q, right, 0.01, right ? "A" : "B" + (i % 2), null));
    }
    return out;
  }

  @Test
  void untilPass_stopsAfterTheFirstRoundWithARightSample_orDrawsAllK() {
    List<LogRecords.Sample> logs = new ArrayList<>(alike("easy", 8, true));
    logs.addAll(alike("hard", 8, false));
    logs.addAll(alike("short", 3, true)); // fewer than k samples: skipped
    PolicyReplay.Result r = PolicyReplay.run(logs, PASS, Policy.UNTIL_PASS, 2, 6, 5, 200, 1);
    assertThat(r.questions()).isEqualTo(2);
    assertThat(r.skippedQuestions()).isEqualTo(1);
    assertThat(r.model()).isEqualTo("logged-model");
    assertThat(r.k()).isEqualTo(6);
    assertThat(r.parallel()).isEqualTo(2);
    assertThat(r.orders()).isEqualTo(5);
    assertThat(r.bootstrap()).isEqualTo(200);
    assertThat(r.seed()).isEqualTo(1);
    assertThat(r.estimates()).extracting(PolicyReplay.Estimate::name).containsExactly("samples", "rounds", "cost_usd", "accuracy");
    // easy: one round of 2 samples, answered; hard: 3 rounds of 2, not answered
    double[] expected = {(2 + 6) / 2.0, (1 + 3) / 2.0, (0.02 + 0.06) / 2, 0.5};
    double[][] range = {{2, 6}, {1, 3}, {0.02, 0.06}, {0, 1}};
    for (int j = 0; j < 4; j++) {
      PolicyReplay.Estimate e = r.estimates().get(j);
      assertThat(e.replayed()).as(e.name()).isCloseTo(expected[j], within(1e-12));
      // a bootstrap mean over the two questions lies between their values
      assertThat(e.p05()).as(e.name()).isBetween(range[j][0] - 1e-12, e.replayed());
      assertThat(e.p95()).as(e.name()).isBetween(e.replayed(), range[j][1] + 1e-12);
    }
  }

  @Test
  void fixed_drawsAllK_andAnswersWhenARightSampleIsAmongThem_kOverNOfTheOrders() {
    // one right sample among 4: in the first k = 2 of a random order with probability 2/4
    List<LogRecords.Sample> logs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      logs.add(sample("q", i == 0, null, null, null));
    }
    logs.addAll(alike("r", 4, true));
    int orders = 4000;
    PolicyReplay.Result r = PolicyReplay.run(logs, PASS, Policy.FIXED, 1, 2, orders, 50, 3);
    assertThat(r.estimates().get(0).replayed()).isEqualTo(2);
    assertThat(r.estimates().get(1).replayed()).isEqualTo(2);
    // cost from tokens at the profile's prices when a record carries none: 100·1e-6 + 50·2e-6 per sample
    assertThat(r.estimates().get(2).replayed()).isCloseTo((2 * 2e-4 + 2 * 0.01) / 2, within(1e-15));
    // question q: a mean of 4000 Bernoulli(½) orders, SE = 0.5/√4000; question r: always 1
    assertThat(r.estimates().get(3).replayed()).isCloseTo((0.5 + 1) / 2, within(4.5 * 0.5 / Math.sqrt(orders) / 2));
    // the prediction is the exact estimator's: k samples in ⌈k/P⌉ rounds, pass@k of the profile
    assertThat(r.estimates().get(0).predicted()).isEqualTo(2);
    assertThat(r.estimates().get(1).predicted()).isEqualTo(2);
    assertThat(r.estimates().get(3).predicted()).isCloseTo(PASS.accuracy().mean(2), within(1e-12));
  }

  @Test
  void voteRules_stopWhenTheWinnerIsDecided_orLeadsByTheMargin() {
    // one wrong answer in the profile: the exact estimator's prediction of until-lead needs m = 1
    ModelProfile vote = profile(new MajorityVote(new BetaDifficulty(2, 1), 1));
    List<LogRecords.Sample> logs = alike("same", 6, true);
    // every sample answers A: after n samples the lead is n; until-decided stops once n > k − n (k = 5: n = 3)
    PolicyReplay.Result decided = PolicyReplay.run(logs, vote, Policy.UNTIL_DECIDED, 1, 5, 3, 20, 1);
    assertThat(decided.estimates().get(0).replayed()).isEqualTo(3);
    assertThat(decided.estimates().get(1).replayed()).isEqualTo(3);
    assertThat(decided.estimates().get(3).replayed()).isEqualTo(1);
    // until-lead(2) stops at a lead of 2 (n = 2); in rounds of 2 that is after the first round
    assertThat(PolicyReplay.run(logs, vote, Policy.untilLead(2), 1, 5, 3, 20, 1).estimates().get(0).replayed()).isEqualTo(2);
    PolicyReplay.Result lead = PolicyReplay.run(logs, vote, Policy.untilLead(3), 2, 5, 3, 20, 1);
    assertThat(lead.estimates().get(0).replayed()).isEqualTo(4); // a lead of 3 is first seen after the second round
    assertThat(lead.estimates().get(1).replayed()).isEqualTo(2);
    // all wrong, split between two answers: the vote is never right
    assertThat(PolicyReplay.run(alike("wrong", 6, false), vote, Policy.FIXED, 2, 4, 3, 20, 1).estimates().get(3).replayed())
        .isZero();
  }

  @Test
  void aTieAtTheTop_isBrokenAtRandom() {
    ModelProfile vote = profile(new MajorityVote(new BetaDifficulty(2, 1), 1));
    // one right (A) and one wrong (B) answer: the vote over both is a tie, won half the time
    List<LogRecords.Sample> logs = List.of(sample("q", true, 0.0, "A", null), sample("q", false, 0.0, "B", null));
    int orders = 4000;
    double acc = PolicyReplay.run(logs, vote, Policy.FIXED, 2, 2, orders, 20, 9).estimates().get(3).replayed();
    assertThat(acc).isCloseTo(0.5, within(4.5 * 0.5 / Math.sqrt(orders)));
  }

  @Test
  void untilScore_stopsAtTheFirstRoundReachingTheThreshold_andAnswersTheBestScore() {
    ModelProfile scores = profile(new GaussianBestOfK(0.5, 0.2));
    List<LogRecords.Sample> logs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      logs.add(sample("high", null, 0.0, null, 0.9));
      logs.add(sample("low", null, 0.0, null, 0.3));
    }
    PolicyReplay.Result r = PolicyReplay.run(logs, scores, Policy.untilScore(0.8), 2, 6, 3, 20, 1);
    // high: one round of 2 (0.9 ≥ 0.8); low: all 6 samples, best 0.3
    assertThat(r.estimates().get(0).replayed()).isEqualTo(4);
    assertThat(r.estimates().get(3).replayed()).isCloseTo(0.6, within(1e-15));
    // fixed on a score profile: all k, the best score
    PolicyReplay.Result fixed = PolicyReplay.run(logs, scores, Policy.FIXED, 4, 6, 3, 20, 1);
    assertThat(fixed.estimates().get(0).replayed()).isEqualTo(6);
    assertThat(fixed.estimates().get(1).replayed()).isEqualTo(2);
    assertThat(fixed.estimates().get(3).replayed()).isCloseTo(0.6, within(1e-15));
  }

  @Test
  void whatTheRecordsMustCarry_andTheRanges_areChecked() {
    List<LogRecords.Sample> logs = alike("q", 4, true);
    assertThatThrownBy(() -> PolicyReplay.run(logs, PASS, Policy.UNTIL_PASS, 1, 0, 1, 2, 1)).hasMessageContaining("replay_k");
    assertThatThrownBy(() -> PolicyReplay.run(logs, PASS, Policy.UNTIL_PASS, 0, 2, 1, 2, 1)).hasMessageContaining("replay_parallel");
    assertThatThrownBy(() -> PolicyReplay.run(logs, PASS, Policy.UNTIL_PASS, ModelProfile.MAX_PARALLEL + 1, 2, 1, 2, 1))
        .hasMessageContaining("replay_parallel");
    assertThatThrownBy(() -> PolicyReplay.run(logs, PASS, Policy.UNTIL_PASS, 1, 2, 0, 2, 1)).hasMessageContaining("replay_orders");
    assertThatThrownBy(() -> PolicyReplay.run(logs, PASS, Policy.UNTIL_PASS, 1, 2, 100_001, 2, 1))
        .hasMessageContaining("replay_orders");
    assertThatThrownBy(() -> PolicyReplay.run(logs, PASS, Policy.UNTIL_PASS, 1, 2, 1, 1, 1)).hasMessageContaining("bootstrap");
    assertThatThrownBy(() -> PolicyReplay.run(logs, PASS, Policy.UNTIL_PASS, 1, 2, 1, 100_001, 1)).hasMessageContaining("bootstrap");
    assertThatThrownBy(() -> PolicyReplay.run(logs, PASS, Policy.UNTIL_PASS, 1, 5, 1, 2, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("the most any has is 4");
    assertThatThrownBy(() -> PolicyReplay.run(logs, PASS, Policy.UNTIL_DECIDED, 1, 2, 1, 2, 1))
        .hasMessageContaining("policy = until-decided: does not apply to model p");
    ModelProfile vote = profile(new MajorityVote(new BetaDifficulty(2, 1), 2));
    List<LogRecords.Sample> noAnswer = List.of(sample("q", true, 0.0, null, null), sample("q", true, 0.0, null, null));
    assertThatThrownBy(() -> PolicyReplay.run(noAnswer, vote, Policy.UNTIL_DECIDED, 1, 2, 1, 2, 1))
        .hasMessageContaining(".answer").hasMessageContaining("the vote counts answers");
    assertThatThrownBy(() -> PolicyReplay.run(noAnswer, vote, Policy.FIXED, 1, 2, 1, 2, 1)).hasMessageContaining(".answer");
    List<LogRecords.Sample> noFlag = List.of(sample("q", null, 0.0, "A", 0.5), sample("q", null, 0.0, "A", 0.5));
    assertThatThrownBy(() -> PolicyReplay.run(noFlag, PASS, Policy.UNTIL_PASS, 1, 2, 1, 2, 1)).hasMessageContaining(".correct");
    ModelProfile scores = profile(new GaussianBestOfK(0.5, 0.2));
    assertThatThrownBy(() -> PolicyReplay.run(noAnswer, scores, Policy.untilScore(0.5), 1, 2, 1, 2, 1))
        .hasMessageContaining(".score");
    // a pass@k profile under fixed needs only the flags
    assertThat(PolicyReplay.run(noAnswer, PASS, Policy.FIXED, 1, 2, 1, 2, 1).questions()).isEqualTo(1);
  }

  @Test
  void theEndsOfEachRange_areAccepted() {
    List<LogRecords.Sample> logs = alike("q", 2, true);
    // k = 1, one order, the smallest bootstrap
    PolicyReplay.Result r = PolicyReplay.run(logs, PASS, Policy.UNTIL_PASS, 1, 1, 1, 2, 1);
    assertThat(r.estimates().get(0).replayed()).isEqualTo(1);
    assertThat(PolicyReplay.run(logs, PASS, Policy.UNTIL_PASS, ModelProfile.MAX_PARALLEL, 2, 1, 2, 1).estimates().get(1)
        .replayed()).isEqualTo(1);
    assertThat(PolicyReplay.run(logs, PASS, Policy.FIXED, 1, 2, 100_000, 100_000, 1).orders()).isEqualTo(100_000);
  }

  @Test
  void aPredictionInsideItsInterval_includesTheEnds() {
    assertThat(new PolicyReplay.Estimate("x", 1, 0.5, 1.5, 0.5).predictionInside()).isTrue();
    assertThat(new PolicyReplay.Estimate("x", 1, 0.5, 1.5, 1.5).predictionInside()).isTrue();
    assertThat(new PolicyReplay.Estimate("x", 1, 0.5, 1.5, 0.49).predictionInside()).isFalse();
    assertThat(new PolicyReplay.Estimate("x", 1, 0.5, 1.5, 1.51).predictionInside()).isFalse();
  }
}
