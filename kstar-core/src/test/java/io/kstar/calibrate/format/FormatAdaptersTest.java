package io.kstar.calibrate.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.calibrate.LogCalibration;
import io.kstar.calibrate.LogRecords;
import io.kstar.catalog.CatalogReader;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.profile.Prices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapters on their fixtures (docs/examples, written by make_adapter_fixtures.py in each tool's
 * documented layout). Expected figures were computed independently, in Python (statistics.mean and
 * statistics.stdev over the same fields), and are compared to 1e-12 relative.
 */
class FormatAdaptersTest {

  static Path examples(String name) {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.exists(here.resolve("docs")) ? here : here.getParent();
    return root.resolve("docs/examples").resolve(name);
  }

  @Test
  void vllmServingBenchmark_fitsLognormalLengthsAndTtftDecode() {
    ServingFit f = VllmBenchmark.read(examples("vllm-serving-benchmark.json"));
    assertThat(f.requests()).isEqualTo(39);
    assertThat(f.skipped()).isEqualTo(1); // request 17 failed ("Bad Request: 400")
    assertThat(f.model()).isEqualTo("my-org/my-model-8b");
    assertThat(f.input().mean()).isCloseTo(715.1538461538462, within(1e-9));
    assertThat(f.input().sd()).isCloseTo(285.0005113994986, within(1e-9));
    assertThat(f.output().mean()).isCloseTo(258.38461538461536, within(1e-9));
    assertThat(f.output().sd()).isCloseTo(106.45350242306569, within(1e-9));
    assertThat(f.ttftS()).isCloseTo(0.15118012820512822, within(1e-14));
    // 10 038 inter-token gaps, their mean
    assertThat(f.tOut()).isCloseTo(0.02102360559872484, within(1e-14));
    assertThat(f.latency().kind()).isEqualTo(LatencyModel.TTFT_DECODE);
  }

