package io.kstar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #29: what a catalog or scenarios document may not be, said in kstar's words before the YAML parser spends
 * time on it: past the parser's size limit (a 10 MB file took 20 s and 1.2 GB to be refused as "not valid YAML
 * or JSON"), not UTF-8, or using an alias (read as the alias's name: {@code c_out: *p} gave the text "p").
 */
class YamlDocumentLimitsTest {
  @TempDir Path dir;

  static final String MODEL = "models:\n  m: {c_in: 1e-6, c_out: 2e-6, t_in: 1e-4, t_out: 1e-3, mu_Lin: 100,"
      + " sigma_Lin: 10, mu_Lout: 200, sigma_Lout: 20, acc_mean: 0.8, acc_std: 0.1}\n";

  /** A document of exactly {@code chars} characters: a comment line padded to fill, then the model. */
  static String ofLength(int chars, char pad) {
    StringBuilder b = new StringBuilder(chars);
    b.append('#');
    int padding = chars - 2 - MODEL.length();
    b.append(String.valueOf(pad).repeat(padding));
    b.append('\n').append(MODEL);
    assertThat(b.codePointCount(0, b.length())).isEqualTo(chars);
    return b.toString();
  }

  @Test
  void aDocumentPastTheLimit_isRefusedAsTooLarge_withItsSize() {
    String over = ofLength(YamlDocument.MAX_CHARS + 1, 'x');
    assertThatThrownBy(() -> YamlDocument.parse("big.yaml", new ByteArrayInputStream(over.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("big.yaml: (document): is too large: " + (YamlDocument.MAX_CHARS + 1) + " characters, past the "
            + YamlDocument.MAX_CHARS + " characters a YAML or JSON document may hold (3 MiB)");
  }

  /** Characters, not bytes: 2-byte characters up to the limit pass (7 MB of bytes), one more does not. */
  @Test
  void theLimitCountsCharacters_notBytes() {
    String wide = "é".repeat(YamlDocument.MAX_CHARS);
    assertThat(wide.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(YamlDocument.MAX_CHARS);
    YamlDocument.checkLength("wide.yaml", wide);
    // a character outside the basic plane is two chars in Java and one code point: counted once
    YamlDocument.checkLength("astral.yaml", "\uD83D\uDE00".repeat(YamlDocument.MAX_CHARS / 2 + 1));
    assertThatThrownBy(() -> YamlDocument.checkLength("wide.yaml", wide + "x")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is too large: " + (YamlDocument.MAX_CHARS + 1) + " characters");
  }

  @Test
  void aFileFourTimesPastTheLimitInBytes_isRefusedWithoutReadingIt() throws IOException {
    Path huge = dir.resolve("huge.yaml");
    byte[] line = "#".repeat(1023).concat("\n").getBytes(StandardCharsets.US_ASCII);
    try (var out = Files.newOutputStream(huge)) {
      for (long written = 0; written <= 4L * YamlDocument.MAX_CHARS; written += line.length) {
        out.write(line);
      }
    }
    long size = Files.size(huge);
    assertThatThrownBy(() -> YamlDocument.read(huge, "--models")).isInstanceOf(InvalidInputException.class)
        .hasMessage("--models = " + huge + ": is too large: " + size + " bytes, past the " + YamlDocument.MAX_CHARS
            + " characters a YAML or JSON document may hold (3 MiB)");
  }

  @Test
  void aFileWithinTheLimit_isRead() throws IOException {
    Path ok = Files.writeString(dir.resolve("ok.yaml"), MODEL);
    assertThat(YamlDocument.read(ok, "--models").root().get("models").get("m").get("c_in").asDouble()).isEqualTo(1e-6);
  }

  @Test
  void anAlias_isRefusedNamingItsKey_andAnAnchorAloneIsFine() throws IOException {
    String aliased = "models:\n  m:\n    c_in: &p 1e-6\n    c_out: *p\n";
    assertThatThrownBy(() -> YamlDocument.parse("alias.yaml", new ByteArrayInputStream(aliased.getBytes(
        StandardCharsets.UTF_8)))).isInstanceOf(InvalidInputException.class)
        .hasMessage("alias.yaml: models.m.c_out = *p: is a YAML alias: kstar does not expand anchors and aliases;"
            + " write the value itself (line 4)");
    String anchored = "models:\n  m:\n    c_in: &p 1e-6\n";
    assertThat(YamlDocument.parse("anchor.yaml", new ByteArrayInputStream(anchored.getBytes(StandardCharsets.UTF_8)))
        .root().get("models").get("m").get("c_in").asDouble()).isEqualTo(1e-6);
  }

  /** A file of exactly 4 × the limit in bytes is read (its characters decide), one byte more is refused unread. */
  @Test
  void theByteCheck_startsPastFourTimesTheLimit() throws IOException {
    Path edge = dir.resolve("edge.yaml");
    byte[] body = new byte[4 * YamlDocument.MAX_CHARS];
    java.util.Arrays.fill(body, (byte) '#');
    Files.write(edge, body);
    assertThatThrownBy(() -> YamlDocument.read(edge, "--models")).hasMessageContaining("is too large: "
        + 4 * YamlDocument.MAX_CHARS + " characters");
  }

  /** A problem inside a list is named by its index: {@code load[1].ttft_s}. */
  @Test
  void aBadNumberInAList_isNamedByItsIndex() {
    String yaml = "models:\n  m:\n    serving:\n      load:\n      - {requests_per_s: 1, ttft_s: 0.1, tpot_s: 0.01}\n"
        + "      - {requests_per_s: 2, ttft_s: .nan, tpot_s: 0.01}\n";
    assertThatThrownBy(() -> YamlDocument.parse("l.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("models.m.serving.load[1].ttft_s")
        .hasMessageContaining("must be a finite number");
  }
}
