package io.kstar.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.input.InvalidInputException;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import java.math.BigDecimal;
import java.util.ArrayList;
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
 * </pre>
 *
 * Prices per million tokens are moved to per-token prices by a decimal shift (1.25 → 0.00000125
 * exactly as written), so converting between the formats loses nothing.
 */
public final class FriendlyCatalogReader {
  private FriendlyCatalogReader() {}

  public static final String FORMAT = "kstar-catalog/1";
  static final List<String> DISTRIBUTIONS = List.of("clipped-normal", "normal");
  static final List<String> LENGTHS = List.of("clipped-normal", "normal", "lognormal", "empirical");

  static Catalog read(YamlDocument doc, Map<String, JsonNode> top) {
    doc.onlyKeys(top, "", Set.of("format", "models"));
    String format = doc.optionalText(top, "", "format");
    if (!FORMAT.equals(format)) {
      throw doc.error("format", format == null ? null : "\"" + format + "\"", "must be \"" + FORMAT + "\"");
    }
    return CatalogReader.models(doc, top, FriendlyCatalogReader::profile);
  }

  static ModelProfile profile(YamlDocument doc, String id, JsonNode node) {
    String path = "models." + id;
    Map<String, JsonNode> m = doc.mapping(node, path);
    doc.onlyKeys(m, path, new java.util.LinkedHashSet<>(List.of(
        "name", "price_usd_per_mtok", "speed", "input_tokens", "output_tokens", "quality", "parallel", "latency")));
    Map<String, JsonNode> price = doc.mapping(m.get("price_usd_per_mtok"), path + ".price_usd_per_mtok");
    doc.onlyKeys(price, path + ".price_usd_per_mtok", Set.of("input", "output"));
    double cIn = perToken(doc, price, path + ".price_usd_per_mtok", "input");
    double cOut = perToken(doc, price, path + ".price_usd_per_mtok", "output");
    Map<String, JsonNode> speed = doc.mapping(m.get("speed"), path + ".speed");
    String sp = path + ".speed";
    doc.onlyKeys(speed, sp, new java.util.LinkedHashSet<>(List.of(
        "input_s_per_token", "output_s_per_token", "input_tokens_per_s", "output_tokens_per_s")));
    double tIn = seconds(doc, speed, sp, "input");
    double tOut = seconds(doc, speed, sp, "output");
    io.kstar.length.LengthModel inModel = length(doc, m, path, "input_tokens");
    io.kstar.length.LengthModel outModel = length(doc, m, path, "output_tokens");
    double[] lin = {inModel.mean(), inModel.sd()};
    double[] lout = {outModel.mean(), outModel.sd()};
    io.kstar.latency.LatencyModel latency = io.kstar.latency.LatencyModel.DEFAULT;
    if (m.containsKey("latency") && !m.get("latency").isNull()) {
      Map<String, JsonNode> l = doc.mapping(m.get("latency"), path + ".latency");
      doc.onlyKeys(l, path + ".latency", new java.util.LinkedHashSet<>(List.of("model", "ttft_s", "rate_limit_tpm")));
      latency = CatalogReader.latencyModel(doc, l, path + ".latency", "model", "ttft_s", "rate_limit_tpm");
    }
    io.kstar.accuracy.AccuracyModel model = quality(doc, m, path);
    double[] q = model instanceof io.kstar.accuracy.GaussianBestOfK g
        ? new double[] {g.scoreMean(), g.scoreStd()} : new double[] {model.mean(1), model.std(1)};
    Integer parallel = doc.optionalInt(m, path, "parallel");
    String name = doc.optionalText(m, path, "name");
    try {
      return new ModelProfile(id, name, cIn, cOut, tIn, tOut, lin[0], lin[1], lout[0], lout[1], q[0], q[1],
          parallel == null ? 1 : parallel).withAccuracy(model).withLengths(inModel, outModel).withLatency(latency);
    } catch (InvalidInputException ex) {
      throw new InvalidInputException(doc.source(), path + "." + friendlyField(ex.field()), ex.value().orElse(null),
          ex.allowed());
    }
  }

