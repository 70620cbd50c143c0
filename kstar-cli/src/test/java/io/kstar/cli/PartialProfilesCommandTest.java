package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.catalog.CatalogReader;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #26 at the command line: an evaluation export of only question and correct (quoted CSV with columns kstar does
 * not use) calibrates the accuracy part and says what it could not fit; {@code --into CATALOG --id ID} merges it
 * into an existing profile (accuracy from the evaluation, lengths, times and prices kept from the profile), the
 * whole catalog written to --write; the JVM reader and DuckDB print the same report.
 */
class PartialProfilesCommandTest {

  static Path evaluation(Path dir) throws Exception {
    Random r = new Random(11);
    StringBuilder b = new StringBuilder("question,prompt,correct,sample\r\n");
    for (int q = 0; q < 60; q++) {
      double p = Math.pow(r.nextDouble(), 0.7);
      for (int s = 0; s < 8; s++) {
        b.append('q').append(q).append(",\"What is ").append(q).append(",000 + ").append(s).append("?\",")
            .append(r.nextDouble() < p ? 1 : 0).append(',').append(s).append("\r\n");
      }
    }
    Path f = dir.resolve("eval.csv");
    Files.writeString(f, b);
    return f;
  }

  @Test
  void anAccuracyOnlyExport_calibratesTheAccuracy_andNamesWhatItIgnoredAndCouldNotFit(@TempDir Path dir)
      throws Exception {
    Path f = evaluation(dir);
    Cli.Result jvm = Cli.run("calibrate", f.toString(), "--replicates", "20", "--bootstrap", "100", "--format", "json");
    Cli.Result duck = Cli.run("calibrate", f.toString(), "--engine", "duckdb", "--replicates", "20", "--bootstrap", "100",
        "--format", "json");
    assertThat(jvm.exit()).as(jvm.err()).isZero();
    assertThat(duck.exit()).as(duck.err()).isZero();
    assertThat(duck.out()).isEqualTo(jvm.out());
    JsonNode j = new ObjectMapper().readTree(jvm.out());
    assertThat(j.get("samples").intValue()).isEqualTo(480);
    assertThat(j.get("ignored_columns").toString()).isEqualTo("[\"prompt\",\"sample\"]");
    assertThat(j.get("not_fitted").toString()).isEqualTo("[\"lengths\",\"latency\"]");
    assertThat(j.get("output_tokens_mean").isNull()).isTrue();
    Cli.Result table = Cli.run("calibrate", f.toString(), "--replicates", "20", "--bootstrap", "100");
    assertThat(table.out()).contains("  columns that are not kstar's, ignored: prompt, sample\n"
        + "  token counts and times: not in every record, not fitted\n");
  }

  @Test
  void into_mergesTheAccuracyIntoAnExistingProfile_keepingWhatTheLogsDoNotCarry(@TempDir Path dir) throws Exception {
    Path f = evaluation(dir);
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, Cli.run("models", "--convert", "--to", "friendly").out());
    Catalog before = CatalogReader.read(catalog, "models");
    String id = before.models().get(1).id();
    Cli.Result r = Cli.run("calibrate", f.toString(), "--replicates", "20", "--bootstrap", "100", "--into",
        catalog.toString(), "--id", id, "--write", catalog.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("kstar: wrote the calibrated profile '" + id + "' to " + catalog)
        .contains("kstar: merging into '" + id + "' of " + catalog + ": the fit replaces its accuracy and its"
            + " calibration; everything else is kept");
    Catalog after = CatalogReader.read(catalog, "models");
    assertThat(after.ids()).isEqualTo(before.ids());
    ModelProfile was = before.require("model", id);
    ModelProfile now = after.require("model", id);
    // the logs' part: the accuracy model and its calibration
    assertThat(now.accuracy().id()).isEqualTo("pass-at-k");
    assertThat(now.calibration()).isNotNull();
    assertThat(now.accuracy()).isNotEqualTo(was.accuracy());
    // the profile's: prices, speeds, lengths, latency, parallelism and name
    assertThat(now.prices()).isEqualTo(was.prices());
    assertThat(now.speeds()).isEqualTo(was.speeds());
    assertThat(now.inputLength()).isEqualTo(was.inputLength());
    assertThat(now.outputLength()).isEqualTo(was.outputLength());
    assertThat(now.latency()).isEqualTo(was.latency());
    assertThat(now.defaultParallel()).isEqualTo(was.defaultParallel());
    assertThat(now.name()).isEqualTo(was.name());
    // every other profile is untouched
    for (ModelProfile m : before.models()) {
      if (!m.id().equals(id)) {
        assertThat(after.require("model", m.id())).isEqualTo(m);
      }
    }
    // and the merged catalog plans
    Cli.Result plan = Cli.run("plan", "--models", catalog.toString(), "--model", id, "--scenario", "balanced");
    assertThat(plan.exit()).as(plan.err()).isZero();
  }

  @Test
  void into_isRefusedWhereItDoesNotApply_beforeAnythingIsRead(@TempDir Path dir) throws Exception {
    Path f = evaluation(dir);
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, Cli.run("models", "--convert", "--to", "friendly").out());
    Cli.Result noWrite = Cli.run("calibrate", f.toString(), "--into", catalog.toString(), "--id", "gpt5");
    assertThat(noWrite.exit()).isEqualTo(2);
    assertThat(noWrite.err()).isEqualTo("kstar: --into = " + catalog + ": needs --write FILE: where the merged catalog"
        + " goes (it may be the same file)\n");
    Path out = dir.resolve("out.yaml");
    Cli.Result noId = Cli.run("calibrate", f.toString(), "--into", catalog.toString(), "--write", out.toString());
    assertThat(noId.err()).isEqualTo("kstar: --into = " + catalog + ": needs --id ID: the profile of the catalog to"
        + " merge the fit into\n");
    Cli.Result flag = Cli.run("calibrate", f.toString(), "--into", catalog.toString(), "--id", "gpt5", "--write",
        out.toString(), "--parallel", "2");
    assertThat(flag.exit()).isEqualTo(2);
    assertThat(flag.err()).isEqualTo("kstar: --parallel = 2: does not apply with --into: the profile keeps its own"
        + " value where the logs fit nothing (edit the catalog to change it)\n");
    Cli.Result unknown = Cli.run("calibrate", f.toString(), "--into", catalog.toString(), "--id", "gpt-4o",
        "--write", out.toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("kstar: --id = gpt-4o: must be one of [");
    assertThat(out).doesNotExist();
    Cli.Result curve = Cli.run("calibrate", "--curve", ReadmeCommandsTest.root().resolve("docs/examples")
        .resolve("r1-distill-qwen7b-scaling-curves.json").toString(), "--into", catalog.toString(), "--write", out.toString());
    assertThat(curve.exit()).isEqualTo(2);
    assertThat(curve.err()).contains("--into = " + catalog + ": applies to calibrating from logs (LOGS), not to --curve");
  }
}
