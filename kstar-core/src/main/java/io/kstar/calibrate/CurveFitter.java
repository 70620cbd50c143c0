package io.kstar.calibrate;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.accuracy.SelectorBestOfK;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Fits an accuracy model with Beta difficulty to a measured accuracy-against-N curve by least squares
 * (Levenberg–Marquardt, Hipparchus), on log α, log β and logit s so every trial value is valid, from
 * several starting points.
 *
 * <p>Why least squares rather than maximum likelihood: the points of such a curve are measured on the
 * same questions (the n = 16 samples include the n = 8 ones), so they are not independent binomial
 * observations; a likelihood that treated them as independent would overstate its confidence, and
 * the per-question counts it would need are not in the table.
 *
 * <p>Points with n ≤ {@code fitUpTo} are fitted; the rest are predicted and their error reported
 * (extrapolation is what a planner does with the fit). The profile written is refitted on every point.
 */
public final class CurveFitter {
  private CurveFitter() {}

  public static final List<Integer> WRONG_ANSWER_GRID = List.of(1, 2, 3, 4, 6, 8);

  public record Residual(int n, double observed, double fitted, boolean heldOut) {}

  public record Fit(
      String modelId,
      AccuracyModel model,
      Map<String, Double> parameters,
      double rmseFitted,
      double rmseHeldOut,
      int fitted,
      int heldOut,
      AccuracyModel refitOnAll,
      Map<String, Double> parametersAll,
      double rmseAll,
      List<Residual> residuals) {}

  /** The candidate models for a curve measured with {@code method}: all three when unknown. */
  public static List<String> candidates(String method) {
    if (method.contains("maj") || method.contains("vote") || method.equals("sc")) {
      return List.of(MajorityVote.ID, PassAtK.ID);
    }
    if (method.contains("best")) {
      return List.of(SelectorBestOfK.ID, PassAtK.ID);
    }
    return List.of(SelectorBestOfK.ID, MajorityVote.ID, PassAtK.ID);
  }

  /** Fits every candidate model and returns them best first (smallest held-out error, else fitted). */
  public static List<Fit> fitAll(MeasuredCurve curve, List<String> models, int fitUpTo) {
    List<Fit> fits = new ArrayList<>();
    for (String id : models) {
      if (id.equals(MajorityVote.ID)) {
        Fit best = null;
        for (int m : WRONG_ANSWER_GRID) {
          Fit f = fit(curve, id, m, fitUpTo);
          if (best == null || score(f) < score(best)) {
            best = f;
          }
        }
        fits.add(best);
      } else {
        fits.add(fit(curve, id, 0, fitUpTo));
      }
    }
    fits.sort((a, b) -> Double.compare(score(a), score(b)));
    return fits;
  }

  private static double score(Fit f) {
    return f.heldOut() > 0 ? f.rmseHeldOut() : f.rmseFitted();
  }

  public static Fit fit(MeasuredCurve curve, String id, int wrongAnswers, int fitUpTo) {
    List<MeasuredCurve.Point> train = curve.points().stream().filter(p -> p.n() <= fitUpTo).toList();
    if (train.size() < 3) {
      train = curve.points();
    }
    Function<double[], AccuracyModel> build = build(id, wrongAnswers);
    int dims = id.equals(SelectorBestOfK.ID) ? 3 : 2;
    double[] x = solve(train, build, dims);
    AccuracyModel model = build.apply(x);
    double[] all = solve(curve.points(), build, dims);
    AccuracyModel refit = build.apply(all);
    List<Residual> residuals = new ArrayList<>();
    double sf = 0;
    double sh = 0;
    int nf = 0;
    int nh = 0;
    double sa = 0;
    final List<MeasuredCurve.Point> trained = train;
    for (MeasuredCurve.Point p : curve.points()) {
      double f = model.mean(p.n());
      boolean held = !trained.contains(p);
      residuals.add(new Residual(p.n(), p.accuracy(), f, held));
      double e = (p.accuracy() - f) * (p.accuracy() - f);
      if (held) {
        sh += e;
        nh++;
      } else {
        sf += e;
        nf++;
      }
      double r = p.accuracy() - refit.mean(p.n());
      sa += r * r;
    }
    return new Fit(id, model, parameters(x, dims, id, wrongAnswers), Math.sqrt(sf / Math.max(1, nf)),
        nh == 0 ? Double.NaN : Math.sqrt(sh / nh), nf, nh, refit, parameters(all, dims, id, wrongAnswers),
        Math.sqrt(sa / curve.points().size()), residuals);
  }

