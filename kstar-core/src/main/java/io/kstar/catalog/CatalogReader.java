package io.kstar.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.input.InvalidInputException;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a catalog: a document with a {@code format} key is the friendlier format
 * ({@link FriendlyCatalogReader}); otherwise the flat profile format of the paper's reference tool (SPEC §1): {@code models: {ID: {c_in,
 * c_out, t_in, t_out, mu_Lin, sigma_Lin, mu_Lout, sigma_Lout, acc_mean, acc_std, default_parallel,
 * name}}}. Every key but {@code name} and {@code default_parallel} (default 1) is required; unknown
 * keys are refused so that a misspelt key does not silently fall back to something. Optional
 * {@code accuracy_model} (gaussian-best-of-k, the default; pass-at-k; majority-vote;
 * selector-best-of-k) with {@code difficulty_alpha}, {@code difficulty_beta}, {@code wrong_answers}
 * and {@code selector_accuracy} chooses how accuracy grows with k; acc_mean and acc_std are then
 * optional.
 */
public final class CatalogReader {
  private CatalogReader() {}

  public static final String EMBEDDED = "paper-models.yaml";

  static final Set<String> KEYS =
      new LinkedHashSet<>(
          List.of(
              "name", "c_in", "c_out", "t_in", "t_out", "mu_Lin", "sigma_Lin", "mu_Lout", "sigma_Lout",
              "acc_mean", "acc_std", "default_parallel", "accuracy_model", "difficulty_alpha", "difficulty_beta",
              "wrong_answers", "selector_accuracy", "lin_distribution", "lout_distribution", "lin_values",
              "lout_values", "latency_model", "ttft_s", "rate_limit_tpm"));

  /** The embedded default: the nine models of the paper. */
  public static Catalog embedded() {
    return read(YamlDocument.resource(EMBEDDED));
  }

  public static Catalog read(Path file) {
    return read(YamlDocument.read(file, "--models"));
  }

