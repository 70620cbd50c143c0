package io.kstar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.PassAtK;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.profile.Calibration;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/semantics.md §8 for catalogs: every refused value is reported as "source: key.path = value:
 * what is allowed", at the key where it was written; and what is accepted reads back as the profile
 * it describes (in both formats, calibration included).
 */
class CatalogReadingTest {

  static Catalog parse(String yaml) throws IOException {
    return CatalogReader.read(YamlDocument.parse("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
  }

  static final String FLAT = """
      models:
        m:
          c_in: 0.000001
          c_out: 0.000002
          t_in: 0.0001
          t_out: 0.001
          mu_Lin: 500
          sigma_Lin: 50
          mu_Lout: 2000
          sigma_Lout: 300
          acc_mean: 0.9
          acc_std: 0.05
      """;

  @Test
  void flat_readsEveryFigure_withDefaultParallelOne_andTheIdAsName() throws IOException {
    ModelProfile m = parse(FLAT).models().get(0);
    assertThat(m).isEqualTo(ModelProfile.builder("m").prices(1e-6, 2e-6).speeds(1e-4, 1e-3)
        .inputTokens(500, 50).outputTokens(2000, 300)
        .scores(0.9, 0.05).parallel(1).build());
    assertThat(m.name()).isEqualTo("m");
    assertThat(m.calibrated()).isEmpty();
    // "source" (what `kstar models --format json` adds) is read back and ignored
    assertThat(parse("source: embedded\n" + FLAT).models()).containsExactly(m);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "    c_in: 0.000001|    c_in: 2|test.yaml: models.m.c_in = 2: must be a number in [0, 1] (USD per token)",
    "`    c_in: 0.000001\\n`|``|test.yaml: models.m.c_in: is missing: a number is required",
    "    c_in: 0.000001|    c_in: ~|test.yaml: models.m.c_in: is missing: a number is required",
    "    c_in: 0.000001|    c_in: cheap|test.yaml: models.m.c_in = \"cheap\": must be a number",
    "    c_in: 0.000001|    c_in: [1]|test.yaml: models.m.c_in = […]: must be a number",
    "    t_out: 0.001|    t_out: 101|test.yaml: models.m.t_out = 101: must be a number in [0, 100] (seconds per token)",
    "    acc_std: 0.05|    acc_std: 0.05\\n    default_parallel: 2.5|test.yaml: models.m.default_parallel = 2.5: must be an integer",
    "    acc_std: 0.05|    acc_std: 0.05\\n    default_parallel: 3000000000|test.yaml: models.m.default_parallel = 3000000000: must be an integer",
    "    acc_std: 0.05|    acc_std: 0.05\\n    default_parallel: 0|test.yaml: models.m.default_parallel = 0: must be an integer in [1, 1048576]",
    "    acc_std: 0.05|    acc_std: 0.05\\n    name: {a: 1}|test.yaml: models.m.name = {…}: must be text",
    "    acc_std: 0.05|    acc_std: 0.05\\n    difficulty_alpha: 1|test.yaml: models.m.difficulty_alpha = 1: is not a key of accuracy_model gaussian-best-of-k; its keys: [accuracy_model, acc_mean, acc_std]",
    "    acc_mean: 0.9|    acc_mean: high|test.yaml: models.m.acc_mean = \"high\": must be a number",
    "    acc_mean: 0.9|    acc_mean: 1.5|test.yaml: models.m.acc_mean = 1.5: must be a number in [0, 1]",
    "    mu_Lin: 500|    mu_Lin: 0.5|test.yaml: models.m.mu_Lin = 0.5: must be a number in [1, 100000000] (tokens; every prompt and every sample has at least one)",
    "    mu_Lin: 500\\n    sigma_Lin: 50|    lin_values: [100, 200]\\n    mu_Lin: 500\\n    sigma_Lin: 50|test.yaml: models.m.lin_values = […]: is not a key of distribution clipped-normal; its keys: [lin_distribution, mu_Lin, sigma_Lin]",
    "    mu_Lin: 500\\n    sigma_Lin: 50|    lin_values: []|test.yaml: models.m.lin_values = […]: must be a non-empty list of numbers",
    "    mu_Lin: 500\\n    sigma_Lin: 50|    lin_values: 300|test.yaml: models.m.lin_values = 300: must be a non-empty list of numbers",
    "    mu_Lin: 500\\n    sigma_Lin: 50|    lin_values: [300, x]|test.yaml: models.m.lin_values[1] = \"x\": must be a number",
    "    mu_Lin: 500\\n    sigma_Lin: 50|    lin_values: [300, -1]|test.yaml: models.m.lin_values = -1: must be a number in [0, 100000000] (tokens)",
    "    acc_std: 0.05|    acc_std: 0.05\\n    lin_distribution: gamma|test.yaml: models.m.lin_distribution = \"gamma\": must be one of [clipped-normal, normal, lognormal, empirical]",
    "    acc_std: 0.05|    acc_std: 0.05\\n    accuracy_model: gaussian-bestof-k|test.yaml: models.m.accuracy_model = \"gaussian-bestof-k\": must be one of [gaussian-best-of-k, pass-at-k, majority-vote, selector-best-of-k, pass-at-k-with-unsolved] (did you mean gaussian-best-of-k?)",
    "  m:|  \"\":|test.yaml: models. = \"\": a model id must not be blank",
  })
  void flat_badValues_nameTheirKeyPathAndValue(String from, String to, String message) {
    String yaml = FLAT.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(FLAT);
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(InvalidInputException.class).hasMessage(message);
  }

  @Test
  void flat_unknownKeys_areRefusedWithASuggestion() {
    assertThatThrownBy(() -> parse(FLAT.replace("acc_mean:", "acc_man:")))
        .hasMessageStartingWith("test.yaml: models.m.acc_man = 0.9: is not a known key (did you mean acc_mean?); allowed keys: [name, c_in,");
    assertThatThrownBy(() -> parse("version: 1\n" + FLAT))
        .hasMessage("test.yaml: version = 1: is not a known key; allowed keys: [models, source]");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "models: {}|test.yaml: models = {}: must hold at least one model",
    "models: [1, 2]|test.yaml: models = […]: must be a mapping of keys to values",
    "source: x|test.yaml: models: is missing: a mapping is required",
    "models: {m: ~}|test.yaml: models.m: is missing: a mapping is required",
    "models: {m: 3}|test.yaml: models.m = 3: must be a mapping of keys to values",
    "just text|test.yaml: (document) = \"just text\": must be a mapping of keys to values",
  })
  void theDocumentsShape_isChecked(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(InvalidInputException.class).hasMessage(message);
  }

