package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.catalog.CatalogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate over DuckDB, aggregate files and the adapters; models --prices. */
class LogSourcesCommandTest {

  static Path example(String name) {
    return ReadmeCommandsTest.root().resolve("docs/examples").resolve(name);
  }

  /**
   * The README's log, as JSONL read by the JVM, as Parquet read by DuckDB (in a directory, by a glob) and as
   * the aggregate file: the same report, byte for byte (the bad records are skipped by both readers).
   */
  @Test
  void parquetThroughDuckDb_andTheAggregateFile_reportAsTheJsonl(@TempDir Path dir) throws Exception {
    Path lake = Files.createDirectories(dir.resolve("lake"));
    io.kstar.duckdb.DuckDbLogs.execute("COPY (SELECT * FROM read_json('" + example("sample-log.jsonl") + "')) TO '"
        + lake.resolve("part-0.parquet") + "' (FORMAT parquet)");
    Cli.Result jsonl = Cli.run("calibrate", example("sample-log.jsonl").toString(), "--skip-bad", "--replicates", "20",
        "--save-aggregate", dir.resolve("agg.json").toString());
    Cli.Result parquet = Cli.run("calibrate", lake.toString(), "--skip-bad", "--replicates", "20");
    Cli.Result glob = Cli.run("calibrate", lake + "/*.parquet", "--skip-bad", "--replicates", "20");
    Cli.Result aggregate = Cli.run("calibrate", dir.resolve("agg.json").toString(), "--replicates", "20");
    assertThat(jsonl.exit()).isZero();
    assertThat(parquet.exit()).as(parquet.err()).isZero();
    assertThat(parquet.err()).contains("kstar: skipped 2 bad records, the first:");
    assertThat(parquet.out()).isEqualTo(jsonl.out());
    assertThat(glob.out()).isEqualTo(jsonl.out());
    // the aggregate holds what was kept; the skipped-records note is the reader's, not the aggregate's
    assertThat(aggregate.out()).isEqualTo(jsonl.out().replace(" (2 bad records skipped)", ""));
  }

  @Test
  void badParquetRecord_isRefusedWithFileFieldAndValue(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("log.parquet");
    io.kstar.duckdb.DuckDbLogs.execute("COPY (SELECT * FROM read_json('" + example("sample-log.jsonl") + "')) TO '" + f
        + "' (FORMAT parquet)");
    Cli.Result r = Cli.run("calibrate", f.toString());
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    // Parquet has no lines: the row (1-based) of the first bad record
    assertThat(r.err()).isEqualTo("kstar: " + f + " (row 7): correct: is missing: give correct (or score) (2 bad records;"
        + " pass --skip-bad to skip them)\n");
  }

  @Test
  void anEvaluationLogWithoutTokens_needsServingOrUsage_toWriteAProfile(@TempDir Path dir) {
    Cli.Result r = Cli.run("calibrate", example("lm-eval-samples.jsonl").toString(), "--write",
        dir.resolve("p.yaml").toString(), "--replicates", "0");
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("carries no token counts in every record, so the profile's lengths are unknown: give"
        + " --serving FILE").contains("--into CATALOG --id ID");
    Cli.Result ok = Cli.run("calibrate", example("lm-eval-samples.jsonl").toString(), "--usage",
        example("openai-batch-output.jsonl").toString(), "--write", dir.resolve("p.yaml").toString(), "--replicates", "0");
    assertThat(ok.exit()).as(ok.err()).isZero();
    var p = CatalogReader.read(dir.resolve("p.yaml"), "models").models().get(0);
    assertThat(p.outputLength().mean()).isCloseTo(248.20689655172413, org.assertj.core.api.Assertions.within(1e-9));
  }

  /** Filling prices writes the map's per-token prices; a friendly catalog is shown per million tokens. */
  @Test
  void modelsPrices_fillsTheCatalog_inItsUnits(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("priced.yaml");
    Cli.Result r = Cli.run("models", "--prices", example("litellm-prices.json").toString(), "--write", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("qwen3-max                   9.00000e-07  2.40000e-06  novita/qwen/qwen3-max"
        + "  2.11000e-06  8.45000e-06                -                  -  differs: filled in");
    var priced = CatalogReader.read(out, "models");
    assertThat(priced.require("model", "qwen3-max").prices()).isEqualTo(new io.kstar.profile.Prices(2.11e-6, 8.45e-6));
    // the provider's own entry (gpt-5, not azure/gpt-5), with its cached-input price filled in
    assertThat(r.out()).containsPattern("gpt5 +1\\.25000e-06 +1\\.00000e-05 +gpt-5 +1\\.25000e-06 +1\\.00000e-05"
        + " +1\\.25000e-07 +- +same");
    assertThat(priced.require("model", "gpt5").prices()).isEqualTo(new io.kstar.profile.Prices(1.25e-6, 1e-5,
        java.util.OptionalDouble.of(1.25e-7), java.util.OptionalDouble.empty()));
    // a tier the matched entry lacks is refused, naming the tiers it has; nothing is written
    Path none = dir.resolve("none.yaml");
    Cli.Result batch = Cli.run("models", "--prices", example("litellm-prices.json").toString(), "--tier", "batch",
        "--write", none.toString());
    assertThat(batch.exit()).isEqualTo(2);
    assertThat(batch.err()).isEqualTo("kstar: --tier = batch: the price map's entry gpt-5 (for model gpt5) has no batch"
        + " prices; it has [standard, flex, priority]\n");
    assertThat(none).doesNotExist();
    assertThat(Cli.run("models", "--prices", example("litellm-prices.json").toString(), "--tier", "flexx").err())
        .contains("--tier = flexx: must be one of [standard, batch, flex, priority] (did you mean flex?)");
    Path friendly = dir.resolve("friendly.yaml");
    Files.writeString(friendly, Cli.run("models", "--convert", "--to", "friendly").out());
    Cli.Result f = Cli.run("models", "--models", friendly.toString(), "--prices", example("litellm-prices.json").toString());
    assertThat(f.out()).contains("(USD per million tokens)")
        .containsPattern("gpt5 +1\\.25000 +10\\.0000 +gpt-5 +1\\.25000 +10\\.0000 +0\\.125000 +- +same");
  }
}
