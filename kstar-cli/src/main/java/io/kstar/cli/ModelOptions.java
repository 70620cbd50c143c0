package io.kstar.cli;

import io.kstar.input.InvalidInputException;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import picocli.CommandLine.Option;

/**
 * One model: from the catalog ({@code --model ID}), given inline with flags, or a catalog model with
 * some figures overridden by flags ("gpt5, at my prices").
 */
final class ModelOptions {

  @Option(names = "--model", paramLabel = "ID", description = "Model id in the catalog.")
  String model;

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

  ModelProfile resolve(Catalog catalog) {
    ModelProfile base = model == null ? null : catalog.require("--model", model);
    if (base == null) {
      String[] flags = {"--c-in", "--c-out", "--t-in", "--t-out", "--mu-lin", "--sigma-lin", "--mu-lout",
          "--sigma-lout", "--acc-mean", "--acc-std"};
      Double[] values = {cIn, cOut, tIn, tOut, muLin, sigmaLin, muLout, sigmaLout, accMean, accStd};
      for (int i = 0; i < flags.length; i++) {
        if (values[i] == null) {
          throw InvalidInputException.of(flags[i], null,
              "is required for an inline model (or give --model ID to start from a catalog model)");
        }
      }
    }
    try {
      ModelProfile built = new ModelProfile(
          base == null ? (name == null ? "inline" : name) : base.id(),
          name != null ? name : base == null ? "inline" : base.name(),
          or(cIn, base, ModelProfile::cIn), or(cOut, base, ModelProfile::cOut),
          or(tIn, base, ModelProfile::tIn), or(tOut, base, ModelProfile::tOut),
          or(muLin, base, ModelProfile::muLin), or(sigmaLin, base, ModelProfile::sigmaLin),
          or(muLout, base, ModelProfile::muLout), or(sigmaLout, base, ModelProfile::sigmaLout),
          or(accMean, base, ModelProfile::accMean), or(accStd, base, ModelProfile::accStd),
          defaultParallel != null ? defaultParallel : base == null ? 1 : base.defaultParallel());
      boolean keepModel = base != null && !(base.accuracy() instanceof io.kstar.accuracy.GaussianBestOfK)
          && accMean == null && accStd == null;
      return keepModel ? built.withAccuracy(base.accuracy()) : built;
    } catch (InvalidInputException e) {
      String flag = "--" + e.field().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      throw new InvalidInputException(null, flag, e.value().orElse(null), e.allowed());
    }
  }

  private static double or(Double flag, ModelProfile base, java.util.function.ToDoubleFunction<ModelProfile> f) {
    return flag != null ? flag : f.applyAsDouble(base);
  }
}
