package io.kstar.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.PassAtK;
import io.kstar.budget.Budget;
import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.policy.Policy;
import io.kstar.profile.Calibration;
import io.kstar.profile.ModelProfile;
import io.kstar.select.Baselines;
import io.kstar.space.OperatingPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar plan} on a profile whose every figure has a closed form: lengths without spread
 * (L_in = 100, L_out = 200), so one sample costs 1e-6·100 + 2e-6·200 = 5e-4 USD and takes
 * 1e-3·100 + 2e-3·200 = 0.5 s; accuracy pass@k with difficulty Beta(1, 1), so
 * E[A(k)] = 1 − B(1, 1 + k)/B(1, 1) = k/(k + 1). Hence C(k) = 5e-4·k, T(k) = 0.5·⌈k/P⌉.
 */
class DeploymentTest {

  static final ModelProfile TOY = ModelProfile.builder("toy").name(null).prices(1e-6, 2e-6).speeds(1e-3, 2e-3)
      .inputTokens(100, 0).outputTokens(200, 0)
      .scores(0.5, 0.1).parallel(2).build()
      .withAccuracy(new PassAtK(new BetaDifficulty(1, 1)));

  static double acc(int k) {
    return k / (k + 1.0);
  }

  static Deployment.Request request(Budget b, List<Integer> ps, Grid.Kind grid, int kMax, List<Policy> policies) {
    return new Deployment.Request(TOY, ps, grid, kMax, b, BudgetBasis.MEANS, 1e-6, 1, Confidence.OFF, policies);
  }

  @Test
  void thePickAndItsDetailFollowFromTheClosedForms() {
    // batch grid k ∈ {2, 4, 6, 8}; cost ≤ 0.0031 admits k ≤ 6; accuracy ≥ 0.7 admits k ≥ 3
    Budget b = Budget.of(0.0031, 10, 0.7);
    Deployment.Result r = Deployment.plan(request(b, List.of(2), Grid.Kind.BATCH, 8, List.of(Policy.FIXED)),
        new ExactEstimator());
    assertThat(r.feasibleKs()).containsExactly(java.util.Map.entry(2, List.of(4, 6)));
    assertThat(Deployment.anyFeasible(r)).isTrue();
    PickDetail am = r.picks().get(0);
    assertThat(am.selection().selector()).isEqualTo("accuracy-max");
    assertThat(am.point().k()).isEqualTo(6);
    assertThat(am.parallel()).isEqualTo(2);
    // slacks: cost 1 − 0.003/0.0031 = 1/31; latency 1 − 1.5/10 = 0.85; accuracy (6/7 − 0.7)/0.3 = 0.524
    assertThat(am.nearestBudget()).isEqualTo("max_cost_usd");
    assertThat(am.slack()).isCloseTo(1.0 / 31, within(1e-12));
    // to the next grid point, k = 8: ΔC = 1e-3 USD, ΔT = 0.5 s, ΔA = 8/9 − 6/7 in points
    double dA = 100 * (acc(8) - acc(6));
    assertThat(am.usdPerAccuracyPoint()).isCloseTo(1e-3 / dA, within(1e-15));
    assertThat(am.secondsPerAccuracyPoint()).isCloseTo(0.5 / dA, within(1e-12));
    assertThat(am.costOfPass()).isCloseTo(3e-3 / acc(6), within(1e-15));
    // point masses within budget: no cost or latency breach; P(A < 0.7) = P(A = 0) = 1/7
    assertThat(am.pCostOver()).isZero();
    assertThat(am.pLatencyOver()).isZero();
    assertThat(am.pAccuracyUnder()).isCloseTo(1.0 / 7, within(1e-12));
    // the 1-D baseline k = 1 is computed although 1 is not on the batch grid: it breaks the floor (A = 1/2)
    PickDetail oneD = r.oneD();
    assertThat(oneD.point().k()).isEqualTo(1);
    assertThat(oneD.pAccuracyUnder()).isCloseTo(0.5, within(1e-12));
    assertThat(oneD.nearestBudget()).isEqualTo("min_accuracy");
    assertThat(oneD.slack()).isCloseTo((0.5 - 0.7) / 0.3, within(1e-12));
    assertThat(Deployment.baselines(r)).containsExactly(r.oneD(), r.twoD());
    assertThat(Deployment.BASELINE_IDS).containsExactly(Baselines.ONE_D, Baselines.TWO_D);
    assertThat(r.at(2, 6).cost().mean()).isCloseTo(3e-3, within(1e-15));
    assertThat(r.at(2, 6).latency().mean()).isCloseTo(1.5, within(1e-12));
    assertThat(r.pMeets(am.selection().point().orElseThrow())).isEqualTo(1.0);
    assertThat(r.pMeets(r.plan().space().all().get(0))).isZero(); // k = 2 misses the floor
    assertThat(r.pMeets(r.plan().space().all().get(3))).isZero(); // k = 8 reaches it (8/9) but costs 4e-3
  }

