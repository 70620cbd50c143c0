package io.kstar.estimate;

import io.kstar.distribution.Marginal;

/**
 * One quantity for one request at one k: mean, standard deviation, 2.5 % and 97.5 % quantiles, the
 * standard error of the mean (0 for the exact estimator) and the distribution itself, for percentile
 * budgets and breach probabilities.
 */
public record Statistic(double mean, double std, double p025, double p975, double stderr, Marginal distribution) {

  public static Statistic of(double mean, double std, double stderr, Marginal distribution) {
    return new Statistic(mean, std, distribution.quantile(0.025), distribution.quantile(0.975), stderr, distribution);
  }
}
