package io.kstar.cli;

import io.kstar.accuracy.AccuracyModels;
import io.kstar.calibrate.forecast.CurveForecaster;
import io.kstar.calibrate.forecast.Family;
import io.kstar.calibrate.forecast.Forecast;
import io.kstar.calibrate.forecast.QuestionCount;
import io.kstar.profile.Calibration;
import io.kstar.calibrate.LogAggregate;
import io.kstar.calibrate.LogAggregateFile;
import io.kstar.calibrate.LogCalibration;
import io.kstar.calibrate.MeasuredCurve;
import io.kstar.calibrate.format.LmEvalSamples;
import io.kstar.calibrate.format.OpenAiBatch;
import io.kstar.calibrate.format.ServingFit;
import io.kstar.calibrate.format.VllmBenchmark;
import io.kstar.calibrate.format.VllmSweep;
import io.kstar.calibrate.LoadCalibration;
import io.kstar.serving.LoadFit;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.CatalogWriter;
import io.kstar.input.InvalidInputException;
import io.kstar.profile.Catalog;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.Speeds;
import io.kstar.report.ForecastReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kstar calibrate}: a profile from per-sample logs (LOGS), a forecast from a measured curve (--curve), or a
 * load curve from serving benchmarks (--serving alone).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit a profile, or the parts of one, to what you measured, in one of three ways:",
        "  calibrate LOGS          per-sample records: accuracy (pass@k, majority vote, selector; Beta difficulty by"
            + " maximum likelihood, with replicates), and lengths, per-token times, prices and calls where every"
            + " record carries them; --into CATALOG --id ID merges them into a profile",
        "  calibrate --curve FILE  a measured accuracy-against-N curve: forecasts beyond it, with intervals and"
            + " baselines",
        "  calibrate --serving F   vLLM serving benchmarks at several rates: the load curve (latency under traffic)",
        "--write FILE writes the catalog profile that plan and compare use as it is."})
final class CalibrateCommand implements Callable<Integer> {

