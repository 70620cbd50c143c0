package io.kstar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import io.kstar.profile.Catalog;
import io.kstar.serving.LoadCurve;
import io.kstar.serving.LoadFit;
import io.kstar.serving.LoadPoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** A profile's serving section (a load curve) read, written and refused in the catalog's own terms. */
class ServingSyntaxTest {

  static final String BASE = "models:\n  m:\n    c_in: 1.0e-6\n    c_out: 2.0e-6\n    t_in: 1.0e-4\n    t_out: 0.001\n"
      + "    mu_Lin: 100\n    sigma_Lin: 10\n    mu_Lout: 200\n    sigma_Lout: 20\n    acc_mean: 0.8\n    acc_std: 0.1\n";

  static final String SERVING = "    serving:\n      source: a bench\n      measured_with: {input_tokens: 1000, output_tokens: 100}\n"
      + "      capacity_rps: 28.5\n      fit: queueing\n      replica_usd_per_hour: 2.99\n      load:\n"
      + "      - {requests_per_s: 1.2, ttft_s: 0.045, tpot_s: 0.0086}\n"
      + "      - {requests_per_s: 9.6, ttft_s: 0.057, tpot_s: 0.0118}\n"
      + "      - {requests_per_s: 20, ttft_s: 0.12, tpot_s: 0.03}\n";

