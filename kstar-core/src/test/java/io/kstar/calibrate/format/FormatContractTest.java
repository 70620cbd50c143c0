package io.kstar.calibrate.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.calibrate.LogRecords;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapters' documented rules on files small enough to check by hand: which requests are left out
 * (errors, non-200 status, no output), how lengths and decode times are averaged, which lm-eval filter is
 * read and how its answers are scored, and how a LiteLLM key is matched to a catalog model.
 */
class FormatContractTest {

  static Path write(Path dir, String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void vllm_leavesOutFailedAndEmptyRequests_andWeighsDecodeTimeByToken(@TempDir Path dir) throws Exception {
    // request 1 failed, request 3 produced nothing; kept: requests 0 and 2
    Path f = write(dir, "v.json", """
        {"model_id": "org/m", "input_lens": [100, 200, 300, 400], "output_lens": [3, 5, 2, 0],
         "ttfts": [0.1, 9.0, 0.3, 9.0], "errors": ["", "boom", "", ""],
         "itls": [[0.02, 0.04], [1, 1, 1, 1], [0.03], []]}
        """);
    ServingFit fit = VllmBenchmark.read(f);
    assertThat(fit.requests()).isEqualTo(2);
    assertThat(fit.skipped()).isEqualTo(2);
    assertThat(fit.model()).isEqualTo("org/m");
    assertThat(fit.input().mean()).isEqualTo(200);
    assertThat(fit.input().sd()).isCloseTo(Math.sqrt(2 * 100.0 * 100), within(1e-9)); // {100, 300}: n − 1 = 1
    assertThat(fit.output().mean()).isEqualTo(2.5);
    assertThat(fit.ttftS()).isCloseTo(0.2, within(1e-15));
    // Σ gaps / number of gaps = (0.02 + 0.04 + 0.03) / 3, not the mean of the per-request means
    assertThat(fit.tOut()).isCloseTo(0.03, within(1e-15));
    assertThat(fit.latency()).isEqualTo(new LatencyModel(LatencyModel.TTFT_DECODE, fit.ttftS(), java.util.OptionalDouble.empty()));
    assertThat(fit.describe()).isEqualTo("v.json (vLLM serving benchmark): 2 requests (2 failed or empty, left out);"
        + " input tokens lognormal 200.000 ± 141.421, output tokens lognormal 2.50000 ± 0.707107;"
        + " latency ttft-decode: TTFT 0.200000 s, t_out 0.0300000 s per token");
    assertThat(fit.describe()).doesNotContain("model"); // the source, not the model id
  }

  @Test
  void vllm_refusesWhatItCannotFit(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> VllmBenchmark.read(write(dir, "a.json", "[1]"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("(document)");
    assertThatThrownBy(() -> VllmBenchmark.read(write(dir, "b.json",
        "{\"input_lens\": [1, 2], \"output_lens\": [1], \"ttfts\": [0.1, 0.1]}"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("output_lens = 1 and 2").hasMessageContaining("(2)");
    assertThatThrownBy(() -> VllmBenchmark.read(write(dir, "c.json",
        "{\"input_lens\": [1], \"output_lens\": [1], \"ttfts\": [0.1, 0.2]}"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("output_lens");
    assertThatThrownBy(() -> VllmBenchmark.read(write(dir, "d.json",
        "{\"input_lens\": [1], \"output_lens\": [0], \"ttfts\": [0.1], \"mean_tpot_ms\": 5}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("nothing to fit");
    assertThatThrownBy(() -> VllmBenchmark.read(write(dir, "e.json",
        "{\"input_lens\": [1], \"output_lens\": [4], \"ttfts\": [0.1]}"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("itls").hasMessageContaining("mean_tpot_ms");
    assertThatThrownBy(() -> VllmBenchmark.read(write(dir, "f.json",
        "{\"input_lens\": [1], \"output_lens\": [4], \"ttfts\": [0.1], \"itls\": [[0.1, -0.1]]}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("itls[0][1]");
    assertThatThrownBy(() -> VllmBenchmark.read(write(dir, "g.json",
        "{\"input_lens\": [1, \"x\"], \"output_lens\": [4, 4], \"ttfts\": [0.1, 0.1]}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("input_lens[1]");
    assertThatThrownBy(() -> VllmBenchmark.read(write(dir, "h.json",
        "{\"input_lens\": [], \"output_lens\": [], \"ttfts\": []}"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("input_lens");
    // itls present but empty for the kept requests: the summary's TPOT is used
    ServingFit tpot = VllmBenchmark.read(write(dir, "i.json",
        "{\"input_lens\": [1], \"output_lens\": [1], \"ttfts\": [0.5], \"itls\": [[]], \"mean_tpot_ms\": 40}"));
    assertThat(tpot.tOut()).isCloseTo(0.04, within(1e-15));
    assertThat(tpot.model()).isEqualTo("model");
    assertThat(tpot.input().sd()).isZero(); // one request: no spread
  }

  static String batchLine(String id, int status, String error, String usage, int choices, String model) {
    StringBuilder c = new StringBuilder("[");
    for (int i = 0; i < choices; i++) {
      c.append(i == 0 ? "" : ",").append("{\"index\": ").append(i).append("}");
    }
    c.append("]");
    return "{\"custom_id\": \"" + id + "\", \"response\": {\"status_code\": " + status + ", \"body\": {"
        + (model == null ? "" : "\"model\": \"" + model + "\", ") + "\"choices\": " + c + ", \"usage\": " + usage + "}}, \"error\": "
        + error + "}";
  }

  @Test
  void openAiBatch_leavesOutErrorsAndEmptyOutputs_andSplitsUsageOverChoices(@TempDir Path dir) throws Exception {
    Path f = write(dir, "b.jsonl", String.join("\n",
        batchLine("a", 200, "null", "{\"prompt_tokens\": 100, \"completion_tokens\": 40}", 2, null),
        batchLine("b", 500, "null", "{\"prompt_tokens\": 900, \"completion_tokens\": 900}", 1, "x"),
        batchLine("c", 200, "{\"code\": \"oops\"}", "{\"prompt_tokens\": 900, \"completion_tokens\": 900}", 1, "x"),
        batchLine("d", 200, "null", "{\"prompt_tokens\": 900, \"completion_tokens\": 0}", 1, "x"),
        "",
        batchLine("e", 200, "null", "{\"input_tokens\": 300, \"output_tokens\": 30}", 0, "gpt-x"),
        batchLine("f", 200, "null", "{\"prompt_tokens\": 200, \"completion_tokens\": 10}", 1, "gpt-y")) + "\n");
    ServingFit fit = OpenAiBatch.read(f);
    assertThat(fit.requests()).isEqualTo(3);
    assertThat(fit.skipped()).isEqualTo(3);
    // the first model named by a request that is kept or empty
    assertThat(fit.model()).isEqualTo("x");
    assertThat(fit.input().mean()).isEqualTo(200); // 100, 300, 200
    // 40 over 2 choices, 30 over no choices list (one sample), 10
    assertThat(fit.output().mean()).isCloseTo(20, within(1e-12));
    assertThat(fit.output().sd()).isCloseTo(10, within(1e-12));
    assertThat(fit.ttftS()).isNull();
    assertThat(fit.latency()).isNull();
    assertThat(fit.describe()).startsWith("b.jsonl (OpenAI batch output): 3 requests (3 failed or empty, left out);")
        .doesNotContain("latency");
    Path none = write(dir, "n.jsonl", batchLine("a", 200, "null", "{\"prompt_tokens\": 1, \"completion_tokens\": 1}", 1, null));
    assertThat(OpenAiBatch.read(none).model()).isEqualTo("model");
    assertThat(OpenAiBatch.read(none).describe()).contains(": 1 requests; input");
  }

  @Test
  void openAiBatch_refusals(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> OpenAiBatch.read(write(dir, "a.jsonl", "{oops\n"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a.jsonl:1").hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> OpenAiBatch.read(write(dir, "b.jsonl", "{\"response\": {\"status_code\": 200, \"body\": {}}}\n")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("response.body.usage");
    assertThatThrownBy(() -> OpenAiBatch.read(write(dir, "c.jsonl",
        batchLine("a", 200, "null", "{\"prompt_tokens\": 1, \"completion_tokens\": -2}", 1, null))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("completion_tokens = -2");
    assertThatThrownBy(() -> OpenAiBatch.read(write(dir, "d.jsonl",
        batchLine("a", 200, "null", "{\"completion_tokens\": 2}", 1, null))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("prompt_tokens").hasMessageContaining("input_tokens");
    assertThatThrownBy(() -> OpenAiBatch.read(write(dir, "e.jsonl",
        batchLine("a", 404, "null", "{\"prompt_tokens\": 1, \"completion_tokens\": 2}", 1, null))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no successful request");
    assertThatThrownBy(() -> OpenAiBatch.read(dir.resolve("absent.jsonl"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("could not be read");
  }

  @Test
  void lmEval_readsTheFilterWithTheMostAnswers_andScoresEachAgainstTheTarget(@TempDir Path dir) throws Exception {
    Path f = write(dir, "s.jsonl", String.join("\n",
        "{\"doc_id\": 0, \"filter\": \"maj\", \"target\": \"4\", \"filtered_resps\": [\"4\"], \"exact_match\": 1}",
        "{\"doc_id\": 0, \"filter\": \"all\", \"target\": \"4\", \"filtered_resps\": [[\"4\", \" 4 \", \"5\"]]}",
        "",
        "{\"doc_id\": 1, \"filter\": \"maj\", \"target\": 7, \"filtered_resps\": [\"7\"], \"exact_match\": 0}",
        "{\"doc_id\": 1, \"filter\": \"all\", \"target\": 7, \"filtered_resps\": [[7, \"7\", \"x\"]]}") + "\n");
    List<LogRecords.Sample> s = LmEvalSamples.read(f, "m");
    assertThat(s).hasSize(6);
    assertThat(s).extracting(LogRecords.Sample::question).containsExactly("doc0", "doc0", "doc0", "doc1", "doc1", "doc1");
    // answers and targets are compared as trimmed text; a number's text is its JSON form
    assertThat(s).extracting(LogRecords.Sample::correct).containsExactly(true, true, false, true, true, false);
    assertThat(s).extracting(LogRecords.Sample::answer).containsExactly("4", "4", "5", "7", "7", "x");
    assertThat(s.get(0).line()).isEqualTo(2);
    assertThat(s.get(3).line()).isEqualTo(5);
    assertThat(s.get(0).model()).isEqualTo("m");
    assertThat(s.get(0).inputTokens()).isNaN(); // an evaluation carries no token counts
  }

  @Test
  void lmEval_oneAnswer_usesTheMetric_elseTheTarget(@TempDir Path dir) throws Exception {
    Path f = write(dir, "one.jsonl", String.join("\n",
        "{\"doc_id\": 0, \"target\": \"4\", \"filtered_resps\": [\"5\"], \"acc\": 0.5}",
        "{\"doc_id\": 1, \"target\": \"4\", \"filtered_resps\": [\"4\"], \"acc\": 0.49}",
        "{\"doc_id\": 2, \"target\": \"4\", \"filtered_resps\": [\"5\"], \"exact_match\": true}",
        "{\"doc_id\": 3, \"target\": \"4\", \"filtered_resps\": \"4\"}",
        "{\"doc_id\": 4, \"target\": \"4\", \"filtered_resps\": [\"3\"]}",
        "{\"doc_id\": 5, \"filtered_resps\": [\"3\"]}") + "\n");
    assertThat(LmEvalSamples.read(f, "m")).extracting(LogRecords.Sample::correct)
        .containsExactly(true, false, true, true, false, false);
    assertThat(LmEvalSamples.looksLike(f)).isTrue();
  }

  @Test
  void lmEval_refusals(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> LmEvalSamples.read(write(dir, "a.jsonl", "{\"resps\": []}\n"), "m"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("a.jsonl:1").hasMessageContaining("doc_id");
    assertThatThrownBy(() -> LmEvalSamples.read(write(dir, "b.jsonl", "nope\n"), "m"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> LmEvalSamples.read(write(dir, "c.jsonl", "\n\n"), "m"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no lm-eval sample");
    assertThatThrownBy(() -> LmEvalSamples.read(write(dir, "d.jsonl", "{\"doc_id\": 3, \"filtered_resps\": []}\n"), "m"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("d.jsonl:1").hasMessageContaining("filtered_resps");
    assertThatThrownBy(() -> LmEvalSamples.read(write(dir, "e.jsonl",
        "{\"doc_id\": 3, \"filtered_resps\": [[\"1\", \"2\"]]}\n"), "m"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("target");
    assertThatThrownBy(() -> LmEvalSamples.read(dir.resolve("absent.jsonl"), "m")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("could not be read");
    assertThat(LmEvalSamples.looksLike(write(dir, "f.jsonl", "\n{\"doc_id\": 1}\n"))).isFalse();
    assertThat(LmEvalSamples.looksLike(write(dir, "g.jsonl", "\n{\"doc_id\": 1, \"resps\": []}\n"))).isTrue();
    assertThat(LmEvalSamples.looksLike(write(dir, "h.jsonl", "[1]\n"))).isFalse();
    assertThat(LmEvalSamples.looksLike(write(dir, "i.jsonl", "\n\n"))).isFalse();
    assertThat(LmEvalSamples.looksLike(write(dir, "j.jsonl", "{{\n"))).isFalse();
    assertThat(LmEvalSamples.looksLike(dir.resolve("absent"))).isFalse();
  }

  static ModelProfile profile(String id, String name) {
    return ModelProfile.builder(id).name(name).prices(1e-6, 2e-6).speeds(1e-4, 1e-2)
        .inputTokens(500, 50).outputTokens(1000, 100)
        .scores(0.6, 0.1).parallel(4).build();
  }

  static LiteLlmPrices.Entry entry(String key, double price) {
    return new LiteLlmPrices.Entry(key, Map.of(LiteLlmPrices.Tier.STANDARD, new Prices(price, price)));
  }

  static LiteLlmPrices.Match find(Map<String, LiteLlmPrices.Entry> map, ModelProfile p) {
    return LiteLlmPrices.find(map, p, LiteLlmPrices.Tier.STANDARD);
  }

  @Test
  void liteLlm_matchesById_thenName_thenSuffix_thenSquashedSuffix_ownEntryFirst(@TempDir Path dir) throws Exception {
    Map<String, LiteLlmPrices.Entry> map = new LinkedHashMap<>();
    for (var e : List.of(entry("azure/gpt-5", 1e-6), entry("GPT 5 Turbo", 2e-6), entry("openai/gpt5", 3e-6),
        entry("gpt5", 4e-6), entry("vendor/Gpt-5-Turbo", 5e-6))) {
      map.put(e.key(), e);
    }
    assertThat(find(map, profile("gpt5", "GPT 5 Turbo")).key()).isEqualTo("gpt5");
    assertThat(find(map, profile("other", "GPT 5 Turbo")).key()).isEqualTo("GPT 5 Turbo");
    assertThat(find(map, profile("gpt-5", null)).key()).isEqualTo("azure/gpt-5");
    // the provider's own (unprefixed) entry wins over a reseller's listed before it
    map.put("gpt-5", entry("gpt-5", 6e-6));
    assertThat(find(map, profile("gpt-5x", "gpt-5")).key()).isEqualTo("gpt-5");
    map.remove("gpt-5");
    // "GPT 5 Turbo" and "vendor/Gpt-5-Turbo" both squash to gpt5turbo: the unprefixed one wins
    assertThat(find(map, profile("gpt5turbo", "nothing")).prices()).isEqualTo(new Prices(2e-6, 2e-6));
    map.remove("GPT 5 Turbo");
    assertThat(find(map, profile("gpt5turbo", "nothing")).key()).isEqualTo("vendor/Gpt-5-Turbo");
    assertThat(find(map, profile("claude", "Claude"))).isNull();
    assertThat(LiteLlmPrices.squash("GPT-5.1 Mini")).isEqualTo("gpt51mini");
  }

  @Test
  void liteLlm_readsPerTokenModels_andRefusesBadPrices(@TempDir Path dir) throws Exception {
    Map<String, LiteLlmPrices.Entry> map = LiteLlmPrices.read(write(dir, "p.json", """
        {"sample_spec": {"input_cost_per_token": 0, "output_cost_per_token": 0},
         "m1": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6},
         "img": {"output_cost_per_image": 0.04},
         "half": {"input_cost_per_token": 1e-6},
         "list": [1]}
        """));
    assertThat(map).containsOnlyKeys("m1");
    assertThat(map.get("m1").tiers()).containsExactly(Map.entry(LiteLlmPrices.Tier.STANDARD, new Prices(1e-6, 2e-6)));
    assertThatThrownBy(() -> LiteLlmPrices.read(write(dir, "a.json", "[1]"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("(document)");
    assertThatThrownBy(() -> LiteLlmPrices.read(write(dir, "b.json", "{\"img\": {\"x\": 1}}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no model");
    assertThatThrownBy(() -> LiteLlmPrices.read(write(dir, "c.json",
        "{\"m\": {\"input_cost_per_token\": -1, \"output_cost_per_token\": 0}}"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("m.input_cost_per_token");
    assertThatThrownBy(() -> LiteLlmPrices.read(write(dir, "d.json",
        "{\"m\": {\"input_cost_per_token\": 0, \"output_cost_per_token\": \"cheap\"}}"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("m.output_cost_per_token");
  }
}