  public static Catalog read(YamlDocument doc) {
    JsonNode root = doc.root();
    Map<String, JsonNode> top = doc.mapping(root, "");
    if (top.containsKey("format")) {
      return FriendlyCatalogReader.read(doc, top);
    }
    doc.onlyKeys(top, "", Set.of("models"));
    return models(doc, top, CatalogReader::profile);
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
      out.add(profile.read(doc, e.getKey(), e.getValue()));
    }
    return new Catalog(out);
  }

  /**
   * A length model: {@code PREFIX_values} (a list: empirical), else {@code PREFIX_distribution}
   * (clipped-normal, the default, or lognormal) with the mean and sd keys.
   */
  static io.kstar.length.LengthModel lengthModel(YamlDocument doc, Map<String, JsonNode> m, String path,
      String prefix, String meanKey, String sdKey) {
    JsonNode values = m.get(prefix + "_values");
    try {
      if (values != null && !values.isNull()) {
        if (!values.isArray() || values.isEmpty()) {
          throw doc.error(path + "." + prefix + "_values", YamlDocument.describe(values), "must be a non-empty list of lengths");
        }
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
          if (!values.get(i).isNumber()) {
            throw doc.error(path + "." + prefix + "_values[" + i + "]", YamlDocument.describe(values.get(i)), "must be a number");
          }
          v[i] = values.get(i).doubleValue();
        }
        return new io.kstar.length.LengthModel.EmpiricalLength(v);
      }
      String kind = doc.optionalText(m, path, prefix + "_distribution");
      double mean = doc.number(m, path, meanKey);
      double sd = doc.number(m, path, sdKey);
      if (kind == null || kind.equals("clipped-normal") || kind.equals("normal")) {
        return new io.kstar.length.LengthModel.ClippedNormalLength(mean, sd);
      }
      if (kind.equals("lognormal")) {
        io.kstar.input.Check.atLeast(meanKey, mean, 1, " (tokens)");
        io.kstar.input.Check.finiteNonNegative(sdKey, sd);
        return new io.kstar.length.LengthModel.LogNormalLength(mean, sd);
      }
      throw doc.error(path + "." + prefix + "_distribution", "\"" + kind + "\"", "must be one of [clipped-normal, lognormal] (or give " + prefix + "_values)");
    } catch (InvalidInputException ex) {
      if (ex.source().isPresent()) {
        throw ex;
      }
      throw (ex.field().equals("values") ? new InvalidInputException(null, prefix + "_values", ex.value().orElse(null), ex.allowed()) : ex)
          .under(path).in(doc.source());
    }
  }

  /** A latency model from its keys (batched-mean and no rate limit when absent). */
  static io.kstar.latency.LatencyModel latencyModel(YamlDocument doc, Map<String, JsonNode> m, String path,
      String kindKey, String ttftKey, String rateKey) {
    String kind = doc.optionalText(m, path, kindKey);
    Double ttft = optionalNumber(doc, m, path, ttftKey);
    Double rate = optionalNumber(doc, m, path, rateKey);
    try {
      return new io.kstar.latency.LatencyModel(kind == null ? io.kstar.latency.LatencyModel.BATCHED_MEAN : kind,
          ttft == null ? 0 : ttft, rate == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(rate));
    } catch (InvalidInputException ex) {
      String field = switch (ex.field()) {
        case "latency_model" -> kindKey;
        case "ttft_s" -> ttftKey;
        case "rate_limit_tpm" -> rateKey;
        default -> ex.field();
      };
      throw new InvalidInputException(doc.source(), path + "." + field, ex.value().orElse(null), ex.allowed());
    }
  }

  static Double optionalNumber(YamlDocument doc, Map<String, JsonNode> m, String path, String key) {
    return m.containsKey(key) && !m.get(key).isNull() ? Double.valueOf(doc.number(m, path, key)) : null;
  }

  static ModelProfile profile(YamlDocument doc, String id, JsonNode node) {
    String path = "models." + id;
    if (id.isBlank()) {
      throw doc.error(path, "\"" + id + "\"", "a model id must not be blank");
    }
    Map<String, JsonNode> m = doc.mapping(node, path);
    doc.onlyKeys(m, path, KEYS);
    double cIn = doc.number(m, path, "c_in");
    double cOut = doc.number(m, path, "c_out");
    double tIn = doc.number(m, path, "t_in");
    double tOut = doc.number(m, path, "t_out");
    io.kstar.length.LengthModel inModel = lengthModel(doc, m, path, "lin", "mu_Lin", "sigma_Lin");
    io.kstar.length.LengthModel outModel = lengthModel(doc, m, path, "lout", "mu_Lout", "sigma_Lout");
    double muLin = inModel.mean();
    double sigmaLin = inModel.sd();
    double muLout = outModel.mean();
    double sigmaLout = outModel.sd();
    io.kstar.latency.LatencyModel latency = latencyModel(doc, m, path, "latency_model", "ttft_s", "rate_limit_tpm");
    String accuracyModel = doc.optionalText(m, path, "accuracy_model");
    boolean gaussian = accuracyModel == null || accuracyModel.equals(io.kstar.accuracy.GaussianBestOfK.ID);
    Double accMean = gaussian || m.containsKey("acc_mean") ? doc.number(m, path, "acc_mean") : null;
    Double accStd = gaussian || m.containsKey("acc_std") ? doc.number(m, path, "acc_std") : null;
    Integer parallel = doc.optionalInt(m, path, "default_parallel");
    String name = doc.optionalText(m, path, "name");
    try {
      if (gaussian) {
        return new ModelProfile(
            id, name, cIn, cOut, tIn, tOut, muLin, sigmaLin, muLout, sigmaLout, accMean, accStd,
            parallel == null ? 1 : parallel).withLengths(inModel, outModel).withLatency(latency);
      }
      var model = io.kstar.accuracy.AccuracyModels.of(accuracyModel, new io.kstar.accuracy.AccuracyModels.Parameters(
          accMean, accStd, optionalNumber(doc, m, path, "difficulty_alpha"), optionalNumber(doc, m, path, "difficulty_beta"),
          doc.optionalInt(m, path, "wrong_answers"), optionalNumber(doc, m, path, "selector_accuracy")));
      return new ModelProfile(id, name, cIn, cOut, tIn, tOut, muLin, sigmaLin, muLout, sigmaLout,
          model.mean(1), model.std(1), parallel == null ? 1 : parallel).withAccuracy(model)
          .withLengths(inModel, outModel).withLatency(latency);
    } catch (InvalidInputException ex) {
      throw ex.under(path).in(doc.source());
    }
  }
}
