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
    assertThat(m.accStd()).isEqualTo(0.07);
    assertThat(m.defaultParallel()).isEqualTo(4);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "input: 0.2|input: -0.2|models.m.price_usd_per_mtok.input = -0.2|finite price >= 0",
    "output_tokens_per_s: 800|output_tokens_per_s: 0|models.m.speed.output_tokens_per_s = 0|positive finite number of tokens per second",
    "speed: {input_tokens_per_s: 8000,|speed: {input_s_per_token: 0.001, input_tokens_per_s: 8000,|models.m.speed|exactly one of input_s_per_token and input_tokens_per_s",
    "distribution: clipped-normal, mean: 2048|distribution: lognormal, mean: 2048|models.m.output_tokens.distribution = \"lognormal\"|must be one of [clipped-normal, normal]",
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
}