  /** Where a flat field lives in this format, for messages. */
  static String friendlyField(String flat) {
    return switch (flat) {
      case "c_in" -> "price_usd_per_mtok.input (per token)";
      case "c_out" -> "price_usd_per_mtok.output (per token)";
      case "t_in" -> "speed.input";
      case "t_out" -> "speed.output";
      case "mu_Lin" -> "input_tokens.mean";
      case "sigma_Lin" -> "input_tokens.sd";
      case "mu_Lout" -> "output_tokens.mean";
      case "sigma_Lout" -> "output_tokens.sd";
      case "acc_mean" -> "quality.mean";
      case "acc_std" -> "quality.sd";
      case "default_parallel" -> "parallel";
      default -> flat;
    };
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
      return doc.number(speed, path, side + "_s_per_token");
    }
    double rate = doc.number(speed, path, side + "_tokens_per_s");
    if (!(rate > 0) || !Double.isFinite(rate)) {
      throw doc.error(path + "." + side + "_tokens_per_s", rate, "must be a positive finite number of tokens per second");
    }
    return 1.0 / rate;
  }

  /**
   * {@code quality: {distribution: clipped-normal, mean, sd}} (the paper's scores) or
   * {@code quality: {model: pass-at-k|majority-vote|selector-best-of-k, difficulty: {distribution: beta,
   * alpha, beta}, wrong_answers, selector_accuracy}}.
   */
  private static io.kstar.accuracy.AccuracyModel quality(YamlDocument doc, Map<String, JsonNode> m, String path) {
    String p = path + ".quality";
    Map<String, JsonNode> q = doc.mapping(m.get("quality"), p);
    String model = doc.optionalText(q, p, "model");
    if (model == null || model.equals(io.kstar.accuracy.GaussianBestOfK.ID)) {
      doc.onlyKeys(q, p, new java.util.LinkedHashSet<>(List.of("model", "distribution", "mean", "sd")));
      String kind = doc.optionalText(q, p, "distribution");
      if (kind != null && !DISTRIBUTIONS.contains(kind)) {
        throw doc.error(p + ".distribution", "\"" + kind + "\"", "must be one of " + DISTRIBUTIONS);
      }
      return new io.kstar.accuracy.GaussianBestOfK(doc.number(q, p, "mean"), doc.number(q, p, "sd"));
    }
    doc.onlyKeys(q, p, new java.util.LinkedHashSet<>(List.of("model", "difficulty", "wrong_answers", "selector_accuracy")));
    Map<String, JsonNode> diff = doc.mapping(q.get("difficulty"), p + ".difficulty");
    doc.onlyKeys(diff, p + ".difficulty", new java.util.LinkedHashSet<>(List.of("distribution", "alpha", "beta")));
    String dist = doc.optionalText(diff, p + ".difficulty", "distribution");
    if (dist != null && !dist.equals("beta")) {
      throw doc.error(p + ".difficulty.distribution", "\"" + dist + "\"", "must be \"beta\"");
    }
    try {
      return io.kstar.accuracy.AccuracyModels.of(model, new io.kstar.accuracy.AccuracyModels.Parameters(null, null,
          doc.number(diff, p + ".difficulty", "alpha"), doc.number(diff, p + ".difficulty", "beta"),
          doc.optionalInt(q, p, "wrong_answers"),
          q.containsKey("selector_accuracy") ? Double.valueOf(doc.number(q, p, "selector_accuracy")) : null));
    } catch (InvalidInputException e) {
      String field = switch (e.field()) {
        case "difficulty_alpha" -> "difficulty.alpha";
        case "difficulty_beta" -> "difficulty.beta";
        case "accuracy_model" -> "model";
        default -> e.field();
      };
      throw new InvalidInputException(doc.source(), p + "." + field, e.value().orElse(null), e.allowed());
    }
  }

  /** {distribution: clipped-normal|normal|lognormal, mean, sd} or {distribution: empirical, values: [...]}. */
  private static io.kstar.length.LengthModel length(YamlDocument doc, Map<String, JsonNode> m, String path, String key) {
    String p = path + "." + key;
    Map<String, JsonNode> d = doc.mapping(m.get(key), p);
    doc.onlyKeys(d, p, new java.util.LinkedHashSet<>(List.of("distribution", "mean", "sd", "values")));
    String kind = doc.optionalText(d, p, "distribution");
    if (kind != null && !LENGTHS.contains(kind)) {
      throw doc.error(p + ".distribution", "\"" + kind + "\"", "must be one of " + LENGTHS);
    }
    java.util.Map<String, JsonNode> flat = new java.util.LinkedHashMap<>();
    if ("empirical".equals(kind)) {
      flat.put("x_values", d.get("values"));
      if (d.get("values") == null) {
        throw doc.error(p + ".values", null, "is missing: an empirical distribution needs its observed lengths");
      }
    } else {
      if (d.containsKey("mean")) {
        flat.put("x_mean", d.get("mean"));
      }
      if (d.containsKey("sd")) {
        flat.put("x_sd", d.get("sd"));
      }
      if (kind != null) {
        flat.put("x_distribution", com.fasterxml.jackson.databind.node.TextNode.valueOf(kind.equals("normal") ? "clipped-normal" : kind));
      }
    }
    try {
      return CatalogReader.lengthModel(doc, flat, p, "x", "x_mean", "x_sd");
    } catch (InvalidInputException e) {
      throw new InvalidInputException(doc.source(), e.field().replace(p + ".x_", p + ".").replace(p + ".x_values", p + ".values"),
          e.value().orElse(null), e.allowed());
    }
  }
}
