package io.kstar.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.budget.Budget;
import io.kstar.budget.Scenario;
import io.kstar.input.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads scenarios: {@code scenarios: {NAME: {description, max_cost_usd, max_latency_s, min_accuracy,
 * k_max}}}; the three budgets are required, {@code description} and {@code k_max} optional.
 */
public final class ScenarioReader {
  private ScenarioReader() {}

  public static final String EMBEDDED = "scenarios.yaml";

  static final Set<String> KEYS =
      new LinkedHashSet<>(List.of("description", "max_cost_usd", "max_latency_s", "min_accuracy", "k_max"));

  public static List<Scenario> embedded() {
    return read(YamlDocument.resource(EMBEDDED));
  }

  public static List<Scenario> read(Path file) {
    return read(YamlDocument.read(file, "scenarios"));
  }

  public static List<Scenario> read(YamlDocument doc) {
    Map<String, JsonNode> top = doc.mapping(doc.root(), "");
    doc.onlyKeys(top, "", Set.of("scenarios"));
    Map<String, JsonNode> all = doc.mapping(top.get("scenarios"), "scenarios");
    if (all.isEmpty()) {
      throw doc.error("scenarios", "{}", "must hold at least one scenario");
    }
    List<Scenario> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : all.entrySet()) {
      String path = "scenarios." + e.getKey();
      Map<String, JsonNode> m = doc.mapping(e.getValue(), path);
      doc.onlyKeys(m, path, KEYS);
      double cost = doc.number(m, path, "max_cost_usd");
      double latency = doc.number(m, path, "max_latency_s");
      double accuracy = doc.number(m, path, "min_accuracy");
      Integer kMax = doc.optionalInt(m, path, "k_max");
      String description = doc.optionalText(m, path, "description");
      try {
        out.add(
            new Scenario(
                e.getKey(), description, new Budget(cost, latency, accuracy),
                kMax == null ? OptionalInt.empty() : OptionalInt.of(kMax)));
      } catch (InvalidInputException ex) {
        throw ex.under(path).in(doc.source());
      }
    }
    return out;
  }
}
