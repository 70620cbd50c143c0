package io.kstar.plan;

import io.kstar.select.Selectors;
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
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.space.OperatingPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar compare} on two profiles with closed forms (lengths without spread, pass@k with Beta
 * difficulty): "big" costs 5e-4 USD a sample with E[A(k)] = k/(k + 1) (Beta(1, 1)); "small" costs
 * 5e-5 with E[A(k)] = 1 − B(1, 3 + k)/B(1, 3) = k/(k + 3) (Beta(1, 3)). Both take 0.5 s a sample, P = 2.
 */
class ComparisonTest {

  static final ModelProfile BIG = DeploymentTest.TOY.withId("big");
  static final ModelProfile SMALL = ModelProfile.builder("small").name(null).prices(1e-7, 2e-7).speeds(1e-3, 2e-3)
      .inputTokens(100, 0).outputTokens(200, 0)
      .scores(0.5, 0.1).parallel(2).build()
      .withAccuracy(new PassAtK(new BetaDifficulty(1, 3)));
  static final Catalog TWO = new Catalog(List.of(BIG, SMALL));

  static Comparison.Request request(Catalog c, Budget b, List<Policy> policies) {
    return new Comparison.Request(c, List.of(), Grid.Kind.BATCH, 8, b, BudgetBasis.MEANS, 1e-6, Confidence.OFF, policies);
  }

  /**
   * At k = 1 big reaches 1/2 for 5e-4; the cheapest point reaching 1/2 is small at k = 4 (4/7, 2e-4 USD):
   * ratio 0.4. Small at k = 1 (1/4) is matched by itself (no cheaper point reaches 1/4): ratio 1.
   */
  @Test
  void matchesAreTheCheapestPointReachingEachModelsAccuracyAtOne() {
    Comparison.Result r = Comparison.compare(request(TWO, Budget.of(1, 10, 0.3), List.of(Policy.FIXED)),
        new ExactEstimator());
    assertThat(r.matches()).extracting(Comparison.Match::model).containsExactly("big", "small");
    Comparison.Match big = r.matches().get(0);
    assertThat(big.atOne().k()).isEqualTo(1);
    assertThat(big.atOne().accuracy()).isCloseTo(0.5, within(1e-12));
    OperatingPoint c = big.cheapest().orElseThrow();
    assertThat(c.model()).isEqualTo("small");
    assertThat(c.k()).isEqualTo(4);
    assertThat(c.costUsd()).isCloseTo(2e-4, within(1e-16));
    assertThat(big.costRatio()).isCloseTo(0.4, within(1e-12));
    Comparison.Match small = r.matches().get(1);
    assertThat(small.cheapest().orElseThrow()).isEqualTo(small.atOne());
    assertThat(small.costRatio()).isEqualTo(1.0);
    // a latency budget of 0.75 s admits only one round (k ≤ 2): big at 1 is then its own cheapest match
    Comparison.Result fast = Comparison.compare(request(TWO, Budget.of(1, 0.75, 0.3), List.of(Policy.FIXED)),
        new ExactEstimator());
    assertThat(fast.matches().get(0).cheapest().orElseThrow()).isEqualTo(fast.matches().get(0).atOne());
    // below one sample's time nothing qualifies: no match, ratio NaN
    Comparison.Result none = Comparison.compare(request(TWO, Budget.of(1, 0.4, 0.3), List.of(Policy.FIXED)),
        new ExactEstimator());
    assertThat(none.matches()).allSatisfy(m -> {
      assertThat(m.cheapest()).isEmpty();
      assertThat(m.costRatio()).isNaN();
    });
  }

  @Test
  void everyModelsGridIsOnePointSet_orderedByKThenCatalogThenPThenPolicy() {
    Comparison.Result r = Comparison.compare(new Comparison.Request(TWO, List.of(2, 1), Grid.Kind.BATCH, 4,
        Budget.of(1, 10, 0.3), BudgetBasis.MEANS, 1e-6), new ExactEstimator());
    // batch grids: P = 2 → {2, 4}; P = 1 → {1, 2, 3, 4}; k = 1 is estimated for the matches but is no point at P = 2
    assertThat(r.points()).extracting(o -> o.k() + "/" + o.model() + "/" + o.parallel()).containsExactly(
        "1/big/1", "1/small/1", "2/big/1", "2/big/2", "2/small/1", "2/small/2", "3/big/1", "3/small/1",
        "4/big/1", "4/big/2", "4/small/1", "4/small/2");
    for (OperatingPoint o : r.points()) {
      double perSample = o.model().equals("big") ? 5e-4 : 5e-5;
      assertThat(o.costUsd()).isCloseTo(perSample * o.k(), within(1e-15));
      assertThat(o.latencyS()).isCloseTo(0.5 * Math.ceil((double) o.k() / o.parallel()), within(1e-12));
      double a = o.model().equals("big") ? o.k() / (o.k() + 1.0) : o.k() / (o.k() + 3.0);
      assertThat(o.accuracy()).isCloseTo(a, within(1e-12));
      assertThat(r.at(o).k()).isEqualTo(o.k());
      assertThat(r.pMeets(o)).isEqualTo(a >= 0.3 ? 1.0 : 0.0);
    }
    // the feasible set is the points meeting all three budgets, and the front is its non-dominated part
    assertThat(r.space().feasible()).containsExactlyElementsOf(
        r.points().stream().filter(o -> o.accuracy() >= 0.3).toList());
    for (OperatingPoint p : r.space().feasible()) {
      boolean dominated = r.space().feasible().stream().anyMatch(q -> q.dominates(p));
      assertThat(r.front().contains(p)).isEqualTo(!dominated);
    }
    assertThat(r.selections()).extracting(s -> s.selector()).containsExactlyElementsOf(Selectors.REGISTRY.ids());
    assertThat(r.estimator()).isEqualTo("exact");
    assertThat(r.notes()).isEmpty();
    assertThat(Comparison.parallelsOf(r.request(), BIG)).containsExactly(2, 1);
    assertThat(Comparison.parallelsOf(request(TWO, Budget.of(1, 1, 0.5), List.of(Policy.FIXED)), SMALL)).containsExactly(2);
  }