  private static Map<String, Double> parameters(double[] x, int dims, String id, int wrongAnswers) {
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("alpha", Math.exp(clamp(x[0])));
    params.put("beta", Math.exp(clamp(x[1])));
    if (dims == 3) {
      params.put("selector_accuracy", logistic(x[2]));
    }
    if (id.equals(MajorityVote.ID)) {
      params.put("wrong_answers", (double) wrongAnswers);
    }
    return params;
  }

  static Function<double[], AccuracyModel> build(String id, int wrongAnswers) {
    return x -> {
      BetaDifficulty d = new BetaDifficulty(Math.exp(clamp(x[0])), Math.exp(clamp(x[1])));
      return switch (id) {
        case PassAtK.ID -> new PassAtK(d);
        case MajorityVote.ID -> new MajorityVote(d, wrongAnswers);
        case SelectorBestOfK.ID -> new SelectorBestOfK(d, logistic(x[2]));
        default -> throw new IllegalArgumentException(id);
      };
    };
  }

  private static double clamp(double v) {
    return Math.max(-12, Math.min(12, v));
  }

  static double logistic(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  private static double[] solve(List<MeasuredCurve.Point> pts, Function<double[], AccuracyModel> build, int dims) {
    double[] target = pts.stream().mapToDouble(MeasuredCurve.Point::accuracy).toArray();
    LeastSquaresOptimizer lm = new LevenbergMarquardtOptimizer();
    double[] best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (double a0 : new double[] {Math.log(0.3), 0, Math.log(3)}) {
      for (double b0 : new double[] {Math.log(0.1), Math.log(0.5), Math.log(2)}) {
        for (double s0 : dims == 3 ? new double[] {1.0, 2.5, 4.0} : new double[] {0}) {
          double[] start = dims == 3 ? new double[] {a0, b0, s0} : new double[] {a0, b0};
          try {
            var problem = new LeastSquaresBuilder()
                .start(start)
                .target(target)
                .model(point -> jacobian(point, pts, build))
                .maxEvaluations(2000)
                .maxIterations(500)
                .build();
            var optimum = lm.optimize(problem);
            double cost = optimum.getCost();
            if (cost < bestCost) {
              bestCost = cost;
              best = optimum.getPoint().toArray();
            }
          } catch (RuntimeException e) {
            // a start that wanders off (too many iterations, a singular step): try the next one
          }
        }
      }
    }
    if (best == null) {
      throw new IllegalStateException("no start point converged");
    }
    return best;
  }

  /** Values and a central-difference Jacobian of the model's mean at every point's n. */
  private static Pair<RealVector, org.hipparchus.linear.RealMatrix> jacobian(RealVector point,
      List<MeasuredCurve.Point> pts, Function<double[], AccuracyModel> build) {
    double[] x = point.toArray();
    double[] v = values(build.apply(x), pts);
    double[][] j = new double[pts.size()][x.length];
    for (int c = 0; c < x.length; c++) {
      double h = 1e-6 * Math.max(1, Math.abs(x[c]));
      double[] up = x.clone();
      double[] down = x.clone();
      up[c] += h;
      down[c] -= h;
      double[] vu = values(build.apply(up), pts);
      double[] vd = values(build.apply(down), pts);
      for (int r = 0; r < pts.size(); r++) {
        j[r][c] = (vu[r] - vd[r]) / (2 * h);
      }
    }
    return new Pair<>(new ArrayRealVector(v), new Array2DRowRealMatrix(j, false));
  }

  private static double[] values(AccuracyModel m, List<MeasuredCurve.Point> pts) {
    double[] v = new double[pts.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = m.mean(pts.get(i).n());
    }
    return v;
  }

  /**
   * Generated tokens per sample, from tokens measured for all n samples together: the least-squares
   * slope through the origin, Σ n·tokens / Σ n². NaN when the curve has no tokens.
   */
  public static double tokensPerSample(MeasuredCurve curve) {
    double num = 0;
    double den = 0;
    for (MeasuredCurve.Point p : curve.points()) {
      if (p.tokens() != null) {
        num += p.n() * p.tokens();
        den += (double) p.n() * p.n();
      }
    }
    return den == 0 ? Double.NaN : num / den;
  }
}