  @Test
  void vllmServingBenchmark_withoutPerRequestFields_isRefusedNamingThem(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("summary.json");
    Files.writeString(f, "{\"model_id\": \"m\", \"mean_ttft_ms\": 120.5, \"mean_tpot_ms\": 21.0}");
    assertThatThrownBy(() -> VllmBenchmark.read(f)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("input_lens: is missing");
    Files.writeString(f, "{\"input_lens\": [10, 20], \"output_lens\": [5, -1], \"ttfts\": [0.1, 0.1]}");
    assertThatThrownBy(() -> VllmBenchmark.read(f)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("output_lens[1] = -1: must be a finite number >= 0");
    // without itls, the summary's mean TPOT gives t_out
    Files.writeString(f, "{\"input_lens\": [10, 20], \"output_lens\": [5, 7], \"ttfts\": [0.1, 0.3],"
        + " \"mean_tpot_ms\": 21.0}");
    assertThat(VllmBenchmark.read(f).tOut()).isCloseTo(0.021, within(1e-15));
    assertThat(VllmBenchmark.read(f).ttftS()).isCloseTo(0.2, within(1e-15));
  }

  @Test
  void openAiBatchOutput_fitsLengthsFromUsage_perChoice() {
    ServingFit f = OpenAiBatch.read(examples("openai-batch-output.jsonl"));
    assertThat(f.requests()).isEqualTo(29);
    assertThat(f.skipped()).isEqualTo(1); // request-12 carries an error
    assertThat(f.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(f.input().mean()).isCloseTo(713.2413793103449, within(1e-9));
    assertThat(f.input().sd()).isCloseTo(270.2092648264111, within(1e-9));
    // completion tokens over the 2 choices of each request
    assertThat(f.output().mean()).isCloseTo(248.20689655172413, within(1e-9));
    assertThat(f.output().sd()).isCloseTo(77.30753950957585, within(1e-9));
    assertThat(f.ttftS()).isNull();
  }

  @Test
  void openAiBatchOutput_badUsage_namesLineAndField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("out.jsonl");
    Files.writeString(f, "{\"custom_id\": \"a\", \"response\": {\"status_code\": 200, \"body\": {\"usage\":"
        + " {\"prompt_tokens\": 12.5, \"completion_tokens\": 3}}}, \"error\": null}\n");
    assertThatThrownBy(() -> OpenAiBatch.read(f)).isInstanceOf(InvalidInputException.class)
        .hasMessage(f + ":1: response.body.usage.prompt_tokens = 12.5: must be an integer >= 0 (or input_tokens,"
            + " as the Responses API names it)");
  }

  /**
   * 60 documents × 8 repeats: 480 samples, 325 right (counted in Python); the answers carry the wrong
   * numbers, so majority vote is fitted too and finds the 3 wrong answers the generator used.
   */
  @Test
  void lmEvalSamples_giveOneSamplePerRepeat_withAnswersForMajorityVote() {
    Path file = examples("lm-eval-samples.jsonl");
    assertThat(LmEvalSamples.looksLike(file)).isTrue();
    assertThat(LmEvalSamples.looksLike(examples("sample-log.jsonl"))).isFalse();
    List<LogRecords.Sample> s = LmEvalSamples.read(file, "m");
    assertThat(s).hasSize(480);
    assertThat(s.stream().filter(LogRecords.Sample::correct).count()).isEqualTo(325);
    assertThat(s.stream().map(LogRecords.Sample::question).distinct().count()).isEqualTo(60);
    LogCalibration.Result r = LogCalibration.fit(s, null, "majority-vote", 200, 20, 1);
    assertThat(r.parameters().get("wrong_answers")).isEqualTo(3.0);
    assertThat(r.warnings()).isEmpty();
  }

  /** A take-first filter keeps one answer per document: the task's own exact_match scores it. */
  @Test
  void lmEvalSamples_oneAnswerPerDocument_useTheTasksMetric(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("samples_gsm8k.jsonl");
    Files.writeString(f, "{\"doc_id\": 0, \"target\": \"4\", \"resps\": [[\"The answer is 4.\"]],"
        + " \"filtered_resps\": [\"4\"], \"filter\": \"take-first\", \"exact_match\": 1.0}\n"
        + "{\"doc_id\": 1, \"target\": \"5\", \"resps\": [[\"The answer is 6.\"]],"
        + " \"filtered_resps\": [\"6\"], \"filter\": \"take-first\", \"exact_match\": 0.0}\n");
    List<LogRecords.Sample> s = LmEvalSamples.read(f, "m");
    assertThat(s).extracting(LogRecords.Sample::correct).containsExactly(true, false);
    assertThat(s).extracting(LogRecords.Sample::answer).containsExactly("4", "6");
  }

  /**
   * A real slice of LiteLLM's price map (docs/examples/SOURCES.md: whole entries, as published): per-token
   * models only, the provider's own entry before its resellers', the cache prices, and the tiers each
   * entry has.
   */
  @Test
  void liteLlmPriceMap_matchesCatalogModels_withCachePricesAndTiers() {
    Map<String, LiteLlmPrices.Entry> map = LiteLlmPrices.read(examples("litellm-prices.json"));
    // sample_spec, github_copilot/gpt-5 (no prices) and dashscope/qwen3-max (context bands only) are left out
    assertThat(map).doesNotContainKeys("sample_spec", "github_copilot/gpt-5", "dashscope/qwen3-max")
        .containsKeys("gpt-4", "gpt-5", "azure/gpt-5", "openrouter/openai/gpt-5", "claude-sonnet-4-5", "gpt-4o");
    var catalog = CatalogReader.embedded();
    var gpt5 = LiteLlmPrices.find(map, catalog.require("model", "gpt5"), LiteLlmPrices.Tier.STANDARD);
    assertThat(gpt5.key()).isEqualTo("gpt-5");
    assertThat(gpt5.prices()).isEqualTo(new Prices(1.25e-6, 1e-5, java.util.OptionalDouble.of(1.25e-7),
        java.util.OptionalDouble.empty()));
    assertThat(LiteLlmPrices.find(map, catalog.require("model", "gpt5"), LiteLlmPrices.Tier.FLEX).prices())
        .isEqualTo(new Prices(6.25e-7, 5e-6, java.util.OptionalDouble.of(6.25e-8), java.util.OptionalDouble.empty()));
    assertThat(map.get("gpt-5").tierIds()).containsExactly("standard", "flex", "priority");
    assertThat(map.get("gpt-4o").tierIds()).containsExactly("standard", "batch", "priority");
    assertThat(map.get("gpt-4o").tiers().get(LiteLlmPrices.Tier.BATCH)).isEqualTo(new Prices(1.25e-6, 5e-6));
    assertThat(map.get("claude-sonnet-4-5").tiers().get(LiteLlmPrices.Tier.STANDARD).cacheWriteUsdPerToken())
        .hasValue(3.75e-6);
    assertThatThrownBy(() -> LiteLlmPrices.find(map, catalog.require("model", "gpt5"), LiteLlmPrices.Tier.BATCH))
        .isInstanceOf(io.kstar.input.InvalidInputException.class)
        .hasMessage("tier = batch: the price map's entry gpt-5 (for model gpt5) has no batch prices; it has"
            + " [standard, flex, priority]");
    assertThat(LiteLlmPrices.find(map, catalog.require("model", "qwen3-max"), LiteLlmPrices.Tier.STANDARD).key())
        .isEqualTo("novita/qwen/qwen3-max");
    assertThat(LiteLlmPrices.find(map, catalog.require("model", "qwen3-30b-a3b"), LiteLlmPrices.Tier.STANDARD)).isNull();
  }
}
