package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher runs kstar on the newest JDK it finds (25 or later) while the build and the tests run on
 * Java 17: every command's output must be byte for byte the same on both. Each command runs here,
 * in-process on this JVM, and in a fresh JVM of the newest JDK in the system's JVM directory with this
 * test's class path. Skipped when there is no such JDK (CI has Temurin 25 beside Java 17).
 */
class SameOutputOnNewerJavaTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "reproduce",
      "reproduce --estimator monte-carlo --trials 300",
      "reproduce --format json",
      "reproduce --estimator monte-carlo --trials 300 --format csv",
      "plan --model gpt5 --scenario balanced --format json",
      "plan --model gpt5 --scenario balanced --confidence 0.9",
      "compare --scenario latency-critical --format json",
      "curve --model gpt5-nano --k-max 64 --format csv",
      "curve --model gpt5 --estimator monte-carlo --trials 2000 --format json",
      "budget --catalog --min-accuracy 0.95",
      "sensitivity --model gpt5 --scenario balanced --format json",
      "models --format json"})
  void output_isTheSameOnTheNewestJdk(String line) throws Exception {
    Optional<Path> newer = newestJdk();
    assumeTrue(newer.isPresent(), "no JDK 25 or later in " + JVM_DIR);
    String[] args = line.split(" ");
    Cli.Result here = Cli.run(args);
    assertThat(here.exit()).isZero();
    String there = run(newer.get(), args);
    assertThat(there).as("stdout of '%s' on %s against Java %s", line, newer.get(), Runtime.version().feature())
        .isEqualTo(here.out());
  }

  private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

  /** The JDK of highest feature version ≥ 25 in the JVM directory, read from each home's release file. */
  static Optional<Path> newestJdk() throws IOException {
    if (!Files.isDirectory(JVM_DIR)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(JVM_DIR)) {
      return homes.filter(h -> !Files.isSymbolicLink(h) && Files.isExecutable(h.resolve("bin/java")))
          .filter(h -> feature(h) >= 25)
          .max(Comparator.comparingInt(SameOutputOnNewerJavaTest::feature));
    }
  }

  private static int feature(Path home) {
    try {
      for (String l : Files.readAllLines(home.resolve("release"))) {
        if (l.startsWith("JAVA_VERSION=\"")) {
          String v = l.substring("JAVA_VERSION=\"".length());
          int end = 0;
          while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
          }
          return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private static String run(Path home, String[] args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/java").toString(), "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("exit status on " + home).isZero();
    return out;
  }
}
