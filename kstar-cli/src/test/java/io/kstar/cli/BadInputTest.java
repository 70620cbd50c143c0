package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §8: every invalid value ends with exit 2 and one message naming field, value and what is allowed. */
class BadInputTest {

  @TempDir static Path dir;

  static final String GOOD_MODEL = """
      models:
        m1:
          c_in: 0.000001
          c_out: 0.000002
          t_in: 0.001
          t_out: 0.002
          mu_Lin: 100
          sigma_Lin: 10
          mu_Lout: 200
          sigma_Lout: 20
          acc_mean: 0.8
          acc_std: 0.05
          default_parallel: 2
      """;

  static final String GOOD_SCENARIO = """
      scenarios:
        s1:
          max_cost_usd: 0.5
          max_latency_s: 60
          min_accuracy: 0.88
      """;

  /** A file of docs/examples by its absolute path (tests run in the module's folder). */
  static String example(String name) {
    return ReadmeCommandsTest.root().resolve("docs/examples").resolve(name).toString();
  }

  static Path file(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  static Path bytes(String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  static Path model(String key, String value) {
    return file("model-" + key + "-" + value.hashCode() + ".yaml", GOOD_MODEL.replaceFirst(key + ": [^\\n]*", key + ": " + value));
  }

  static Path scenario(String key, String value) {
    return file("sc-" + key + "-" + value.hashCode() + ".yaml", GOOD_SCENARIO.replaceFirst(key + ": [^\\n]*", key + ": " + value));
  }

  static Stream<Arguments> cases() {
    List<Arguments> a = new ArrayList<>();
    // a negative price or length
    a.add(Arguments.of(new String[] {"models", "--models", model("c_in", "-0.000001").toString()}, "models.m1.c_in = -1.0E-6", "must be a number in [0, 1] (USD per token)"));
    a.add(Arguments.of(new String[] {"models", "--models", model("c_out", "-2").toString()}, "models.m1.c_out = -2", "must be a number in [0, 1] (USD per token)"));
    a.add(Arguments.of(new String[] {"models", "--models", model("mu_Lin", "-100").toString()}, "models.m1.mu_Lin = -100", "[1, 100000000]"));
    a.add(Arguments.of(new String[] {"models", "--models", model("mu_Lout", "-1").toString()}, "models.m1.mu_Lout = -1", "[1, 100000000]"));
    a.add(Arguments.of(new String[] {"models", "--models", model("t_out", "-0.1").toString()}, "models.m1.t_out = -0.1", "[0, 100] (seconds per token)"));
    // a standard deviation below zero
    a.add(Arguments.of(new String[] {"models", "--models", model("acc_std", "-0.1").toString()}, "models.m1.acc_std = -0.1", "[0, 100]"));
    a.add(Arguments.of(new String[] {"models", "--models", model("sigma_Lout", "-3").toString()}, "models.m1.sigma_Lout = -3", "[0, 100000000]"));
    // an accuracy mean outside [0, 1]
    a.add(Arguments.of(new String[] {"models", "--models", model("acc_mean", "1.5").toString()}, "models.m1.acc_mean = 1.5", "[0, 1]"));
    a.add(Arguments.of(new String[] {"models", "--models", model("acc_mean", "-0.2").toString()}, "models.m1.acc_mean = -0.2", "[0, 1]"));
    // P < 1
    a.add(Arguments.of(new String[] {"models", "--models", model("default_parallel", "0").toString()}, "models.m1.default_parallel = 0", "[1, "));
    a.add(Arguments.of(new String[] {"models", "--models", model("default_parallel", "2.5").toString()}, "models.m1.default_parallel = 2.5", "must be an integer"));
    a.add(Arguments.of(new String[] {"reproduce", "--parallel", "0"}, "--parallel = 0", "[1, "));
    // a budget that is not a positive finite number
    a.add(Arguments.of(new String[] {"reproduce", "--scenarios", scenario("max_cost_usd", "0").toString()}, "scenarios.s1.max_cost_usd = 0", "positive finite"));
    a.add(Arguments.of(new String[] {"reproduce", "--scenarios", scenario("max_cost_usd", "-1").toString()}, "scenarios.s1.max_cost_usd = -1", "positive finite"));
    a.add(Arguments.of(new String[] {"reproduce", "--scenarios", file("inf.json", "{\"scenarios\": {\"s1\": {\"max_cost_usd\": 1, \"max_latency_s\": 1e400, \"min_accuracy\": 0.5}}}").toString()}, "scenarios.s1.max_latency_s = Infinity", "positive finite"));
    a.add(Arguments.of(new String[] {"reproduce", "--scenarios", scenario("max_latency_s", ".nan").toString()}, "scenarios.s1.max_latency_s = .nan", "must be a finite number (NaN and infinities are not allowed)"));
    a.add(Arguments.of(new String[] {"reproduce", "--scenarios", scenario("max_latency_s", "\"fast\"").toString()}, "scenarios.s1.max_latency_s = \"fast\"", "must be a number"));
    a.add(Arguments.of(new String[] {"reproduce", "--scenarios", scenario("min_accuracy", "1.5").toString()}, "scenarios.s1.min_accuracy = 1.5", "(0, 1]"));
    a.add(Arguments.of(new String[] {"reproduce", "--scenarios", file("kmax.yaml", GOOD_SCENARIO + "    k_max: 0\n").toString()}, "scenarios.s1.k_max = 0", "[1, "));
    // an unknown model id
    a.add(Arguments.of(new String[] {"curve", "--model", "gpt6"}, "--model = gpt6", "must be one of [gpt5, gpt5-mini"));
    a.add(Arguments.of(new String[] {"reproduce", "--reference", "gpt6"}, "--reference = gpt6", "must be one of"));
    // malformed YAML or JSON, missing or unknown keys, a missing file
    a.add(Arguments.of(new String[] {"models", "--models", file("broken.yaml", "models:\n  m1: [unclosed\n").toString()}, "broken.yaml: models.m1[0]", "not valid YAML or JSON (line 2, column 16)"));
    a.add(Arguments.of(new String[] {"models", "--models", file("broken.json", "{\"models\": {\"m1\": {\"c_in\": 1,}}").toString()}, "broken.json: models", "not valid YAML or JSON (line 1, column 32)"));
    a.add(Arguments.of(new String[] {"models", "--models", file("dup.yaml", GOOD_MODEL + "  m1:\n    c_in: 1\n").toString()}, "dup.yaml", "Duplicate field 'm1'"));
    a.add(Arguments.of(new String[] {"models", "--models", file("missing.yaml", GOOD_MODEL.replaceFirst("\\s*acc_std: [^\\n]*", "")).toString()}, "models.m1.acc_std", "is missing"));
    a.add(Arguments.of(new String[] {"models", "--models", file("typo.yaml", GOOD_MODEL.replace("acc_std", "acc_sd")).toString()}, "models.m1.acc_sd = 0.05", "not a known key"));
    // files that are not UTF-8 text, or nested past the parser's limit: refused in kstar's words (#26, #29)
    byte[] binary = new byte[512];
    new java.util.Random(3).nextBytes(binary);
    binary[0] = (byte) 0xA3;
    a.add(Arguments.of(new String[] {"models", "--models", bytes("binary.yaml", binary).toString()}, "binary.yaml: (document)", "is not UTF-8 text (a binary file?): a catalog is YAML or JSON, saved as UTF-8"));
    a.add(Arguments.of(new String[] {"models", "--models", bytes("utf16.yaml", GOOD_MODEL.getBytes(java.nio.charset.StandardCharsets.UTF_16)).toString()}, "utf16.yaml: (document)", "is UTF-16 text: save it as UTF-8"));
    a.add(Arguments.of(new String[] {"models", "--models", file("deep.json", "{\"models\": " + "[".repeat(1200) + "]".repeat(1200) + "}").toString()}, "deep.json", "is nested too deeply: more than 1000 levels of lists and mappings"));
    a.add(Arguments.of(new String[] {"calibrate", bytes("utf16.jsonl", "{\"question\": \"a\", \"correct\": true}\n".getBytes(java.nio.charset.StandardCharsets.UTF_16)).toString()}, "utf16.jsonl", "is UTF-16 text: save it as UTF-8"));
    a.add(Arguments.of(new String[] {"calibrate", bytes("binary.csv", binary).toString()}, "binary.csv", "is not UTF-8 text: save it as UTF-8"));
    a.add(Arguments.of(new String[] {"calibrate", file("nan.jsonl", "{\"question\": \"a\", \"correct\": true, \"latency_s\": NaN}\n").toString()}, "nan.jsonl:1: (record)", "NaN and Infinity are not JSON numbers (write null, or leave the field out)"));
    // a problem of the records as a whole names the file (it named a line of no file)
    a.add(Arguments.of(new String[] {"calibrate", file("mixed.jsonl", "{\"question\": \"a\", \"correct\": true}\n{\"question\": \"b\", \"score\": 0.5}\n").toString()}, "mixed.jsonl: correct", "is missing in 1 of the 2 records: the records mix correct flags and scores"));
    a.add(Arguments.of(new String[] {"calibrate", file("quoted.csv", "question,correct\nq1,1\n\"q2,0\n").toString()}, "quoted.csv:", "is not valid CSV"));
    a.add(Arguments.of(new String[] {"calibrate", file("into.csv", "question,correct\nq1,1\nq2,0\n").toString(), "--into", file("into.yaml", GOOD_MODEL).toString(), "--id", "m1"}, "--into = ", "needs --write FILE: where the merged catalog goes"));
    a.add(Arguments.of(new String[] {"models", "--write", dir.resolve("w.yaml").toString()}, "--write = ", "needs --prices FILE (the prices to fill in) or --convert"));
    a.add(Arguments.of(new String[] {"models", "--models", file("nomodels.yaml", "scenarios: {}\n").toString()}, "scenarios = {…}", "not a known key; allowed keys: [models, source]"));
    a.add(Arguments.of(new String[] {"models", "--models", file("emptymodels.yaml", "models: {}\n").toString()}, "models = {}", "at least one model"));
    a.add(Arguments.of(new String[] {"models", "--models", dir.resolve("nope.yaml").toString()}, "--models = ", "readable file"));
    // a grid too large for memory, and other flags out of range
    a.add(Arguments.of(new String[] {"reproduce", "--k-max", "100000000"}, "--k-max = 100000000", "[1, 16777216]"));
    a.add(Arguments.of(new String[] {"curve", "--model", "gpt5", "--grid", "all", "--k-max", "1000000", "--estimator", "monte-carlo"}, "--k-max = 1000000", "MiB"));
    a.add(Arguments.of(new String[] {"curve", "--model", "gpt5", "--grid", "all", "--k-max", "16000000"}, "--k-max = 16000000", "more than fit in memory"));
    a.add(Arguments.of(new String[] {"reproduce", "--estimator", "monte-carlo", "--trials", "1"}, "--trials = 1", "[2, "));
    a.add(Arguments.of(new String[] {"reproduce", "--trials", "many"}, "--trials = many", "must be an integer in [2, 100000000]"));
    a.add(Arguments.of(new String[] {"reproduce", "--estimator", "mc"}, "--estimator = mc", "[exact, monte-carlo]"));
    a.add(Arguments.of(new String[] {"reproduce", "--grid", "odd"}, "--grid = odd", "[batch, all]"));
    a.add(Arguments.of(new String[] {"reproduce", "--format", "xml"}, "--format = xml", "[table, json, csv, markdown]"));
    a.add(Arguments.of(new String[] {"reproduce", "--accuracy-tolerance", "-1"}, "--accuracy-tolerance = -1", ">= 0"));
    a.add(Arguments.of(new String[] {"reproduce", "--no-such-flag"}, "Unknown option: '--no-such-flag'", "--help"));
    // the planner's flags
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "nope"}, "--scenario = nope", "must be one of [balanced"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--max-cost", "1"}, "--max-latency", "is required (or give a scenario)"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--max-cost", "-1"}, "--max-cost = -1", "positive finite"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--min-accuracy", "1.2"}, "--min-accuracy = 1.2", "(0, 1]"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--latency-quantile", "1.5"}, "--latency-quantile = 1.5", "strictly between 0 and 1"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--parallel", "0-3"}, "--parallel = 0-3", "[1, "));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--parallel", "1-1000"}, "--parallel = 1-1000", "at most 64 values"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--parallel", "four"}, "--parallel = four", "a list like 1,2,4"));
    a.add(Arguments.of(new String[] {"plan", "--scenario", "balanced", "--c-in", "0.000001"}, "--c-out", "is required for an inline model"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--acc-std", "-0.5"}, "--acc-std = -0.5", "[0, 100]"));
    a.add(Arguments.of(new String[] {"compare", "--scenario", "balanced", "--accuracy-tolerance", "-1"}, "--accuracy-tolerance = -1", ">= 0"));
    a.add(Arguments.of(new String[] {"budget", "--min-accuracy", "0.9"}, "--model", "is required (or --catalog"));
    a.add(Arguments.of(new String[] {"budget", "--model", "gpt5", "--min-accuracy", "0"}, "--min-accuracy = 0", "(0, 1]"));
    a.add(Arguments.of(new String[] {"sensitivity", "--model", "nope", "--scenario", "balanced"}, "--model = nope", "must be one of"));
    // issue 12: non-finite results refused at the input that causes them, did-you-mean, and friends
    a.add(Arguments.of(new String[] {"models", "--models", model("c_out", "1e300").toString()}, "models.m1.c_out = 1.0E300", "[0, 1] (USD per token)"));
    a.add(Arguments.of(new String[] {"models", "--models", model("sigma_Lout", "1e300").toString()}, "models.m1.sigma_Lout = 1.0E300", "[0, 100000000]"));
    a.add(Arguments.of(new String[] {"models", "--models", model("acc_std", ".inf").toString()}, "models.m1.acc_std = .inf", "finite number"));
    a.add(Arguments.of(new String[] {"plann"}, "'plann'", "did you mean plan?"));
    a.add(Arguments.of(new String[] {"help", "plann"}, "'plann'", "did you mean plan?"));
    a.add(Arguments.of(new String[] {"plan", "--max-cots", "1"}, "'--max-cots'", "did you mean --max-cost?"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5-nan", "--scenario", "balanced"}, "--model = gpt5-nan", "did you mean gpt5-nano?"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balance"}, "--scenario = balance", "did you mean balanced?"));
    a.add(Arguments.of(new String[] {"models", "--models", file("typo2.yaml", GOOD_MODEL.replace("acc_std", "acc_sdt")).toString()}, "models.m1.acc_sdt", "did you mean acc_std?"));
    a.add(Arguments.of(new String[] {"plan"}, "--model", "is required: a model id of the catalog"));
    a.add(Arguments.of(new String[] {"budget", "--catalog", "--model", "gpt5", "--min-accuracy", "0.9"}, "--model = gpt5", "cannot be combined with --catalog"));
    a.add(Arguments.of(new String[] {"calibrate", "--curve", "docs/examples/r1-distill-qwen7b-scaling-curves.json", "--id", ""}, "--id", "must not be blank"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--confidence", "1.5"}, "--confidence = 1.5", "strictly between 0 and 1"));
    a.add(Arguments.of(new String[] {"compare", "--scenario", "balanced", "--confidence", "0"}, "--confidence = 0", "strictly between 0 and 1"));
    a.add(Arguments.of(new String[] {"budget", "--model", "gpt5", "--min-accuracy", "0.9", "--confidence", "2"}, "--confidence = 2", "strictly between 0 and 1"));
    a.add(Arguments.of(new String[] {"completion", "fish"}, "shell = fish", "must be one of [bash, zsh]"));
    a.add(Arguments.of(new String[] {"calibrate", "--curve", file("dup-n.json", "[{\"n\": 1, \"accuracy\": 0.5}, {\"n\": 1, \"accuracy\": 0.6}, {\"n\": 2, \"accuracy\": 0.7}]").toString(), "--questions", "100"}, "[1].n", "n"));
    a.add(Arguments.of(new String[] {"calibrate", file("one-question.jsonl", "{\"question\": \"q1\", \"input_tokens\": 10, \"output_tokens\": 20, \"latency_s\": 1, \"correct\": true}\n{\"question\": \"q1\", \"input_tokens\": 12, \"output_tokens\": 25, \"latency_s\": 1.2, \"correct\": false}\n").toString()}, "question", "question"));
    a.add(Arguments.of(new String[] {"calibrate", "--curve", "docs/examples/r1-distill-qwen7b-scaling-curves.json", "--replicates", "1"}, "--replicates = 1", "[2, 100000]"));
    // more flags and files, one each (issue 12: keep the table growing)
    String curve = ReadmeCommandsTest.root().resolve("docs/examples/r1-distill-qwen7b-scaling-curves.json").toString();
    String log = cleanLog().toString();
    String pass = file("pass.yaml", GOOD_MODEL.replace("    acc_mean: 0.8\n", "").replace("acc_std: 0.05\n",
        "accuracy_model: pass-at-k\n    difficulty_alpha: 0.6\n    difficulty_beta: 0.9\n")).toString();
    a.add(Arguments.of(new String[] {"curve", "--model", "gpt5", "--parallel", "0"}, "--parallel = 0", "every P an integer in [1, 1048576]"));
    a.add(Arguments.of(new String[] {"curve", "--model", "gpt5", "--k-max", "0"}, "--k-max = 0", "[1, 16777216]"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--baseline-k", "0"}, "--baseline-k = 0", "[1, 16777216]"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--cost-quantile", "0"}, "--cost-quantile = 0", "strictly between 0 and 1"));
    a.add(Arguments.of(new String[] {"compare", "--scenario", "nope"}, "--scenario = nope", "must be one of [balanced"));
    a.add(Arguments.of(new String[] {"budget", "--model", "gpt5", "--min-accuracy", "1.5"}, "--min-accuracy = 1.5", "(0, 1]"));
    a.add(Arguments.of(new String[] {"budget", "--catalog", "--min-accuracy", "0.9", "--cost-quantile", "2"}, "--cost-quantile = 2", "strictly between 0 and 1"));
    a.add(Arguments.of(new String[] {"sensitivity", "--model", "gpt5"}, "--max-cost", "is required"));
    a.add(Arguments.of(new String[] {"models", "--convert", "--to", "xml"}, "--to = xml", "[flat, friendly]"));
    a.add(Arguments.of(new String[] {"models", "--validate", dir.resolve("nope.yaml").toString()}, "--validate = ", "readable file"));
    a.add(Arguments.of(new String[] {"calibrate"}, "LOGS", "not both or neither"));
    // #29: a suggestion for every enumerated value (a swapped pair of letters, another case, a letter short)
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--format", "jsno"}, "--format = jsno", "(did you mean json?)"));
    a.add(Arguments.of(new String[] {"plan", "--model", "GPT5", "--scenario", "balanced"}, "--model = GPT5", "(did you mean gpt5?)"));
    a.add(Arguments.of(new String[] {"models", "--convert", "--to", "frendly"}, "--to = frendly", "(did you mean friendly?)"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--policy", "fixed,until-pas"}, "--policy = fixed,until-pas", "(did you mean until-pass?)"));
    a.add(Arguments.of(new String[] {"calibrate", "--curve", example("r1-distill-qwen7b-scaling-curves.json"), "--dataset", "MATH50"}, "--dataset = MATH50", "(did you mean MATH500?)"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--out", ""}, "--out = ''", "must name a directory"));
    a.add(Arguments.of(new String[] {"calibrate", "docs/examples/sample-log.jsonl", "--engine", "spark"}, "--engine = spark", "must be one of [auto, jvm, duckdb]"));
    a.add(Arguments.of(new String[] {"calibrate", "no/such/logs/*.parquet"}, "LOGS = no/such/logs/*.parquet", "matches no file"));
    a.add(Arguments.of(new String[] {"calibrate", example("sample-log.jsonl"), "--serving", example("litellm-prices.json")}, "litellm-prices.json: request_rate", "is it a vLLM serving benchmark result?"));
    a.add(Arguments.of(new String[] {"calibrate", file("agg.json", "{\"format\": \"kstar-log-aggregate/1\", \"groups\": [{\"key\": {}}]}").toString()}, "groups[0].key.model", "is missing"));
    a.add(Arguments.of(new String[] {"models", "--write", "x.yaml"}, "--write = x.yaml", "needs --prices FILE"));
    a.add(Arguments.of(new String[] {"models", "--prices", example("vllm-serving-benchmark.json")}, "vllm-serving-benchmark.json", "has no model with input_cost_per_token"));
    a.add(Arguments.of(new String[] {"calibrate", "--curve", curve, "--fit-up-to", "0"}, "--fit-up-to = 0", ">= 1"));
    a.add(Arguments.of(new String[] {"calibrate", "--curve", curve, "--model", "nope"}, "--model = nope", "must be auto or one of"));
    a.add(Arguments.of(new String[] {"calibrate", "--curve", curve, "--dataset", "NOPE"}, "--dataset = NOPE", "matches no curve"));
    a.add(Arguments.of(new String[] {"calibrate", "--curve", curve, "--questions", "0"}, "--questions = 0", ">= 1"));
    a.add(Arguments.of(new String[] {"calibrate", "--curve", curve, "--price-in-per-mtok", "-1"}, "--price-in-per-mtok = -1", ">= 0"));
    a.add(Arguments.of(new String[] {"calibrate", "--curve", curve, "--parallel", "0"}, "--parallel = 0", "[1, 1048576]"));
    a.add(Arguments.of(new String[] {"calibrate", log, "--bootstrap", "-1"}, "--bootstrap = -1", "[0, 100000]"));
    a.add(Arguments.of(new String[] {"calibrate", log, "--replicates", "-1"}, "--replicates = -1", "[0, 100000]"));
    a.add(Arguments.of(new String[] {"calibrate", log, "--log-model", "nope"}, "--log-model = nope", "matches no record"));
    a.add(Arguments.of(new String[] {"calibrate", log, "--model", "majority-vote"}, "--model = majority-vote", "needs an answer per record"));
    a.add(Arguments.of(new String[] {"calibrate", log, "--model", "gaussian-best-of-k"}, "--model = gaussian-best-of-k", "cannot be fitted"));
    a.add(Arguments.of(new String[] {"calibrate", log, "--model", "pass-at-kk"}, "--model = \"pass-at-kk\"", "did you mean pass-at-k?"));
    a.add(Arguments.of(new String[] {"serve", "--port", "70000"}, "--port = 70000", "[0, 65535]"));
    a.add(Arguments.of(new String[] {"serve", "--time-limit-ms", "0"}, "--time-limit-ms = 0", "positive number"));
    a.add(Arguments.of(new String[] {"models", "--models", file("otherkind.yaml", GOOD_MODEL.replace("acc_std: 0.05", "acc_std: 0.05\n    difficulty_alpha: 2")).toString()}, "models.m1.difficulty_alpha = 2", "is not a key of accuracy_model gaussian-best-of-k"));
    a.add(Arguments.of(new String[] {"models", "--models", file("warp.yaml", GOOD_MODEL + "    latency_model: warp\n").toString()}, "models.m1.latency_model = \"warp\"", "[batched-mean, batched-max, ttft-decode]"));
    a.add(Arguments.of(new String[] {"models", "--models", file("ttftonmean.yaml", GOOD_MODEL + "    ttft_s: 0.3\n").toString()}, "models.m1.ttft_s = 0.3", "is not a key of latency_model batched-mean"));
    a.add(Arguments.of(new String[] {"models", "--models", file("rate0.yaml", GOOD_MODEL + "    rate_limit_tpm: 0\n").toString()}, "models.m1.rate_limit_tpm = 0", "(0, 1000000000000]"));
    a.add(Arguments.of(new String[] {"models", "--models", file("emptyvals.yaml", GOOD_MODEL.replace("mu_Lin: 100", "lin_values: []").replace("    sigma_Lin: 10\n", "")).toString()}, "models.m1.lin_values", "non-empty list of numbers"));
    a.add(Arguments.of(new String[] {"models", "--models", file("lognorm.yaml", GOOD_MODEL + "    lout_distribution: gamma\n").toString()}, "models.m1.lout_distribution = \"gamma\"", "[clipped-normal, normal, lognormal, empirical]"));
    a.add(Arguments.of(new String[] {"models", "--models", file("wrong.yaml", pass.isEmpty() ? "" : GOOD_MODEL.replace("    acc_mean: 0.8\n", "").replace("    acc_std: 0.05\n", "    accuracy_model: majority-vote\n    difficulty_alpha: 2\n    difficulty_beta: 1\n    wrong_answers: 100\n")).toString()}, "models.m1.wrong_answers = 100", "[1, 64]"));
    a.add(Arguments.of(new String[] {"models", "--models", file("selacc.yaml", GOOD_MODEL.replace("    acc_mean: 0.8\n", "").replace("    acc_std: 0.05\n", "    accuracy_model: selector-best-of-k\n    difficulty_alpha: 2\n    difficulty_beta: 1\n    selector_accuracy: 1.5\n")).toString()}, "models.m1.selector_accuracy = 1.5", "[0, 1]"));
    a.add(Arguments.of(new String[] {"models", "--models", file("fmt.yaml", "format: kstar-catalog/9\nmodels: {}\n").toString()}, "format = \"kstar-catalog/9\"", "must be \"kstar-catalog/1\""));
    a.add(Arguments.of(new String[] {"reproduce", "--scenarios", file("sc-typo.yaml", GOOD_SCENARIO.replace("max_cost_usd", "max_cots_usd")).toString()}, "scenarios.s1.max_cots_usd", "did you mean max_cost_usd?"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--estimator", "monte-carlo", "--trials", "0"}, "--trials = 0", "[2, "));
    a.add(Arguments.of(new String[] {"reproduce", "--threads", "0", "--estimator", "monte-carlo"}, "--threads = 0", "[1, 1024]"));
    a.add(Arguments.of(new String[] {"models", "--models", file("calparams.yaml", pass.isEmpty() ? "" : GOOD_MODEL.replace("    acc_mean: 0.8\n", "").replace("    acc_std: 0.05\n", "    accuracy_model: pass-at-k\n    difficulty_alpha: 0.6\n    difficulty_beta: 0.9\n    calibration:\n      data_up_to_k: 8\n      parameters: [alpha, beta]\n      accuracy_samples: [[0.5, 0.9], [0.6, 0.8]]\n")).toString()}, "models.m1.calibration.parameters", "[difficulty_alpha, difficulty_beta]"));
    a.add(Arguments.of(new String[] {"models", "--models", file("calone.yaml", GOOD_MODEL.replace("    acc_mean: 0.8\n", "").replace("    acc_std: 0.05\n", "    accuracy_model: pass-at-k\n    difficulty_alpha: 0.6\n    difficulty_beta: 0.9\n    calibration:\n      data_up_to_k: 8\n      parameters: [difficulty_alpha, difficulty_beta]\n      accuracy_samples: [[0.5, 0.9]]\n")).toString()}, "models.m1.calibration.accuracy_samples", "at least 2 replicates"));
    a.add(Arguments.of(new String[] {"models", "--models", file("calbeyond.yaml", GOOD_MODEL.replace("    acc_mean: 0.8\n", "").replace("    acc_std: 0.05\n", "    accuracy_model: pass-at-k\n    difficulty_alpha: 0.6\n    difficulty_beta: 0.9\n    calibration:\n      data_up_to_k: 8\n      beyond_data: forever\n      parameters: [difficulty_alpha, difficulty_beta]\n      accuracy_samples: [[0.5, 0.9], [0.6, 0.8]]\n")).toString()}, "beyond_data = \"forever\"", "[model, hold]"));
    a.add(Arguments.of(new String[] {"plan", "--models", pass, "--model", "m1", "--scenario", "balanced", "--acc-mean", "0.5"}, "--acc-std", "is required too"));
    a.add(Arguments.of(new String[] {"plan", "--models", pass, "--model", "m1", "--scenario", "balanced", "--mu-lin", "0"}, "--mu-lin = 0", "[1, 100000000]"));
    a.add(Arguments.of(new String[] {"curve", "--models", pass, "--model", "m2"}, "--model = m2", "did you mean m1?"));
    a.add(Arguments.of(new String[] {"curve", "--model", "gpt5", "--format", "yaml"}, "--format = yaml", "[table, json, csv, markdown]"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--parallel", "1,,2"}, "--parallel = 1,,2", "a list like 1,2,4"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--out", file("afile.txt", "x").toString()}, "--out = ", "must be a directory (it is a file)"));
    // stopping policies (#11)
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--policy", "until-pass"}, "--policy = until-pass", "does not apply to model gpt5, whose accuracy model is gaussian-best-of-k; until-pass applies to pass-at-k, pass-at-k-with-unsolved"));
    // the request shape (docs/request-shape.md)
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--samples-per-request", "0"}, "--samples-per-request = 0", "must be an integer in [1, 1048576]"));
    a.add(Arguments.of(new String[] {"compare", "--scenario", "balanced", "--samples-per-request", "2.5"}, "--samples-per-request = 2.5", "must be an integer"));
    a.add(Arguments.of(new String[] {"curve", "--model", "gpt5", "--prompt-cache=maybe"}, "--prompt-cache = maybe", "must be true or false"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--c-in-cached", "-1"}, "--c-in-cached = -1", "must be a number in [0, 1]"));
    a.add(Arguments.of(new String[] {"models", "--prices", example("litellm-prices.json").toString(), "--tier", "batch"}, "--tier = batch", "has no batch prices; it has [standard, flex, priority]"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--policy", "sometimes"}, "--policy = sometimes", "must be one of [fixed, until-pass, until-decided, until-lead, until-score]"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--policy", "until-score"}, "--score-threshold", "until-score needs a score threshold"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--policy", "until-score", "--score-threshold", "1.5"}, "--score-threshold = 1.5", "must be a number in (0, 1]"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--policy", "until-score", "--score-threshold", "high"}, "--score-threshold = high", "every value must be a number in (0, 1]"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--margin", "2"}, "--margin = 2", "applies only to the until-lead policy"));
    a.add(Arguments.of(new String[] {"compare", "--scenario", "balanced", "--policy", "until-lead", "--margin", "0"}, "--margin = 0", "must be an integer in [1, 1024]"));
    a.add(Arguments.of(new String[] {"compare", "--scenario", "balanced", "--policy", "until-decided"}, "--policy = until-decided", "applies to none of the models compared"));
    a.add(Arguments.of(new String[] {"curve", "--model", "gpt5", "--policy", "fixed,until-score", "--score-threshold", "0.9"}, "--policy = [fixed,until-score(score_threshold=0.9)]", "a curve draws one policy at a time"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--policy", "fixed,,until-score"}, "--policy = fixed,,until-score", "without empty entries"));
    // #29: one rule for settings that do not apply, a P past k_max, origins, files under files
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--trials", "5"}, "--trials = 5", "applies only to the monte-carlo estimator, which was not asked for"));
    a.add(Arguments.of(new String[] {"curve", "--model", "gpt5", "--seed", "3"}, "--seed = 3", "applies only to the monte-carlo estimator"));
    a.add(Arguments.of(new String[] {"reproduce", "--threads", "2"}, "--threads = 2", "applies only to the monte-carlo estimator"));
    a.add(Arguments.of(new String[] {"models", "--to", "flat"}, "--to = flat", "applies only with --convert"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balanced", "--parallel", "500"}, "--parallel = 500", "is more than k_max (128)"));
    a.add(Arguments.of(new String[] {"compare", "--scenario", "balanced", "--k-max", "8", "--parallel", "4,16"}, "--parallel = 16", "is more than k_max (8)"));
    a.add(Arguments.of(new String[] {"serve", "--cors-origin", "not a url"}, "--cors-origin = not a url", "must be an origin"));
    a.add(Arguments.of(new String[] {"serve", "--cors-origin", "https://app.example/"}, "--cors-origin = https://app.example/", "no path or trailing slash"));
    a.add(Arguments.of(new String[] {"models", "--convert", "--write", file("plain.txt", "x").resolve("c.yaml").toString()}, "--write = ", "plain.txt is a file, not a directory"));
    a.add(Arguments.of(new String[] {"models", "--convert", "--write", dir.resolve("missing").resolve("c.yaml").toString()}, "--write = ", "does not exist (kstar does not create directories for --write)"));
    a.add(Arguments.of(new String[] {"plan", "--model", "gpt5", "--scenario", "balance"}, "--scenario = balance", "did you mean balanced?"));
    a.add(Arguments.of(new String[] {"models", "--models", file("alias.yaml", "models:\n  m:\n    c_in: &p 1e-6\n    c_out: *p\n").toString()}, "alias.yaml: models.m.c_out = *p", "is a YAML alias"));
    return a.stream();
  }

  /** The shipped sample log without its two deliberately bad records. */
  static Path cleanLog() {
    try {
      List<String> lines = Files.readAllLines(ReadmeCommandsTest.root().resolve("docs/examples/sample-log.jsonl"));
      lines.remove(1202);
      lines.remove(6);
      return Files.write(dir.resolve("clean.jsonl"), lines);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  /** A log written by a spreadsheet: a byte-order mark and CR LF line ends are accepted. */
  @org.junit.jupiter.api.Test
  void aLogWithABomAndCrlf_isRead() throws IOException {
    StringBuilder b = new StringBuilder("\uFEFFquestion,model,input_tokens,output_tokens,latency_s,correct\r\n");
    java.util.Random r = new java.util.Random(5);
    for (int q = 0; q < 40; q++) {
      for (int s = 0; s < 4; s++) {
        b.append("q").append(q).append(",m,100,200,").append(2.1 + 0.01 * s).append(',')
            .append(r.nextDouble() < (q % 4 + 1) / 5.0).append("\r\n");
      }
    }
    Path log = Files.writeString(dir.resolve("bom.csv"), b.toString(), java.nio.charset.StandardCharsets.UTF_8);
    Cli.Result res = Cli.run("calibrate", log.toString(), "--replicates", "20");
    assertThat(res.exit()).as(res.err()).isZero();
    assertThat(res.out()).contains("from 160 samples over 40 questions");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("cases")
  void isRefusedWithExitTwoAndOneClearLine(String[] args, String fieldAndValue, String allowed) {
    Cli.Result r = Cli.run(args);
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.out()).as("nothing on stdout").isEmpty();
    assertThat(r.err().strip().lines()).as("one line").hasSize(1);
    assertThat(r.err()).startsWith("kstar: ").contains(fieldAndValue).contains(allowed);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** #28/#29: an unknown scenario is its one problem; the budgets it would have given are not also "required". */
  @org.junit.jupiter.api.Test
  void anUnknownScenario_isNotAlsoMissingBudgets() {
    Cli.Result r = Cli.run("compare", "--scenario", "nope");
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("--scenario = nope").doesNotContain("required");
  }

  @org.junit.jupiter.api.Test
  void aRefusedRun_writesNoFiles(@TempDir Path out) throws IOException {
    Cli.Result r = Cli.run("reproduce", "--out", out.resolve("o").toString(), "--scenarios",
        scenario("max_cost_usd", "-5").toString());
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(Files.exists(out.resolve("o"))).isFalse();
  }
}
