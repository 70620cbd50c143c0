package io.kstar.accuracy;

/**
 * A model whose samples carry a quality score clip(N(μ, σ²), 0, 1) (capability {@link AccuracyModels#SCORES}):
 * what until-score's stopping law reads of it.
 */
public interface Scores {
  /** μ of one sample's score. */
  double scoreMean();

  /** σ of one sample's score. */
  double scoreStd();
}