  @Test
  void atTheEndOfTheGridTheMarginalPriceLooksBack_andABreachIsItsProbability() {
    // cost and latency unbounded in effect: accuracy-max takes the last grid point, k = 8
    Budget b = Budget.of(1, 100, 0.5);
    Deployment.Result r = Deployment.plan(request(b, List.of(2), Grid.Kind.BATCH, 8, List.of(Policy.FIXED)),
        new ExactEstimator());
    PickDetail am = r.picks().get(0);
    assertThat(am.point().k()).isEqualTo(8);
    double dA = 100 * (acc(8) - acc(6));
    assertThat(am.usdPerAccuracyPoint()).isCloseTo(1e-3 / dA, within(1e-15));
    assertThat(am.secondsPerAccuracyPoint()).isCloseTo(0.5 / dA, within(1e-12));
    // a grid of one point has no neighbour: no marginal price
    Deployment.Result one = Deployment.plan(request(b, List.of(2), Grid.Kind.BATCH, 3, List.of(Policy.FIXED)),
        new ExactEstimator());
    assertThat(one.picks().get(0).point().k()).isEqualTo(2);
    assertThat(one.picks().get(0).usdPerAccuracyPoint()).isNaN();
    assertThat(one.picks().get(0).secondsPerAccuracyPoint()).isNaN();
    // a latency budget below T(8) = 2 s but above T(6) = 1.5 s: the mass of T(8) is over it
    Deployment.Result tight = Deployment.plan(request(Budget.of(1, 1.75, 0.5), List.of(2), Grid.Kind.BATCH, 8,
        List.of(Policy.FIXED)), new ExactEstimator());
    assertThat(tight.picks().get(0).point().k()).isEqualTo(6);
    // k = 8 meets cost and accuracy but not latency: its expectations do not meet the budgets
    OperatingPoint at8 = tight.plan().space().all().stream().filter(o -> o.k() == 8).findFirst().orElseThrow();
    assertThat(tight.pMeets(at8)).isZero();
    assertThat(Confidence.pMeets(tight.request().budget(), at8, tight.at(at8))).isZero();
    assertThat(tight.twoD().pLatencyOver()).isEqualTo(tight.twoD().point().k() == 8 ? 1.0 : 0.0);
  }

  /** Equal slacks go to the budget listed first (cost, latency, accuracy): C(4) = 2e-3 of 4e-3 and T(4) = 1 of 2 s. */
  @Test
  void theNearestBudgetOfEqualSlacksIsTheFirstListed() {
    Deployment.Result r = Deployment.plan(request(Budget.of(4e-3, 2, 0.5), List.of(2), Grid.Kind.BATCH, 4,
        List.of(Policy.FIXED)), new ExactEstimator());
    PickDetail am = r.picks().get(0);
    assertThat(am.point().k()).isEqualTo(4);
    assertThat(am.slack()).isEqualTo(0.5);
    assertThat(am.nearestBudget()).isEqualTo("max_cost_usd");
  }

