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
    description = "The model catalog: prices, speeds, lengths, quality and default parallelism. "
        + "--validate FILE checks a catalog file; --convert writes the catalog in the other format.")
final class ModelsCommand implements Callable<Integer> {

  @Mixin InputOptions input;

  @Option(names = "--validate", paramLabel = "FILE",
      description = "Check a catalog file (either format): exit 0 and a summary, or exit 2 and what is wrong.")
  Path validate;

  @Option(names = "--convert", description = "Print the catalog (--models, or the embedded one) in the format of --to.")
  boolean convert;

  @Option(names = "--to", paramLabel = "flat|friendly", defaultValue = "friendly",
      description = "Target format of --convert. Default: ${DEFAULT-VALUE}.")
  String to;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
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
        default -> throw InvalidInputException.of("--to", to, "must be one of [flat, friendly]");
      };
      out.print(CatalogWriter.write(input.catalog(), style));
      out.flush();
      return ExitCode.OK;
    }
    output.format();
    var catalog = input.catalog();
    output.emit(out, spec.commandLine().getErr(), "models", f -> CatalogReport.render(catalog, input.catalogSource(), f));
    return ExitCode.OK;
  }
}