  @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "LOGS",
      description = "Per-sample records (question and correct or score; optionally model, input_tokens, output_tokens,"
          + " latency_s, cost_usd, answer, selected, request_id; other columns ignored): a JSONL or CSV file, a Parquet"
          + " file, a directory or a glob of them (read by DuckDB), or an aggregate file (--save-aggregate, or the Spark"
          + " job).")
  String logs;

  @Option(names = "--skip-bad", description = "Skip bad records instead of stopping: they are counted, and the first is"
      + " named by file, line and field (docs/aggregates.md, Records).")
  boolean skipBad;

  @Option(names = "--engine", paramLabel = "auto|jvm|duckdb", defaultValue = "auto",
      description = "Who reads the records: jvm (a JSONL or CSV file, streamed into per-question aggregates), duckdb"
          + " (JSONL, CSV and Parquet, many files, in SQL, outside the JVM heap), or auto: jvm for one JSONL or CSV"
          + " file, duckdb otherwise. Both read the same records the same way. Default: ${DEFAULT-VALUE}.")
  String engine;

  @Option(names = "--save-aggregate", paramLabel = "FILE",
      description = "Also write the records' sufficient statistics (docs/aggregates.md) to FILE; calibrate FILE fits"
          + " from it.")
  Path saveAggregate;

  @Option(names = "--serving", paramLabel = "FILE",
      description = "vLLM serving benchmark results (JSON, --save-result; JSON Lines, --append-result; repeat the"
          + " option for several files). One rate: the profile's latency (ttft-decode: TTFT and decode time per"
          + " token) and, from a detailed result, its lengths. Two or more rates: the replica's load curve"
          + " (serving), its capacity and its leave-one-rate-out check; alone, calibrate reports the curve.")
  List<Path> serving = new ArrayList<>();

  @Option(names = "--load-fit", paramLabel = "auto|interpolation|queueing", defaultValue = "auto",
      description = "How the load curve is read between and beyond the measured rates: auto (the one that predicts"
          + " held-out rates better), interpolation or queueing. Default: ${DEFAULT-VALUE}.")
  String loadFit;

  @Option(names = "--hold-out", paramLabel = "RATE",
      description = "Keep the run at this request_rate out of the load curve (and out of the choice of its shape), and"
          + " report how well the curve predicts it, beside the latency of the nearest measured rate (inf: the run"
          + " that sent every request at once).")
  String holdOut;

  @Option(names = "--replica-usd-per-hour", paramLabel = "USD",
      description = "What one replica costs per hour, written into the load curve: at a traffic, plans add replicas"
          + " x price / (3600 x requests/s) to each request's cost.")
  Double replicaUsdPerHour;

  @Option(names = "--usage", paramLabel = "FILE",
      description = "An OpenAI Batch API output file (JSONL): the profile's lengths (lognormal) are fitted to its"
          + " usage tokens.")
  Path usage;

  @Option(names = "--group", paramLabel = "COLUMN=VALUE",
      description = "Which group of an aggregate file to fit, when it holds several (e.g. --group task=math).")
  java.util.Map<String, String> group = new java.util.LinkedHashMap<>();

  @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "1000", description = "Bootstrap resamples for pass@k intervals. Default: ${DEFAULT-VALUE}.")
  int bootstrap;

  @Option(names = "--replicates", paramLabel = "R", defaultValue = "200",
      description = "Bootstrap replicates of the fitted accuracy model (questions resampled, the model refitted), for"
          + " parameter intervals and the plan's uncertainty; 0: none. Default: ${DEFAULT-VALUE}.")
  int replicates;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Bootstrap seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--log-model", paramLabel = "NAME", description = "Which model of the logs to calibrate (when they hold several).")
  String logModel;

  @Option(names = "--curve", paramLabel = "FILE",
      description = "Curves: {datasets: {NAME: {METHOD: [{n, accuracy, tokens}]}}} or a list [{n, accuracy, tokens}] (JSON or YAML).")
  Path curveFile;

  @Option(names = "--dataset", paramLabel = "NAME", description = "Only this dataset.")
  String dataset;

  @Option(names = "--method", paramLabel = "NAME", description = "Only this method (e.g. best_of_n, majority_vote).")
  String method;

  @Option(names = "--model", paramLabel = "auto|MODEL", defaultValue = "auto",
      description = "Accuracy model to fit: auto, or one of pass-at-k, majority-vote, selector-best-of-k (for logs:"
          + " also pass-at-k-with-unsolved, and for logs of scores gaussian-best-of-k). Default: auto, the candidates"
          + " the data support.")
  String model;

  @Option(names = "--questions", paramLabel = "Q",
      description = "Questions in the curve's benchmark (sets the width of every interval). Default: the curve's"
          + " 'questions' field, else inferred from the granularity of the accuracies.")
  Integer questions;

  @Option(names = "--fit-up-to", paramLabel = "N", defaultValue = "16",
      description = "Fit the points with n <= N, predict the rest. Default: ${DEFAULT-VALUE}.")
  int fitUpTo;

  @Option(names = "--write", paramLabel = "FILE",
      description = "Write a catalog (friendly format) with the calibrated profile (with --into: the whole merged"
          + " catalog); for --curve it needs one curve (--dataset and --method).")
  Path write;

  @Option(names = "--id", paramLabel = "ID", defaultValue = "calibrated",
      description = "Model id of the written profile (with --into: the profile to merge into, required)."
          + " Default: ${DEFAULT-VALUE}.")
  String id;

  @Option(names = "--into", paramLabel = "CATALOG",
      description = "Logs: merge the fit into profile --id of this catalog: the parts the logs fit (accuracy always;"
          + " lengths, times, prices and calls when every record carries them) replace the profile's, the rest is"
          + " kept; the whole catalog is written to --write (which may be the same file).")
  Path into;

  @Option(names = "--price-in-per-mtok", paramLabel = "USD", defaultValue = "0", description = "Input price, USD per million tokens.")
  double priceIn;

  @Option(names = "--price-out-per-mtok", paramLabel = "USD", defaultValue = "0", description = "Output price, USD per million tokens.")
  double priceOut;

  @Option(names = "--input-tokens", paramLabel = "N", defaultValue = "500", description = "Mean prompt length (the curve does not say). Default: ${DEFAULT-VALUE}.")
  double inputTokens;

  @Option(names = "--input-s-per-token", paramLabel = "S", defaultValue = "0.0002", description = "Prefill time per input token. Default: ${DEFAULT-VALUE}.")
  double tIn;

  @Option(names = "--output-s-per-token", paramLabel = "S", defaultValue = "0.02", description = "Decode time per output token. Default: ${DEFAULT-VALUE}.")
  double tOut;

  @Option(names = "--output-sd-share", paramLabel = "R", defaultValue = "0.25",
      description = "sd of the output length as a share of its mean (the curve gives only the mean). Default: ${DEFAULT-VALUE}.")
  double outputSdShare;

  @Option(names = "--parallel", paramLabel = "P", defaultValue = "8", description = "default_parallel of the profile. Default: ${DEFAULT-VALUE}.")
  int parallel;

  @Option(names = "--replay", paramLabel = "POLICY",
      description = "Replay a stopping policy on the records (fixed, until-pass, until-decided, until-lead,"
          + " until-score) and show the realised samples, cost and accuracy beside the calibrated profile's prediction.")
  String replay;

  @Option(names = "--margin", paramLabel = "D", description = "until-lead: the lead in votes that stops sampling.")
  Integer margin;

  @Option(names = "--score-threshold", paramLabel = "T", description = "until-score: the score that stops sampling.")
  Double scoreThreshold;

  @Option(names = "--replay-k", paramLabel = "K",
      description = "The cap k of the replay. Default: the samples per question the logs cover.")
  Integer replayK;

  @Option(names = "--replay-parallel", paramLabel = "P", defaultValue = "1",
      description = "Samples per round in the replay. Default: ${DEFAULT-VALUE}.")
  int replayParallel;

  @Option(names = "--replay-orders", paramLabel = "N", defaultValue = "50",
      description = "Random orders each question's samples are served in. Default: ${DEFAULT-VALUE}.")
  int replayOrders;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    output.format();
    if (logs == null && curveFile == null && !serving.isEmpty()) {
      return servingOnly();
    }
    if ((logs == null) == (curveFile == null)) {
      throw InvalidInputException.of("LOGS", null, "give either a log file (LOGS) or --curve FILE, not both or neither"
          + " (or --serving FILE alone, for a load curve)");
    }
    checkProfileFlags();
    if (into != null && logs == null) {
      throw InvalidInputException.of("--into", into, "applies to calibrating from logs (LOGS), not to --curve");
    }
    if (into != null && write == null) {
      throw InvalidInputException.of("--into", into, "needs --write FILE: where the merged catalog goes (it may be"
          + " the same file)");
    }
    if (into != null) {
      var parsed = spec.commandLine().getParseResult();
      if (!parsed.hasMatchedOption("--id")) {
        throw InvalidInputException.of("--into", into, "needs --id ID: the profile of the catalog to merge the fit into");
      }
      // the profile's own values stand where the logs fit nothing: a flag that would set them does not apply
      for (String flag : List.of("--parallel", "--price-in-per-mtok", "--price-out-per-mtok", "--input-s-per-token",
          "--output-s-per-token", "--input-tokens", "--output-sd-share")) {
        if (parsed.hasMatchedOption(flag)) {
          throw InvalidInputException.of(flag, parsed.matchedOptionValue(flag, (Object) null), "does not apply with"
              + " --into: the profile keeps its own value where the logs fit nothing (edit the catalog to change it)");
        }
      }
    }
    if (logs != null) {
      return fromLogs();
    }
    if (fitUpTo < 1) {
      throw InvalidInputException.of("--fit-up-to", fitUpTo, "must be an integer >= 1");
    }
    if (replicates < 2 || replicates > 100_000) {
      throw InvalidInputException.of("--replicates", replicates, "must be an integer in [2, 100000] for a curve");
    }
    if (questions != null && questions < 1) {
      throw InvalidInputException.of("--questions", questions, "must be an integer >= 1 (questions in the benchmark)");
    }
    List<MeasuredCurve> curves = MeasuredCurve.select(MeasuredCurve.read(curveFile), dataset, method);
    if (write != null && curves.size() != 1) {
      throw InvalidInputException.of("--write", write, "needs exactly one curve: choose it with --dataset and --method");
    }
    List<Forecast> results = new ArrayList<>();
    ProgressBar bar = curves.size() > 1 ? ProgressBar.forTerminal(spec.commandLine().getErr(), "forecasting "
        + curves.size() + " curves") : null;
    for (MeasuredCurve c : curves) {
      if (bar != null) {
        bar.accept((double) results.size() / curves.size());
      }
      List<Family> families = Family.forMethod(c.method());
      if (!model.equals("auto")) {
        List<Family> all = Family.forMethod("");
        families = all.stream().filter(f -> f.id().equals(model) || f.id().startsWith(model + "(")).toList();
        if (families.isEmpty()) {
          throw InvalidInputException.of("--model", model, "must be auto or one of "
              + all.stream().map(f -> f.id().split("\\(")[0]).distinct().toList());
        }
      }
      CurveForecaster.Options o = new CurveForecaster.Options(fitUpTo,
          QuestionCount.resolve(c, questions), seed, replicates).withFamilies(families);
      results.add(CurveForecaster.forecast(c, o));
    }
    if (bar != null) {
      bar.accept(1);
    }
    var err = spec.commandLine().getErr();
    results.forEach(r -> r.warnings().forEach(w -> err.println("kstar: warning: " + r.dataset() + " " + r.method() + ": " + w)));
    if (write != null) {
      writeProfile(curves.get(0), results.get(0));
    }
    output.emit(spec.commandLine().getOut(), err, "calibrate",
        f -> ForecastReport.render(results, f), () -> new io.kstar.chart.HtmlReport.Bundle(
            "<!DOCTYPE html><html><body><pre>" + io.kstar.report.Table.escape(
                ForecastReport.render(results, io.kstar.report.Format.TABLE)) + "</pre></body></html>\n",
            results.stream().map(io.kstar.chart.Charts::forecast).toList()));
    return ExitCode.OK;
  }

  /** {@code calibrate --serving FILE...}: the sweep's load curve, capacity and leave-one-rate-out check. */
  private int servingOnly() {
    if (write != null) {
      throw InvalidInputException.of("--write", write, "needs an accuracy source as well: a log file (LOGS) or --curve"
          + " FILE; --serving alone reports the load curve");
    }
    LoadCalibration.Result r = loadCalibration();
    var err = spec.commandLine().getErr();
    output.emit(spec.commandLine().getOut(), err, "calibrate",
        f -> io.kstar.report.ServingReport.render(r, f), () -> new io.kstar.chart.HtmlReport.Bundle(
            "<!DOCTYPE html><html><body><pre>" + io.kstar.report.Table.escape(
                io.kstar.report.ServingReport.render(r, io.kstar.report.Format.TABLE)) + "</pre></body></html>\n",
            List.of()));
    return ExitCode.OK;
  }

  /** The runs of --serving, fitted; null without --serving. */
  private LoadCalibration.Result loadCalibration() {
    if (serving.isEmpty()) {
      return null;
    }
    java.util.Optional<LoadFit> asked = loadFit.equals("auto") ? java.util.Optional.empty()
        : java.util.Optional.of(LoadFit.parse("--load-fit", loadFit));
    if (replicaUsdPerHour != null) {
      io.kstar.serving.LoadCurve.USD_PER_HOUR.check("--replica-usd-per-hour", replicaUsdPerHour);
    }
    String source = serving.stream().map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.joining(", "));
    var runs = VllmSweep.read(serving, "--serving");
    LoadCalibration.Result r = holdOut == null ? LoadCalibration.fit(runs, asked, "--serving", source)
        : LoadCalibration.fitHoldingOut(runs, holdOutRate(), asked, "--serving", source);
    if (replicaUsdPerHour != null && r.curve() == null) {
      throw InvalidInputException.of("--replica-usd-per-hour", replicaUsdPerHour, "needs a load curve: --serving"
          + " with two or more rates below saturation");
    }
    return r;
  }

  /** The load curve with the replica price asked for. */
  private io.kstar.serving.LoadCurve curveOf(LoadCalibration.Result r) {
    return replicaUsdPerHour == null ? r.curve()
        : r.curve().withReplicaUsdPerHour(java.util.OptionalDouble.of(replicaUsdPerHour));
  }

  /** One line on standard error: what the sweep gave the profile. */
  private void describe(LoadCalibration.Result r) {
    var err = spec.commandLine().getErr();
    r.warnings().forEach(w -> err.println("kstar: warning: " + w));
    if (r.curve() != null) {
      var v = r.validation();
      err.println("kstar: load curve from " + r.curve().points().size() + " rates: capacity "
          + String.format(java.util.Locale.ROOT, "%.5g", r.capacityRps()) + " requests/s, fit " + r.curve().fit().id()
          + (v.checked() ? String.format(java.util.Locale.ROOT, " (leave one rate out: %.3f; nearest rate %.3f)",
              v.score(r.curve().fit()), v.nearestScore()) : ""));
    } else {
      err.println("kstar: one rate below saturation: fixed latency, TTFT " + io.kstar.input.Check.fmt(r.single().ttftS())
          + " s, t_out " + io.kstar.input.Check.fmt(r.single().tpotS()) + " s per token");
    }
    err.flush();
  }

  /** Decode time per token of an idle replica: the curve's at no load, or the one rate's. */
  private static double idleTpot(LoadCalibration.Result r) {
    return r.curve() != null ? r.curve().tpot().idle() : r.single().tpotS();
  }

  /** ttft-decode with the time to first token of an idle replica. */
  private static LatencyModel idleLatency(LoadCalibration.Result r) {
    return new LatencyModel(LatencyModel.TTFT_DECODE, r.curve() != null ? r.curve().ttft().idle() : r.single().ttftS(),
        java.util.OptionalDouble.empty());
  }

  /** The flags that go into a written profile, checked up front so that errors name them. */
  private void checkProfileFlags() {
    if (id.isBlank()) {
      throw InvalidInputException.of("--id", "\"" + id + "\"", "must not be blank: it is the model id of the written profile");
    }
    io.kstar.input.Check.finiteNonNegative("--price-in-per-mtok", priceIn);
    io.kstar.input.Check.finiteNonNegative("--price-out-per-mtok", priceOut);
    io.kstar.input.Check.finiteNonNegative("--input-s-per-token", tIn);
    io.kstar.input.Check.finiteNonNegative("--output-s-per-token", tOut);
    io.kstar.input.Check.atLeast("--input-tokens", inputTokens, 1, " (tokens)");
    io.kstar.input.Check.finiteNonNegative("--output-sd-share", outputSdShare);
    io.kstar.input.Check.intInRange("--parallel", parallel, 1, ModelProfile.MAX_PARALLEL);
  }

  private int fromLogs() {
    if (bootstrap < 0 || bootstrap > 100_000) {
      throw InvalidInputException.of("--bootstrap", bootstrap, "must be an integer in [0, 100000]");
    }
    if (replicates < 0 || replicates > 100_000) {
      throw InvalidInputException.of("--replicates", replicates, "must be an integer in [0, 100000]");
    }
    if (!List.of("auto", "jvm", "duckdb").contains(engine)) {
      throw InvalidInputException.of("--engine", engine, "must be one of [auto, jvm, duckdb]");
    }
    var err = spec.commandLine().getErr();
    String wanted = model.equals("auto") ? null : AccuracyModels.REGISTRY.require(model).id();
    // the catalog to merge into, read first: a bad one stops the run before the aggregation
    Catalog base = into == null ? null : CatalogReader.read(into, "--into");
    if (base != null) {
      base.require("--id", id);
    }
    // the other sources first: a bad one stops the run before the (possibly long) aggregation
    // one detailed result gives the lengths and the latency of its one rate; a sweep gives a load curve
    boolean detailed = serving.size() == 1 && VllmBenchmark.detailed(serving.get(0));
    ServingFit servingFit = detailed ? VllmBenchmark.read(serving.get(0)) : null;
    LoadCalibration.Result load = detailed ? null : loadCalibration();
    ServingFit usageFit = usage == null ? null : OpenAiBatch.read(usage);
    LogCalibration.Result result;
    int skipped;
    List<io.kstar.calibrate.LogRecords.Sample> records = null; // per-sample records, when the JVM read them
    List<String> ignored = List.of(); // the columns that are not kstar's
    Path single = LogSources.single(logs);
    if (single != null && LogAggregateFile.isAggregate(single)) {
      LogAggregate aggregate = LogAggregateFile.read(single);
      saveAggregate(aggregate);
      var selected = aggregate.select(logModel, group);
      result = ofLogs(() -> LogCalibration.fit(selected, wanted, bootstrap, replicates, seed));
      skipped = 0;
    } else if (single != null && LmEvalSamples.looksLike(single)) {
      var samples = LmEvalSamples.read(single, logModel == null ? "model" : logModel);
      records = samples;
      if (saveAggregate != null) {
        saveAggregate(new LogAggregate.Builder().addAll(samples).build());
      }
      result = ofLogs(() -> LogCalibration.fit(samples, null, wanted, bootstrap, replicates, seed));
      skipped = 0;
    } else if (engine.equals("jvm") || (engine.equals("auto") && LogSources.isRecordFile(single))) {
      if (single == null) {
        throw InvalidInputException.of("LOGS", logs, "must be one JSONL or CSV file for --engine jvm (use --engine"
            + " duckdb for a directory, a glob or Parquet)");
      }
      if (!group.isEmpty()) {
        throw InvalidInputException.of("--group", group, "applies to aggregate files only");
      }
      // records are folded into the aggregate as they are read (memory grows with questions); kept only for a replay
      LogAggregate.Builder builder = new LogAggregate.Builder();
      List<io.kstar.calibrate.LogRecords.Sample> kept = replay != null ? new java.util.ArrayList<>() : null;
      var read = io.kstar.calibrate.LogRecords.stream(single, skipBad, s -> {
        builder.add(s);
        if (kept != null) {
          kept.add(s);
        }
      });
      skippedNote(err, read.skipped(), read.firstSkipped());
      ignored = read.ignoredColumns();
      LogAggregate aggregate = builder.build();
      saveAggregate(aggregate);
      records = kept;
      var selected = aggregate.select(logModel, java.util.Map.of());
      result = ofLogs(() -> LogCalibration.fit(selected, wanted, bootstrap, replicates, seed));
      skipped = (int) Math.min(Integer.MAX_VALUE, read.skipped());
    } else {
      var read = LogSources.duckDb(logs, skipBad);
      skippedNote(err, read.skipped(), read.firstSkipped());
      ignored = read.ignoredColumns();
      saveAggregate(read.aggregate());
      var selected = read.aggregate().select(logModel, group);
      result = ofLogs(() -> LogCalibration.fit(selected, wanted, bootstrap, replicates, seed));
      skipped = (int) Math.min(Integer.MAX_VALUE, read.skipped());
    }
    for (String warning : result.warnings()) {
      err.println("kstar: warning: " + warning);
    }
    err.flush();
    boolean tokens = result.lengthsFitted();
    ServingFit lengths = usageFit != null ? usageFit : servingFit;
    if (write != null && !tokens && lengths == null && into == null) {
      throw InvalidInputException.of("LOGS", logs, "carries no token counts in every record, so the profile's lengths"
          + " are unknown: give --serving FILE (a vLLM benchmark result) or --usage FILE (an OpenAI batch output) with"
          + " --write, or merge the fit into a profile that has them (--into CATALOG --id ID)");
    }
    double cIn = result.cIn() != null ? result.cIn() : priceIn / 1e6;
    double cOut = result.cOut() != null ? result.cOut() : priceOut / 1e6;
    // latency: the serving benchmark's ttft-decode model; else the records' per-token times; else the flags
    Speeds speeds = servingFit != null ? new Speeds(0, servingFit.tOut())
        : load != null ? new Speeds(0, idleTpot(load))
        : result.latencyFitted() ? new Speeds(result.tIn(), result.tOut()) : new Speeds(tIn, tOut);
    LatencyModel latency = servingFit != null ? servingFit.latency() : load != null ? idleLatency(load)
        : LatencyModel.DEFAULT;
    // built only when written or replayed: a fit's figures may lie outside a profile's ranges
    // samples per call: the records' calls (request_id), else the usage file's choices per response
    Integer perCall = result.samplesPerRequest() != null ? result.samplesPerRequest()
        : usageFit != null ? usageFit.samplesPerRequest() : null;
    io.kstar.profile.RequestShape shape = perCall == null || perCall <= 1 ? io.kstar.profile.RequestShape.DEFAULT
        : new io.kstar.profile.RequestShape(perCall, false);
    java.util.function.Supplier<ModelProfile> profile = () -> new ModelProfile(id, id + " calibrated from "
        + Path.of(logs.replace('*', '_')).getFileName(), new Prices(cIn, cOut), speeds,
        lengths != null ? lengths.input()
            : new LengthModel.ClippedNormalLength(Math.max(1, result.inputMean()), result.inputSd()),
        lengths != null ? lengths.output()
            : new LengthModel.ClippedNormalLength(Math.max(1, result.outputMean()), result.outputSd()),
        result.accuracy(), latency, shape, parallel,
        result.replicates().size() >= 2 ? result.calibration() : null, load == null ? null : curveOf(load));
    if (base != null) {
      ModelProfile was = base.require("--id", id);
      boolean timed = servingFit != null || load != null || result.latencyFitted();
      java.util.function.Supplier<ModelProfile> fitted = profile;
      profile = () -> merge(was, fitted.get(), tokens || lengths != null, timed, result.cIn() != null,
          perCall != null, load != null);
      List<String> replaced = new ArrayList<>(List.of("accuracy and its calibration"));
      if (tokens || lengths != null) {
        replaced.add("lengths");
      }
      if (timed) {
        replaced.add("speeds and latency");
      }
      if (result.cIn() != null) {
        replaced.add("prices");
      }
      if (perCall != null) {
        replaced.add("samples per call");
      }
      if (load != null) {
        replaced.add("load curve");
      }
      err.println("kstar: merging into '" + id + "' of " + into + ": the fit replaces its " + String.join(", ", replaced)
          + "; everything else is kept");
    }
    if (replay != null) {
      if (records == null) {
        throw InvalidInputException.of("--replay", replay, "needs the per-sample records in their order: one JSONL or"
            + " CSV file read by the JVM (--engine jvm), not an aggregate file or DuckDB's aggregates");
      }
      ModelProfile p = profile.get();
      var policy = io.kstar.policy.Policy.expand(List.of(replay), margin == null ? List.of() : List.of(margin),
          scoreThreshold == null ? List.of() : List.of(scoreThreshold)).get(0);
      var sameModel = records.stream().filter(s -> java.util.Objects.equals(s.model(), result.model())).toList();
      var r = io.kstar.calibrate.PolicyReplay.run(sameModel, p, policy, replayParallel,
          replayK == null ? result.dataUpToK() : replayK, replayOrders, Math.max(2, bootstrap), seed);
      if (write != null) {
        save(CatalogWriter.write(catalogWith(base, p), CatalogWriter.Style.FRIENDLY));
      }
      output.emit(spec.commandLine().getOut(), err, "replay", f -> io.kstar.report.ReplayReport.render(r, f));
      return ExitCode.OK;
    }
    if (write != null) {
      save(CatalogWriter.write(catalogWith(base, profile.get()), CatalogWriter.Style.FRIENDLY));
    }
    for (ServingFit f : java.util.Arrays.asList(servingFit, usageFit)) {
      if (f != null) {
        err.println("kstar: " + f.describe());
      }
    }
    if (load != null) {
      describe(load);
    }
    err.flush();
    List<String> columns = ignored;
    output.emit(spec.commandLine().getOut(), err, "calibrate",
        f -> io.kstar.report.LogCalibrationReport.render(result, skipped, columns, f),
        () -> new io.kstar.chart.HtmlReport.Bundle("<!DOCTYPE html><html><body><pre>" + io.kstar.report.Table.escape(
            io.kstar.report.LogCalibrationReport.render(result, skipped, columns, io.kstar.report.Format.TABLE))
            + "</pre></body></html>\n",
            result.passAtK().isEmpty() ? List.of() : List.of(io.kstar.chart.Charts.passAtK(result))));
    return ExitCode.OK;
  }

  /** A fit of the logs, whose problems with the data (not with a flag) name the logs they are in. */
  private LogCalibration.Result ofLogs(java.util.function.Supplier<LogCalibration.Result> fit) {
    try {
      return fit.get();
    } catch (InvalidInputException e) {
      // a problem with the records' fields is the logs'; one with a flag (--model) keeps its flag's name
      throw e.source().isPresent() || !io.kstar.calibrate.LogRecords.FIELDS.contains(e.field()) ? e : e.in(logs);
    }
  }

  /** One line for the bad records skipped, the same whichever engine read them. */
  private static void skippedNote(java.io.PrintWriter err, long skipped, InvalidInputException first) {
    if (first != null) {
      err.println("kstar: skipped " + skipped + " bad record" + (skipped == 1 ? "" : "s") + ", the first: "
          + first.getMessage());
    }
  }

  /**
   * The profile {@code was} with the parts a log fit: the accuracy and its calibration always, and the lengths, the
   * times and latency model, the prices, the request shape and the load curve when the fit has them; its id, name
   * and default parallelism stay.
   */
  static ModelProfile merge(ModelProfile was, ModelProfile fit, boolean lengths, boolean timed, boolean prices,
      boolean calls, boolean load) {
    ModelProfile p = was.withAccuracy(fit.accuracy()).withCalibration(fit.calibration());
    if (lengths) {
      p = p.withInputLength(fit.inputLength()).withOutputLength(fit.outputLength());
    }
    if (timed) {
      p = p.withSpeeds(fit.speeds()).withLatency(fit.latency());
    }
    if (prices) {
      p = p.withPrices(fit.prices());
    }
    if (calls) {
      p = p.withRequests(fit.requests());
    }
    if (load) {
      p = p.withServing(fit.servingCurve().orElse(null));
    }
    return p;
  }

  /** The catalog to write: the one profile, or --into's catalog with it in place of the profile of its id. */
  private static Catalog catalogWith(Catalog base, ModelProfile p) {
    if (base == null) {
      return new Catalog(List.of(p));
    }
    return new Catalog(base.models().stream().map(m -> m.id().equals(p.id()) ? p : m).toList());
  }

  /** Writes the aggregate to --save-aggregate, when given, whole or not at all. */
  private void saveAggregate(LogAggregate aggregate) {
    if (saveAggregate == null) {
      return;
    }
    java.io.StringWriter w = new java.io.StringWriter();
    try {
      LogAggregateFile.write(aggregate, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    save(saveAggregate, "--save-aggregate", w.toString());
    spec.commandLine().getErr().println("kstar: wrote the aggregate of " + aggregate.groups().stream()
        .mapToLong(g -> g.moments().samples()).sum() + " records (" + aggregate.groups().size() + " group"
        + (aggregate.groups().size() == 1 ? "" : "s") + ") to " + saveAggregate);
  }

  private void writeProfile(MeasuredCurve curve, Forecast r) {
    double tokens = curve.tokensPerSample();
    if (Double.isNaN(tokens)) {
      throw InvalidInputException.of("--curve", curveFile, "has no tokens for this curve, so the output length is unknown");
    }
    if (r.accuracyModel().isEmpty() && r.warnings().stream().noneMatch(w -> w.contains("kstar accuracy model"))) {
      spec.commandLine().getErr().println("kstar: warning: the chosen family is not a planning model; the profile uses"
          + " the best-ranked candidate that is");
    }
    // beyond the curve's largest n, the written profile holds the level there (the forecast's rule)
    LoadCalibration.Result load = loadCalibration();
    if (load != null) {
      describe(load);
    }
    ModelProfile p = new ModelProfile(id, id + " calibrated on " + r.dataset() + " " + r.method(),
        new Prices(priceIn / 1e6, priceOut / 1e6), load == null ? new Speeds(tIn, tOut) : new Speeds(0, idleTpot(load)),
        new LengthModel.ClippedNormalLength(inputTokens, 0),
        new LengthModel.ClippedNormalLength(tokens, outputSdShare * tokens), r.modelOnAll(),
        load == null ? LatencyModel.DEFAULT : idleLatency(load), io.kstar.profile.RequestShape.DEFAULT,
        parallel, r.calibration().withBeyond(Calibration.Beyond.HOLD), load == null ? null : curveOf(load));
    save(CatalogWriter.write(new Catalog(List.of(p)), CatalogWriter.Style.FRIENDLY));
  }

  /**
   * Writes the profile to {@code --write}: to a temporary file in the same directory, then moved over
   * the name atomically, so a failure leaves the old file (or none) and no temporary file. A directory
   * (or anything but a file) is never a target.
   */
  private void save(String yaml) {
    save(write, "--write", yaml);
    spec.commandLine().getErr().println("kstar: wrote the calibrated profile '" + id + "' to " + write);
    spec.commandLine().getErr().flush();
  }

  private void save(Path write, String flag, String text) {
    OutputOptions.writeFile(write, flag, text);
  }

  /** --hold-out as a rate: a number, or inf (vLLM's request_rate for "every request at once"). */
  private double holdOutRate() {
    String t = holdOut.strip();
    if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      double v = Double.parseDouble(t);
      if (!Double.isNaN(v)) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // refused below
    }
    throw InvalidInputException.of("--hold-out", holdOut, "must be a request_rate of the sweep: a number, or inf");
  }
}
