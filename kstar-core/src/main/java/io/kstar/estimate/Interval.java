package io.kstar.estimate;

/** An expected value and its 90 % interval over what the profile does not know (p05 = p95 = mean when it knows it all). */
public record Interval(double mean, double p05, double p95) {

  public static Interval exact(double mean) {
    return new Interval(mean, mean, mean);
  }
}
