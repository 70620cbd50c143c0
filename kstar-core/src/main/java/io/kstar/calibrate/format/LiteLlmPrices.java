package io.kstar.calibrate.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.catalog.YamlDocument;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LiteLLM's model price map ({@code model_prices_and_context_window.json}): a JSON object keyed by model
 * name ({@code "gpt-4o"}, {@code "openai/gpt-4o"}, {@code "azure/gpt-4o"}, …), each entry with
 * {@code input_cost_per_token} and {@code output_cost_per_token} in USD per token (beside context sizes,
 * the provider and the mode); the key {@code sample_spec} documents the fields and is not a model.
 *
 * <p>A catalog model matches the entry whose key is its id, else its display name, else the entry whose
 * key after the last {@code /} is its id, else the one whose key after the last {@code /} equals its id
 * in lower case letters and digits only ({@code gpt-5} for {@code gpt5}; the first such key in the file). Prices are per token in both
 * the map and kstar's flat catalog (the friendly catalog shows them per million tokens; its writer converts).
 */
public final class LiteLlmPrices {
  private LiteLlmPrices() {}

  /** A model's prices in the map and the key they were found under. */
  public record Match(String key, Prices prices) {}

  public static Map<String, Prices> read(Path file) {
    YamlDocument doc = YamlDocument.read(file, "prices");
    JsonNode root = doc.root();
    if (!root.isObject()) {
      throw doc.error("(document)", null, "must be LiteLLM's price map: an object keyed by model name");
    }
    Map<String, Prices> out = new LinkedHashMap<>();
    for (var it = root.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode m = e.getValue();
      if (e.getKey().equals("sample_spec") || !m.isObject() || !m.has("input_cost_per_token")
          || !m.has("output_cost_per_token")) {
        continue; // not a model, or not priced per token (images, audio seconds, …)
      }
      double in = cost(doc, e.getKey(), m, "input_cost_per_token");
      double outCost = cost(doc, e.getKey(), m, "output_cost_per_token");
      out.put(e.getKey(), new Prices(in, outCost));
    }
    if (out.isEmpty()) {
      throw doc.error("(document)", null, "has no model with input_cost_per_token and output_cost_per_token");
    }
    return out;
  }

  private static double cost(YamlDocument doc, String model, JsonNode m, String key) {
    JsonNode v = m.get(key);
    if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0) {
      throw doc.error(YamlDocument.join(model, key), v.toString(), "must be a finite number >= 0 (USD per token)");
    }
    return v.doubleValue();
  }

  /** Lower case, letters and digits only: "GPT-5" and "gpt5" are the same name. */
  static String squash(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** The entry for a catalog model, or null. */
  public static Match find(Map<String, Prices> map, ModelProfile p) {
    if (map.containsKey(p.id())) {
      return new Match(p.id(), map.get(p.id()));
    }
    if (p.name() != null && map.containsKey(p.name())) {
      return new Match(p.name(), map.get(p.name()));
    }
    for (Map.Entry<String, Prices> e : map.entrySet()) {
      String k = e.getKey();
      if (k.substring(k.lastIndexOf('/') + 1).equals(p.id())) {
        return new Match(k, e.getValue());
      }
    }
    for (Map.Entry<String, Prices> e : map.entrySet()) {
      String k = e.getKey();
      if (squash(k.substring(k.lastIndexOf('/') + 1)).equals(squash(p.id()))) {
        return new Match(k, e.getValue());
      }
    }
    return null;
  }
}
