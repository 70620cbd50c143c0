package io.kstar.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.budget.Budget;
import io.kstar.budget.Scenario;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.plan.Deployment;
import io.kstar.policy.Policy;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The one declaration of a planning request: a flag's text and a JSON value read to the same value by
 * the same rules, with the same words when they are refused; every field named once; the flag of a name
 * by the declaration or the one rule; and {@link Requests} resolving budgets, k_max and policies as both
 * surfaces do.
 */
class RequestFieldTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  static InvalidInputException refusal(Runnable r) {
    try {
      r.run();
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  @Property(tries = 200, seed = "27")
  void aNumberReadsTheSameFromTextAndJson(@ForAll @net.jqwik.api.constraints.Scale(12) @DoubleRange(min = 1e-9, max = 1e6) double v) throws Exception {
    assertThat(RequestFields.MAX_COST.parse(Double.toString(v))).isEqualTo(v);
    assertThat(RequestFields.MAX_COST.read(json(Double.toString(v)))).isEqualTo(v);
  }

  @Property(tries = 200, seed = "27")
  void anIntegerReadsTheSameFromTextAndJson(@ForAll @IntRange(min = -5, max = 5000) int v) throws Exception {
    if (v >= 1) {
      assertThat(RequestFields.K_MAX.parse(Integer.toString(v))).isEqualTo(v);
      assertThat(RequestFields.K_MAX.read(json(Integer.toString(v)))).isEqualTo(v);
    } else {
      InvalidInputException a = refusal(() -> RequestFields.K_MAX.parse(Integer.toString(v)));
      InvalidInputException b = refusal(() -> {
        try {
          RequestFields.K_MAX.read(json(Integer.toString(v)));
        } catch (Exception e) {
          throw e instanceof RuntimeException r ? r : new RuntimeException(e);
        }
      });
      assertThat(a.getMessage()).isEqualTo(b.getMessage())
          .isEqualTo("k_max = " + v + ": must be an integer in [1, " + Grid.MAX_K + "]");
    }
  }

  @Test
  void everyType_readsAndRefusesInOneVocabulary() throws Exception {
    assertThat(RequestFields.TRIALS.parse("400")).isEqualTo(400);
    assertThat(refusal(() -> RequestFields.TRIALS.parse("many")).getMessage())
        .isEqualTo("trials = many: must be an integer in [2, 100000000]");
    assertThat(refusal(() -> RequestFields.TRIALS.parse("99999999999")).allowed()).startsWith("must be an integer");
    assertThat(refusal(() -> RequestFields.TRIALS.read(jsonUnchecked("2.5"))).allowed()).startsWith("must be an integer");
    assertThat(RequestFields.SEED.parse("-3")).isEqualTo(-3L);
    assertThat(refusal(() -> RequestFields.SEED.parse("x")).allowed()).startsWith("must be an integer in [");
    assertThat(RequestFields.POINTS.parse("false")).isEqualTo(false);
    assertThat(refusal(() -> RequestFields.POINTS.read(jsonUnchecked("\"no\""))).allowed()).isEqualTo("must be true or false");
    assertThat(refusal(() -> RequestFields.GRID.parse("al")).allowed())
        .isEqualTo("must be one of [batch, all] (did you mean all?)");
    assertThat(RequestFields.POLICY.parse("fixed, until-pass")).isEqualTo(List.of("fixed", "until-pass"));
    assertThat(RequestFields.POLICY.read(jsonUnchecked("\"until-pass\""))).isEqualTo(List.of("until-pass"));
    assertThat(refusal(() -> RequestFields.POLICY.parse("fixed,,until-pass")).allowed())
        .isEqualTo("must be a comma-separated list without empty entries");
    assertThat(RequestFields.MARGIN.parse("1,2,3")).isEqualTo(List.of(1, 2, 3));
    assertThat(refusal(() -> RequestFields.MARGIN.parse("1,0")).getMessage())
        .isEqualTo("margin = 1,0: every value must be an integer in [1, 1024] (at most 64 values)");
    assertThat(RequestFields.SCORE_THRESHOLD.read(jsonUnchecked("[0.8, 0.9]"))).isEqualTo(List.of(0.8, 0.9));
    assertThat(RequestFields.PARALLEL.parse("1-4")).isEqualTo(List.of(1, 2, 3, 4));
    assertThat(RequestFields.PARALLEL.parse("8,2,2")).isEqualTo(List.of(2, 8));
    assertThat(RequestFields.PARALLEL.read(jsonUnchecked("[8, 2]"))).isEqualTo(List.of(2, 8));
    assertThat(refusal(() -> RequestFields.PARALLEL.parse("4-1")).allowed()).startsWith("must be P, a list like 1,2,4");
    assertThat(refusal(() -> RequestFields.PARALLEL.parse("1-100")).allowed()).contains("at most 64 values");
    assertThat(refusal(() -> RequestFields.PARALLEL.read(jsonUnchecked("[1, \"2\"]"))).value()).hasValue("[1,\"2\"]");
    assertThat(refusal(() -> RequestFields.CONFIDENCE.parse("1")).allowed())
        .isEqualTo("must be a probability strictly between 0 and 1");
    assertThat(refusal(() -> RequestFields.MIN_ACCURACY.parse("0")).allowed()).isEqualTo("must be a number in (0, 1]");
    assertThat(refusal(() -> RequestFields.MAX_COST.parse("1e400")).allowed()).isEqualTo("must be a positive finite number");
    assertThat(refusal(() -> RequestFields.MAX_COST.read(jsonUnchecked("\"1\""))).allowed())
        .isEqualTo("must be a positive finite number");
    assertThat(refusal(() -> RequestFields.SCENARIO.read(jsonUnchecked("3"))).allowed()).isEqualTo("must be text");
    String many = String.join(",", java.util.Collections.nCopies(65, "fixed"));
    assertThat(refusal(() -> RequestFields.POLICY.parse(many)).allowed()).isEqualTo("lists at most 64 values");
  }

  static JsonNode jsonUnchecked(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyFieldIsNamedOnce_hasAFlag_andADescription() {
    Set<String> names = new TreeSet<>();
    Set<String> flags = new TreeSet<>();
    for (RequestField f : RequestFields.ALL) {
      assertThat(names.add(f.name())).as(f.name()).isTrue();
      assertThat(flags.add(f.flag())).as(f.flag()).isTrue();
      assertThat(f.flag()).startsWith("--");
      assertThat(f.description()).as(f.name()).isNotBlank();
      assertThat(f.operations()).as(f.name()).isNotEmpty();
      if (!f.defaultText().isEmpty() && f.type() != RequestField.Type.TEXT) {
        assertThat(f.defaultValue()).as(f.name()).isNotNull();
      }
      if (f.type() == RequestField.Type.CHOICE || f.type() == RequestField.Type.CHOICES) {
        assertThat(f.choices()).as(f.name()).isNotEmpty();
      }
    }
    assertThat(RequestFields.find("k_max")).hasValue(RequestFields.K_MAX);
    assertThat(RequestFields.MAX_COST.path()).isEqualTo("budget.max_cost_usd");
    assertThat(RequestFields.flagOf("max_cost_usd")).isEqualTo("--max-cost");
    assertThat(RequestFields.flagOf("reference_model")).isEqualTo("--reference");
    assertThat(RequestFields.flagOf("fit_up_to")).isEqualTo("--fit-up-to");
    assertThat(RequestFields.flagOf("mu_Lin")).isEqualTo("--mu-lin");
    assertThat(RequestFields.of(Operation.CURVE, Surface.API)).doesNotContain(RequestFields.SCENARIO,
        RequestFields.THREADS, RequestFields.POINTS);
    assertThat(RequestFields.of(Operation.PLAN, Surface.API)).contains(RequestFields.POINTS)
        .doesNotContain(RequestFields.THREADS);
    assertThat(RequestFields.of(Operation.PLAN, Surface.CLI)).contains(RequestFields.THREADS)
        .doesNotContain(RequestFields.POINTS);
  }

  @Test
  void requests_fillBudgetsFromTheScenario_reportEveryMissingOne_andExpandPolicies() {
    List<Scenario> scenarios = ScenarioReader.embedded();
    RequestValues v = RequestValues.builder(Operation.PLAN).text(RequestFields.SCENARIO, "balanced")
        .text(RequestFields.MAX_COST, "0.2").build();
    assertThat(Requests.budget(v, Requests.scenario(v, scenarios))).isEqualTo(Budget.of(0.2, 60, 0.88));
    assertThat(Requests.kMax(v, Requests.scenario(v, scenarios), 7)).isEqualTo(128);
    InvalidInputException none = refusal(() -> Requests.budget(RequestValues.builder(Operation.PLAN)
        .text(RequestFields.MAX_COST, "1").build(), null));
    assertThat(none.problems()).extracting(InvalidInputException::field).containsExactly("max_latency_s", "min_accuracy");
    assertThat(none.allowed()).isEqualTo("is required (or give a scenario)");
    assertThat(refusal(() -> Requests.scenario(RequestValues.builder(Operation.PLAN).text(RequestFields.SCENARIO,
        "balanse").build(), scenarios)).allowed()).endsWith("(did you mean balanced?)");
    RequestValues p = RequestValues.builder(Operation.PLAN).text(RequestFields.POLICY, "fixed,until-lead")
        .text(RequestFields.MARGIN, "2,3").build();
    assertThat(Requests.policies(p)).containsExactly(Policy.FIXED, Policy.untilLead(2), Policy.untilLead(3));
    assertThat(refusal(() -> Requests.curvePolicy(p)).allowed()).contains("a curve draws one policy at a time");
    RequestValues mc = RequestValues.builder(Operation.CURVE).text(RequestFields.ESTIMATOR, "monte-carlo")
        .text(RequestFields.TRIALS, "300").build();
    assertThat(Requests.estimator(mc, 1)).isInstanceOfSatisfying(MonteCarloEstimator.class,
        e -> assertThat(e.trials()).isEqualTo(300));
    assertThat(refusal(() -> Requests.parallel(RequestValues.builder(Operation.CURVE)
        .text(RequestFields.PARALLEL, "1,2").build())).allowed()).contains("curve evaluates one P at a time");
    Deployment.Request plan = Requests.plan(v, CatalogReader.embedded().require("model", "gpt5"), scenarios);
    assertThat(plan.parallels()).containsExactly(4);
    assertThat(plan.accuracyTolerance()).isEqualTo(1e-6);
    assertThat(plan.baselineK()).isEqualTo(1);
    assertThat(plan.grid()).isEqualTo(Grid.Kind.BATCH);
  }

  @Test
  void aBuilder_keepsEveryProblem_andBuildValidHandsThemOver() {
    RequestValues.Builder b = RequestValues.builder(Operation.COMPARE).text(RequestFields.K_MAX, "0")
        .text(RequestFields.GRID, "odd").text(RequestFields.MAX_COST, "1");
    InvalidInputException e = refusal(b::build);
    assertThat(e.problems()).extracting(InvalidInputException::field).containsExactly("k_max", "grid");
    InvalidInputException.Collector c = new InvalidInputException.Collector();
    RequestValues valid = b.buildValid(c);
    assertThat(c.ok()).isFalse();
    assertThat(valid.has(RequestFields.MAX_COST)).isTrue();
    assertThat(valid.has(RequestFields.K_MAX)).isFalse();
    assertThat(valid.text(RequestFields.GRID)).hasValue("batch");
    assertThat(valid.toString()).isEqualTo("compare {max_cost_usd=1.0}");
  }
}
