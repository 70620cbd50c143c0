package io.kstar.cli;

import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.CatalogWriter;
import io.kstar.input.InvalidInputException;
import io.kstar.report.CatalogReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kstar models}: the catalog; checks a file; converts between the two catalog formats. */
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = RequestOptions.Sources.class,
    description = "The model catalog: prices, speeds, lengths, quality and default parallelism. "
        + "--validate FILE checks a catalog file; --convert writes the catalog in the other format.")
final class ModelsCommand implements Callable<Integer> {

  @Option(names = "--validate", paramLabel = "FILE",
      description = "Check a catalog file (either format): exit 0 and a summary, or exit 2 and what is wrong.")
  Path validate;

  @Option(names = "--convert", description = "Print the catalog (--models, or the embedded one) in the format of --to.")
  boolean convert;

  @Option(names = "--to", paramLabel = "flat|friendly", defaultValue = "friendly",
      description = "Target format of --convert. Default: ${DEFAULT-VALUE}.")
  String to;

  @Option(names = "--prices", paramLabel = "FILE",
      description = "LiteLLM's price map, its file model_prices_and_context_window (JSON): check the catalog's prices against"
          + " it by model name, in the catalog's units; with --write, fill them in.")
  Path prices;

  @Option(names = "--write", paramLabel = "FILE", description = "With --prices: write the catalog with the map's prices,"
      + " in the format it was read in; with --convert: write the converted catalog to FILE instead of printing it.")
  Path write;

