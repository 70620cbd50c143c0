package io.kstar.calibrate.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.catalog.YamlDocument;
import io.kstar.input.InvalidInputException;
import io.kstar.input.Suggest;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * LiteLLM's model price map ({@code model_prices_and_context_window.json}): a JSON object keyed by model
 * name ({@code "gpt-4o"}, {@code "openai/gpt-4o"}, {@code "azure/gpt-4o"}, …), each entry with
 * {@code input_cost_per_token} and {@code output_cost_per_token} in USD per token, and where the provider
 * has them the prompt-cache prices {@code cache_read_input_token_cost} (reading a cached prompt) and
 * {@code cache_creation_input_token_cost} (writing it), and the prices of other service tiers under the same
 * keys with a suffix: {@code _flex}, {@code _priority}, {@code _batches} ({@link Tier}); the key
 * {@code sample_spec} documents the fields and is not a model.
 *
 * <p>A catalog model matches the entry whose key is its id, else its display name, else an entry whose key
 * after the last {@code /} is its id, else one whose key after the last {@code /} equals its id in lower case
 * letters and digits only ({@code gpt-5} for {@code gpt5}). Where several entries match at one step, the
 * provider's own entry (a key without a {@code /}) wins over a reseller's ({@code gpt-5}, not
 * {@code azure/gpt-5}); among resellers, the first in the file. Prices are per token in both the map and
 * kstar's flat catalog (the friendly catalog shows them per million tokens; its writer converts).
 */
public final class LiteLlmPrices {
  private LiteLlmPrices() {}

  /** A service tier: the suffix its prices carry in the map. */
  public enum Tier {
    STANDARD(""), BATCH("_batches"), FLEX("_flex"), PRIORITY("_priority");

    private final String suffix;

    Tier(String suffix) {
      this.suffix = suffix;
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> ids() {
      return java.util.Arrays.stream(values()).map(Tier::id).toList();
    }

    /** The tier named {@code id}; an input error naming {@code field} otherwise. */
    public static Tier of(String field, String id) {
      for (Tier t : values()) {
        if (t.id().equals(id)) {
          return t;
        }
      }
      throw InvalidInputException.of(field, id, "must be one of " + ids() + Suggest.hint(id, ids()));
    }

    /** Batch prices carry {@code _batches}; the cache prices of a batch have no key of their own. */
    String cacheSuffix() {
      return this == BATCH ? null : suffix;
    }
  }

  /** One model's entry: its prices in each tier it has (standard first). */
  public record Entry(String key, Map<Tier, Prices> tiers) {
    /** The tiers this entry prices. */
    public List<String> tierIds() {
      return tiers.keySet().stream().map(Tier::id).toList();
    }
  }

  /** A model's prices in the map and the key they were found under. */
  public record Match(String key, Prices prices) {}

  public static Map<String, Entry> read(Path file) {
    YamlDocument doc = YamlDocument.read(file, "prices");
    JsonNode root = doc.root();
    if (!root.isObject()) {
      throw doc.error("(document)", null, "must be LiteLLM's price map: an object keyed by model name");
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    for (var it = root.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode m = e.getValue();
      if (e.getKey().equals("sample_spec") || !m.isObject() || !m.has("input_cost_per_token")
          || !m.has("output_cost_per_token")) {
        continue; // not a model, or not priced per token (images, audio seconds, …)
      }
      Map<Tier, Prices> tiers = new LinkedHashMap<>();
      for (Tier t : Tier.values()) {
        if (!m.has("input_cost_per_token" + t.suffix) || !m.has("output_cost_per_token" + t.suffix)) {
          continue;
        }
        double in = cost(doc, e.getKey(), m, "input_cost_per_token" + t.suffix);
        double outCost = cost(doc, e.getKey(), m, "output_cost_per_token" + t.suffix);
        String cs = t.cacheSuffix();
        OptionalDouble read = cs == null ? OptionalDouble.empty() : optional(doc, e.getKey(), m,
            "cache_read_input_token_cost" + cs);
        OptionalDouble write = cs == null ? OptionalDouble.empty() : optional(doc, e.getKey(), m,
            "cache_creation_input_token_cost" + cs);
        tiers.put(t, new Prices(in, outCost, read, write));
      }
      out.put(e.getKey(), new Entry(e.getKey(), tiers));
    }
    if (out.isEmpty()) {
      throw doc.error("(document)", null, "has no model with input_cost_per_token and output_cost_per_token");
    }
    return out;
  }

  private static double cost(YamlDocument doc, String model, JsonNode m, String key) {
    JsonNode v = m.get(key);
    if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0 || v.doubleValue() > 1) {
      throw doc.error(YamlDocument.join(model, key), v.toString(), "must be a number in [0, 1] (USD per token)");
    }
    return v.doubleValue();
  }

  private static OptionalDouble optional(YamlDocument doc, String model, JsonNode m, String key) {
    return m.has(key) && !m.get(key).isNull() ? OptionalDouble.of(cost(doc, model, m, key)) : OptionalDouble.empty();
  }

  /** Lower case, letters and digits only: "GPT-5" and "gpt5" are the same name. */
  static String squash(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** The entry for a catalog model, or null (see the class comment for the order of the rules). */
  public static Entry entry(Map<String, Entry> map, ModelProfile p) {
    if (map.containsKey(p.id())) {
      return map.get(p.id());
    }
    if (p.name() != null && map.containsKey(p.name())) {
      return map.get(p.name());
    }
    List<Entry> suffix = new ArrayList<>();
    List<Entry> squashed = new ArrayList<>();
    for (Entry e : map.values()) {
      String tail = e.key().substring(e.key().lastIndexOf('/') + 1);
      if (tail.equals(p.id())) {
        suffix.add(e);
      } else if (squash(tail).equals(squash(p.id()))) {
        squashed.add(e);
      }
    }
    Entry best = own(suffix);
    return best != null ? best : own(squashed);
  }

  /** The provider's own entry (no prefix) among {@code candidates}, else the first; null when there is none. */
  private static Entry own(List<Entry> candidates) {
    return candidates.stream().filter(e -> !e.key().contains("/")).findFirst()
        .orElse(candidates.isEmpty() ? null : candidates.get(0));
  }

  /**
   * A catalog model's prices in {@code tier}, or null when the map has no entry for it; an input error
   * naming {@code tier} and the tiers the entry has when it lacks that one.
   */
  public static Match find(Map<String, Entry> map, ModelProfile p, Tier tier) {
    Entry e = entry(map, p);
    if (e == null) {
      return null;
    }
    Prices prices = e.tiers().get(tier);
    if (prices == null) {
      throw InvalidInputException.of("tier", tier.id(), "the price map's entry " + e.key() + " (for model " + p.id()
          + ") has no " + tier.id() + " prices; it has " + e.tierIds());
    }
    return new Match(e.key(), prices);
  }
}
