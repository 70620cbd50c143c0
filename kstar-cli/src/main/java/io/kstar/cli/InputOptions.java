package io.kstar.cli;

import io.kstar.budget.Scenario;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import io.kstar.profile.Catalog;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the catalog and the scenarios come from: a file, or the embedded defaults. */
final class InputOptions {

  @Option(names = "--models", paramLabel = "FILE",
      description = "Model catalog in the flat profile format (YAML or JSON). Default: the paper's nine models, embedded.")
  Path models;

  @Option(names = "--scenarios", paramLabel = "FILE",
      description = "Scenarios (YAML or JSON). Default: the reproduction's three scenarios, embedded.")
  Path scenarios;

  Catalog catalog() {
    return models == null ? CatalogReader.embedded() : CatalogReader.read(models, "models");
  }

  String catalogSource() {
    return models == null ? "embedded " + CatalogReader.EMBEDDED : models.toString();
  }

  List<Scenario> scenarioList() {
    return scenarios == null ? ScenarioReader.embedded() : ScenarioReader.read(scenarios);
  }
}