  @Test
  void malformedYaml_duplicateKeys_andNaN_areRefusedWithWhere() {
    assertThatThrownBy(() -> parse("models: [1, 2"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not valid YAML or JSON (line ");
    assertThatThrownBy(() -> parse(FLAT.replace("    acc_std: 0.05", "    acc_std: 0.05\n    c_in: 0.5")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("test.yaml: models.m.c_in: is not valid YAML or JSON (line 13, column 9): Duplicate field 'c_in'");
    assertThatThrownBy(() -> parse(FLAT.replace("acc_std: 0.05", "acc_std: .nan")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("test.yaml: models.m.acc_std = .nan: must be a finite number (NaN and infinities are not allowed) (line 12");
  }

  @Test
  void files_areReadByPath_andAMissingFileIsNamedByItsFlag(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, FLAT);
    assertThat(CatalogReader.read(f, "--catalog")).isEqualTo(parse(FLAT));
    Path missing = dir.resolve("none.yaml");
    assertThatThrownBy(() -> CatalogReader.read(missing, "--catalog"))
        .hasMessage("--catalog = " + missing + ": must be a readable file");
    assertThatThrownBy(() -> CatalogReader.read(dir, "--catalog"))
        .hasMessage("--catalog = " + dir + ": must be a readable file");
    assertThatThrownBy(() -> CatalogReader.read(f.resolveSibling("bad.yaml"), "catalog"))
        .isInstanceOf(InvalidInputException.class);
    Files.writeString(f, FLAT.replace("c_in: 0.000001", "c_in: -1"));
    assertThatThrownBy(() -> CatalogReader.read(f, "--catalog"))
        .hasMessage(f + ": models.m.c_in = -1: must be a number in [0, 1] (USD per token)");
  }

  @Test
  void flat_inferredAndNamedLengthKinds_andTheirRoundTrip() throws IOException {
    Catalog c = parse(FLAT.replace("    mu_Lin: 500\n    sigma_Lin: 50\n", "    lin_values: [300, 500, 1000]\n")
        .replace("    mu_Lout: 2000", "    lout_distribution: lognormal\n    mu_Lout: 2000"));
    ModelProfile m = c.models().get(0);
    assertThat(m.inputLength().id()).isEqualTo("empirical");
    assertThat(m.inputLength().mean()).isEqualTo(600.0);
    assertThat(m.outputLength().id()).isEqualTo("lognormal");
    assertThat(m.outputLength().mean()).isEqualTo(2000.0);
    assertThat(m.paperLengthsAndLatency()).isFalse();
    String flat = CatalogWriter.write(c, CatalogWriter.Style.FLAT);
    // an empirical length is inferred from lin_values, so its kind is not written; a lognormal's is
    assertThat(flat).doesNotContain("lin_distribution").contains("lout_distribution: lognormal");
    assertThat(parse(flat)).isEqualTo(c);
    assertThat(parse(CatalogWriter.write(c, CatalogWriter.Style.FRIENDLY))).isEqualTo(c);
  }

  // ---- the friendly format ------------------------------------------------------------------------

  static final String FRIENDLY = """
      format: kstar-catalog/1
      models:
        m:
          name: Emm
          price_usd_per_mtok: {input: 0.2, output: 1}
          speed: {input_s_per_token: 0.0001, output_tokens_per_s: 800}
          input_tokens: {distribution: clipped-normal, mean: 1024, sd: 64}
          output_tokens: {distribution: normal, mean: 2048, sd: 128}
          quality: {distribution: clipped-normal, mean: 0.91, sd: 0.07}
          parallel: 4
      """;

  @Test
  void friendly_movesPricesByADecimalShift_andReadsBothSpeedSpellings() throws IOException {
    ModelProfile m = parse(FRIENDLY).models().get(0);
    // 0.2 per million is the double nearest 0.0000002, not 0.2 / 1e6 (= 2.0000000000000002E-7)
    assertThat(m.cIn()).isEqualTo(Double.parseDouble("0.0000002")).isNotEqualTo(0.2 / 1e6);
    assertThat(m.cOut()).isEqualTo(0.000001);
    assertThat(m.tIn()).isEqualTo(0.0001);
    assertThat(m.tOut()).isEqualTo(1.0 / 800);
    assertThat(m.name()).isEqualTo("Emm");
    assertThat(m.defaultParallel()).isEqualTo(4);
    assertThat(m.latency()).isEqualTo(LatencyModel.DEFAULT);
    assertThat(parse(FRIENDLY.replace("    parallel: 4", "    parallel: 4\n    latency: ~")).models()).containsExactly(m);
    assertThat(parse(FRIENDLY.replace("    parallel: 4\n", "")).models().get(0).defaultParallel()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "format: kstar-catalog/1|format: ~|test.yaml: format: must be \"kstar-catalog/1\"",
    "input: 0.2, output: 1|input: 0.2, output: -1|test.yaml: models.m.price_usd_per_mtok.output = -1.0: must be a finite price >= 0 (USD per million tokens)",
    "input: 0.2, output: 1|input: 2000000, output: 1|test.yaml: models.m.price_usd_per_mtok.input (as USD per token) = 2: must be a number in [0, 1] (USD per token)",
    "input: 0.2, output: 1|input: 0.2, output: 1500000|test.yaml: models.m.price_usd_per_mtok.output (as USD per token) = 1.5: must be a number in [0, 1] (USD per token)",
    "input_s_per_token: 0.0001|input_s_per_token: 101|test.yaml: models.m.speed.input (as seconds per token) = 101: must be a number in [0, 100] (seconds per token)",
    "output_tokens_per_s: 800|output_tokens_per_s: 0.005|test.yaml: models.m.speed.output (as seconds per token) = 200: must be a number in [0, 100] (seconds per token)",
    "input_s_per_token: 0.0001|input_s_per_token: -1|test.yaml: models.m.speed.input_s_per_token = -1.0: must be a finite number >= 0",
    "`input_s_per_token: 0.0001, `|``|test.yaml: models.m.speed: give exactly one of input_s_per_token and input_tokens_per_s",
    "output_tokens_per_s: 800|output_tokens_per_s: -5|test.yaml: models.m.speed.output_tokens_per_s = -5.0: must be a positive finite number of tokens per second",
    "parallel: 4|parallel: 0|test.yaml: models.m.parallel = 0: must be an integer in [1, 1048576]",
    "{distribution: clipped-normal, mean: 0.91|{distribution: uniform, mean: 0.91|test.yaml: models.m.quality.distribution = \"uniform\": must be one of [clipped-normal, normal]",
    "{distribution: clipped-normal, mean: 0.91, sd: 0.07}|{model: pass-at-k, difficulty: {distribution: gamma, alpha: 1, beta: 2}}|test.yaml: models.m.quality.difficulty.distribution = \"gamma\": must be \"beta\"",
    "{distribution: clipped-normal, mean: 0.91, sd: 0.07}|{model: pass-at-k, difficulty: 5}|test.yaml: models.m.quality.difficulty = 5: must be a mapping of keys to values",
    "{distribution: clipped-normal, mean: 0.91, sd: 0.07}|{model: majority-vote, difficulty: {alpha: 1, beta: 2}, wrong_answers: 2.5}|test.yaml: models.m.quality.wrong_answers = 2.5: must be an integer",
    "{distribution: clipped-normal, mean: 0.91, sd: 0.07}|{model: pass-at-k, difficulty: {alpha: 0, beta: 2}}|test.yaml: models.m.quality.difficulty.alpha = 0: must be a number in (0, 1000000000]",
    "{distribution: clipped-normal, mean: 0.91, sd: 0.07}|{model: pass-at-k, difficulty: {beta: 2}}|test.yaml: models.m.quality.difficulty.alpha: is missing: it is required by the pass-at-k model",
    "mean: 1024, sd: 64|mean: 1024, sd: 64, skew: 1|test.yaml: models.m.input_tokens.skew = 1: is not a known key; allowed keys: [distribution, mean, sd]",
    "    parallel: 4|    parallel: 4\\n    latency: {model: ttft-decode, ttft_s: 3601}|test.yaml: models.m.latency.ttft_s = 3601: must be a number in [0, 3600] (s)",
  })
  void friendly_badValues_nameTheirKeyPathAndValue(String from, String to, String message) {
    String yaml = FRIENDLY.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(FRIENDLY);
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(InvalidInputException.class).hasMessage(message);
  }

  @Test
  void friendly_unknownKeys_areRefused() {
    assertThatThrownBy(() -> parse(FRIENDLY.replace("    parallel: 4", "    paralel: 4")))
        .hasMessageStartingWith("test.yaml: models.m.paralel = 4: is not a known key (did you mean parallel?)");
    assertThatThrownBy(() -> parse(FRIENDLY.replace("{input: 0.2, output: 1}", "{input: 0.2, output: 1, cached: 0.1}")))
        .hasMessage("test.yaml: models.m.price_usd_per_mtok.cached = 0.1: is not a known key; allowed keys: [input, output, cached_input, cache_write]");
    assertThatThrownBy(() -> parse(FRIENDLY.replace("parallel: 4", "parallel: 4\nversion: 2")))
        .hasMessageStartingWith("test.yaml: version = 2: is not a known key");
    assertThatThrownBy(() -> parse(FRIENDLY.replace("output_tokens_per_s: 800", "output_tokens_per_s: 800, tokens: 1")))
        .hasMessageStartingWith("test.yaml: models.m.speed.tokens = 1: is not a known key");
    assertThatThrownBy(() -> parse(FRIENDLY.replace("{distribution: clipped-normal, mean: 0.91, sd: 0.07}",
        "{model: pass-at-k, difficulty: {alpha: 1, beta: 2, gamma: 3}}")))
        .hasMessageStartingWith("test.yaml: models.m.quality.difficulty.gamma = 3: is not a known key");
  }

  @Test
  void friendly_otherModels_roundTripThroughBothFormats() throws IOException {
    Catalog c = parse(FRIENDLY.replace("{distribution: clipped-normal, mean: 0.91, sd: 0.07}",
            "{model: pass-at-k, difficulty: {distribution: beta, alpha: 1.5, beta: 0.5}}")
        .replace("    parallel: 4", "    parallel: 4\n    latency: {model: ttft-decode, ttft_s: 0.25}"));
    ModelProfile m = c.models().get(0);
    assertThat(m.accuracy()).isEqualTo(new PassAtK(new BetaDifficulty(1.5, 0.5)));
    assertThat(m.latency().ttftS()).isEqualTo(0.25);
    assertThat(m.latency().rateLimitTpm()).isEmpty();
    String friendly = CatalogWriter.write(c, CatalogWriter.Style.FRIENDLY);
    assertThat(friendly).contains("distribution: beta").contains("model: ttft-decode");
    assertThat(parse(friendly)).isEqualTo(c);
    assertThat(parse(CatalogWriter.write(c, CatalogWriter.Style.FLAT))).isEqualTo(c);
    // the fixed tag may be left out on reading
    assertThat(parse(friendly.replace("distribution: beta", ""))).isEqualTo(c);
  }

  // ---- calibration --------------------------------------------------------------------------------

  static final String CALIBRATED = FLAT.replace("    acc_mean: 0.9\n    acc_std: 0.05\n", """
          accuracy_model: pass-at-k
          difficulty_alpha: 1.2
          difficulty_beta: 0.4
          calibration:
            method: bootstrap over 300 questions
            data_up_to_k: 8
            beyond_data: hold
            parameters: [difficulty_alpha, difficulty_beta]
            accuracy_samples:
            - [1.1, 0.5]
            - [1.3, 0.35]
      """);

  @Test
  void calibration_readsAsWritten_andRoundTripsInBothFormats() throws IOException {
    Catalog c = parse(CALIBRATED);
    Calibration cal = c.models().get(0).calibrated().orElseThrow();
    assertThat(cal.method()).isEqualTo("bootstrap over 300 questions");
    assertThat(cal.dataUpToK()).isEqualTo(8);
    assertThat(cal.beyond()).isEqualTo(Calibration.Beyond.HOLD);
    assertThat(cal.samples()).containsExactly(new PassAtK(new BetaDifficulty(1.1, 0.5)), new PassAtK(new BetaDifficulty(1.3, 0.35)));
    assertThat(parse(CatalogWriter.write(c, CatalogWriter.Style.FLAT))).isEqualTo(c);
    assertThat(parse(CatalogWriter.write(c, CatalogWriter.Style.FRIENDLY))).isEqualTo(c);
    // method and beyond_data are optional: "" and model
    Calibration plain = parse(CALIBRATED.replace("      method: bootstrap over 300 questions\n", "")
        .replace("      beyond_data: hold\n", "")).models().get(0).calibrated().orElseThrow();
    assertThat(plain.method()).isEmpty();
    assertThat(plain.beyond()).isEqualTo(Calibration.Beyond.MODEL);
    assertThat(parse(CALIBRATED.replace("      method: bootstrap over 300 questions\n", "")))
        .isNotEqualTo(c);
  }

  @Test
  void calibration_ofAWholeNumberParameter_roundTrips() throws IOException {
    String voted = CALIBRATED.replace("accuracy_model: pass-at-k", "accuracy_model: majority-vote")
        .replace("    difficulty_beta: 0.4\n", "    difficulty_beta: 0.4\n    wrong_answers: 3\n")
        .replace("[difficulty_alpha, difficulty_beta]", "[difficulty_alpha, difficulty_beta, wrong_answers]")
        .replace("[1.1, 0.5]", "[1.1, 0.5, 2]").replace("[1.3, 0.35]", "[1.3, 0.35, 4]");
    Catalog c = parse(voted);
    assertThat(c.models().get(0).calibrated().orElseThrow().samples().get(1).values().integer("wrong_answers")).isEqualTo(4);
    String flat = CatalogWriter.write(c, CatalogWriter.Style.FLAT);
    assertThat(parse(flat)).isEqualTo(c);
    assertThatThrownBy(() -> parse(voted.replace("[1.3, 0.35, 4]", "[1.3, 0.35, 4.5]")))
        .hasMessage("test.yaml: models.m.calibration.accuracy_samples[1][2] = 4.5: must be an integer");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "`      data_up_to_k: 8\\n`|``|test.yaml: models.m.calibration.data_up_to_k: is missing: the largest k the calibration data covered is required",
    "data_up_to_k: 8|data_up_to_k: 0|test.yaml: models.m.calibration.data_up_to_k = 0: must be an integer >= 1",
    "beyond_data: hold|beyond_data: sometimes|test.yaml: models.m.calibration.beyond_data = \"sometimes\": must be one of [model, hold]",
    "[difficulty_alpha, difficulty_beta]|[difficulty_beta, difficulty_alpha]|test.yaml: models.m.calibration.parameters = [difficulty_beta, difficulty_alpha]: must be the pass-at-k model's parameters, in order: [difficulty_alpha, difficulty_beta]",
    "parameters: [difficulty_alpha, difficulty_beta]|parameters: difficulty_alpha|test.yaml: models.m.calibration.parameters = \"difficulty_alpha\": must list the accuracy model's parameters [difficulty_alpha, difficulty_beta]",
    "`      - [1.3, 0.35]\\n`|``|test.yaml: models.m.calibration.accuracy_samples = […]: must be a list of at least 2 replicates",
    "[1.1, 0.5]|[1.1]|test.yaml: models.m.calibration.accuracy_samples[0] = […]: must be a list of 2 numbers [difficulty_alpha, difficulty_beta]",
    "[1.3, 0.35]|[1.3, x]|test.yaml: models.m.calibration.accuracy_samples[1][1] = \"x\": must be a number",
    "[1.3, 0.35]|[-1, 0.35]|test.yaml: models.m.calibration.accuracy_samples[1] (difficulty_alpha) = -1: must be a number in (0, 1000000000]",
    "      data_up_to_k: 8|      data_up_to_k: 8\\n      seed: 1|test.yaml: models.m.calibration.seed = 1: is not a known key; allowed keys: [method, data_up_to_k, beyond_data, parameters, accuracy_samples]",
  })
  void calibration_badValues_nameTheirKeyPathAndValue(String from, String to, String message) {
    String yaml = CALIBRATED.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(CALIBRATED);
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(InvalidInputException.class).hasMessage(message);
  }

  @Test
  void calibration_missingSamplesOrParameters_andAWrongShape_areRefused() {
    assertThatThrownBy(() -> parse(CALIBRATED.replace("      parameters: [difficulty_alpha, difficulty_beta]\n", "")))
        .hasMessage("test.yaml: models.m.calibration.parameters = null: must list the accuracy model's parameters "
            + "[difficulty_alpha, difficulty_beta]");
    assertThatThrownBy(() -> parse(CALIBRATED.substring(0, CALIBRATED.indexOf("      accuracy_samples:"))))
        .hasMessage("test.yaml: models.m.calibration.accuracy_samples = null: must be a list of at least 2 replicates");
    assertThatThrownBy(() -> parse(CALIBRATED.substring(0, CALIBRATED.indexOf("    calibration:")) + "    calibration: 5\n"))
        .hasMessage("test.yaml: models.m.calibration = 5: must be a mapping of keys to values");
    assertThat(CALIBRATED.substring(0, CALIBRATED.indexOf("    calibration:")) + "    calibration: ~\n")
        .satisfies(y -> assertThat(parse(y).models().get(0).calibrated()).isEmpty());
  }
}
