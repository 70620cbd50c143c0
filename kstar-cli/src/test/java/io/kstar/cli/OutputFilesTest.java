package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.chart.ChartFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out} writes its set of files all or none, refuses a file or a directory where a file
 * goes (exit 2, naming --out and the path), makes names safe as file names; {@code calibrate --write}
 * refuses a directory and leaves no temporary file.
 */
class OutputFilesTest {

  static final String[] PLAN = {"plan", "--model", "gpt5", "--max-cost", "0.5", "--max-latency", "60",
      "--min-accuracy", "0.88"};

  static final List<String> PLAN_CHARTS = List.of("accuracy-vs-k", "cost-vs-k", "latency-vs-k", "cost-accuracy",
      "latency-accuracy", "cost-latency");

  static String[] with(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** Every file and directory under {@code dir} (relative path), with a file's bytes as text. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.toList()) {
        all.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "<dir>" : Files.readString(p,
            java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    return all;
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static void assertNoTemporaryFiles(Path dir) throws IOException {
    assertThat(names(dir)).noneMatch(n -> n.endsWith(".tmp")).noneMatch(n -> n.startsWith("."));
  }

  static void assertRefusedCleanly(Cli.Result r) {
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).startsWith("kstar: ").doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain("java.");
  }

  @Test
  void aSuccessfulOut_writesTheWholeSet(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("o");
    Cli.Result r = Cli.run(with(PLAN, "--out", out.toString(), "--k-max", "16"));
    assertThat(r.exit()).as(r.err()).isZero();
    for (String ext : List.of("txt", "json", "csv", "md", "html")) {
      assertThat(out.resolve("plan." + ext)).isNotEmptyFile();
    }
    for (String chart : PLAN_CHARTS) {
      assertThat(out.resolve(chart + ".png")).isNotEmptyFile();
      assertThat(out.resolve(chart + ".svg")).isNotEmptyFile();
    }
    assertThat(Files.readString(out.resolve("plan.txt"))).isEqualTo(r.out());
    assertThat(names(out)).hasSize(5 + 2 * PLAN_CHARTS.size());
    assertNoTemporaryFiles(out);
    // writing again replaces the set
    Cli.Result again = Cli.run(with(PLAN, "--out", out.toString(), "--k-max", "16", "--format", "json"));
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(Files.readString(out.resolve("plan.json"))).isEqualTo(again.out());
    assertThat(names(out)).hasSize(5 + 2 * PLAN_CHARTS.size());
  }

  @Test
  void aDirectoryWhereOneFileGoes_refusesTheWholeSet_andLeavesWhatWasThere(@TempDir Path out) throws IOException {
    Files.writeString(out.resolve("plan.txt"), "the old table\n");
    Files.writeString(out.resolve("plan.md"), "the old markdown\n");
    Files.writeString(out.resolve("notes.txt"), "not kstar's\n");
    Files.createDirectory(out.resolve("plan.json"));
    Files.writeString(out.resolve("plan.json").resolve("inside.txt"), "kept\n");
    Map<String, String> before = snapshot(out);

    Cli.Result r = Cli.run(with(PLAN, "--out", out.toString()));

    assertRefusedCleanly(r);
    assertThat(r.err()).contains("--out = " + out.resolve("plan.json")).contains("directory");
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(snapshot(out)).isEqualTo(before);
    assertNoTemporaryFiles(out);
    assertThat(out.resolve("plan.csv")).doesNotExist();
    assertThat(out.resolve("plan.html")).doesNotExist();
    assertThat(out.resolve("cost-vs-k.png")).doesNotExist();
  }

  @Test
  void aDirectoryWhereTheLastChartGoes_refusesTheWholeSet_andLeavesAPreviousSet(@TempDir Path out)
      throws IOException {
    Cli.Result first = Cli.run(with(PLAN, "--out", out.toString(), "--k-max", "8"));
    assertThat(first.exit()).as(first.err()).isZero();
    Files.delete(out.resolve("cost-latency.svg"));
    Files.createDirectory(out.resolve("cost-latency.svg"));
    Map<String, String> before = snapshot(out);

    Cli.Result r = Cli.run(with(PLAN, "--out", out.toString(), "--k-max", "32"));

    assertRefusedCleanly(r);
    assertThat(r.err()).contains("--out = " + out.resolve("cost-latency.svg"));
    assertThat(snapshot(out)).isEqualTo(before);
    assertNoTemporaryFiles(out);
  }

  @Test
  void outOntoAFile_isRefused(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("report"), "a file\n");
    Cli.Result r = Cli.run(with(PLAN, "--out", file.toString()));
    assertRefusedCleanly(r);
    assertThat(r.err()).contains("--out = " + file + ": must be a directory (it is a file)");
    assertThat(Files.readString(file)).isEqualTo("a file\n");
    assertThat(names(dir)).containsExactly("report");
  }

