package io.kstar.profile;

import io.kstar.input.Check;
import java.util.Objects;

/**
 * One model's profile (SPEC §1): prices and per-token times, input and output length distributions,
 * the quality score of one sample, and the default parallelism P. Units: USD per token, seconds per
 * token, tokens, score in [0, 1]. Field names in validation messages are the keys of the flat
 * catalog format ({@code c_in}, {@code acc_std}, …).
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
    int defaultParallel) {

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
  }
}
