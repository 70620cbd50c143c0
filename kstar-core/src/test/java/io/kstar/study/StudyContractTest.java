package io.kstar.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.accuracy.SelectorBestOfK;
import io.kstar.budget.Budget;
import io.kstar.budget.Scenario;
import io.kstar.estimate.ExactEstimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.estimate.QuantileMethod;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.plan.Confidence;
import io.kstar.policy.Policy;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.select.AccuracyMax;
import io.kstar.space.OperatingPoint;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The study on profiles with closed forms: lengths without spread, so "big" costs 5e-4 USD a sample
 * and "small" 5e-5, each 0.5 s; pass@k with Beta(1, 1) difficulty (E[A(k)] = k/(k + 1)) for big and
 * Beta(1, 3) (E[A(k)] = k/(k + 3)) for small; P = 2.
 */
class StudyContractTest {

  static final ModelProfile BIG = ModelProfile.builder("big").name(null).prices(1e-6, 2e-6).speeds(1e-3, 2e-3)
      .inputTokens(100, 0).outputTokens(200, 0)
      .scores(0.5, 0.1).parallel(2).build()
      .withAccuracy(new PassAtK(new BetaDifficulty(1, 1)));
  static final ModelProfile SMALL = ModelProfile.builder("small").name(null).prices(1e-7, 2e-7).speeds(1e-3, 2e-3)
      .inputTokens(100, 0).outputTokens(200, 0)
      .scores(0.5, 0.1).parallel(2).build()
      .withAccuracy(new PassAtK(new BetaDifficulty(1, 3)));
  static final ModelProfile SCORES = ModelProfile.builder("scores").name(null).prices(1e-7, 2e-7).speeds(1e-3, 2e-3)
      .inputTokens(100, 0).outputTokens(200, 0)
      .scores(0.6, 0.1).parallel(2).build();