  @Test
  void outUnderAFile_isRefused(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("report"), "a file\n");
    Cli.Result r = Cli.run(with(PLAN, "--out", file.resolve("sub").toString()));
    assertRefusedCleanly(r);
    assertThat(r.err()).contains("--out = " + file.resolve("sub"));
    assertThat(names(dir)).containsExactly("report");
  }

  static Path catalogWith(Path dir, String id) throws IOException {
    return Files.writeString(dir.resolve("catalog.yaml"), """
        models:
          "%s":
            c_in: 0.000001
            c_out: 0.000002
            t_in: 0.001
            t_out: 0.002
            mu_Lin: 100
            sigma_Lin: 10
            mu_Lout: 200
            sigma_Lout: 20
            acc_mean: 0.8
            acc_std: 0.05
            default_parallel: 2
        """.formatted(id));
  }

  @Test
  void anIdWithASlash_isMadeSafeInFileNames_andTheMappingIsShown(@TempDir Path dir) throws IOException {
    Path catalog = catalogWith(dir, "org/model");
    Path out = dir.resolve("o");
    Cli.Result curve = Cli.run("curve", "--models", catalog.toString(), "--model", "org/model", "--k-max", "8",
        "--out", out.toString());
    assertThat(curve.exit()).as(curve.err()).isZero();
    assertThat(curve.err()).contains("'curve-org/model' is written as 'curve-org_model'");
    for (String ext : List.of("txt", "json", "csv", "md")) {
      assertThat(out.resolve("curve-org_model." + ext)).isNotEmptyFile();
    }
    assertThat(Files.readString(out.resolve("curve-org_model.txt"))).isEqualTo(curve.out());
    assertThat(names(out)).hasSize(4);
    assertNoTemporaryFiles(out);

    Cli.Result plan = Cli.run("plan", "--models", catalog.toString(), "--model", "org/model", "--max-cost", "0.5",
        "--max-latency", "60", "--min-accuracy", "0.85", "--k-max", "8", "--out", out.toString());
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(out.resolve("plan.html")).isNotEmptyFile();
    assertThat(out.resolve("accuracy-vs-k.png")).isNotEmptyFile();
    assertNoTemporaryFiles(out);
  }

  @Test
  void safeNames_keepSafeCharacters_replaceTheRest_andAvoidCollisions() {
    assertThat(ChartFile.safeName("org/model")).isEqualTo("org_model");
    assertThat(ChartFile.safeName("a b:c\\d*é")).isEqualTo("a_b_c_d__");
    assertThat(ChartFile.safeName("gpt-5.1_mini")).isEqualTo("gpt-5.1_mini");
    assertThat(ChartFile.safeName("..")).isEqualTo("_.");
    assertThat(ChartFile.safeName("")).isEqualTo("_");
    assertThat(ChartFile.safeName("x".repeat(500))).hasSize(120);
    // an already-safe name keeps it; the changed one that would clash gets a suffix
    assertThat(ChartFile.safeNames(List.of("compare-a/b", "compare-a_b", "compare-a:b")))
        .containsExactly("compare-a_b-2", "compare-a_b", "compare-a_b-3");
    assertThat(ChartFile.safeNames(List.of("A", "a"))).containsExactly("A", "a-2");
  }

  static final Path CURVES = CalibrateCommandTest.CURVES;

  static String[] calibrate(Path write) {
    return new String[] {"calibrate", "--curve", CURVES.toString(), "--dataset", "MATH500", "--method", "best_of_n",
        "--write", write.toString(), "--id", "r1", "--price-in-per-mtok", "0.15", "--price-out-per-mtok", "0.15"};
  }

  @Test
  void writeOntoADirectory_isRefused_andTheDirectoryStays(@TempDir Path dir) throws IOException {
    Path target = Files.createDirectory(dir.resolve("profile.yaml"));
    Cli.Result r = Cli.run(calibrate(target));
    assertRefusedCleanly(r);
    assertThat(r.err()).contains("--write = " + target).contains("directory");
    assertThat(target).isEmptyDirectory();
    assertThat(names(dir)).containsExactly("profile.yaml");
  }

  @Test
  void writeReplacesAFile_andLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path target = Files.writeString(dir.resolve("profile.yaml"), "old\n");
    Cli.Result r = Cli.run(calibrate(target));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(target)).contains("format: kstar-catalog/1");
    assertThat(names(dir)).containsExactly("profile.yaml");
  }

  /** #29: a run killed while writing (SIGKILL) leaves its temporary files; the next run into the directory
   * removes those older than ten minutes and keeps a fresh one, which another run may still be writing. */
  @Test
  void leftoverTemporaryFiles_ofAKilledRun_areRemovedByTheNextRun() throws IOException {
    Path dir = Files.createTempDirectory("kstar-stale");
    Path old = Files.writeString(dir.resolve(".kstar-123.tmp"), "half a file");
    Path oldBackup = Files.writeString(dir.resolve(".kstar-9f.bak.tmp"), "a backup");
    Path fresh = Files.writeString(dir.resolve(".kstar-456.tmp"), "another run's");
    Path mine = Files.writeString(dir.resolve("notes.tmp"), "not kstar's");
    java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
    Files.setLastModifiedTime(old, hourAgo);
    Files.setLastModifiedTime(oldBackup, hourAgo);
    Files.setLastModifiedTime(mine, hourAgo);
    Cli.Result r = Cli.run(with(PLAN, "--out", dir.toString()));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(old).doesNotExist();
    assertThat(oldBackup).doesNotExist();
    assertThat(fresh).exists();
    assertThat(mine).exists();
    assertThat(names(dir)).contains("plan.json", "plan.txt");
  }

  @Test
  void anEmptyOut_isRefused_notTheCurrentDirectory() {
    Cli.Result r = Cli.run(with(PLAN, "--out", ""));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--out = ''").contains("must name a directory").doesNotContain("Exception");
  }
}