  static Catalog read(String yaml) throws IOException {
    return CatalogReader.read(YamlDocument.parse("c.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
  }

  static LoadCurve curve(Catalog c) {
    return c.models().get(0).serving();
  }

  @Test
  void everyFieldIsRead() throws IOException {
    LoadCurve c = curve(read(BASE + SERVING));
    assertThat(c.source()).isEqualTo("a bench");
    assertThat(c.mixInputTokens()).isEqualTo(1000);
    assertThat(c.mixOutputTokens()).isEqualTo(100);
    assertThat(c.capacityRps()).isEqualTo(28.5);
    assertThat(c.fit()).isEqualTo(LoadFit.QUEUEING);
    assertThat(c.replicaUsdPerHour()).isEqualTo(OptionalDouble.of(2.99));
    assertThat(c.points()).containsExactly(new LoadPoint(1.2, 0.045, 0.0086), new LoadPoint(9.6, 0.057, 0.0118),
        new LoadPoint(20, 0.12, 0.03));
  }

  @Test
  void theOptionalFields_defaultToInterpolation_noPrice_noSource_andNoSectionIsNoCurve() throws IOException {
    LoadCurve c = curve(read(BASE + SERVING.replace("      source: a bench\n", "").replace("      fit: queueing\n", "")
        .replace("      replica_usd_per_hour: 2.99\n", "")));
    assertThat(c.fit()).isEqualTo(LoadFit.INTERPOLATION);
    assertThat(c.replicaUsdPerHour()).isEmpty();
    assertThat(c.source()).isEmpty();
    assertThat(curve(read(BASE))).isNull();
    assertThat(curve(read(BASE + "    serving: null\n"))).isNull();
  }

  /** Written and read again, in either format, the curve is the same; what is absent is not written. */
  @ParameterizedTest
  @EnumSource(CatalogWriter.Style.class)
  void aCurve_roundTrips_inBothFormats(CatalogWriter.Style style) throws IOException {
    Catalog full = read(BASE + SERVING);
    String written = CatalogWriter.write(full, style);
    assertThat(written).contains("serving:").contains("source: a bench").contains("replica_usd_per_hour")
        .contains("fit: queueing").contains("capacity_rps").contains("measured_with");
    assertThat(curve(read(written))).isEqualTo(curve(full));
    Catalog bare = read(BASE + SERVING.replace("      source: a bench\n", "").replace("      replica_usd_per_hour: 2.99\n", ""));
    String plain = CatalogWriter.write(bare, style);
    assertThat(plain).doesNotContain("source:").doesNotContain("replica_usd_per_hour");
    assertThat(curve(read(plain))).isEqualTo(curve(bare));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "an unknown key|      capacity_rps: 28.5|      capacity_rps: 28.5\\n      speed: 3|models.m.serving.speed",
      "an unknown mix key|{input_tokens: 1000, output_tokens: 100}|{input_tokens: 1000, output_tokens: 100, x: 1}|models.m.serving.measured_with.x",
      "an unknown row key|tpot_s: 0.0086}|tpot_s: 0.0086, q: 1}|models.m.serving.load[0].q",
      "a bad row value|ttft_s: 0.045,|ttft_s: -1,|models.m.serving.load[0].ttft_s",
      "rates not increasing|requests_per_s: 9.6|requests_per_s: 1.0|models.m.serving.load[1].requests_per_s",
      "a capacity below a rate|      capacity_rps: 28.5|      capacity_rps: 15|models.m.serving.capacity_rps",
      "an unknown fit|      fit: queueing|      fit: cubic|serving.fit"})
  void aBadSection_isRefusedUnderItsPath(String what, String from, String to, String path) {
    String yaml = BASE + SERVING.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    assertThat(yaml).as("the case changes the section").isNotEqualTo(BASE + SERVING);
    assertThatThrownBy(() -> read(yaml)).isInstanceOf(InvalidInputException.class).hasMessageContaining(path);
  }

  @Test
  void aLoadThatIsMissingOrNotAList_isRefusedSayingWhatItMustBe() {
    String head = BASE + SERVING.substring(0, SERVING.indexOf("      load:"));
    for (String yaml : List.of(head, head + "      load: 3\n")) {
      assertThatThrownBy(() -> read(yaml)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("models.m.serving.load").hasMessageContaining("must be a list of measured rates");
    }
  }

  /** Text that is not UTF-8 is refused in kstar's words: UTF-16 by either byte-order mark, then anything binary. */
  @Test
  void aDocumentNotInUtf8_isRefusedInKstarsWords() {
    byte[] big = (BASE).getBytes(StandardCharsets.UTF_16BE);
    byte[] withBom = new byte[big.length + 2];
    withBom[0] = (byte) 0xFE;
    withBom[1] = (byte) 0xFF;
    System.arraycopy(big, 0, withBom, 2, big.length);
    byte[] little = BASE.getBytes(StandardCharsets.UTF_16LE);
    byte[] leBom = new byte[little.length + 2];
    leBom[0] = (byte) 0xFF;
    leBom[1] = (byte) 0xFE;
    System.arraycopy(little, 0, leBom, 2, little.length);
    for (byte[] b : List.of(withBom, leBom)) {
      assertThatThrownBy(() -> YamlDocument.parse("u.yaml", new ByteArrayInputStream(b)))
          .hasMessage("u.yaml: (document): is UTF-16 text: save it as UTF-8");
    }
    // one of the two bytes alone is not a mark: FE then a letter is not UTF-16, and not UTF-8 either
    for (byte[] b : List.of(new byte[] {(byte) 0xFE, 'a'}, new byte[] {(byte) 0xFF, 'a'}, new byte[] {'a', (byte) 0xFE},
        new byte[] {(byte) 0xFF})) {
      assertThatThrownBy(() -> YamlDocument.parse("b.yaml", new ByteArrayInputStream(b)))
          .hasMessageContaining("is not UTF-8 text (a binary file?)");
    }
  }

  /** A flag is read as written, true or false, and anything else is refused (prompt_cache). */
  @Test
  void aFlag_isReadAsWritten() throws IOException {
    assertThat(read(BASE + "    prompt_cache: true\n").models().get(0).requests().promptCache()).isTrue();
    assertThat(read(BASE + "    prompt_cache: false\n").models().get(0).requests().promptCache()).isFalse();
    assertThat(read(BASE + "    prompt_cache: null\n").models().get(0).requests().promptCache()).isFalse();
    assertThatThrownBy(() -> read(BASE + "    prompt_cache: 1\n")).hasMessageContaining("models.m.prompt_cache")
        .hasMessageContaining("must be true or false");
  }

  static final String FRIENDLY = "format: kstar-catalog/1\nmodels:\n  m:\n    price_usd_per_mtok:\n      input: 1\n"
      + "      output: 2\n    speed:\n      input_s_per_token: 0.0001\n      output_s_per_token: 0.001\n"
      + "    input_tokens: {distribution: clipped-normal, mean: 100, sd: 10}\n"
      + "    output_tokens: {distribution: clipped-normal, mean: 200, sd: 20}\n"
      + "    quality: {distribution: clipped-normal, mean: 0.8, sd: 0.1}\n";

  /** In the friendly format a price or a time of 0 is a value (free, instant), below 0 it is refused. */
  @Test
  void friendlyPricesAndTimes_takeZero_andRefuseBelowIt() throws IOException {
    var m = read(FRIENDLY.replace("input: 1\n", "input: 0\n").replace("input_s_per_token: 0.0001",
        "input_s_per_token: 0")).models().get(0);
    assertThat(m.cIn()).isZero();
    assertThat(m.tIn()).isZero();
    assertThat(m.cOut()).isEqualTo(2e-6);
    assertThatThrownBy(() -> read(FRIENDLY.replace("input: 1\n", "input: -1\n")))
        .hasMessageContaining("price_usd_per_mtok.input").hasMessageContaining("must be a finite price >= 0");
    assertThatThrownBy(() -> read(FRIENDLY.replace("input_s_per_token: 0.0001", "input_s_per_token: -0.1")))
        .hasMessageContaining("input_s_per_token").hasMessageContaining("must be a finite number >= 0");
  }
}
