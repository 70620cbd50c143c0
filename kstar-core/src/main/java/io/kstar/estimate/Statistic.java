package io.kstar.estimate;

/**
 * The distribution of one quantity for one request at one k: mean, standard deviation, 2.5 % and
 * 97.5 % quantiles, and the standard error of the mean (0 for the exact estimator).
 */
public record Statistic(double mean, double std, double p025, double p975, double stderr) {

  public static Statistic exact(double mean, double std, double p025, double p975) {
    return new Statistic(mean, std, p025, p975, 0.0);
  }

  public static Statistic pointMass(double value) {
    return new Statistic(value, 0.0, value, value, 0.0);
  }
}
