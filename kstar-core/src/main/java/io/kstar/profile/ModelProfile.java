package io.kstar.profile;

import io.kstar.input.Check;
import java.util.Objects;

/**
 * One model's profile (SPEC §1): prices and per-token times, input and output length distributions,
 * the quality score of one sample, and the default parallelism P. Units: USD per token, seconds per
 * token, tokens, score in [0, 1]. Field names in validation messages are the keys of the flat
 * catalog format ({@code c_in}, {@code acc_std}, …). {@code accuracy} says how accuracy grows with k
 * (default: the paper's best-of-k Gaussian of acc_mean and acc_std).
 */
public record ModelProfile(
    String id,
    String name,
    double cIn,
    double cOut,
    double tIn,
    double tOut,
    double muLin,
    double sigmaLin,
    double muLout,
    double sigmaLout,
    double accMean,
    double accStd,
    int defaultParallel,
    io.kstar.accuracy.AccuracyModel accuracy,
    io.kstar.length.LengthModel inputLength,
    io.kstar.length.LengthModel outputLength,
    io.kstar.latency.LatencyModel latency) {

  /** Largest P accepted; beyond it nothing about the model changes in a meaningful grid. */
  public static final int MAX_PARALLEL = 1 << 20;

  public ModelProfile {
    Objects.requireNonNull(id, "id");
    name = name == null || name.isBlank() ? id : name;
    Check.finiteNonNegative("c_in", cIn);
    Check.finiteNonNegative("c_out", cOut);
    Check.finiteNonNegative("t_in", tIn);
    Check.finiteNonNegative("t_out", tOut);
    Check.atLeast("mu_Lin", muLin, 1, " (tokens; every request has at least one)");
    Check.finiteNonNegative("sigma_Lin", sigmaLin);
    Check.atLeast("mu_Lout", muLout, 1, " (tokens; every sample has at least one)");
    Check.finiteNonNegative("sigma_Lout", sigmaLout);
    Check.unitInterval("acc_mean", accMean);
    Check.finiteNonNegative("acc_std", accStd);
    Check.intInRange("default_parallel", defaultParallel, 1, MAX_PARALLEL);
    if (accuracy == null) {
      accuracy = new io.kstar.accuracy.GaussianBestOfK(accMean, accStd);
    }
    if (inputLength == null) {
      inputLength = new io.kstar.length.LengthModel.ClippedNormalLength(muLin, sigmaLin);
    }
    if (outputLength == null) {
      outputLength = new io.kstar.length.LengthModel.ClippedNormalLength(muLout, sigmaLout);
    }
    if (latency == null) {
      latency = io.kstar.latency.LatencyModel.DEFAULT;
    }
  }

  /** The same profile with other length models; mu/sigma become their (unclipped) means and sds. */
  public ModelProfile withLengths(io.kstar.length.LengthModel in, io.kstar.length.LengthModel out) {
    return new ModelProfile(id, name, cIn, cOut, tIn, tOut, in.mean(), in.sd(), out.mean(), out.sd(), accMean, accStd,
        defaultParallel, accuracy, in, out, latency);
  }

  public ModelProfile withLatency(io.kstar.latency.LatencyModel model) {
    return new ModelProfile(id, name, cIn, cOut, tIn, tOut, muLin, sigmaLin, muLout, sigmaLout, accMean, accStd,
        defaultParallel, accuracy, inputLength, outputLength, model);
  }

  /** True for the paper's models throughout: clipped-normal lengths and batched-mean latency. */
  public boolean paperLengthsAndLatency() {
    return inputLength instanceof io.kstar.length.LengthModel.ClippedNormalLength
        && outputLength instanceof io.kstar.length.LengthModel.ClippedNormalLength
        && latency.isDefault();
  }

  /** A profile with the paper's accuracy model: the best of k scores clip(N(acc_mean, acc_std²), 0, 1). */
  public ModelProfile(String id, String name, double cIn, double cOut, double tIn, double tOut, double muLin,
      double sigmaLin, double muLout, double sigmaLout, double accMean, double accStd, int defaultParallel) {
    this(id, name, cIn, cOut, tIn, tOut, muLin, sigmaLin, muLout, sigmaLout, accMean, accStd, defaultParallel, null,
        null, null, null);
  }

  /** The same profile with another accuracy model; acc_mean and acc_std become its k = 1 mean and sd. */
  public ModelProfile withAccuracy(io.kstar.accuracy.AccuracyModel model) {
    double m = model instanceof io.kstar.accuracy.GaussianBestOfK g ? g.scoreMean() : model.mean(1);
    double sd = model instanceof io.kstar.accuracy.GaussianBestOfK g ? g.scoreStd() : model.std(1);
    return new ModelProfile(id, name, cIn, cOut, tIn, tOut, muLin, sigmaLin, muLout, sigmaLout, m, sd,
        defaultParallel, model, inputLength, outputLength, latency);
  }
}
