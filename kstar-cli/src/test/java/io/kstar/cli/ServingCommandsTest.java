package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Serving under traffic on the command line (docs/serving.md): the real vLLM sweep calibrated, a held-out
 * rate, a plan at a traffic where one replica saturates, replicas auto, budget's fewest replicas, bad input.
 */
class ServingCommandsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SWEEP = BadInputTest.example("vllm-sweep-llama-3.1-8b-h100.jsonl");

  @TempDir static Path dir;
  static Path profile;

  @BeforeAll
  static void calibrate() {
    profile = dir.resolve("llama.yaml");
    Cli.Result r = Cli.run("calibrate", "--curve", BadInputTest.example("r1-distill-qwen7b-scaling-curves.json"),
        "--dataset", "MATH500", "--method", "majority_vote", "--serving", SWEEP, "--write", profile.toString(),
        "--id", "llama-8b-h100", "--input-tokens", "150", "--replica-usd-per-hour", "2.99");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("load curve from 4 rates: capacity 28.452 requests/s, fit queueing");
  }

  static JsonNode json(Cli.Result r) throws IOException {
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void calibrateServing_reportsRunsCapacityAndLeaveOneRateOut_onTheRealSweep() throws IOException {
    Cli.Result t = Cli.run("calibrate", "--serving", SWEEP);
    assertThat(t.exit()).as(t.err()).isZero();
    assertThat(t.out()).contains("Capacity: 28.45 requests/s", "capacity only (saturated)", "left out (incomplete)",
        "Mean error: interpolation 0.624, queueing 0.522, nearest measured rate 0.859", "Fit: queueing");
    JsonNode j = json(Cli.run("calibrate", "--serving", SWEEP, "--format", "json"));
    // the capacity is the plateau the sweep measured: within 10 % of the saturated run's throughput (28.45)
    // and of the 30 requests/s run's (27.91)
    assertThat(j.get("capacity_rps").asDouble()).isBetween(0.9 * 28.452, 1.1 * 28.452);
    assertThat(j.get("capacity_rps").asDouble()).isBetween(0.9 * 27.912, 1.1 * 27.912);
    assertThat(j.get("runs")).hasSize(6);
    assertThat(j.get("leave_one_rate_out").get("chosen").asText()).isEqualTo("queueing");
  }

  @Test
  void aHeldOutRate_isPredictedBetterThanByTheNearestRate() throws IOException {
    JsonNode j = json(Cli.run("calibrate", "--serving", SWEEP, "--hold-out", "20", "--format", "json"));
    JsonNode h = j.get("held_out");
    assertThat(h.get("request_rate").asDouble()).isEqualTo(20);
    assertThat(h.get("fit_error").asDouble()).isLessThan(h.get("nearest_rate_error").asDouble());
    // the figures docs/serving.md quotes: fit 0.444, nearest rate 1.440
    assertThat(h.get("fit_error").asDouble()).isBetween(0.4435, 0.4445);
    assertThat(h.get("nearest_rate_error").asDouble()).isBetween(1.4395, 1.4405);
    // the fit never saw the rate: three curve points, the saturated run for the capacity
    assertThat(j.get("runs")).hasSize(5);
  }

  static String[] plan(String... extra) {
    List<String> a = new java.util.ArrayList<>(List.of("plan", "--models", profile.toString(), "--model",
        "llama-8b-h100", "--max-cost", "1", "--max-latency", "45", "--min-accuracy", "0.9", "--k-max", "16",
        "--parallel", "16", "--grid", "all", "--format", "json"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  static JsonNode point(JsonNode plan, int k) {
    for (JsonNode p : plan.get("points")) {
      if (p.get("k").asInt() == k) {
        return p;
      }
    }
    throw new AssertionError("no k = " + k);
  }

  @Test
  void atOneRequestPerSecond_k8FitsOneReplica_k11SaturatesIt_andAutoFindsTheFewestReplicas() throws IOException {
    JsonNode alone = json(Cli.run(plan()));
    JsonNode one = json(Cli.run(plan("--traffic", "1")));
    JsonNode auto = json(Cli.run(plan("--traffic", "1", "--replicas", "auto")));
    // alone on the server, accuracy-max takes k = 15; at 1 request/s on one replica k >= 11 saturate it
    assertThat(alone.get("picks").get("accuracy-max").get("k").asInt()).isEqualTo(15);
    JsonNode k11 = point(one, 11);
    assertThat(k11.get("saturated").asBoolean()).isTrue();
    assertThat(k11.get("latency_s").isNull()).isTrue();
    assertThat(k11.get("feasible").asBoolean()).isFalse();
    assertThat(k11.get("replicas").asInt()).isEqualTo(1);
    assertThat(one.get("picks").get("accuracy-max").get("k").asInt()).isLessThan(11);
    assertThat(one.get("notes").toString()).contains("at or past capacity at 1 requests/s on 1 replica");
    // auto: each k on the fewest replicas that meet 45 s; k = 11 needs more than one, and one fewer fails
    JsonNode a11 = point(auto, 11);
    int r = a11.get("replicas").asInt();
    assertThat(r).isGreaterThan(1);
    assertThat(a11.get("latency_s").asDouble()).isLessThanOrEqualTo(45);
    JsonNode fewer = point(json(Cli.run(plan("--traffic", "1", "--replicas", Integer.toString(r - 1)))), 11);
    assertThat(fewer.get("saturated").asBoolean() || fewer.get("latency_s").asDouble() > 45).isTrue();
    // with the replica price: r x 2.99 / 3600 USD per request, reported apart from the tokens' (free here)
    assertThat(a11.get("replica_cost_usd").asDouble()).isEqualTo(r * 2.99 / 3600);
    assertThat(a11.get("token_cost_usd").asDouble()).isZero();
  }

  @Test
  void budget_answersTheFewestReplicasForATargetUnderALatency() throws IOException {
    Cli.Result t = Cli.run("budget", "--models", profile.toString(), "--model", "llama-8b-h100", "--min-accuracy",
        "0.93", "--k-max", "16", "--parallel", "16", "--grid", "all", "--traffic", "1", "--replicas", "auto",
        "--max-latency", "45");
    assertThat(t.exit()).as(t.err()).isZero();
    assertThat(t.out()).contains("11 on 3 replicas");
    // "the fewest replicas for k = 8 at 5 requests/s under 60 s": P = 8 and k_max 8 leave k = 8 alone
    JsonNode b = json(Cli.run("budget", "--models", profile.toString(), "--model", "llama-8b-h100", "--min-accuracy",
        "0.92", "--k-max", "8", "--parallel", "8", "--traffic", "5", "--replicas", "auto", "--max-latency", "60",
        "--format", "json"));
    JsonNode m = b.get("models").get(0).get("min_replicas");
    assertThat(m.get("k").asInt()).isEqualTo(8);
    int n = m.get("value").asInt();
    assertThat(m.get("replicas").asInt()).isEqualTo(n);
    // held to plan: on n replicas k = 8 meets 60 s, on n - 1 it does not
    String[] at = {"plan", "--models", profile.toString(), "--model", "llama-8b-h100", "--max-cost", "1",
        "--max-latency", "60", "--min-accuracy", "0.9", "--k-max", "8", "--parallel", "8", "--traffic", "5",
        "--format", "json", "--replicas"};
    JsonNode onN = point(json(Cli.run(java.util.stream.Stream.concat(java.util.Arrays.stream(at),
        Stream.of(Integer.toString(n))).toArray(String[]::new))), 8);
    JsonNode onFewer = point(json(Cli.run(java.util.stream.Stream.concat(java.util.Arrays.stream(at),
        Stream.of(Integer.toString(n - 1))).toArray(String[]::new))), 8);
    assertThat(onN.get("latency_s").asDouble()).isLessThanOrEqualTo(60);
    assertThat(onFewer.get("saturated").asBoolean() || onFewer.get("latency_s").asDouble() > 60).isTrue();
  }

  /** When every k that would meet the budgets is past capacity, each command says so (a fresh user hit exit 1). */
  @Test
  void whenOnlySaturatedKWouldDo_everyCommandSaysSo_notAFailure() throws IOException {
    String[] base = {"--models", profile.toString(), "--max-cost", "1", "--max-latency", "45", "--min-accuracy", "0.9",
        "--k-max", "16", "--parallel", "16", "--traffic", "1"};
    Cli.Result plan = Cli.run(java.util.stream.Stream.concat(Stream.of("plan", "--model", "llama-8b-h100"),
        java.util.Arrays.stream(base)).toArray(String[]::new));
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("Feasible k at P = 16: none",
        "no k is feasible: no finite latency at k = 16 (past the server's capacity: see the notes)");
    JsonNode j = json(Cli.run(java.util.stream.Stream.concat(Stream.of("plan", "--model", "llama-8b-h100", "--format",
        "json"), java.util.Arrays.stream(base)).toArray(String[]::new)));
    assertThat(j.get("infeasible").get("smallest_admitting_budget").has("max_latency_s")).isFalse();
    Cli.Result compare = Cli.run(java.util.stream.Stream.concat(Stream.of("compare"), java.util.Arrays.stream(base))
        .toArray(String[]::new));
    assertThat(compare.exit()).as(compare.err()).isZero();
    Cli.Result sensitivity = Cli.run(java.util.stream.Stream.concat(Stream.of("sensitivity", "--model", "llama-8b-h100",
        "--grid", "all"), java.util.Arrays.stream(base)).toArray(String[]::new));
    assertThat(sensitivity.exit()).as(sensitivity.err()).isZero();
    Cli.Result budget = Cli.run("budget", "--models", profile.toString(), "--model", "llama-8b-h100", "--min-accuracy",
        "0.93", "--k-max", "16", "--parallel", "16", "--traffic", "1");
    assertThat(budget.exit()).as(budget.err()).isZero();
    assertThat(budget.out()).contains("reached only at k = 16, past the capacity of 1 replica at this traffic");
  }

  @Test
  void compareAndReproduce_showReplicas_andReproduceMeetsEachScenariosLatencyOnAutoReplicas() throws IOException {
    Cli.Result compare = Cli.run("compare", "--models", profile.toString(), "--max-cost", "1", "--max-latency", "45",
        "--min-accuracy", "0.9", "--k-max", "16", "--parallel", "16", "--grid", "all", "--traffic", "1");
    assertThat(compare.exit()).as(compare.err()).isZero();
    assertThat(compare.out()).contains("replicas   util.", "At 1 requests/s: replicas serving the traffic");
    JsonNode r = json(Cli.run("reproduce", "--models", profile.toString(), "--traffic", "1", "--replicas", "auto",
        "--format", "json"));
    for (JsonNode sc : r.get("scenarios")) {
      double maxLatency = sc.get("budget").get("max_latency_s").asDouble();
      JsonNode pick = sc.get("models").get(0).get("selections").get("accuracy-max");
      if (pick.isNull()) {
        continue;
      }
      assertThat(pick.get("traffic_requests_per_s").asDouble()).isEqualTo(1);
      assertThat(pick.get("replicas").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(pick.get("latency_s").asDouble()).as(sc.get("name").asText()).isLessThanOrEqualTo(maxLatency);
    }
  }

  @Test
  void withoutTraffic_aProfileWithALoadCurvePlansAsIfAlone() throws IOException {
    JsonNode alone = json(Cli.run(plan()));
    assertThat(alone.get("points").get(0).has("replicas")).isFalse();
    assertThat(alone.toString()).doesNotContain("utilisation");
  }

  static Stream<Arguments> bad() throws IOException {
    Path one = Files.writeString(dir.resolve("one-rate.jsonl"), Files.readAllLines(Path.of(SWEEP)).get(1) + "\n");
    String base = Files.readString(Path.of(SWEEP));
    List<String> lines = Files.readAllLines(Path.of(SWEEP));
    Path twice = Files.writeString(dir.resolve("twice.jsonl"), lines.get(1) + "\n" + lines.get(1) + "\n");
    Path notIncreasing = Files.writeString(dir.resolve("down.yaml"), """
        models:
          m:
            c_in: 0
            c_out: 0
            t_in: 0
            t_out: 0.01
            mu_Lin: 100
            sigma_Lin: 0
            mu_Lout: 100
            sigma_Lout: 0
            acc_mean: 0.8
            acc_std: 0.1
            serving:
              measured_with: {input_tokens: 1000, output_tokens: 100}
              capacity_rps: 28
              load:
              - {requests_per_s: 10, ttft_s: 0.06, tpot_s: 0.012}
              - {requests_per_s: 1, ttft_s: 0.05, tpot_s: 0.009}
        """);
    Path oneRateProfile = Files.writeString(dir.resolve("one.yaml"), Files.readString(notIncreasing)
        .replace("      - {requests_per_s: 1, ttft_s: 0.05, tpot_s: 0.009}\n", ""));
    return Stream.of(
        Arguments.of(new String[] {"calibrate", "--serving", one.toString(), "--load-fit", "queueing"}, "--serving",
            "a load curve needs at least 2 rates"),
        Arguments.of(new String[] {"calibrate", "--serving", twice.toString()}, "--serving", "two runs at request_rate 10"),
        Arguments.of(new String[] {"plan", "--models", notIncreasing.toString(), "--model", "m"},
            "models.m.serving.load[1].requests_per_s = 1", "strictly increasing"),
        Arguments.of(new String[] {"plan", "--models", oneRateProfile.toString(), "--model", "m"},
            "models.m.serving.load", "at least 2 measured rates"),
        Arguments.of(new String[] {"plan", "--scenario", "balanced", "--model", "gpt5", "--traffic", "0"},
            "--traffic = 0", "must be a number in (0, "),
        Arguments.of(new String[] {"plan", "--scenario", "balanced", "--model", "gpt5", "--traffic", "-3"},
            "--traffic = -3", "must be a number in (0, "),
        Arguments.of(new String[] {"compare", "--scenario", "balanced", "--traffic", "5", "--replicas", "0"},
            "--replicas = 0", "must be auto or an integer in [1, "),
        Arguments.of(new String[] {"curve", "--model", "gpt5", "--replicas", "2"}, "--replicas = 2",
            "applies only with traffic"),
        Arguments.of(new String[] {"budget", "--model", "gpt5", "--min-accuracy", "0.9", "--max-latency", "10"},
            "--max-latency = 10", "only at a traffic"),
        Arguments.of(new String[] {"calibrate", "--serving", SWEEP, "--hold-out", "35"}, "--hold-out = 35",
            "below saturation (that run is saturated): [1, 10, 20, 30]"),
        Arguments.of(new String[] {"calibrate", "--serving", SWEEP, "--hold-out", "inf"}, "--hold-out = inf",
            "(that run is incomplete)"),
        Arguments.of(new String[] {"calibrate", "--serving", SWEEP, "--hold-out", "fast"}, "--hold-out = fast",
            "a number, or inf"),
        Arguments.of(new String[] {"calibrate", "--serving", SWEEP, "--write", dir.resolve("x.yaml").toString()},
            "--write", "needs an accuracy source"));
  }

  @ParameterizedTest
  @MethodSource("bad")
  void badInput_exits2_namingTheField(String[] args, String field, String allowed) {
    Cli.Result r = Cli.run(args);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).contains(field).contains(allowed).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
