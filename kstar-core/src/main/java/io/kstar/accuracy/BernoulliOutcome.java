package io.kstar.accuracy;

import io.kstar.estimate.Marginal;

/**
 * Models whose one request is answered right or wrong (pass@k, majority vote, a selector): the
 * outcome is Bernoulli(q), q = E[A(k)], so sd = √(q(1−q)) and the distribution is exact.
 */
public sealed interface BernoulliOutcome extends AccuracyModel permits PassAtK, MajorityVote, SelectorBestOfK {

  @Override
  default double std(int k) {
    double q = mean(k);
    return Math.sqrt(q * (1 - q));
  }

  @Override
  default Marginal distribution(int k) {
    return AccuracyModel.bernoulli(mean(k));
  }
}