  @Test
  void whenAccuracyNoLongerMovesThereIsNoMarginalPrice() {
    // scores without spread: A(k) = 0.8 for every k, so ΔA = 0
    ModelProfile flat = TOY.withAccuracy(new GaussianBestOfK(0.8, 0));
    Deployment.Request req = new Deployment.Request(flat, List.of(1), Grid.Kind.ALL, 4, Budget.of(1, 100, 0.5),
        BudgetBasis.MEANS, 1e-6, 1);
    PickDetail am = Deployment.plan(req, new ExactEstimator()).picks().get(0);
    assertThat(am.point().k()).isEqualTo(1); // ties go to the smaller k
    assertThat(am.usdPerAccuracyPoint()).isNaN();
    assertThat(am.costOfPass()).isCloseTo(5e-4 / 0.8, within(1e-15));
    // a zero accuracy makes a pass infinitely dear
    ModelProfile never = TOY.withAccuracy(new GaussianBestOfK(0, 0));
    PickDetail zero = Deployment.plan(req.withModel(never).withBudget(Budget.of(1, 100, Double.MIN_VALUE)),
        new ExactEstimator()).oneD();
    assertThat(zero.costOfPass()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void aSelectorThatPicksNothingHasAnEmptyDetail() {
    // nothing reaches accuracy 0.95 below k = 19: every selector comes back empty
    Deployment.Result r = Deployment.plan(request(Budget.of(1, 100, 0.95), List.of(2), Grid.Kind.BATCH, 8,
        List.of(Policy.FIXED)), new ExactEstimator());
    assertThat(Deployment.anyFeasible(r)).isFalse();
    for (PickDetail d : r.picks()) {
      assertThat(d.selection().point()).isEmpty();
      assertThat(d.point()).isNull();
      assertThat(d.parallel()).isZero();
      assertThat(d.nearestBudget()).isEmpty();
      assertThat(d.slack()).isNaN();
      assertThat(d.usdPerAccuracyPoint()).isNaN();
      assertThat(d.costOfPass()).isNaN();
      assertThat(d.pCostOver()).isNaN();
      assertThat(d.pLatencyOver()).isNaN();
      assertThat(d.pAccuracyUnder()).isNaN();
    }
    assertThat(r.plan().infeasibility()).isPresent();
    assertThat(r.feasibleKs().get(2)).isEmpty();
  }

  @Test
  void policiesAndParallelsFormOneSetOrderedByKThenPThenPolicy() {
    // all grid, k ≤ 4, P ∈ {1, 2}: fixed at every (P, k); until-pass only where it can stop early (k > P)
    Deployment.Request req = request(Budget.of(1, 100, 0.4), List.of(2, 1, 2), Grid.Kind.ALL, 4,
        List.of(Policy.FIXED, Policy.UNTIL_PASS, Policy.FIXED));
    assertThat(req.parallels()).containsExactly(1, 2);
    assertThat(req.policies()).containsExactly(Policy.FIXED, Policy.UNTIL_PASS);
    assertThat(req.adaptive()).isTrue();
    Deployment.Result r = Deployment.plan(req, new ExactEstimator());
    List<String> order = r.plan().space().all().stream()
        .map(o -> o.k() + "/" + o.parallel() + "/" + o.policy().label()).toList();
    assertThat(order).containsExactly(
        "1/1/fixed", "1/2/fixed",
        "2/1/fixed", "2/1/until-pass", "2/2/fixed",
        "3/1/fixed", "3/1/until-pass", "3/2/fixed", "3/2/until-pass",
        "4/1/fixed", "4/1/until-pass", "4/2/fixed", "4/2/until-pass");
    // until-pass keeps pass@k and costs less: at P = 1, cap 4, E[N] = Σ_{n<4} P(no pass in n) = Σ 1/(n+1)
    OperatingPoint stop = r.plan().space().all().stream()
        .filter(o -> o.k() == 4 && o.parallel() == 1 && !o.policy().isFixed()).findFirst().orElseThrow();
    assertThat(stop.accuracy()).isCloseTo(acc(4), within(1e-12));
    assertThat(stop.costUsd()).isCloseTo(5e-4 * (1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0), within(1e-15));
    assertThat(r.at(stop).draws().samples().mean()).isCloseTo(1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0, within(1e-12));
    // at(P, k) reads the first policy asked
    assertThat(r.at(1, 4).cost().mean()).isCloseTo(2e-3, within(1e-15));
    // the feasible k at each P under any policy (A ≥ 1/2 > 0.4 everywhere)
    assertThat(r.feasibleKs()).containsExactly(java.util.Map.entry(1, List.of(1, 2, 3, 4)),
        java.util.Map.entry(2, List.of(1, 2, 3, 4)));
    assertThat(r.curves()).hasSize(4);
    // a stopping policy alone keeps its k ≤ P points
    Deployment.Result alone = Deployment.plan(request(Budget.of(1, 100, 0.5), List.of(2), Grid.Kind.ALL, 3,
        List.of(Policy.UNTIL_PASS)), new ExactEstimator());
    assertThat(alone.plan().space().all()).extracting(OperatingPoint::k).containsExactly(1, 2, 3);
    assertThat(alone.request().adaptive()).isTrue();
    assertThat(request(Budget.of(1, 1, 0.5), List.of(2), Grid.Kind.ALL, 3, List.of(Policy.FIXED)).adaptive()).isFalse();
  }

  @Test
  void requestsWithoutPOrPolicy_orWithAPolicyThatDoesNotApply_areRefused() {
    Budget b = Budget.of(1, 1, 0.5);
    assertThatThrownBy(() -> request(b, List.of(), Grid.Kind.ALL, 4, List.of(Policy.FIXED)))
        .isInstanceOf(InvalidInputException.class).hasMessage("parallel = []: must list at least one P >= 1");
    assertThatThrownBy(() -> request(b, List.of(1), Grid.Kind.ALL, 4, List.of()))
        .isInstanceOf(InvalidInputException.class).hasMessage("policy = []: must list at least one policy");
    assertThatThrownBy(() -> request(b, List.of(1), Grid.Kind.ALL, 4, List.of(Policy.untilScore(0.5))))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("policy = until-score: does not apply to model toy");
    assertThatThrownBy(() -> new Deployment.Request(TOY, List.of(1), Grid.Kind.ALL, 4, b, BudgetBasis.MEANS, 1e-6, 1,
        null, List.of(Policy.FIXED))).isInstanceOf(NullPointerException.class);
    // withModel and withBudget change that part only
    Deployment.Request r = request(b, List.of(1, 3), Grid.Kind.BATCH, 9, List.of(Policy.UNTIL_PASS));
    Budget other = Budget.of(2, 3, 0.25);
    Deployment.Request changed = r.withBudget(other).withModel(TOY.withId("other"));
    assertThat(changed).isEqualTo(new Deployment.Request(TOY.withId("other"), List.of(1, 3), Grid.Kind.BATCH, 9, other,
        BudgetBasis.MEANS, 1e-6, 1, Confidence.OFF, List.of(Policy.UNTIL_PASS)));
  }

  /**
   * With a confidence, a k that meets the budgets in expectation but whose replicates reach the floor
   * too rarely is left out, and a note counts them: the count is recomputed here from the replicates.
   */
  @Test
  void confidenceLeavesOutKsMeetingTheBudgetsTooRarely_andSaysHowMany() {
    ModelProfile m = RobustPlanTest.profile(Calibration.Beyond.HOLD);
    Budget b = Budget.of(1, 300, 0.74);
    double c = 0.9;
    Deployment.Result r = Deployment.plan(new Deployment.Request(m, List.of(4), Grid.Kind.BATCH, 32, b,
        BudgetBasis.MEANS, 1e-6, 1, Confidence.of(c)), new ExactEstimator());
    long expected = 0;
    long robust = 0;
    for (int k = 4; k <= 32; k += 4) {
      int read = Math.min(k, 8); // the calibration holds beyond its data (k ≤ 8)
      double mean = m.accuracy().mean(read);
      if (mean >= 0.74) {
        expected++;
        long meeting = RobustPlanTest.replicates().stream().filter(a -> a.mean(read) >= 0.74).count();
        if (meeting / 100.0 >= c) {
          robust++;
        }
      }
    }
    assertThat(robust).isLessThan(expected);
    assertThat(r.plan().space().feasible()).hasSize((int) robust);
    assertThat(r.notes()).contains("cal: " + (expected - robust) + " of " + expected
        + " k that meet the budgets in expectation do so with probability below the confidence 0.9");
    // without a confidence, no such note
    Deployment.Result plain = Deployment.plan(new Deployment.Request(m, List.of(4), Grid.Kind.BATCH, 32, b,
        BudgetBasis.MEANS, 1e-6, 1), new ExactEstimator());
    assertThat(plain.notes()).noneMatch(n -> n.contains("confidence"));
    assertThat(plain.plan().space().feasible()).hasSize((int) expected);
  }

  @Test
  void planSelectionByIdRefusesAnUnknownSelector() {
    Deployment.Result r = Deployment.plan(request(Budget.of(1, 100, 0.5), List.of(2), Grid.Kind.BATCH, 8,
        List.of(Policy.FIXED)), new ExactEstimator());
    assertThat(r.plan().selection("cube").selector()).isEqualTo("cube");
    assertThatThrownBy(() -> r.plan().selection("nope")).isInstanceOf(IllegalArgumentException.class).hasMessage("nope");
  }
}