  static StudyOptions options(List<Policy> policies) {
    return new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.empty(), OptionalInt.empty(), 1e-6, 1,
        Optional.empty(), Confidence.OFF, policies);
  }

  static Scenario scenario(String name, double cost, double floor, Integer kMax) {
    return new Scenario(name, null, Budget.of(cost, 100, floor), kMax == null ? OptionalInt.empty() : OptionalInt.of(kMax));
  }

  @Test
  void optionsAreChecked_fieldByField() {
    assertThatThrownBy(() -> options(List.of())).isInstanceOf(InvalidInputException.class)
        .hasMessage("policy = []: must list at least one policy");
    for (double bad : new double[] {-1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.empty(),
          OptionalInt.empty(), bad, 1, Optional.empty())).isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("accuracy_tolerance = ").hasMessageEndingWith("must be a finite number >= 0");
    }
    for (int bad : new int[] {0, Grid.MAX_K + 1}) {
      assertThatThrownBy(() -> new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.empty(),
          OptionalInt.empty(), 0, bad, Optional.empty())).isInstanceOf(InvalidInputException.class)
          .hasMessage("baseline_k = " + bad + ": must be an integer in [1, 16777216]");
      assertThatThrownBy(() -> new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.of(bad),
          OptionalInt.empty(), 0, 1, Optional.empty())).isInstanceOf(InvalidInputException.class)
          .hasMessage("k_max = " + bad + ": must be an integer in [1, 16777216]");
    }
    for (int bad : new int[] {0, ModelProfile.MAX_PARALLEL + 1}) {
      assertThatThrownBy(() -> new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.empty(),
          OptionalInt.of(bad), 0, 1, Optional.empty())).isInstanceOf(InvalidInputException.class)
          .hasMessage("parallel = " + bad + ": must be an integer in [1, 1048576]");
    }
    // the edges are allowed
    new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.of(Grid.MAX_K), OptionalInt.of(1), 0,
        Grid.MAX_K, Optional.empty());
    new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.of(1), OptionalInt.of(ModelProfile.MAX_PARALLEL),
        0, 1, Optional.empty());
    assertThatThrownBy(() -> new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.empty(),
        OptionalInt.empty(), 0, 1, Optional.empty(), null)).isInstanceOf(NullPointerException.class);
    assertThat(options(List.of(Policy.UNTIL_PASS, Policy.FIXED, Policy.UNTIL_PASS)).policies())
        .containsExactly(Policy.UNTIL_PASS, Policy.FIXED);
    StudyOptions d = StudyOptions.defaults(new ExactEstimator());
    assertThat(d.grid()).isEqualTo(Grid.Kind.BATCH);
    assertThat(d.kMax()).isEmpty();
    assertThat(d.parallel()).isEmpty();
    assertThat(d.accuracyTolerance()).isEqualTo(1e-6);
    assertThat(d.baselineK()).isEqualTo(1);
    assertThat(d.referenceModel()).isEmpty();
    assertThat(d.confidence()).isEqualTo(Confidence.OFF);
    assertThat(d.policies()).containsExactly(Policy.FIXED);
  }

  @Test
  void kMaxIsTheFlagsThenTheScenariosThen128() {
    Scenario own = scenario("own", 1, 0.5, 16);
    Scenario none = scenario("none", 1, 0.5, null);
    StudyOptions plain = options(List.of(Policy.FIXED));
    StudyOptions flag = new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.of(8), OptionalInt.empty(),
        1e-6, 1, Optional.empty());
    assertThat(Study.kMaxOf(own, plain)).isEqualTo(16);
    assertThat(Study.kMaxOf(none, plain)).isEqualTo(128);
    assertThat(Study.kMaxOf(own, flag)).isEqualTo(8);
    assertThat(Study.kMaxOf(none, flag)).isEqualTo(8);
  }

  @Test
  void theLargestModelIsTheDearestPerSample_theFirstOnATie() {
    assertThat(Study.largest(new Catalog(List.of(SMALL, BIG, SCORES)))).isEqualTo("big");
    assertThat(Study.largest(new Catalog(List.of(SMALL, SCORES)))).isEqualTo("small");
    assertThat(Study.largest(new Catalog(List.of(SCORES, SMALL)))).isEqualTo("scores");
  }

  /**
   * Scenario "dear" caps cost at 2e-3, so big stops at k = 4 (A = 4/5, 2e-3 USD); small reaches 4/5 at
   * k = 12 (12/15) for 6e-4: the claim holds at 30 % of big's cost. Scenario "loose": big's
   * accuracy-max is k = 16 (16/17); small would need k = 48: the claim does not hold. Scenario "hard"
   * asks 0.95, beyond big's 16/17: no reference pick.
   */
  @Test
  void theHeadlineMatchesAreTheCheapestReachingTheReference_andSayWhetherTheClaimHolds() {
    List<Scenario> scenarios = List.of(scenario("dear", 2e-3, 0.5, 16), scenario("loose", 1, 0.5, 16),
        scenario("hard", 1, 0.95, 16));
    StudyResult r = Study.run(new Catalog(List.of(BIG, SMALL)), scenarios, options(List.of(Policy.FIXED)));
    List<Headline.Match> m = r.headline().matches();
    assertThat(m).extracting(Headline.Match::scenario).containsExactly("dear", "loose", "hard");
    assertThat(m).allMatch(x -> x.referenceModel().equals("big"));
    Headline.Match dear = m.get(0);
    assertThat(dear.reference().orElseThrow().k()).isEqualTo(4);
    assertThat(dear.cheapest().orElseThrow().model()).isEqualTo("small");
    assertThat(dear.cheapest().orElseThrow().k()).isEqualTo(12);
    assertThat(dear.costRatio()).isCloseTo(0.3, within(1e-12));
    assertThat(dear.verdict()).isEqualTo("holds: small with k = 12 reaches 0.8000 (>= 0.8000) at 30.0% of big's cost");
    Headline.Match loose = m.get(1);
    assertThat(loose.reference().orElseThrow().k()).isEqualTo(16);
    assertThat(loose.cheapest()).isEqualTo(loose.reference());
    assertThat(loose.costRatio()).isEqualTo(1.0);
    assertThat(loose.verdict()).isEqualTo("holds not: no other model reaches big's accuracy more cheaply");
    Headline.Match hard = m.get(2);
    assertThat(hard.reference()).isEmpty();
    assertThat(hard.cheapest()).isEmpty();
    assertThat(hard.costRatio()).isNaN();
    assertThat(hard.verdict()).isEqualTo("big has no feasible k in this scenario, so there is no accuracy to match");
    // a reference named by the options, and one that is not in the catalog
    StudyOptions small = new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.empty(), OptionalInt.empty(),
        1e-6, 1, Optional.of("small"));
    assertThat(Study.run(new Catalog(List.of(BIG, SMALL)), scenarios.subList(0, 1), small).headline().matches().get(0)
        .referenceModel()).isEqualTo("small");
    StudyOptions nobody = new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.empty(),
        OptionalInt.empty(), 1e-6, 1, Optional.of("nobody"));
    assertThatThrownBy(() -> Study.run(new Catalog(List.of(BIG)), scenarios.subList(0, 1), nobody))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("reference_model = nobody");
  }

  /** Each scenario plans on its own grid, read off one curve per model estimated on the union of the grids. */
  @Test
  void eachScenarioReadsItsOwnGridOffOneCurvePerModel() {
    List<Scenario> scenarios = List.of(scenario("four", 1, 0.5, 4), scenario("eight", 1, 0.5, 8));
    StudyResult r = Study.run(new Catalog(List.of(BIG, SMALL)), scenarios, options(List.of(Policy.FIXED)));
    assertThat(r.scenarios()).extracting(ScenarioResult::kMax).containsExactly(4, 8);
    for (ScenarioResult s : r.scenarios()) {
      for (ModelResult mr : s.models()) {
        // one curve per model on the union of the grids (and the baseline k = 1)
        assertThat(mr.curve().points()).extracting(p -> p.k()).containsExactly(1, 2, 4, 6, 8);
        assertThat(mr.gridPoints()).isEqualTo(s.kMax() / 2);
        assertThat(mr.plan().space().all()).extracting(OperatingPoint::k)
            .containsExactlyElementsOf(s.kMax() == 4 ? List.of(2, 4) : List.of(2, 4, 6, 8));
        assertThat(mr.parallel()).isEqualTo(2);
        for (OperatingPoint o : mr.plan().space().all()) {
          double a = mr.model().id().equals("big") ? o.k() / (o.k() + 1.0) : o.k() / (o.k() + 3.0);
          assertThat(o.accuracy()).isCloseTo(a, within(1e-12));
          assertThat(mr.at(o).k()).isEqualTo(o.k());
          assertThat(mr.pMeets(o)).isEqualTo(a >= 0.5 ? 1.0 : 0.0);
        }
        assertThat(mr.plan().oneD().selection().point().orElseThrow().k()).isEqualTo(1);
      }
    }
    assertThat(r.estimator()).isEqualTo("exact");
    assertThat(r.grid()).isEqualTo(Grid.Kind.BATCH);
    assertThat(r.quantileMethod()).isEqualTo(QuantileMethod.EXACT_ACCURACY_NORMAL_APPROX_SUMS);
    assertThat(r.trials()).isNull();
    assertThat(r.seed()).isNull();
    assertThat(r.notes()).isEmpty();
    // a P given for the study overrides every model's
    StudyResult one = Study.run(new Catalog(List.of(BIG)), scenarios.subList(0, 1), new StudyOptions(new ExactEstimator(),
        Grid.Kind.BATCH, OptionalInt.empty(), OptionalInt.of(1), 1e-6, 1, Optional.empty()));
    assertThat(one.scenarios().get(0).models().get(0).parallel()).isEqualTo(1);
    assertThat(one.scenarios().get(0).models().get(0).gridPoints()).isEqualTo(4);
  }

  /**
   * Two points at exactly the same cost: "twice" costs 2·E[C₁] of "half" per sample (prices doubled, an
   * exact binary scaling), so twice at k = 2 and half at k = 4 cost 4·E[C₁,half] to the bit. Both reach
   * big's accuracy-max pick (k = 2 under a 1e-3 USD budget, A = 2/3): twice with Beta(1, 1) at k = 2
   * (2/3), half with Beta(1, 2) at k = 4 (1 − B(1, 6)/B(1, 2) = 2/3), within the 1e-6 tolerance; nothing
   * cheaper does. The tie goes to the smaller k, whichever model is listed first.
   */
  @Test
  void aMatchTiedInCostGoesToTheSmallerK() {
    ModelProfile twice = ModelProfile.builder("twice").name(null).prices(2e-7, 4e-7).speeds(1e-3, 2e-3)
        .inputTokens(100, 0).outputTokens(200, 0)
        .scores(0.5, 0.1).parallel(2).build()
        .withAccuracy(new PassAtK(new BetaDifficulty(1, 1)));
    ModelProfile half = ModelProfile.builder("half").name(null).prices(1e-7, 2e-7).speeds(1e-3, 2e-3)
        .inputTokens(100, 0).outputTokens(200, 0)
        .scores(0.5, 0.1).parallel(2).build()
        .withAccuracy(new PassAtK(new BetaDifficulty(1, 2)));
    Scenario s = scenario("tie", 1e-3, 0.5, 4);
    for (List<ModelProfile> order : List.of(List.of(BIG, half, twice), List.of(BIG, twice, half))) {
      StudyResult r = Study.run(new Catalog(order), List.of(s), options(List.of(Policy.FIXED)));
      Headline.Match m = r.headline().matches().get(0);
      assertThat(m.reference().orElseThrow().k()).isEqualTo(2);
      OperatingPoint c = m.cheapest().orElseThrow();
      assertThat(c.model()).isEqualTo("twice");
      assertThat(c.k()).isEqualTo(2);
      assertThat(c.costUsd()).isEqualTo(4 * (1e-7 * 100 + 2e-7 * 200));
    }
  }

  /** No scenario: nothing planned, an empty headline, no reference to look for. */
  @Test
  void aStudyOfNoScenarioIsEmpty() {
    StudyResult r = Study.run(new Catalog(List.of(BIG)), List.of(), options(List.of(Policy.FIXED)));
    assertThat(r.scenarios()).isEmpty();
    assertThat(r.headline().matches()).isEmpty();
    assertThat(r.headline().adaptive()).isEmpty();
    assertThat(r.headline().kneeVsAccuracyMax().pairs()).isZero();
  }

  /** With a confidence, a point is feasible only when the share of replicates meeting the floor reaches it. */
  @Test
  void aConfidenceFiltersEachScenariosFeasibleSet() {
    List<io.kstar.accuracy.AccuracyModel> reps = new java.util.ArrayList<>();
    for (double a : new double[] {0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0, 2.2, 2.4}) {
      reps.add(new PassAtK(new BetaDifficulty(a, 1)));
    }
    ModelProfile cal = BIG.withCalibration(new io.kstar.profile.Calibration("t", 8, reps));
    Scenario s = scenario("s", 1, 0.75, 8);
    StudyOptions sure = new StudyOptions(new ExactEstimator(), Grid.Kind.BATCH, OptionalInt.empty(), OptionalInt.empty(),
        1e-6, 1, Optional.empty(), Confidence.of(0.85));
    ModelResult plain = Study.run(new Catalog(List.of(cal)), List.of(s), options(List.of(Policy.FIXED)))
        .scenarios().get(0).models().get(0);
    ModelResult robust = Study.run(new Catalog(List.of(cal)), List.of(s), sure).scenarios().get(0).models().get(0);
    int dropped = 0;
    for (OperatingPoint o : plain.plan().space().feasible()) {
      int k = o.k();
      long share = reps.stream().filter(r -> r.mean(k) >= 0.75).count();
      assertThat(plain.pMeets(o)).isEqualTo(share / 10.0);
      assertThat(robust.plan().space().feasible().contains(o)).as("k=%d", k).isEqualTo(share / 10.0 >= 0.85);
      dropped += share / 10.0 >= 0.85 ? 0 : 1;
    }
    assertThat(dropped).isPositive();
  }

  @Test
  void monteCarloStudiesCarryTheirTrialsAndSeed() {
    StudyOptions mc = new StudyOptions(new MonteCarloEstimator(50, 9, 1), Grid.Kind.BATCH, OptionalInt.empty(),
        OptionalInt.empty(), 1e-6, 1, Optional.empty());
    StudyResult r = Study.run(new Catalog(List.of(BIG)), List.of(scenario("s", 1, 0.5, 4)), mc);
    assertThat(r.estimator()).isEqualTo("monte-carlo");
    assertThat(r.trials()).isEqualTo(50);
    assertThat(r.seed()).isEqualTo(9L);
    assertThat(r.quantileMethod()).isEqualTo(QuantileMethod.SIMULATED);
  }

  @Test
  void policiesArePlannedWhereTheyApply_andTheNotesSayWhereNot() {
    Catalog c = new Catalog(List.of(BIG, SCORES));
    List<Scenario> s = List.of(scenario("s", 1, 0.5, 8));
    StudyResult both = Study.run(c, s, options(List.of(Policy.FIXED, Policy.UNTIL_PASS)));
    assertThat(both.notes()).containsExactly("scores: planned without until-pass, which does not apply to its"
        + " gaussian-best-of-k accuracy model");
    ModelResult big = both.scenarios().get(0).models().get(0);
    assertThat(big.curves().keySet()).containsExactly(Policy.FIXED, Policy.UNTIL_PASS);
    // fixed at every k of the grid, until-pass where it can stop early (k > P = 2), ordered by k then policy
    assertThat(big.plan().space().all()).extracting(o -> o.k() + "/" + o.policy().label()).containsExactly(
        "2/fixed", "4/fixed", "4/until-pass", "6/fixed", "6/until-pass", "8/fixed", "8/until-pass");
    assertThat(big.gridPoints()).isEqualTo(7);
    ModelResult scores = both.scenarios().get(0).models().get(1);
    assertThat(scores.curves().keySet()).containsExactly(Policy.FIXED);
    StudyResult passOnly = Study.run(c, s, options(List.of(Policy.UNTIL_PASS)));
    assertThat(passOnly.notes()).containsExactly("scores: none of the policies asked applies to its gaussian-best-of-k"
        + " accuracy model; planned under fixed k");
    assertThat(passOnly.scenarios().get(0).models().get(1).curve().policy()).isEqualTo(Policy.FIXED);
    // until-pass alone keeps its k ≤ P point; its 1-D baseline is under until-pass too (k = 1 ≤ P: the same as fixed)
    ModelResult bigPass = passOnly.scenarios().get(0).models().get(0);
    assertThat(bigPass.plan().space().all()).extracting(OperatingPoint::k).containsExactly(2, 4, 6, 8);
    assertThat(bigPass.plan().oneD().selection().point().orElseThrow().policy()).isEqualTo(Policy.UNTIL_PASS);
    assertThatThrownBy(() -> Study.run(c, s, options(List.of(Policy.UNTIL_DECIDED))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("policy = until-decided: applies to none of the models; until-decided applies to majority-vote");
  }

  @Test
  void kneeVsAccuracyMaxWithoutPairsIsNaN() {
    Headline.KneeVsAccuracyMax h = Study.kneeVsAccuracyMax(List.of());
    assertThat(h.pairs()).isZero();
    assertThat(h.medianCostSaved()).isNaN();
    assertThat(h.medianLatencySaved()).isNaN();
    assertThat(h.medianAccuracyPointsGivenUp()).isNaN();
  }

  /**
   * What adaptive stopping saves at each accuracy-max pick with k > P, for big (pass@k → until-pass):
   * at cap k = 2r rounds of 2, P(R > j) = P(no pass in 2j samples) = 1/(2j + 1), so
   * E[N] = 2·Σ_{j<r} 1/(2j + 1) and E[R] = Σ_{j<r} 1/(2j + 1); accuracy is pass@k exactly.
   */
  @Test
  void adaptiveSavingsAreTheStoppingLawsAtEachPick() {
    List<Scenario> scenarios = List.of(scenario("eight", 1, 0.5, 8), scenario("one-round", 1e-3, 0.5, 8));
    StudyResult r = Study.run(new Catalog(List.of(BIG)), scenarios, options(List.of(Policy.FIXED)));
    List<AdaptiveSavings.Row> rows = r.headline().adaptive();
    // "one-round": cost ≤ 1e-3 allows k = 2 only, a single round: nothing to stop, no row
    assertThat(rows).hasSize(1);
    AdaptiveSavings.Row row = rows.get(0);
    assertThat(row.scenario()).isEqualTo("eight");
    assertThat(row.model()).isEqualTo("big");
    assertThat(row.k()).isEqualTo(8);
    assertThat(row.parallel()).isEqualTo(2);
    assertThat(row.policy()).isEqualTo(Policy.UNTIL_PASS);
    double rounds = 1 + 1 / 3.0 + 1 / 5.0 + 1 / 7.0;
    assertThat(row.samplesSaved()).isCloseTo(1 - 2 * rounds / 8, within(1e-12));
    assertThat(row.costSaved()).isCloseTo(1 - 2 * rounds / 8, within(1e-12));
    assertThat(row.latencySaved()).isCloseTo(1 - rounds / 4, within(1e-12));
    assertThat(row.accuracyPointsGivenUp()).isCloseTo(0, within(1e-10));
    assertThat(row.fixed().accuracy().mean()).isCloseTo(8 / 9.0, within(1e-12));
  }

  @Test
  void theStoppingPolicyFitsTheAccuracyModel() {
    BetaDifficulty d = new BetaDifficulty(2, 1);
    assertThat(AdaptiveSavings.policyFor(BIG, 2, 8, 0.9)).contains(Policy.UNTIL_PASS);
    assertThat(AdaptiveSavings.policyFor(BIG.withAccuracy(new MajorityVote(d, 2)), 2, 8, 0.9))
        .contains(Policy.UNTIL_DECIDED);
    assertThat(AdaptiveSavings.policyFor(BIG.withAccuracy(new SelectorBestOfK(d, 0.9)), 2, 8, 0.9)).isEmpty();
    Policy score = AdaptiveSavings.policyFor(SCORES, 2, 8, SCORES.accuracy().mean(8)).orElseThrow();
    assertThat(score.rule()).isEqualTo(Policy.Rule.UNTIL_SCORE);
    assertThat(score.scoreThreshold())
        .isEqualTo(AdaptiveSavings.threshold(SCORES, 2, 8, SCORES.accuracy().mean(8) - AdaptiveSavings.ACCURACY_POINTS / 100));
  }

  /**
   * The bisection's ends: a target no threshold reaches gives 1 (the highest, "never stop early" in
   * effect); a target every threshold reaches gives the lowest step above 0.
   */
  @Test
  void theThresholdSearchEnds() {
    assertThat(AdaptiveSavings.threshold(SCORES, 2, 8, 2.0)).isEqualTo(1.0);
    assertThat(AdaptiveSavings.threshold(SCORES, 2, 8, 0.0)).isEqualTo(AdaptiveSavings.THRESHOLD_STEP);
    assertThat(AdaptiveSavings.ACCURACY_POINTS).isEqualTo(0.5);
  }
}
