package io.kstar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import io.kstar.profile.Catalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogFormatsTest {

  static Catalog parse(String yaml) throws IOException {
    return CatalogReader.read(YamlDocument.parse("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void bothFormats_roundTripTheEmbeddedCatalogExactly() throws IOException {
    Catalog embedded = CatalogReader.embedded();
    Catalog viaFriendly = parse(CatalogWriter.write(embedded, CatalogWriter.Style.FRIENDLY));
    Catalog viaFlat = parse(CatalogWriter.write(viaFriendly, CatalogWriter.Style.FLAT));
    assertThat(viaFriendly).isEqualTo(embedded);
    assertThat(viaFlat).isEqualTo(embedded);
  }

  static final String FRIENDLY = """
      format: kstar-catalog/1
      models:
        m:
          price_usd_per_mtok: {input: 0.2, output: 1}
          speed: {input_tokens_per_s: 8000, output_tokens_per_s: 800}
          input_tokens: {distribution: clipped-normal, mean: 1024, sd: 64}
          output_tokens: {distribution: clipped-normal, mean: 2048, sd: 128}
          quality: {mean: 0.91, sd: 0.07}
          parallel: 4
      """;

  @Test
  void friendly_readsPricesPerMillionAndTokensPerSecond() throws IOException {
    var m = parse(FRIENDLY).models().get(0);
    assertThat(m.cIn()).isEqualTo(0.0000002);
    assertThat(m.cOut()).isEqualTo(0.000001);
    assertThat(m.tIn()).isEqualTo(1.0 / 8000);
    assertThat(m.tOut()).isEqualTo(1.0 / 800);
    assertThat(m.accuracy().values().number("acc_std")).isEqualTo(0.07);
    assertThat(m.defaultParallel()).isEqualTo(4);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "input: 0.2|input: -0.2|models.m.price_usd_per_mtok.input = -0.2|finite price >= 0",
    "output_tokens_per_s: 800|output_tokens_per_s: 0|models.m.speed.output_tokens_per_s = 0|positive finite number of tokens per second",
    "speed: {input_tokens_per_s: 8000,|speed: {input_s_per_token: 0.001, input_tokens_per_s: 8000,|models.m.speed|exactly one of input_s_per_token and input_tokens_per_s",
    "distribution: clipped-normal, mean: 2048|distribution: weibull, mean: 2048|models.m.output_tokens.distribution = \"weibull\"|must be one of [clipped-normal, normal, lognormal, empirical]",
    "quality: {mean: 0.91|quality: {mean: 1.91|models.m.quality.mean = 1.91|[0, 1]",
    "format: kstar-catalog/1|format: kstar-catalog/9|format = \"kstar-catalog/9\"|must be \"kstar-catalog/1\"",
    "parallel: 4|parallel: 0|models.m.parallel = 0|[1, "
  })
  void friendly_badValues_nameTheirKeyPath(String from, String to, String field, String allowed) {
    assertThatThrownBy(() -> parse(FRIENDLY.replace(from, to)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(field)
        .hasMessageContaining(allowed);
  }

  static final String MODELS = """
      models:
        verified:
          c_in: 0.0000002
          c_out: 0.000001
          t_in: 0.0001
          t_out: 0.001
          mu_Lin: 500
          sigma_Lin: 50
          mu_Lout: 2000
          sigma_Lout: 300
          accuracy_model: pass-at-k
          difficulty_alpha: 1.2
          difficulty_beta: 0.4
        voted:
          c_in: 0.0000002
          c_out: 0.000001
          t_in: 0.0001
          t_out: 0.001
          mu_Lin: 500
          sigma_Lin: 50
          mu_Lout: 2000
          sigma_Lout: 300
          accuracy_model: majority-vote
          difficulty_alpha: 2
          difficulty_beta: 0.5
          wrong_answers: 3
        rewarded:
          c_in: 0.0000002
          c_out: 0.000001
          t_in: 0.0001
          t_out: 0.001
          mu_Lin: 500
          sigma_Lin: 50
          mu_Lout: 2000
          sigma_Lout: 300
          accuracy_model: selector-best-of-k
          difficulty_alpha: 3
          difficulty_beta: 0.4
          selector_accuracy: 0.85
      """;

  @Test
  void accuracyModels_byName_loadAndRoundTripInBothFormats() throws IOException {
    Catalog c = parse(MODELS);
    assertThat(c.models()).extracting(m -> m.accuracy().id())
        .containsExactly("pass-at-k", "majority-vote", "selector-best-of-k");
    // the k = 1 mean is E[p] = α/(α+β)
    assertThat(c.models().get(0).accuracy().mean(1)).isCloseTo(1.2 / 1.6, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(parse(CatalogWriter.write(c, CatalogWriter.Style.FRIENDLY))).isEqualTo(c);
    assertThat(parse(CatalogWriter.write(c, CatalogWriter.Style.FLAT))).isEqualTo(c);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "accuracy_model: pass-at-k|accuracy_model: best-of-everything|models.verified.accuracy_model = \"best-of-everything\"|must be one of [gaussian-best-of-k, pass-at-k, majority-vote, selector-best-of-k, pass-at-k-with-unsolved]",
    "difficulty_alpha: 1.2|difficulty_alpha: -1|models.verified.difficulty_alpha = -1|must be a number in (0, 1000000000]",
    "selector_accuracy: 0.85|selector_accuracy: 1.5|models.rewarded.selector_accuracy = 1.5|[0, 1]",
    "wrong_answers: 3|wrong_answers: 0|models.voted.wrong_answers = 0|[1, 64]",
    "selector_accuracy: 0.85|name: no selector|models.rewarded.selector_accuracy|is required by the selector-best-of-k model"
  })
  void accuracyModels_badParameters_nameTheirKeyPath(String from, String to, String field, String allowed) {
    assertThatThrownBy(() -> parse(MODELS.replace(from, to)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(field)
        .hasMessageContaining(allowed);
  }

  @Test
  void lengthAndLatencyModels_loadAndRoundTripInBothFormats() throws IOException {
    String yaml = FRIENDLY
        .replace("output_tokens: {distribution: clipped-normal, mean: 2048, sd: 128}",
            "output_tokens: {distribution: lognormal, mean: 1500, sd: 700}")
        .replace("input_tokens: {distribution: clipped-normal, mean: 1024, sd: 64}",
            "input_tokens: {distribution: empirical, values: [300, 500, 800, 1200]}")
        .replace("parallel: 4", "parallel: 4\n    latency: {model: ttft-decode, ttft_s: 0.35, rate_limit_tpm: 200000}");
    Catalog c = parse(yaml);
    var m = c.models().get(0);
    assertThat(m.outputLength().id()).isEqualTo("lognormal");
    assertThat(m.inputLength().id()).isEqualTo("empirical");
    assertThat(m.inputLength().mean()).isEqualTo(700.0);
    assertThat(m.latency().id()).isEqualTo("ttft-decode");
    assertThat(m.latency().rateLimitTpm().getAsDouble()).isEqualTo(200000.0);
    assertThat(parse(CatalogWriter.write(c, CatalogWriter.Style.FLAT))).isEqualTo(c);
    assertThat(parse(CatalogWriter.write(c, CatalogWriter.Style.FRIENDLY))).isEqualTo(c);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "parallel: 4|parallel: 4\\n    latency: {model: warp-speed}|models.m.latency.model = \"warp-speed\"|must be one of [batched-mean, batched-max, ttft-decode]",
    "parallel: 4|parallel: 4\\n    latency: {model: batched-max, rate_limit_tpm: 0}|models.m.latency.rate_limit_tpm = 0|must be a number in (0, 1000000000000]",
    "{distribution: clipped-normal, mean: 2048, sd: 128}|{distribution: gamma, mean: 2048, sd: 128}|models.m.output_tokens.distribution = \"gamma\"|must be one of [clipped-normal, normal, lognormal, empirical]",
    "{distribution: clipped-normal, mean: 2048, sd: 128}|{distribution: empirical, values: []}|models.m.output_tokens.values|non-empty list",
    "{distribution: clipped-normal, mean: 2048, sd: 128}|{distribution: lognormal, mean: 0.5, sd: 128}|models.m.output_tokens.mean = 0.5|must be a number in [1, 100000000]"
  })
  void lengthAndLatency_badValues_nameTheirKeyPath(String from, String to, String field, String allowed) {
    assertThatThrownBy(() -> parse(FRIENDLY.replace(from, to.replace("\\n", "\n"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(field)
        .hasMessageContaining(allowed);
  }

  static final String SHARED = """
      format: kstar-catalog/1
      models:
        m:
          price_usd_per_mtok: {input: 2.5, output: 10, cached_input: 1.25, cache_write: 3.125}
          speed: {input_tokens_per_s: 8000, output_tokens_per_s: 800}
          input_tokens: {distribution: clipped-normal, mean: 8000, sd: 500}
          output_tokens: {distribution: clipped-normal, mean: 300, sd: 80}
          quality: {model: pass-at-k, difficulty: {distribution: beta, alpha: 0.5, beta: 2}}
          parallel: 8
          requests: {samples_per_request: 20, prompt_cache: true}
      """;

  @Test
  void requestShapeAndCachePrices_readAndRoundTripInBothFormats() throws IOException {
    var m = parse(SHARED).models().get(0);
    assertThat(m.requests()).isEqualTo(new io.kstar.profile.RequestShape(20, true));
    assertThat(m.prices().cachedInputUsdPerToken()).hasValue(0.00000125);
    assertThat(m.prices().cacheWriteUsdPerToken()).hasValue(0.000003125);
    Catalog c = parse(SHARED);
    String flat = CatalogWriter.write(c, CatalogWriter.Style.FLAT);
    assertThat(flat).contains("c_in_cached: 0.00000125", "c_cache_write: 0.000003125", "samples_per_request: 20",
        "prompt_cache: true");
    assertThat(parse(flat)).isEqualTo(c);
    String friendly = CatalogWriter.write(parse(flat), CatalogWriter.Style.FRIENDLY);
    assertThat(friendly).contains("cached_input: 1.25", "cache_write: 3.125", "samples_per_request: 20");
    assertThat(parse(friendly)).isEqualTo(c);
    // the paper's shape writes nothing new: the embedded catalog's text is as it was
    assertThat(CatalogWriter.write(CatalogReader.embedded(), CatalogWriter.Style.FLAT))
        .doesNotContain("samples_per_request", "prompt_cache", "c_in_cached");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "samples_per_request: 20|samples_per_request: 0|models.m.requests.samples_per_request = 0|must be an integer in [1, 1048576]",
    "samples_per_request: 20|samples_per_request: 2.5|models.m.requests.samples_per_request = 2.5|must be an integer",
    "prompt_cache: true|prompt_cache: maybe|models.m.requests.prompt_cache = \"maybe\"|must be true or false",
    "cached_input: 1.25|cached_input: -1|models.m.price_usd_per_mtok.cached_input = -1|finite price >= 0",
    "prompt_cache: true}|prompt_cache: true, n: 3}|models.m.requests.n|is not a known key",
  })
  void requestShape_badValues_nameTheirKeyPath(String from, String to, String field, String allowed) {
    assertThatThrownBy(() -> parse(SHARED.replace(from, to))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(field).hasMessageContaining(allowed);
  }

  @Test
  void requestShape_flatBadValues_nameTheirKey() throws IOException {
    String flat = CatalogWriter.write(parse(SHARED), CatalogWriter.Style.FLAT);
    assertThatThrownBy(() -> parse(flat.replace("samples_per_request: 20", "samples_per_request: 0")))
        .hasMessageContaining("models.m.samples_per_request = 0").hasMessageContaining("must be an integer in [1,");
    assertThatThrownBy(() -> parse(flat.replace("c_in_cached: 0.00000125", "c_in_cached: 2")))
        .hasMessageContaining("models.m.c_in_cached = 2").hasMessageContaining("[0, 1]");
  }
}
