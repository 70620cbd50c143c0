package io.kstar.accuracy;

import io.kstar.parameter.KindRegistry;

/** The registry of accuracy models: one line per model; the first is what a catalog gets when it names none. */
public final class AccuracyModels {
  private AccuracyModels() {}

  /**
   * Capability: a sample can be checked right or wrong as it is drawn (an oracle verifier), and A(k) is the
   * chance that some sample of k is right ({@link AccuracyModel#mean} is pass@k): until-pass applies.
   */
  public static final String VERIFIED = "verified";

  /** Capability: the answer is a majority vote; the model is a {@link Voting} (until-decided, until-lead apply). */
  public static final String VOTES = "votes";

  /** Capability: each sample has a quality score; the model is a {@link Scores} (until-score applies). */
  public static final String SCORES = "scores";

  public static final KindRegistry<AccuracyModel> REGISTRY = KindRegistry.of("accuracy_model",
      GaussianBestOfK.KIND,
      PassAtK.KIND,
      MajorityVote.KIND,
      SelectorBestOfK.KIND,
      PassAtKWithUnsolved.KIND);
}
