package io.kstar.accuracy;

import io.kstar.distribution.Marginal;

/**
 * Models whose one request is answered right or wrong (pass@k, majority vote, a selector): the
 * outcome is Bernoulli(q), q = E[A(k)], so sd = √(q(1−q)) and the distribution is exact. Open to
 * new models: a new right-or-wrong model implements this, declares its {@code KIND} and is added to
 * {@link AccuracyModels#REGISTRY}.
 */
public non-sealed interface BernoulliOutcome extends AccuracyModel {

  @Override
  default double std(int k) {
    double q = mean(k);
    return Math.sqrt(q * (1 - q));
  }

  @Override
  default double[] meanAndStd(int k) {
    double q = mean(k);
    return new double[] {q, Math.sqrt(q * (1 - q))};
  }

  @Override
  default Marginal distribution(int k) {
    return new Marginal.Bernoulli(mean(k));
  }
}
