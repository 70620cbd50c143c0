package io.kstar.estimate;

import io.kstar.profile.ModelProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Expectations without sampling noise (SPEC §3). Cost and latency: closed forms from the clipped
 * normal; E[C(k)] = k·E[C₁], sd = √k·sd(C₁); E[T(k)] = ⌈k/P⌉·E[T₁], sd = ⌈k/P⌉·sd(T₁)/√k.
 * Accuracy: {@link BestOfK}. Quantiles of A(k) are exact; those of the sums C(k) and T(k) use a
 * normal approximation (mean ± 1.959964·sd, never below the smallest possible value), and the
 * curve says so.
 */
public final class ExactEstimator implements Estimator {

  public static final String NAME = "exact";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Curve estimate(ModelProfile m, int parallel, int[] ks) {
    SampleMoments s = SampleMoments.of(m);
    io.kstar.accuracy.AccuracyModel acc = m.accuracy();
    if (ks.length > 0 && ks[ks.length - 1] > acc.maxExactK()) {
      throw io.kstar.input.InvalidInputException.of("k_max", ks[ks.length - 1],
          "the exact estimator computes the " + acc.id() + " model up to k = " + acc.maxExactK()
              + "; use the monte-carlo estimator beyond");
    }
    double minSampleCost = m.cIn() + m.cOut();
    double minSampleTime = m.tIn() + m.tOut();
    List<CurvePoint> points = new ArrayList<>(ks.length);
    for (int k : ks) {
      points.add(point(s, acc, parallel, k, minSampleCost, minSampleTime));
    }
    List<String> notes = new ArrayList<>();
    if (s.outputBoundMayBind()) {
      notes.add(
          m.id()
              + ": the exact estimator leaves out the bound L_out <= 16*L_in, which may bind for this"
              + " profile; use --estimator monte-carlo for it");
    }
    return new Curve(m.id(), parallel, NAME, QuantileMethod.EXACT_ACCURACY_NORMAL_APPROX_SUMS, points, notes);
  }

  static CurvePoint point(SampleMoments s, io.kstar.accuracy.AccuracyModel acc, int parallel, int k,
      double minSampleCost, double minSampleTime) {
    double rounds = Math.ceil((double) k / parallel);
    double cMean = k * s.costMean();
    double cStd = Math.sqrt(k * s.costVar());
    double tMean = rounds * s.timeMean();
    double tStd = rounds * Math.sqrt(s.timeVar() / k);
    double aMean;
    double aStd;
    if (acc instanceof io.kstar.accuracy.GaussianBestOfK g) {
      double[] a = g.moments(k);
      aMean = a[0];
      aStd = Math.sqrt(Math.max(0.0, a[1] - a[0] * a[0]));
    } else {
      aMean = acc.mean(k);
      aStd = acc.std(k);
    }
    Statistic cost = Statistic.of(cMean, cStd, 0, new Marginal.NormalApprox(cMean, cStd, k * minSampleCost));
    Statistic latency = Statistic.of(tMean, tStd, 0, new Marginal.NormalApprox(tMean, tStd, rounds * minSampleTime));
    Statistic accuracy = Statistic.of(aMean, aStd, 0, acc.distribution(k));
    return new CurvePoint(k, cost, latency, accuracy);
  }
}
