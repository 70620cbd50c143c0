package io.kstar.accuracy;

import io.kstar.parameter.KindRegistry;

/** The registry of accuracy models: one line per model; the first is what a catalog gets when it names none. */
public final class AccuracyModels {
  private AccuracyModels() {}

  public static final KindRegistry<AccuracyModel> REGISTRY = KindRegistry.of("accuracy_model",
      GaussianBestOfK.KIND,
      PassAtK.KIND,
      MajorityVote.KIND,
      SelectorBestOfK.KIND,
      PassAtKWithUnsolved.KIND);
}
