package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Start-up loads only what a command uses: each case runs kstar in a fresh JVM (this test's own
 * runtime and class path) with {@code -Xlog:class+load} and checks the classes it loaded. A fresh
 * process is the only honest view: in this JVM other tests have loaded everything already.
 */
class StartupClassesTest {

  /** The service and its stack (Javalin, Jetty, Micrometer). */
  private static final List<String> SERVER = List.of("io.kstar.server.", "io.javalin.", "org.eclipse.jetty.",
      "io.micrometer.");
  /** Charts and the HTML report (JFreeChart). */
  private static final List<String> CHARTS = List.of("io.kstar.chart.", "org.jfree.");
  /** YAML and JSON (Jackson, SnakeYAML). */
  private static final List<String> DATA_FORMATS = List.of("com.fasterxml.jackson.", "org.yaml.snakeyaml.");

  @Test
  void version_loadsNoServerChartOrYamlClass() throws Exception {
    Run run = kstar("--version");
    assertThat(run.out).startsWith("kstar ");
    assertThat(run.loaded).isNotEmpty();
    assertThat(matching(run.loaded, SERVER)).as("server classes loaded by --version").isEmpty();
    assertThat(matching(run.loaded, CHARTS)).as("chart classes loaded by --version").isEmpty();
    assertThat(matching(run.loaded, DATA_FORMATS)).as("YAML/JSON classes loaded by --version").isEmpty();
  }

  @Test
  void plan_loadsNoServerAndNoChartLibrary() throws Exception {
    Run run = kstar("plan", "--model", "gpt5", "--scenario", "balanced");
    assertThat(run.out).startsWith("Plan for gpt5");
    assertThat(matching(run.loaded, SERVER)).as("server classes loaded by plan").isEmpty();
    assertThat(matching(run.loaded, List.of("org.jfree."))).as("JFreeChart classes loaded by plan").isEmpty();
    // the embedded catalog and scenarios come from the build's parsed trees (EmbeddedTree): no YAML parser,
    // no Jackson parser (its first use initialises BigDecimal, 20 ms on JDK 25) and no ObjectMapper start
    assertThat(matching(run.loaded, List.of("org.yaml.snakeyaml.", "com.fasterxml.jackson.dataformat.yaml.",
        "com.fasterxml.jackson.databind.ObjectMapper"))).as("YAML classes or an ObjectMapper loaded by plan").isEmpty();
    assertThat(matching(run.initialized, List.of("com.fasterxml.jackson.core.base.ParserMinimalBase", "java.math.BigDecimal")))
        .as("a Jackson parser or BigDecimal initialised by plan").isEmpty();
  }

  @Test
  void fastVersion_printsWhatPicocliPrints() {
    StringWriter fast = new StringWriter();
    Main.printVersion(new PrintWriter(fast, true));
    assertThat(fast.toString()).isEqualTo(Cli.run("--version").out());
    assertThat(Cli.run("-V").out()).isEqualTo(fast.toString());
  }

  /** A run's standard output, the classes it loaded and the classes it initialised (binary names). */
  private record Run(String out, List<String> loaded, List<String> initialized) {}

  private static Run kstar(String... args) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:off", "-Xlog:class+load=info,class+init=info:stderr",
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    // class+load lines go to stderr (several hundred KB): read both streams concurrently
    var err = new java.util.concurrent.CompletableFuture<String>();
    Thread reader = new Thread(() -> {
      try {
        err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        err.completeExceptionally(e);
      }
    });
    reader.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kstar finished").isTrue();
    reader.join();
    assertThat(p.exitValue()).as("exit status; stdout: " + out).isZero();
    List<String> loaded = new ArrayList<>();
    List<String> initialized = new ArrayList<>();
    for (String line : err.join().split("\n")) {
      int at = line.indexOf("[class,load] ");
      if (at >= 0) {
        String rest = line.substring(at + "[class,load] ".length());
        int space = rest.indexOf(' ');
        loaded.add(space < 0 ? rest : rest.substring(0, space));
      }
      // "[class,init] 739 Initializing 'java/math/BigDecimal' (0x...)"
      int init = line.indexOf("Initializing '");
      if (line.contains("[class,init]") && init >= 0) {
        int from = init + "Initializing '".length();
        initialized.add(line.substring(from, line.indexOf('\'', from)).replace('/', '.'));
      }
    }
    return new Run(out, loaded, initialized);
  }

  private static List<String> matching(List<String> classes, List<String> prefixes) {
    return classes.stream().filter(c -> prefixes.stream().anyMatch(c::startsWith)).toList();
  }
}
