package io.kstar.calibrate.forecast;

import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Unweighted least squares of a family's mean on (n, accuracy) points, Levenberg–Marquardt (Hipparchus)
 * from several starts on the unconstrained scale, every iterate clamped to the family's bounds.
 * Least squares rather than a likelihood for the reason {@code CurveFitter} gives: the points share one
 * question set, so they are not independent binomial observations; their dependence is handled by the
 * simulation instead.
 */
final class LeastSquaresFit {
  private LeastSquaresFit() {}

  /** A solution: unconstrained parameters and the residual sum of squares. */
  record Solution(double[] x, double rss) {}

  static Solution fit(Family f, int[] ns, double[] y, List<double[]> starts) {
    LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer();
    Solution best = null;
    for (double[] start : starts) {
      try {
        var problem = new LeastSquaresBuilder()
            .start(start.clone())
            .target(y)
            .model(p -> valueAndJacobian(f, p, ns))
            .parameterValidator(p -> {
              RealVector c = p.copy();
              for (int i = 0; i < c.getDimension(); i++) {
                c.setEntry(i, Family.clamp(c.getEntry(i)));
              }
              return c;
            })
            .maxEvaluations(600)
            .maxIterations(200)
            .build();
        var opt = lm.optimize(problem);
        double[] x = opt.getPoint().toArray();
        for (int i = 0; i < x.length; i++) {
          x[i] = Family.clamp(x[i]);
        }
        double rss = rss(f, x, ns, y);
        if (best == null || rss < best.rss()) {
          best = new Solution(x, rss);
        }
      } catch (RuntimeException e) {
        // a start that runs out of iterations or steps into a singular region: take the next one
      }
    }
    if (best == null) {
      // every start failed to converge: keep the best start point as is (flagged by the caller as a bound/identification issue)
      for (double[] start : starts) {
        double rss = rss(f, start, ns, y);
        if (best == null || rss < best.rss()) {
          best = new Solution(start.clone(), rss);
        }
      }
    }
    return best;
  }

  static double rss(Family f, double[] x, int[] ns, double[] y) {
    double[] v = f.means(x, ns);
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += (y[i] - v[i]) * (y[i] - v[i]);
    }
    return s;
  }

  private static Pair<RealVector, RealMatrix> valueAndJacobian(Family f, RealVector point, int[] ns) {
    double[] x = point.toArray();
    double[] v = f.means(x, ns);
    double[][] j = new double[ns.length][x.length];
    for (int c = 0; c < x.length; c++) {
      double h = 1e-5 * Math.max(1, Math.abs(x[c]));
      double[] up = x.clone();
      double[] down = x.clone();
      up[c] += h;
      down[c] -= h;
      double[] vu = f.means(up, ns);
      double[] vd = f.means(down, ns);
      double width = Family.clamp(up[c]) - Family.clamp(down[c]);
      for (int r = 0; r < ns.length; r++) {
        j[r][c] = width == 0 ? 0 : (vu[r] - vd[r]) / width;
      }
    }
    return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(j, false));
  }
}
