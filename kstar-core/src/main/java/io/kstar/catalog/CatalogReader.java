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
              "wrong_answers", "selector_accuracy"));

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
    Map<String, JsonNode> models = doc.mapping(top.get("models"), "models");
    if (models.isEmpty()) {
      throw doc.error("models", "{}", "must hold at least one model");
    }
    List<ModelProfile> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : models.entrySet()) {
      out.add(profile(doc, e.getKey(), e.getValue()));
    }
    return new Catalog(out);
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
    double muLin = doc.number(m, path, "mu_Lin");
    double sigmaLin = doc.number(m, path, "sigma_Lin");
    double muLout = doc.number(m, path, "mu_Lout");
    double sigmaLout = doc.number(m, path, "sigma_Lout");
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
            parallel == null ? 1 : parallel);
      }
      var model = io.kstar.accuracy.AccuracyModels.of(accuracyModel, new io.kstar.accuracy.AccuracyModels.Parameters(
          accMean, accStd, optionalNumber(doc, m, path, "difficulty_alpha"), optionalNumber(doc, m, path, "difficulty_beta"),
          doc.optionalInt(m, path, "wrong_answers"), optionalNumber(doc, m, path, "selector_accuracy")));
      return new ModelProfile(id, name, cIn, cOut, tIn, tOut, muLin, sigmaLin, muLout, sigmaLout,
          model.mean(1), model.std(1), parallel == null ? 1 : parallel).withAccuracy(model);
    } catch (InvalidInputException ex) {
      throw ex.under(path).in(doc.source());
    }
  }
}
