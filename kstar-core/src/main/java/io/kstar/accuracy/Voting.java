package io.kstar.accuracy;

/**
 * A model whose answer is a majority vote (capability {@link AccuracyModels#VOTES}): what the stopping
 * laws of until-decided and until-lead read of it.
 */
public interface Voting {
  /** The question's success probability p ~ Beta(α, β). */
  BetaDifficulty difficulty();

  /** m: how many distinct wrong answers a wrong sample spreads over. */
  int wrongAnswers();
}
