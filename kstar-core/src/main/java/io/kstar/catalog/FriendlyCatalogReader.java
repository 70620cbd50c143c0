package io.kstar.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.Speeds;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The friendlier catalog format, in the units of providers' price lists:
 *
 * <pre>
 * format: kstar-catalog/1
 * models:
 *   gpt5:
 *     name: GPT-5
 *     price_usd_per_mtok: {input: 1.25, output: 10}
 *     speed: {input_s_per_token: 0.0005, output_s_per_token: 0.005}   # or input_tokens_per_s, output_tokens_per_s
 *     input_tokens: {distribution: clipped-normal, mean: 1024, sd: 64}
 *     output_tokens: {distribution: clipped-normal, mean: 2048, sd: 128}
 *     quality: {distribution: clipped-normal, mean: 0.94, sd: 0.02}
 *     parallel: 4
 *     requests: {samples_per_request: 1, prompt_cache: false}     # optional: samples per call, prompt cache
 * </pre>
 *
 * {@code price_usd_per_mtok} may add {@code cached_input} and {@code cache_write} (a provider's prompt-cache
 * prices), and a self-hosted model a {@code serving} section, its replica's load curve ({@link ServingSyntax}).
 *
 * {@code quality} may name another accuracy model ({@code model: pass-at-k, difficulty: {distribution:
 * beta, alpha, beta}}), {@code input_tokens}/{@code output_tokens} another distribution, and an optional
 * {@code latency: {model, ttft_s, rate_limit_tpm}} section another latency model; those sections are
 * read from the models' declarations ({@link CatalogSyntax}). Prices per million tokens are moved to
 * per-token prices by a decimal shift (1.25 → 0.00000125 exactly as written), so converting between
 * the formats loses nothing.
 */
public final class FriendlyCatalogReader {
  private FriendlyCatalogReader() {}

  public static final String FORMAT = "kstar-catalog/1";

  static Catalog read(YamlDocument doc, Map<String, JsonNode> top, CatalogSyntax syntax) {
    doc.onlyKeys(top, "", Set.of("format", "models"));
    String format = doc.optionalText(top, "", "format");
    if (!FORMAT.equals(format)) {
      throw doc.error("format", format == null ? null : "\"" + format + "\"", "must be \"" + FORMAT + "\"");
    }
    return CatalogReader.models(doc, top, (d, id, node) -> profile(d, id, node, syntax));
  }

