package io.kstar.plan;

import io.kstar.budget.Budget;
import io.kstar.estimate.Estimator;
import io.kstar.profile.ModelProfile;
import io.kstar.select.Selection;
import io.kstar.select.Selectors;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code kstar sensitivity}: how each pick moves when one figure moves. Each budget and each profile
 * figure is scaled by 1 ± 10 % and 1 ± 25 % on its own (accuracy figures clipped to their ranges) and
 * the plan recomputed. A pick is <em>fragile</em> when a ±10 % change of any one figure changes its
 * k or P (or removes it).
 */
public final class Sensitivity {
  private Sensitivity() {}

  public static final double[] DELTAS = {-0.25, -0.10, 0.10, 0.25};
  public static final List<String> FACTORS = List.of(
      "max_cost_usd", "max_latency_s", "min_accuracy", "c_in", "c_out", "t_in", "t_out", "mu_Lin",
      "sigma_Lin", "mu_Lout", "sigma_Lout", "acc_mean", "acc_std");

  /** The pick of one selector after one change: k and P, or empty when it picks nothing. */
  public record Pick(String selector, Integer k, Integer parallel) {
    static Pick of(Selection s) {
      return s.point().map(p -> new Pick(s.selector(), p.k(), p.parallel())).orElse(new Pick(s.selector(), null, null));
    }

    public String label() {
      return k == null ? "-" : Integer.toString(k);
    }
  }

  /** One figure scaled by (1 + delta); {@code value} is the figure after scaling (after clipping). */
  public record Row(String factor, double delta, double value, List<Pick> picks) {}

  public record Result(Deployment.Result base, List<Row> rows, Map<String, List<String>> fragile) {}

  public static Result analyse(Deployment.Request request, Estimator estimator) {
    Deployment.Result base = Deployment.plan(request, estimator);
    List<Pick> basePicks = base.plan().selections().stream().map(Pick::of).toList();
    List<Row> rows = new ArrayList<>();
    Map<String, List<String>> fragile = new LinkedHashMap<>();
    Selectors.ids().forEach(id -> fragile.put(id, new ArrayList<>()));
    for (String factor : FACTORS) {
      for (double d : DELTAS) {
        double[] value = new double[1];
        Deployment.Request changed = change(request, factor, x -> {
          value[0] = x * (1 + d);
          return value[0];
        });
        value[0] = current(changed, factor);
        Deployment.Result r = Deployment.plan(changed, estimator);
        List<Pick> picks = r.plan().selections().stream().map(Pick::of).toList();
        rows.add(new Row(factor, d, value[0], picks));
        if (Math.abs(d) <= 0.10 + 1e-12) {
          for (int i = 0; i < picks.size(); i++) {
            Pick a = basePicks.get(i);
            Pick b = picks.get(i);
            boolean moved = !java.util.Objects.equals(a.k(), b.k()) || !java.util.Objects.equals(a.parallel(), b.parallel());
            List<String> list = fragile.get(a.selector());
            if (moved && !list.contains(factor)) {
              list.add(factor);
            }
          }
        }
      }
    }
    return new Result(base, rows, fragile);
  }

  static double current(Deployment.Request r, String factor) {
    ModelProfile m = r.model();
    Budget b = r.budget();
    return switch (factor) {
      case "max_cost_usd" -> b.maxCostUsd();
      case "max_latency_s" -> b.maxLatencyS();
      case "min_accuracy" -> b.minAccuracy();
      case "c_in" -> m.cIn();
      case "c_out" -> m.cOut();
      case "t_in" -> m.tIn();
      case "t_out" -> m.tOut();
      case "mu_Lin" -> m.muLin();
      case "sigma_Lin" -> m.sigmaLin();
      case "mu_Lout" -> m.muLout();
      case "sigma_Lout" -> m.sigmaLout();
      case "acc_mean" -> m.accMean();
      case "acc_std" -> m.accStd();
      default -> throw new IllegalArgumentException(factor);
    };
  }

  static Deployment.Request change(Deployment.Request r, String factor, DoubleUnaryOperator f) {
    ModelProfile m = r.model();
    Budget b = r.budget();
    Budget nb = switch (factor) {
      case "max_cost_usd" -> Budget.of(f.applyAsDouble(b.maxCostUsd()), b.maxLatencyS(), b.minAccuracy());
      case "max_latency_s" -> Budget.of(b.maxCostUsd(), f.applyAsDouble(b.maxLatencyS()), b.minAccuracy());
      case "min_accuracy" -> Budget.of(b.maxCostUsd(), b.maxLatencyS(), Math.min(1, f.applyAsDouble(b.minAccuracy())));
      default -> b;
    };
    double cIn = m.cIn();
    double cOut = m.cOut();
    double tIn = m.tIn();
    double tOut = m.tOut();
    double muLin = m.muLin();
    double sLin = m.sigmaLin();
    double muLout = m.muLout();
    double sLout = m.sigmaLout();
    double aMean = m.accMean();
    double aStd = m.accStd();
    switch (factor) {
      case "c_in" -> cIn = f.applyAsDouble(cIn);
      case "c_out" -> cOut = f.applyAsDouble(cOut);
      case "t_in" -> tIn = f.applyAsDouble(tIn);
      case "t_out" -> tOut = f.applyAsDouble(tOut);
      case "mu_Lin" -> muLin = Math.max(1, f.applyAsDouble(muLin));
      case "sigma_Lin" -> sLin = f.applyAsDouble(sLin);
      case "mu_Lout" -> muLout = Math.max(1, f.applyAsDouble(muLout));
      case "sigma_Lout" -> sLout = f.applyAsDouble(sLout);
      case "acc_mean" -> aMean = Math.min(1, Math.max(0, f.applyAsDouble(aMean)));
      case "acc_std" -> aStd = f.applyAsDouble(aStd);
      default -> { }
    }
    ModelProfile nm = new ModelProfile(m.id(), m.name(), cIn, cOut, tIn, tOut, muLin, sLin, muLout, sLout, aMean,
        aStd, m.defaultParallel());
    if (!(m.accuracy() instanceof io.kstar.accuracy.GaussianBestOfK)) {
      // acc_mean and acc_std describe the Gaussian scores only; other models keep their parameters
      nm = nm.withAccuracy(m.accuracy());
    }
    return new Deployment.Request(nm, r.parallels(), r.grid(), r.kMax(), nb, r.basis(), r.accuracyTolerance(),
        r.baselineK());
  }

  /** For the tornado chart: a base pick's point. */
  public static OperatingPoint basePoint(Result r, String selector) {
    return r.base().plan().selection(selector).point().orElse(null);
  }
}