  @Test
  void aPolicyIsComparedWhereItApplies_andTheOthersSaySo() {
    ModelProfile scores = ModelProfile.builder("scores").name(null).prices(1e-7, 2e-7).speeds(1e-3, 2e-3)
        .inputTokens(100, 0).outputTokens(200, 0)
        .scores(0.6, 0.1).parallel(2).build();
    Catalog mixed = new Catalog(List.of(BIG, scores));
    Comparison.Request req = request(mixed, Budget.of(1, 10, 0.3), List.of(Policy.FIXED, Policy.UNTIL_PASS));
    assertThat(req.adaptive()).isTrue();
    assertThat(req.policiesOf(BIG)).containsExactly(Policy.FIXED, Policy.UNTIL_PASS);
    assertThat(req.policiesOf(scores)).containsExactly(Policy.FIXED);
    Comparison.Result r = Comparison.compare(req, new ExactEstimator());
    assertThat(r.notes()).containsExactly(
        "scores: until-pass does not apply to its gaussian-best-of-k accuracy model; compared without it");
    assertThat(r.points()).filteredOn(o -> o.model().equals("scores")).allMatch(o -> o.policy().isFixed());
    // big under until-pass at k = 4 > P: E[N] = 2·(1 + 1/3) samples (S(1) = P(no pass in 2) = 1/3)
    OperatingPoint stop = r.points().stream().filter(o -> o.model().equals("big") && !o.policy().isFixed())
        .findFirst().orElseThrow();
    assertThat(stop.k()).isEqualTo(4);
    assertThat(stop.costUsd()).isCloseTo(5e-4 * 2 * (1 + 1 / 3.0), within(1e-15));
    assertThat(r.points()).filteredOn(o -> !o.policy().isFixed()).extracting(OperatingPoint::k).containsExactly(4, 6, 8);
    assertThat(request(mixed, Budget.of(1, 10, 0.3), List.of(Policy.FIXED)).adaptive()).isFalse();
    // duplicates are asked once
    assertThat(request(mixed, Budget.of(1, 10, 0.3), List.of(Policy.FIXED, Policy.FIXED)).policies())
        .containsExactly(Policy.FIXED);
  }

  /** An estimator's note about a model is said once, however many curves (P) of it were estimated. */
  @Test
  void notesAreSaidOnce() {
    ModelProfile limited = BIG.withLatency(new io.kstar.latency.LatencyModel(io.kstar.latency.LatencyModel.BATCHED_MEAN, 0,
        java.util.OptionalDouble.of(1e6)));
    String note = "big: the tokens-per-minute limit is applied to expectations by the exact estimator and to each"
        + " request by Monte Carlo";
    Comparison.Result r = Comparison.compare(new Comparison.Request(new Catalog(List.of(limited, SMALL)), List.of(1, 2),
        Grid.Kind.BATCH, 4, Budget.of(1, 10, 0.3), BudgetBasis.MEANS, 1e-6), new ExactEstimator());
    assertThat(r.notes()).containsExactly(note);
    Deployment.Result d = Deployment.plan(new Deployment.Request(limited, List.of(1, 2), Grid.Kind.BATCH, 4,
        Budget.of(1, 10, 0.3), BudgetBasis.MEANS, 1e-6, 1), new ExactEstimator());
    assertThat(d.notes()).containsExactly(note);
  }

  @Test
  void aPolicyForNoModel_orNoPolicy_isRefused() {
    assertThatThrownBy(() -> request(TWO, Budget.of(1, 10, 0.3), List.of(Policy.FIXED, Policy.UNTIL_DECIDED)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("policy = until-decided: applies to none of the models compared; until-decided applies to majority-vote");
    assertThatThrownBy(() -> request(TWO, Budget.of(1, 10, 0.3), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("policy = []: must list at least one policy");
    assertThatThrownBy(() -> request(new Catalog(List.of(SMALL.withAccuracy(new GaussianBestOfK(0.5, 0.1)))),
        Budget.of(1, 10, 0.3), List.of(Policy.UNTIL_PASS)))
        .hasMessageEndingWith("until-pass applies to pass-at-k, pass-at-k-with-unsolved");
  }
}
