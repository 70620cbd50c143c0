package io.kstar.estimate;

import io.kstar.distribution.SampleQuantile;
import io.kstar.accuracy.AccuracyModel;
import io.kstar.profile.Calibration;
import io.kstar.profile.ModelProfile;
import java.util.Arrays;
import java.util.List;

/**
 * How sure kstar is about the <em>expected</em> values at one k, as opposed to the spread of one
 * request ({@link Statistic}): 90 % intervals of E[C], E[T] and E[A] over the profile's calibration
 * replicates, whether k lies beyond the data the calibration covered, and the replicates' E[A] (for
 * the probability that the expectations meet a budget). A profile without calibration is taken as
 * known: every interval is its mean and there are no replicates.
 *
 * <p>Only the accuracy model carries calibration uncertainty today; cost and latency intervals are
 * their means. Beyond the data of a calibration that holds there ({@link Calibration.Beyond#HOLD}),
 * the replicates are read at the edge of the data (as the mean is), and the interval also spans the
 * replicates' continued growth: the model's extrapolation is shown as a possibility, not expected.
 *
 * @param accuracyReplicates E[A(k)] under each replicate, read as the mean is (empty without calibration)
 */
public record Expected(Interval cost, Interval latency, Interval accuracy, boolean extrapolated,
    double[] accuracyReplicates) {

  public static Expected none(double cost, double latency, double accuracy) {
    return new Expected(Interval.exact(cost), Interval.exact(latency), Interval.exact(accuracy), false, new double[0]);
  }

  /** E[A] at cap k of one calibration replicate, under the request's stopping policy. */
  @FunctionalInterface
  public interface AccuracyAt {
    double mean(AccuracyModel replicate, int k);
  }

  /** The expected values at k for {@code m}, whose means are {@code cost}, {@code latency}, {@code accuracy}. */
  public static Expected of(ModelProfile m, int k, double cost, double latency, double accuracy) {
    return of(m, k, cost, latency, accuracy, AccuracyModel::mean);
  }

  /** The same under a stopping policy whose replicates' accuracy is {@code at}. */
  public static Expected of(ModelProfile m, int k, double cost, double latency, double accuracy, AccuracyAt at) {
    if (m.calibrated().isEmpty()) {
      return none(cost, latency, accuracy);
    }
    Calibration c = m.calibrated().get();
    int ka = c.accuracyK(k);
    double[] read = means(c, ka, at);
    if (read.length == 0) {
      return new Expected(Interval.exact(cost), Interval.exact(latency), Interval.exact(accuracy), c.extrapolates(k),
          read);
    }
    double lo = SampleQuantile.of(read, 0.05);
    double hi = SampleQuantile.of(read, 0.95);
    if (ka != k) {
      double[] growth = means(c, k, at);
      if (growth.length > 0) {
        lo = Math.min(lo, SampleQuantile.of(growth, 0.05));
        hi = Math.max(hi, SampleQuantile.of(growth, 0.95));
      }
    }
    lo = Math.min(lo, accuracy);
    hi = Math.max(hi, accuracy);
    return new Expected(Interval.exact(cost), Interval.exact(latency), new Interval(accuracy, lo, hi),
        c.extrapolates(k), read);
  }

  private static double[] means(Calibration c, int k, AccuracyAt at) {
    double[] out = new double[c.samples().size()];
    int n = 0;
    for (AccuracyModel r : c.samples()) {
      if (k <= r.maxExactK()) {
        double v = at.mean(r, k);
        if (!Double.isNaN(v)) {
          out[n++] = v;
        }
      }
    }
    return Arrays.copyOf(out, n);
  }


  /**
   * The probability that the expected cost, latency and accuracy meet the budgets: the share of
   * replicates whose E[A] reaches {@code minAccuracy} when cost and latency meet theirs (they carry no
   * uncertainty), 0 when they do not; without replicates, 1 or 0 as the means do.
   */
  public double pMeets(boolean costAndLatencyMeet, double accuracyMean, double minAccuracy) {
    if (!costAndLatencyMeet) {
      return 0;
    }
    if (accuracyReplicates.length == 0) {
      return accuracyMean >= minAccuracy ? 1 : 0;
    }
    int n = 0;
    for (double a : accuracyReplicates) {
      if (a >= minAccuracy) {
        n++;
      }
    }
    return (double) n / accuracyReplicates.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Expected e && e.cost.equals(cost) && e.latency.equals(latency) && e.accuracy.equals(accuracy)
        && e.extrapolated == extrapolated && Arrays.equals(e.accuracyReplicates, accuracyReplicates);
  }

  @Override
  public int hashCode() {
    return accuracy.hashCode() * 31 + Arrays.hashCode(accuracyReplicates);
  }

  private static String plain(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /**
   * Notes for outputs about a profile's figures: a cached-input price above the input price (a cached prompt
   * would cost more than a fresh one: most likely a price entered in the wrong field), and some k beyond the
   * calibration's data.
   */
  public static List<String> notes(ModelProfile m, int[] ks) {
    List<String> out = new java.util.ArrayList<>();
    var p = m.prices();
    if (m.requests().promptCache() && p.cachedInputUsdPerToken().isPresent()
        && p.cachedInputUsdPerToken().getAsDouble() > p.inputUsdPerToken()) {
      out.add(m.id() + ": warning: c_in_cached = " + plain(p.cachedInputUsdPerToken().getAsDouble())
          + " is above c_in = " + plain(p.inputUsdPerToken())
          + ": reading the cached prompt costs more than sending it (a provider's cached-input price is below its input"
          + " price)");
    }
    if (m.calibrated().isEmpty() || ks.length == 0 || !m.calibrated().get().extrapolates(ks[ks.length - 1])) {
      return out;
    }
    Calibration c = m.calibrated().get();
    out.add(m.id() + ": calibrated on k <= " + c.dataUpToK() + "; points beyond are extrapolated"
        + (c.beyond() == Calibration.Beyond.HOLD
            ? " (expected accuracy held at its k = " + c.dataUpToK() + " value; the interval spans the model's growth)"
            : " by the fitted model"));
    return out;
  }
}
