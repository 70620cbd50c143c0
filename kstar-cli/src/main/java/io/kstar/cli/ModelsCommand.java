package io.kstar.cli;

import io.kstar.report.CatalogReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code kstar models}: the catalog. */
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The model catalog: prices, speeds, lengths, quality and default parallelism.")
final class ModelsCommand implements Callable<Integer> {

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var format = output.format();
    var catalog = input.catalog();
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "models",
        f -> CatalogReport.render(catalog, input.catalogSource(), f));
    return ExitCode.OK;
  }
}
