package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PlannerCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void planCheck_exitsThree_whenNoKMeetsTheBudgets_andZeroWhenOneDoes() {
    Cli.Result none = Cli.run("plan", "--model", "gpt5", "--max-cost", "0.01", "--max-latency", "5", "--min-accuracy", "0.99", "--check");
    assertThat(none.exit()).isEqualTo(ExitCode.NO_FEASIBLE_K);
    assertThat(none.out()).contains("no k is feasible");
    Cli.Result some = Cli.run("plan", "--model", "gpt5", "--scenario", "balanced", "--check");
    assertThat(some.exit()).isZero();
    // without --check an infeasible plan is still an answer, exit 0
    assertThat(Cli.run("plan", "--model", "gpt5", "--max-cost", "0.01", "--max-latency", "5", "--min-accuracy", "0.99").exit()).isZero();
  }

  @Test
  void planJson_carriesEverythingTheTableShows() throws IOException {
    Cli.Result r = Cli.run("plan", "--model", "gpt5", "--scenario", "balanced", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("feasible").asBoolean()).isTrue();
    assertThat(doc.get("feasible_k").get("4").toString()).isEqualTo("[4,8,12,16,20]");
    JsonNode am = doc.get("picks").get("accuracy-max");
    assertThat(am.get("k").asInt()).isEqualTo(20);
    for (String f : new String[] {"cost_usd", "latency_s", "accuracy"}) {
      assertThat(am.get(f).get("p025").asDouble()).isLessThanOrEqualTo(am.get(f).get("p975").asDouble());
    }
    assertThat(am.get("nearest_budget").get("field").asText()).isEqualTo("max_latency_s");
    assertThat(am.get("usd_per_accuracy_point").asDouble()).isPositive();
    assertThat(am.get("cost_of_pass_usd").asDouble()).isGreaterThan(am.get("cost_usd").get("mean").asDouble());
    assertThat(am.get("p_breach").get("min_accuracy").isNumber()).isTrue();
    assertThat(doc.get("baselines").get("1d").get("breaks").isArray()).isTrue();
    assertThat(doc.get("budget_basis").get("latency").asText()).isEqualTo("mean");
  }

  @Test
  void inlineModel_overridesACatalogModelsFigures() throws IOException {
    JsonNode doc = JSON.readTree(Cli.run("plan", "--model", "gpt5", "--c-out", "0.000001", "--scenario", "balanced",
        "--format", "json").out());
    // a tenth of the output price: the cost of k = 20 falls from 0.4352 to 20·(1024·1.25e-6 + 2048·1e-6)
    JsonNode am = doc.get("picks").get("accuracy-max");
    int k = am.get("k").asInt();
    assertThat(am.get("cost_usd").get("mean").asDouble()).isEqualTo(k * (1024 * 0.00000125 + 2048 * 0.000001), org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void percentileBudget_isShownWithItsMethod() {
    Cli.Result r = Cli.run("plan", "--model", "gpt5", "--scenario", "balanced", "--latency-quantile", "0.95");
    assertThat(r.out()).contains("latency <= 60 s (p95, normal approximation)");
    Cli.Result mc = Cli.run("plan", "--model", "gpt5", "--scenario", "balanced", "--latency-quantile", "0.95",
        "--estimator", "monte-carlo", "--trials", "500");
    assertThat(mc.out()).contains("(p95, simulated)");
  }

  @Test
  void compareAndBudgetAndSensitivity_printTheirAnswers() throws IOException {
    JsonNode cmp = JSON.readTree(Cli.run("compare", "--scenario", "balanced", "--format", "json").out());
    assertThat(cmp.get("matches")).hasSize(9);
    assertThat(cmp.get("selections").get("knee").get("model").asText()).isNotBlank();
    JsonNode rev = JSON.readTree(Cli.run("budget", "--catalog", "--min-accuracy", "0.99", "--format", "json").out());
    assertThat(rev.get("models")).hasSize(9);
    assertThat(rev.get("models").get(0).get("min_max_cost_usd").get("k").asInt()).isEqualTo(112);
    Cli.Result sens = Cli.run("sensitivity", "--model", "gpt5", "--scenario", "balanced");
    assertThat(sens.exit()).isZero();
    assertThat(sens.out()).contains("Fragile picks").contains("acc_mean");
  }

  /** A cached-input price above the input price is planned with, and named in a warning note. */
  @Test
  void aCachedPriceAboveTheInputPrice_isAWarningThatNamesBoth() {
    Cli.Result r = Cli.run("plan", "--model", "gpt5", "--scenario", "balanced", "--prompt-cache", "--c-in-cached",
        "0.000002", "--samples-per-request", "4");
    org.assertj.core.api.Assertions.assertThat(r.exit()).as(r.err()).isZero();
    org.assertj.core.api.Assertions.assertThat(r.out()).contains("gpt5: warning: c_in_cached = 0.000002 is above"
        + " c_in = 0.00000125");
  }
}
