package io.kstar.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.budget.Scenario;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.ExactEstimator;
import io.kstar.estimate.LoadedEstimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.plan.Comparison;
import io.kstar.policy.Policy;
import io.kstar.profile.Catalog;
import io.kstar.serving.Traffic;
import io.kstar.study.StudyOptions;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * From a request's values to the planners' requests, for compare, budget, reproduce and curve, as the CLI and
 * the service build them: each field lands where it belongs, and fields that do not apply are refused naming it.
 */
class RequestsTest {

  static final Catalog CATALOG = CatalogReader.embedded();
  static final List<Scenario> SCENARIOS = ScenarioReader.embedded();

  static RequestValues.Builder values(Operation op) {
    return RequestValues.builder(op);
  }

  @Test
  void compare_takesTheScenarioGridKmaxParallelsAndTheRequestShapeForEveryModel() {
    RequestValues v = values(Operation.COMPARE).text(RequestFields.SCENARIO, "balanced")
        .text(RequestFields.GRID, "all").text(RequestFields.K_MAX, "16").text(RequestFields.PARALLEL, "1,2")
        .text(RequestFields.SAMPLES_PER_REQUEST, "4").build();
    Comparison.Request r = Requests.compare(v, CATALOG, SCENARIOS);
    assertThat(r.grid()).isEqualTo(Grid.Kind.ALL);
    assertThat(r.kMax()).isEqualTo(16);
    assertThat(r.parallels()).containsExactly(1, 2);
    assertThat(r.budget()).isEqualTo(SCENARIOS.stream().filter(s -> s.name().equals("balanced")).findFirst()
        .orElseThrow().budget());
    assertThat(r.catalog().models()).hasSize(CATALOG.models().size())
        .allMatch(m -> m.requests().samplesPerRequest() == 4);
    // every problem at once: a missing budget and a bad k_max
    RequestValues bad = values(Operation.COMPARE).text(RequestFields.MAX_COST, "1").build();
    assertThatThrownBy(() -> Requests.compare(bad, CATALOG, SCENARIOS)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void traffic_andReplicas_makeALoadedEstimator_replicasWithoutTrafficAreRefused() {
    assertThat(Requests.traffic(values(Operation.PLAN).build())).isEmpty();
    assertThat(Requests.traffic(values(Operation.PLAN).text(RequestFields.TRAFFIC, "2.5").build()))
        .contains(new Traffic(2.5, OptionalInt.of(1)));
    assertThat(Requests.traffic(values(Operation.PLAN).text(RequestFields.TRAFFIC, "2.5")
        .text(RequestFields.REPLICAS, "auto").build())).contains(new Traffic(2.5, OptionalInt.empty()));
    assertThat(Requests.traffic(values(Operation.PLAN).text(RequestFields.TRAFFIC, "2.5")
        .text(RequestFields.REPLICAS, "3").build())).contains(new Traffic(2.5, OptionalInt.of(3)));
    assertThatThrownBy(() -> Requests.traffic(values(Operation.PLAN).text(RequestFields.REPLICAS, "3").build()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("replicas"));
    Estimator e = Requests.estimator(values(Operation.PLAN).text(RequestFields.TRAFFIC, "2").build(), 1);
    assertThat(e).isInstanceOf(LoadedEstimator.class);
    assertThat(((LoadedEstimator) e).base()).isInstanceOf(ExactEstimator.class);
    assertThat(Requests.estimator(values(Operation.PLAN).build(), 1)).isInstanceOf(ExactEstimator.class);
    Estimator mc = Requests.estimator(values(Operation.PLAN).text(RequestFields.ESTIMATOR, "monte-carlo")
        .text(RequestFields.TRIALS, "500").text(RequestFields.SEED, "9").build(), 1);
    assertThat(mc).isInstanceOfSatisfying(MonteCarloEstimator.class, m -> {
      assertThat(m.trials()).isEqualTo(500);
      assertThat(m.seed()).isEqualTo(9L);
    });
    assertThat(Requests.monteCarlo(values(Operation.PLAN).build())).isFalse();
  }

  @Test
  void budget_aLatencyBoundOnlyAtATraffic() {
    Estimator exact = new ExactEstimator();
    assertThat(Requests.reverse(values(Operation.BUDGET).build(), exact)).isSameAs(exact);
    assertThatThrownBy(() -> Requests.reverse(values(Operation.BUDGET).text(RequestFields.MAX_LATENCY, "10").build(),
        exact)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("max_latency_s");
          assertThat(e.allowed()).contains("only at a traffic");
        });
    Estimator loaded = new LoadedEstimator(exact, new Traffic(3, OptionalInt.empty()));
    Estimator bounded = Requests.reverse(values(Operation.BUDGET).text(RequestFields.MAX_LATENCY, "10").build(), loaded);
    assertThat(bounded).isInstanceOf(LoadedEstimator.class).isNotSameAs(loaded);
  }

  @Test
  void reproduceAndCurve_oneParallel_onePolicy_baselineAndReference() {
    RequestValues v = values(Operation.REPRODUCE).text(RequestFields.PARALLEL, "4").text(RequestFields.K_MAX, "64")
        .text(RequestFields.BASELINE_K, "2").text(RequestFields.REFERENCE, "gpt5").build();
    StudyOptions o = Requests.study(v, new ExactEstimator());
    assertThat(o.parallel()).hasValue(4);
    assertThat(o.kMax()).hasValue(64);
    assertThat(o.baselineK()).isEqualTo(2);
    assertThat(o.referenceModel()).contains("gpt5");
    assertThat(Requests.study(values(Operation.REPRODUCE).build(), new ExactEstimator()).parallel()).isEmpty();
    assertThat(Requests.baselineK(values(Operation.REPRODUCE).build())).isEqualTo(1);
    RequestValues two = values(Operation.CURVE).text(RequestFields.PARALLEL, "2,4").build();
    assertThatThrownBy(() -> Requests.parallel(two)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("parallel"));
    assertThat(Requests.curvePolicy(values(Operation.CURVE).build())).isEqualTo(Policy.FIXED);
    RequestValues policies = values(Operation.CURVE).text(RequestFields.POLICY, "fixed,until-pass").build();
    assertThatThrownBy(() -> Requests.curvePolicy(policies)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("policy"));
  }

  /** #29: one rule for settings that do not apply: the exact estimator has no trials, seed or threads. */
  @Test
  void theExactEstimator_refusesTrialsSeedAndThreads_everyOneNamed() {
    RequestValues exact = values(Operation.PLAN).text(RequestFields.TRIALS, "500").text(RequestFields.SEED, "3")
        .text(RequestFields.THREADS, "2").build();
    assertThatThrownBy(() -> Requests.estimator(exact, 1)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.problems()).extracting(InvalidInputException::field).containsExactly("trials", "seed", "threads");
      assertThat(e.problems()).extracting(InvalidInputException::value).containsExactly(
          java.util.Optional.of("500"), java.util.Optional.of("3"), java.util.Optional.of("2"));
      assertThat(e.allowed()).isEqualTo("applies only to the monte-carlo estimator, which was not asked for (the exact"
          + " estimator has no trials, seed or threads)");
    });
    assertThatThrownBy(() -> Requests.estimator(values(Operation.PLAN).text(RequestFields.SEED, "3").build(), 1))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
            .extracting(InvalidInputException::field).containsExactly("seed"));
    assertThat(Requests.estimator(values(Operation.PLAN).build(), 1)).isInstanceOf(ExactEstimator.class);
    assertThat(Requests.estimator(values(Operation.PLAN).text(RequestFields.ESTIMATOR, "monte-carlo")
        .text(RequestFields.TRIALS, "500").text(RequestFields.SEED, "3").text(RequestFields.THREADS, "2").build(), 2))
        .isInstanceOfSatisfying(MonteCarloEstimator.class, e -> {
          assertThat(e.trials()).isEqualTo(500);
          assertThat(e.seed()).isEqualTo(3);
        });
  }

  /** #29: on the batch grid a P past k_max leaves no k: refused naming P and k_max; equal to k_max is one k. */
  @Test
  void aParallelPastKmax_onTheBatchGrid_isRefused() {
    var gpt5 = CATALOG.require("model", "gpt5");
    RequestValues past = values(Operation.PLAN).text(RequestFields.SCENARIO, "balanced")
        .text(RequestFields.PARALLEL, "129").build();
    assertThatThrownBy(() -> Requests.plan(past, gpt5, SCENARIOS)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> {
          assertThat(e.field()).isEqualTo("parallel");
          assertThat(e.value()).contains("129");
          assertThat(e.allowed()).startsWith("is more than k_max (128)").contains("use a P of at most 128");
        });
    assertThat(Requests.plan(values(Operation.PLAN).text(RequestFields.SCENARIO, "balanced")
        .text(RequestFields.PARALLEL, "128").build(), gpt5, SCENARIOS).parallels()).containsExactly(128);
    // the all grid has every k whatever P is
    assertThat(Requests.plan(values(Operation.PLAN).text(RequestFields.SCENARIO, "balanced").text(RequestFields.GRID,
        "all").text(RequestFields.PARALLEL, "500").build(), gpt5, SCENARIOS).parallels()).containsExactly(500);
    RequestValues cmp = values(Operation.COMPARE).text(RequestFields.SCENARIO, "balanced").text(RequestFields.K_MAX, "8")
        .text(RequestFields.PARALLEL, "8,9").build();
    assertThatThrownBy(() -> Requests.compare(cmp, CATALOG, SCENARIOS)).isInstanceOfSatisfying(
        InvalidInputException.class, e -> assertThat(e.value()).contains("9"));
  }

  /** An unknown scenario is the one problem: the budgets it would have given are not reported missing too. */
  @Test
  void anUnknownScenario_isTheOnlyProblem_notAlsoEveryBudget() {
    for (Operation op : List.of(Operation.PLAN, Operation.COMPARE)) {
      RequestValues v = values(op).text(RequestFields.SCENARIO, "nope").build();
      InvalidInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> {
        if (op == Operation.PLAN) {
          Requests.plan(v, CATALOG.require("model", "gpt5"), SCENARIOS);
        } else {
          Requests.compare(v, CATALOG, SCENARIOS);
        }
      }, InvalidInputException.class);
      assertThat(e.problems()).extracting(InvalidInputException::field).containsExactly("scenario");
      // a budget given beside it changes nothing: the scenario is still the one problem
      RequestValues both = values(op).text(RequestFields.SCENARIO, "nope").text(RequestFields.MAX_COST, "1").build();
      assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> Requests.compare(both, CATALOG, SCENARIOS),
          InvalidInputException.class).problems()).extracting(InvalidInputException::field).containsExactly("scenario");
    }
    InvalidInputException none = org.assertj.core.api.Assertions.catchThrowableOfType(() -> Requests.compare(
        values(Operation.COMPARE).build(), CATALOG, SCENARIOS), InvalidInputException.class);
    assertThat(none.problems()).extracting(InvalidInputException::field).containsExactly("max_cost_usd",
        "max_latency_s", "min_accuracy");
  }
}