  @Option(names = "--tier", paramLabel = "standard|batch|flex|priority", defaultValue = "standard",
      description = "With --prices: the service tier whose prices to take (LiteLLM's _batches, _flex, _priority keys)."
          + " Default: ${DEFAULT-VALUE}.")
  String tier;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (!convert && spec.commandLine().getParseResult().hasMatchedOption("--to")) {
      throw InvalidInputException.of("--to", to, "applies only with --convert, which was not asked for");
    }
    if (validate != null) {
      var catalog = CatalogReader.read(validate, "validate");
      out.println(validate + ": valid, " + catalog.models().size() + " model(s): " + String.join(", ", catalog.ids()));
      out.flush();
      return ExitCode.OK;
    }
    if (convert) {
      CatalogWriter.Style style = switch (to) {
        case "flat" -> CatalogWriter.Style.FLAT;
        case "friendly" -> CatalogWriter.Style.FRIENDLY;
        default -> throw InvalidInputException.of("--to", to, "must be one of [flat, friendly]"
            + io.kstar.input.Suggest.hint(to, java.util.List.of("flat", "friendly")));
      };
      String text = CatalogWriter.write(RequestOptions.catalog(spec), style);
      if (write == null) {
        out.print(text);
        out.flush();
        return ExitCode.OK;
      }
      OutputOptions.writeFile(write, "--write", text);
      spec.commandLine().getErr().println("kstar: wrote the catalog in the " + to + " format to " + write);
      spec.commandLine().getErr().flush();
      return ExitCode.OK;
    }
    if (write != null && prices == null) {
      throw InvalidInputException.of("--write", write, "needs --prices FILE (the prices to fill in) or --convert");
    }
    if (prices != null) {
      return prices(out);
    }
    output.format();
    var catalog = RequestOptions.catalog(spec);
    output.emit(out, spec.commandLine().getErr(), "models", f -> CatalogReport.render(catalog, RequestOptions.catalogSource(spec), f));
    return ExitCode.OK;
  }

  /**
   * Each catalog model against the price map: both prices in the catalog's units (USD per token in the
   * flat format, per million tokens in the friendly one), and whether they agree (within 1e-9 relative).
   */
  private int prices(java.io.PrintWriter out) {
    var tierOf = io.kstar.calibrate.format.LiteLlmPrices.Tier.of("tier", tier);
    var map = io.kstar.calibrate.format.LiteLlmPrices.read(prices);
    var catalog = RequestOptions.catalog(spec);
    boolean friendly = RequestOptions.source(spec, io.kstar.request.RequestFields.MODELS) != null
        && io.kstar.catalog.YamlDocument.read(java.nio.file.Path.of(RequestOptions.source(spec,
            io.kstar.request.RequestFields.MODELS)), "models").root()
        .has("format");
    double unit = friendly ? 1e6 : 1;
    String units = friendly ? "USD per million tokens" : "USD per token";
    java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
    java.util.List<io.kstar.profile.ModelProfile> filled = new java.util.ArrayList<>();
    java.util.List<io.kstar.calibrate.format.LiteLlmPrices.Match> matches = new java.util.ArrayList<>();
    for (var p : catalog.models()) {
      matches.add(io.kstar.calibrate.format.LiteLlmPrices.find(map, p, tierOf));
    }
    // the cache prices are shown where the map has one for some model of the catalog
    boolean cache = matches.stream().anyMatch(m -> m != null && !m.prices().plain());
    int differ = 0;
    int missing = 0;
    for (int i = 0; i < catalog.models().size(); i++) {
      var p = catalog.models().get(i);
      var m = matches.get(i);
      String status;
      if (m == null) {
        status = "not in the price map";
        missing++;
        filled.add(p);
      } else {
        boolean same = close(p.prices().inputUsdPerToken(), m.prices().inputUsdPerToken())
            && close(p.prices().outputUsdPerToken(), m.prices().outputUsdPerToken())
            && (p.prices().cachedInputUsdPerToken().isEmpty() || m.prices().cachedInputUsdPerToken().isEmpty()
                || close(p.prices().cachedInputUsdPerToken().getAsDouble(), m.prices().cachedInputUsdPerToken().getAsDouble()));
        status = same ? "same" : (write != null ? "differs: filled in" : "differs");
        differ += same ? 0 : 1;
        filled.add(p.withPrices(m.prices()));
      }
      java.util.List<String> row = new java.util.ArrayList<>(java.util.List.of(p.id(),
          num(p.prices().inputUsdPerToken() * unit), num(p.prices().outputUsdPerToken() * unit),
          m == null ? "-" : m.key(), m == null ? "-" : num(m.prices().inputUsdPerToken() * unit),
          m == null ? "-" : num(m.prices().outputUsdPerToken() * unit)));
      if (cache) {
        row.add(m == null || m.prices().cachedInputUsdPerToken().isEmpty() ? "-"
            : num(m.prices().cachedInputUsdPerToken().getAsDouble() * unit));
        row.add(m == null || m.prices().cacheWriteUsdPerToken().isEmpty() ? "-"
            : num(m.prices().cacheWriteUsdPerToken().getAsDouble() * unit));
      }
      row.add(status);
      rows.add(row);
    }
    out.println("Prices of " + catalog.models().size() + " models against " + prices.getFileName()
        + (tierOf == io.kstar.calibrate.format.LiteLlmPrices.Tier.STANDARD ? "" : ", " + tierOf.id() + " tier")
        + " (" + units + "):");
    java.util.List<String> header = new java.util.ArrayList<>(java.util.List.of("model", "c_in", "c_out",
        "price map key", "map c_in", "map c_out"));
    if (cache) {
      header.addAll(java.util.List.of("map c_in_cached", "map c_cache_write"));
    }
    header.add("status");
    boolean[] right = new boolean[header.size()];
    for (int c = 1; c < right.length - 1; c++) {
      right[c] = c != 3;
    }
    var table = new io.kstar.report.Table(header, right);
    rows.forEach(table::row);
    out.print(table.aligned("  "));
    out.println(differ + " differ, " + missing + " not in the price map");
    if (write != null) {
      String text = CatalogWriter.write(new io.kstar.profile.Catalog(filled), friendly ? CatalogWriter.Style.FRIENDLY
          : CatalogWriter.Style.FLAT);
      OutputOptions.writeFile(write, "--write", text);
      spec.commandLine().getErr().println("kstar: wrote the catalog with the price map's prices to " + write);
      spec.commandLine().getErr().flush();
    }
    out.flush();
    return ExitCode.OK;
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }

  private static String num(double v) {
    return String.format(java.util.Locale.ROOT, "%.6g", v);
  }
}
