package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The version --version prints is the POM's (Maven writes it into version.properties at build time). */
class VersionTest {
  @Test
  void theConstantIsThePomsVersion() throws Exception {
    Properties p = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      p.load(in);
    }
    assertThat(p.getProperty("version")).isNotBlank().doesNotContain("${");
    assertThat(Main.VERSION).as("Main.VERSION: bump it with the POM's <version>").isEqualTo(p.getProperty("version"));
  }
}
