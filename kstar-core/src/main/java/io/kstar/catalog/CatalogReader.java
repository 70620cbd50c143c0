package io.kstar.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.input.InvalidInputException;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.RequestShape;
import io.kstar.profile.Speeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads a catalog: a document with a {@code format} key is the friendlier format
 * ({@link FriendlyCatalogReader}); otherwise the flat profile format of the paper's reference tool:
 * {@code models: {ID: {c_in, c_out, t_in, t_out, mu_Lin, sigma_Lin, mu_Lout, sigma_Lout, acc_mean,
 * acc_std, default_parallel, name}}}. Prices (and the optional cache prices {@code c_in_cached},
 * {@code c_cache_write}), times, default_parallel (default 1) and the request shape
 * ({@code samples_per_request}, default 1; {@code prompt_cache}, default false) are read here, the
 * load curve of a self-hosted model ({@code serving}) by {@link ServingSyntax};
 * the lengths, the accuracy model and the latency model are read from their kinds' declarations
 * ({@link CatalogSyntax}): {@code accuracy_model} (gaussian-best-of-k by default) with its
 * parameters, {@code lin_distribution} / {@code lout_distribution} (or {@code lin_values}), and
 * {@code latency_model}. Unknown keys are refused, so a misspelt key does not silently fall back to
 * something, and so are keys of another kind than the one named.
 */
public final class CatalogReader {
  private CatalogReader() {}

  public static final String EMBEDDED = "paper-models.yaml";

  /** The embedded default: the nine models of the paper. */
  public static Catalog embedded() {
    return read(YamlDocument.resource(EMBEDDED));
  }

  /** A catalog file; {@code field} names where its path came from (a flag, a request field) in errors. */
  public static Catalog read(Path file, String field) {
    return read(YamlDocument.read(file, field));
  }

  public static Catalog read(YamlDocument doc) {
    return read(doc, CatalogSyntax.DEFAULT);
  }

  public static Catalog read(YamlDocument doc, CatalogSyntax syntax) {
    JsonNode root = doc.root();
    Map<String, JsonNode> top = doc.mapping(root, "");
    if (top.containsKey("format")) {
      return FriendlyCatalogReader.read(doc, top, syntax);
    }
    // "source" is what `kstar models --format json` adds; it is read back and ignored
    doc.onlyKeys(top, "", new java.util.LinkedHashSet<>(List.of("models", "source")));
    return models(doc, top, (d, id, node) -> profile(d, id, node, syntax));
  }

  /** The {@code models} mapping of either format, each entry read by {@code profile}, in file order. */
  interface ProfileReader {
    ModelProfile read(YamlDocument doc, String id, JsonNode node);
  }

  static Catalog models(YamlDocument doc, Map<String, JsonNode> top, ProfileReader profile) {
    Map<String, JsonNode> models = doc.mapping(top.get("models"), "models");
    if (models.isEmpty()) {
      throw doc.error("models", "{}", "must hold at least one model");
    }
    List<ModelProfile> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : models.entrySet()) {
      if (e.getKey().isBlank()) {
        throw doc.error("models." + e.getKey(), "\"" + e.getKey() + "\"", "a model id must not be blank");
      }
      out.add(profile.read(doc, e.getKey(), e.getValue()));
    }
    return new Catalog(out);
  }

  /** Prices with the cache prices a catalog gives (either may be left out). */
  static Prices prices(double cIn, double cOut, Double cached, Double write) {
    return new Prices(cIn, cOut, cached == null ? OptionalDouble.empty() : OptionalDouble.of(cached),
        write == null ? OptionalDouble.empty() : OptionalDouble.of(write));
  }

  /** The request shape a catalog gives: one sample per call and no cache unless it says otherwise. */
  static RequestShape shape(Integer perCall, Boolean cache) {
    return new RequestShape(perCall == null ? 1 : perCall, cache != null && cache);
  }

  static ModelProfile profile(YamlDocument doc, String id, JsonNode node, CatalogSyntax syntax) {
    String path = "models." + id;
    Map<String, JsonNode> m = doc.mapping(node, path);
    doc.onlyKeys(m, path, syntax.flatKeys());
    double cIn = doc.number(m, path, "c_in");
    double cOut = doc.number(m, path, "c_out");
    Double cached = doc.optionalNumber(m, path, Prices.C_IN_CACHED.flatKey());
    Double write = doc.optionalNumber(m, path, Prices.C_CACHE_WRITE.flatKey());
    Integer perCall = doc.optionalInt(m, path, RequestShape.SAMPLES_PER_REQUEST.flatKey());
    Boolean cache = doc.optionalBoolean(m, path, "prompt_cache");
    double tIn = doc.number(m, path, "t_in");
    double tOut = doc.number(m, path, "t_out");
    var input = syntax.flatInput().read(doc, m, path);
    var output = syntax.flatOutput().read(doc, m, path);
    var accuracy = syntax.flatAccuracy().read(doc, m, path);
    var latency = syntax.flatLatency().read(doc, m, path);
    Integer parallel = doc.optionalInt(m, path, "default_parallel");
    String name = doc.optionalText(m, path, "name");
    var calibration = CalibrationSyntax.read(doc, m, path, accuracy);
    var serving = ServingSyntax.read(doc, m, path);
    try {
      return new ModelProfile(id, name, prices(cIn, cOut, cached, write), new Speeds(tIn, tOut), input, output, accuracy,
          latency, shape(perCall, cache), parallel == null ? 1 : parallel, calibration, serving);
    } catch (InvalidInputException ex) {
      throw ex.under(path).in(doc.source());
    }
  }
}