  static ModelProfile profile(YamlDocument doc, String id, JsonNode node, CatalogSyntax syntax) {
    String path = "models." + id;
    Map<String, JsonNode> m = doc.mapping(node, path);
    doc.onlyKeys(m, path, new LinkedHashSet<>(List.of(
        "name", "price_usd_per_mtok", "speed", "input_tokens", "output_tokens", "quality", "parallel", "requests",
        "latency", CalibrationSyntax.KEY, ServingSyntax.KEY)));
    String pp = path + ".price_usd_per_mtok";
    Map<String, JsonNode> price = doc.mapping(m.get("price_usd_per_mtok"), pp);
    doc.onlyKeys(price, pp, new LinkedHashSet<>(List.of("input", "output", "cached_input", "cache_write")));
    double cIn = perToken(doc, price, pp, "input");
    double cOut = perToken(doc, price, pp, "output");
    Double cached = price.containsKey("cached_input") && !price.get("cached_input").isNull()
        ? perToken(doc, price, pp, "cached_input") : null;
    Double write = price.containsKey("cache_write") && !price.get("cache_write").isNull()
        ? perToken(doc, price, pp, "cache_write") : null;
    Integer perCall = null;
    Boolean cache = null;
    if (m.containsKey("requests") && !m.get("requests").isNull()) {
      String rp = path + ".requests";
      Map<String, JsonNode> req = doc.mapping(m.get("requests"), rp);
      doc.onlyKeys(req, rp, new LinkedHashSet<>(List.of("samples_per_request", "prompt_cache")));
      perCall = doc.optionalInt(req, rp, "samples_per_request");
      cache = doc.optionalBoolean(req, rp, "prompt_cache");
    }
    String sp = path + ".speed";
    Map<String, JsonNode> speed = doc.mapping(m.get("speed"), sp);
    doc.onlyKeys(speed, sp, new LinkedHashSet<>(List.of(
        "input_s_per_token", "output_s_per_token", "input_tokens_per_s", "output_tokens_per_s")));
    double tIn = seconds(doc, speed, sp, "input");
    double tOut = seconds(doc, speed, sp, "output");
    var input = syntax.friendlyLength().read(doc, doc.mapping(m.get("input_tokens"), path + ".input_tokens"),
        path + ".input_tokens");
    var output = syntax.friendlyLength().read(doc, doc.mapping(m.get("output_tokens"), path + ".output_tokens"),
        path + ".output_tokens");
    var accuracy = syntax.friendlyAccuracy().read(doc, doc.mapping(m.get("quality"), path + ".quality"),
        path + ".quality");
    LatencyModel latency = LatencyModel.DEFAULT;
    if (m.containsKey("latency") && !m.get("latency").isNull()) {
      latency = syntax.friendlyLatency().read(doc, doc.mapping(m.get("latency"), path + ".latency"), path + ".latency");
    }
    Integer parallel = doc.optionalInt(m, path, "parallel");
    String name = doc.optionalText(m, path, "name");
    var calibration = CalibrationSyntax.read(doc, m, path, accuracy);
    var serving = ServingSyntax.read(doc, m, path);
    try {
      return new ModelProfile(id, name, CatalogReader.prices(cIn, cOut, cached, write), new Speeds(tIn, tOut), input,
          output, accuracy, latency, CatalogReader.shape(perCall, cache), parallel == null ? 1 : parallel, calibration,
          serving);
    } catch (InvalidInputException ex) {
      String field = switch (ex.field()) {
        case "default_parallel" -> "parallel";
        case "c_in" -> "price_usd_per_mtok.input (as USD per token)";
        case "c_out" -> "price_usd_per_mtok.output (as USD per token)";
        case "c_in_cached" -> "price_usd_per_mtok.cached_input (as USD per token)";
        case "c_cache_write" -> "price_usd_per_mtok.cache_write (as USD per token)";
        case "samples_per_request" -> "requests.samples_per_request";
        case "t_in" -> "speed.input (as seconds per token)";
        case "t_out" -> "speed.output (as seconds per token)";
        default -> ex.field();
      };
      throw new InvalidInputException(doc.source(), path + "." + field, ex.value().orElse(null), ex.allowed());
    }
  }

  private static double perToken(YamlDocument doc, Map<String, JsonNode> price, String path, String key) {
    double perM = doc.number(price, path, key);
    if (!Double.isFinite(perM) || perM < 0) {
      throw doc.error(path + "." + key, perM, "must be a finite price >= 0 (USD per million tokens)");
    }
    return new BigDecimal(Double.toString(perM)).movePointLeft(6).doubleValue();
  }

  private static double seconds(YamlDocument doc, Map<String, JsonNode> speed, String path, String side) {
    boolean perToken = speed.containsKey(side + "_s_per_token");
    boolean perSecond = speed.containsKey(side + "_tokens_per_s");
    if (perToken == perSecond) {
      throw doc.error(path, null, "give exactly one of " + side + "_s_per_token and " + side + "_tokens_per_s");
    }
    if (perToken) {
      double s = doc.number(speed, path, side + "_s_per_token");
      if (!Double.isFinite(s) || s < 0) {
        throw doc.error(path + "." + side + "_s_per_token", s, "must be a finite number >= 0");
      }
      return s;
    }
    double rate = doc.number(speed, path, side + "_tokens_per_s");
    if (!(rate > 0) || !Double.isFinite(rate)) {
      throw doc.error(path + "." + side + "_tokens_per_s", rate, "must be a positive finite number of tokens per second");
    }
    return 1.0 / rate;
  }
}
