package io.kstar.cli;

import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.input.InvalidInputException;
import io.kstar.profile.Catalog;
import io.kstar.profile.Figures;
import io.kstar.profile.ModelProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Option;

/**
 * One model: from the catalog ({@code --model ID}), given inline with flags, or a catalog model with
 * some figures overridden by flags ("gpt5, at my prices"). Overrides change one figure each through
 * the profile's own declarations ({@link Figures}), so every other part of the profile (its length,
 * accuracy and latency models) stays as the catalog has it.
 */
final class ModelOptions {

  @Option(names = "--name", paramLabel = "NAME", description = "Name of an inline model (default: inline).")
  String name;

  @Option(names = "--c-in", paramLabel = "USD", description = "Inline: price of one input token.")
  Double cIn;

  @Option(names = "--c-out", paramLabel = "USD", description = "Inline: price of one output token.")
  Double cOut;

  @Option(names = "--t-in", paramLabel = "S", description = "Inline: seconds per input token.")
  Double tIn;

  @Option(names = "--t-out", paramLabel = "S", description = "Inline: seconds per output token.")
  Double tOut;

  @Option(names = "--mu-lin", paramLabel = "TOKENS", description = "Inline: mean input length.")
  Double muLin;

  @Option(names = "--sigma-lin", paramLabel = "TOKENS", description = "Inline: sd of input length.")
  Double sigmaLin;

  @Option(names = "--mu-lout", paramLabel = "TOKENS", description = "Inline: mean output length of one sample.")
  Double muLout;

  @Option(names = "--sigma-lout", paramLabel = "TOKENS", description = "Inline: sd of output length.")
  Double sigmaLout;

  @Option(names = "--acc-mean", paramLabel = "A", description = "Inline: mean quality score of one sample.")
  Double accMean;

  @Option(names = "--acc-std", paramLabel = "A", description = "Inline: sd of the quality score.")
  Double accStd;

  @Option(names = "--default-parallel", paramLabel = "P", description = "Inline: samples run at once (default 1).")
  Integer defaultParallel;

  /** The figures given by flags, by their catalog keys, in flag order. */
  private Map<String, Double> figures() {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("c_in", cIn);
    f.put("c_out", cOut);
    f.put("t_in", tIn);
    f.put("t_out", tOut);
    f.put("mu_Lin", muLin);
    f.put("sigma_Lin", sigmaLin);
    f.put("mu_Lout", muLout);
    f.put("sigma_Lout", sigmaLout);
    f.put("acc_mean", accMean);
    f.put("acc_std", accStd);
    return f;
  }

  /** The model: {@code id} of the catalog with the figures given by flags changed, or an inline model (id null). */
  ModelProfile resolve(Catalog catalog, String model) {
    Map<String, Double> given = figures();
    given.values().removeIf(Objects::isNull);
    if (model == null) {
      return inline(given);
    }
    ModelProfile m = catalog.require("model", model);
    boolean scores = m.accuracy().kind() == GaussianBestOfK.KIND;
    if (!scores && (accMean != null || accStd != null)) {
      if (accMean == null || accStd == null) {
        throw InvalidInputException.of(accMean == null ? "acc_mean" : "acc_std", null,
            "is required too: model " + m.id() + " uses accuracy_model " + m.accuracy().id()
                + "; --acc-mean and --acc-std together replace it with gaussian-best-of-k scores");
      }
      m = m.withAccuracy(new GaussianBestOfK(accMean, accStd));
      given.remove("acc_mean");
      given.remove("acc_std");
    }
    for (Map.Entry<String, Double> e : given.entrySet()) {
      m = Figures.with(m, e.getKey(), e.getValue());
    }
    if (defaultParallel != null) {
      m = m.withDefaultParallel(defaultParallel);
    }
    return name != null ? m.withName(name) : m;
  }

  private ModelProfile inline(Map<String, Double> given) {
    if (given.isEmpty()) {
      throw InvalidInputException.of("model", null, "is required: a model id of the catalog (see 'kstar models'),"
          + " or an inline model's figures (--c-in, --c-out, --t-in, --t-out, --mu-lin, --sigma-lin, --mu-lout,"
          + " --sigma-lout, --acc-mean, --acc-std)");
    }
    for (Map.Entry<String, Double> e : figures().entrySet()) {
      if (e.getValue() == null) {
        throw InvalidInputException.of(e.getKey(), null,
            "is required for an inline model (or give --model ID to start from a catalog model)");
      }
    }
    String id = name == null ? "inline" : name;
    return ModelProfile.builder(id).prices(cIn, cOut).speeds(tIn, tOut).inputTokens(muLin, sigmaLin)
        .outputTokens(muLout, sigmaLout).scores(accMean, accStd).parallel(defaultParallel == null ? 1 : defaultParallel)
        .build();
  }
}
