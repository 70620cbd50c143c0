package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's choice of runtime ({@code ./kstar}, read without starting a JVM, from each JDK's
 * {@code release} file with bash built-ins): JAVA_HOME when set, else the JDK of highest feature version
 * 25 or later in KSTAR_JVM_DIR (symbolic links skipped, homes without an executable java skipped),
 * else {@code java} on the PATH. Run through KSTAR_PRINT_RUNTIME=1, which prints the choice and stops
 * before any build.
 */
class LauncherRuntimeTest {
  private static final Path LAUNCHER = Path.of("..", "kstar").toAbsolutePath().normalize();

  @TempDir Path jvms;
  @TempDir Path elsewhere;

  private Path jdk(String name, String release) throws IOException {
    return jdk(jvms, name, release);
  }

  private static Path jdk(Path dir, String name, String release) throws IOException {
    Path home = dir.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (release != null) {
      Files.writeString(home.resolve("release"), release);
    }
    return home;
  }

  private String chosen(Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString()).redirectErrorStream(true);
    pb.environment().remove("JAVA_HOME");
    pb.environment().put("KSTAR_PRINT_RUNTIME", "1");
    pb.environment().put("KSTAR_JVM_DIR", jvms.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void picksTheHighestFeatureVersionOf25OrLater_readFromReleaseFiles() throws Exception {
    jdk("jdk-17", "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"\n");
    jdk("jdk-25", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\nOS_NAME=\"Linux\"\n");
    Path jdk26 = jdk("jdk-26", "JAVA_VERSION=\"26\""); // no trailing line feed, no minor version
    jdk("jdk-9", "JAVA_VERSION=\"9.0.4\"\n");
    jdk("no-release", null);
    assertThat(chosen(Map.of())).isEqualTo(jdk26.resolve("bin/java").toString());
  }

  @Test
  void skipsSymbolicLinks_andHomesBelow25() throws Exception {
    Path jdk25 = jdk("temurin-25", "JAVA_VERSION=\"25.0.1\"\n");
    Path jdk30 = jdk(elsewhere, "jdk-30", "JAVA_VERSION=\"30.0.0\"\n");
    Files.createSymbolicLink(jvms.resolve("link-30"), jdk30); // a working link: java runs through it
    assertThat(Files.isExecutable(jvms.resolve("link-30/bin/java"))).isTrue();
    jdk("jdk-24", "JAVA_VERSION=\"24.0.2\"\n");
    assertThat(chosen(Map.of())).isEqualTo(jdk25.resolve("bin/java").toString());
  }

  @Test
  void javaOnThePath_whenNoJdk25OrLater() throws Exception {
    jdk("jdk-17", "JAVA_VERSION=\"17.0.15\"\n");
    assertThat(chosen(Map.of())).isEqualTo("java");
  }

  @Test
  void javaHome_winsOverTheJvmDirectory() throws Exception {
    jdk("jdk-26", "JAVA_VERSION=\"26.0.1\"\n");
    Path home = jdk("chosen-17", "JAVA_VERSION=\"17.0.15\"\n");
    assertThat(chosen(Map.of("JAVA_HOME", home.toString()))).isEqualTo(home.resolve("bin/java").toString());
  }
}
