package io.kstar.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Leave-one-rate-out check of a sweep: each measured rate in turn is held out, each {@link LoadFit} is fitted
 * to the others and predicts the held-out TTFT and TPOT, beside the naive baseline "the latency of the
 * nearest measured rate". The error of a prediction is |ln(predicted ÷ measured)| (0.1 is about 10 %), and a
 * method's score is its mean over the held-out rates and both metrics. The fit with the lower score is
 * chosen (interpolation on a tie, and whenever there are fewer than three rates to check on).
 */
public record LoadValidation(List<Row> rows, double interpolationScore, double queueingScore, double nearestScore,
    LoadFit chosen) {

  /** The predictions for one held-out rate (NaN where a fit cannot be made). */
  public record Row(LoadPoint heldOut, double rho, Prediction interpolation, Prediction queueing, Prediction nearest) {}

  public record Prediction(double ttftS, double tpotS) {
    static final Prediction NONE = new Prediction(Double.NaN, Double.NaN);

    /** |ln(predicted / measured)|, the mean of TTFT's and TPOT's. */
    public double error(LoadPoint actual) {
      return (Math.abs(Math.log(ttftS / actual.ttftS())) + Math.abs(Math.log(tpotS / actual.tpotS()))) / 2;
    }
  }

  /** True when the check could be made (three or more rates). */
  public boolean checked() {
    return !rows.isEmpty();
  }

  public double score(LoadFit f) {
    return f == LoadFit.INTERPOLATION ? interpolationScore : queueingScore;
  }

  /** The check of {@code points} (achieved rates, strictly increasing) on a replica of {@code capacityRps}. */
  public static LoadValidation of(List<LoadPoint> points, double capacityRps) {
    List<Row> rows = new ArrayList<>();
    if (points.size() >= 3) {
      for (int h = 0; h < points.size(); h++) {
        List<LoadPoint> rest = new ArrayList<>(points);
        LoadPoint held = rest.remove(h);
        double r = held.requestsPerS() / capacityRps;
        rows.add(new Row(held, r, predict(LoadFit.INTERPOLATION, rest, capacityRps, r),
            predict(LoadFit.QUEUEING, rest, capacityRps, r), nearest(rest, held.requestsPerS())));
      }
    }
    double i = score(rows, Row::interpolation);
    double q = score(rows, Row::queueing);
    double n = score(rows, Row::nearest);
    LoadFit chosen = rows.isEmpty() || !(q < i) ? LoadFit.INTERPOLATION : LoadFit.QUEUEING;
    return new LoadValidation(rows, i, q, n, chosen);
  }

  private static double score(List<Row> rows, java.util.function.Function<Row, Prediction> method) {
    if (rows.isEmpty()) {
      return Double.NaN;
    }
    double s = 0;
    for (Row r : rows) {
      double e = method.apply(r).error(r.heldOut());
      if (Double.isNaN(e)) {
        return Double.POSITIVE_INFINITY;
      }
      s += e;
    }
    return s / rows.size();
  }

  private static Prediction predict(LoadFit f, List<LoadPoint> rest, double capacity, double r) {
    double[] rho = LoadCurve.rho(rest, capacity);
    Optional<LoadFit.Shape> t = f.fit(rho, LoadCurve.ttfts(rest));
    Optional<LoadFit.Shape> d = f.fit(rho, LoadCurve.tpots(rest));
    return t.isEmpty() || d.isEmpty() ? Prediction.NONE : new Prediction(t.get().at(r), d.get().at(r));
  }

  private static Prediction nearest(List<LoadPoint> rest, double rate) {
    LoadPoint best = rest.get(0);
    for (LoadPoint p : rest) {
      if (Math.abs(p.requestsPerS() - rate) < Math.abs(best.requestsPerS() - rate)) {
        best = p;
      }
    }
    return new Prediction(best.ttftS(), best.tpotS());
  }
}
