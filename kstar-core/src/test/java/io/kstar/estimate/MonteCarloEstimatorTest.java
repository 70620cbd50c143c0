package io.kstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.kstar.catalog.CatalogReader;
import io.kstar.distribution.Normal;
import io.kstar.distribution.ReferenceIntegrals;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MonteCarloEstimatorTest {

  private static final Catalog CATALOG = CatalogReader.embedded();

  /**
   * Monte Carlo means against exact ones. With a fixed seed the outcome is deterministic; the
   * tolerance is 4.5 standard errors of the mean (the SE printed by the estimator itself), so a
   * correct simulator passes every one of the ~200 comparisons with probability > 99.9 %, and a bias
   * of a fraction of a per cent of a standard deviation at 40 000 trials fails.
   */
  @ParameterizedTest
  @ValueSource(strings = {"gpt5", "nvidia-nemotron-nano-9b-v2", "qwen3-30b-a3b"})
  void means_agreeWithExact_withinFourAndAHalfStandardErrors(String id) {
    ModelProfile m = CATALOG.require("model", id);
    int[] ks = Grid.of(Grid.Kind.BATCH, 256, 4).ks();
    Curve exact = new ExactEstimator().estimate(m, 4, ks);
    Curve mc = new MonteCarloEstimator(40_000, 7, 2).estimate(m, 4, ks);
    for (int i = 0; i < ks.length; i++) {
      CurvePoint e = exact.points().get(i);
      CurvePoint s = mc.points().get(i);
      assertWithin(e.cost(), s.cost(), 3.0, "cost k=" + ks[i]);
      assertWithin(e.latency(), s.latency(), 3.0, "latency k=" + ks[i]);
      assertWithin(e.accuracy(), s.accuracy(), e.accuracy().std() > 1e-3 && Integer.bitCount(ks[i]) == 1 ? kurtosis(m, ks[i]) : Double.NaN,
          "accuracy k=" + ks[i]);
    }
  }

  /**
   * The mean must be within 4.5 standard errors (σ/√n, σ exact). The sample sd has a standard error of sd·√((κ − 1)/(4n)), κ the kurtosis (3 for the near-normal
   * cost and latency; large for accuracy when the atom at 1 holds most of the mass): tolerance 5 of
   * those.
   */
  private static void assertWithin(Statistic exact, Statistic mc, double kurtosis, String what) {
    double se = exact.std() / Math.sqrt(40_000.0); // the true standard error of the simulated mean
    assertThat(Math.abs(mc.mean() - exact.mean())).as(what).isLessThanOrEqualTo(4.5 * se);
    if (Double.isNaN(kurtosis)) {
      return; // not checked here, or nearly all mass on the atom at 1, where a sample sd says little
    }
    assertThat(mc.stderr()).as(what + " reported SE").isCloseTo(se, org.assertj.core.api.Assertions.within(0.2 * se));
    double relSe = Math.sqrt((kurtosis - 1) / (4 * 40_000.0));
    assertThat(Math.abs(mc.std() - exact.std()) / exact.std()).as(what + " sd").isLessThan(5 * relSe);
  }

  /** Kurtosis of A(k), from its first four raw moments, integrated independently. */
  private static double kurtosis(ModelProfile m, int k) {
    double[] r = new double[5];
    for (int p = 1; p <= 4; p++) {
      r[p] = ReferenceIntegrals.bestOfKMoment(score(m)[0], score(m)[1], k, p);
    }
    double mu = r[1];
    double var = r[2] - mu * mu;
    double m4 = r[4] - 4 * mu * r[3] + 6 * mu * mu * r[2] - 3 * Math.pow(mu, 4);
    return m4 / (var * var);
  }

  /**
   * Accuracy quantiles are exact in the exact estimator, so the simulated ones can be checked: the
   * standard error of an empirical q-quantile is √(q(1−q)/n) / f(x_q), f the density of A(k) there;
   * tolerance 5 of those plus one histogram bin (16 sd / 1024).
   */
  @Test
  void accuracyQuantiles_agreeWithExact() {
    ModelProfile m = CATALOG.require("model", "gpt5-nano");
    int n = 40_000;
    int[] ks = {4, 32, 128};
    Curve exact = new ExactEstimator().estimate(m, 4, ks);
    Curve mc = new MonteCarloEstimator(n, 11, 2).estimate(m, 4, ks);
    for (int i = 0; i < ks.length; i++) {
      int k = ks[i];
      Statistic e = exact.points().get(i).accuracy();
      Statistic s = mc.points().get(i).accuracy();
      for (double[] qx : new double[][] {{0.025, e.p025(), s.p025()}, {0.975, e.p975(), s.p975()}}) {
        double q = qx[0];
        double z = (qx[1] - score(m)[0]) / score(m)[1];
        double density = k * Math.pow(Normal.cdf(z), k - 1) * Normal.pdf(z) / score(m)[1];
        double se = Math.sqrt(q * (1 - q) / n) / density;
        double tol = 5 * se + 16 * e.std() / 1024;
        assertThat(Math.abs(qx[2] - qx[1])).as("q=%s k=%d", q, k).isLessThan(tol);
      }
    }
  }

  @Test
  void sameSeed_givesIdenticalCurves_onAnyNumberOfThreads() {
    List<Estimator.Job> jobs = CATALOG.models().stream()
        .map(m -> new Estimator.Job(m, 4, Grid.of(Grid.Kind.BATCH, 64, 4).ks()))
        .toList();
    List<Curve> one = new MonteCarloEstimator(3000, 5, 1).estimateAll(jobs);
    List<Curve> two = new MonteCarloEstimator(3000, 5, 2).estimateAll(jobs);
    List<Curve> five = new MonteCarloEstimator(3000, 5, 5).estimateAll(jobs);
    assertThat(two).isEqualTo(one);
    assertThat(five).isEqualTo(one);
    List<Curve> otherSeed = new MonteCarloEstimator(3000, 6, 2).estimateAll(jobs);
    assertThat(otherSeed).isNotEqualTo(one);
  }

  @Test
  void commonRandomNumbers_makeAPrefixOfKIndependentOfKMax() {
    ModelProfile m = CATALOG.require("model", "gpt5");
    Curve small = new MonteCarloEstimator(500, 3, 2).estimate(m, 4, new int[] {4, 8});
    Curve large = new MonteCarloEstimator(500, 3, 2).estimate(m, 4, new int[] {4, 8, 256});
    assertThat(large.points().subList(0, 2)).isEqualTo(small.points());
  }

  @Test
  void commonRandomNumbers_keepAccuracyMonotoneInK_evenWithFewTrials() {
    // with fresh draws per k, noise would make the curve go down now and then; with CRN it cannot
    ModelProfile m = CATALOG.require("model", "qwen3-max");
    Curve c = new MonteCarloEstimator(50, 1, 2).estimate(m, 1, Grid.of(Grid.Kind.ALL, 200, 1).ks());
    for (int i = 1; i < c.points().size(); i++) {
      assertThat(c.points().get(i).accuracy().mean()).isGreaterThanOrEqualTo(c.points().get(i - 1).accuracy().mean());
    }
  }

  @Test
  void badSettings_areRefusedWithTheirField() {
    assertThatThrownBy(() -> new MonteCarloEstimator(1, 0, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("trials = 1");
    assertThatThrownBy(() -> new MonteCarloEstimator(10, 0, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("threads = 0");
  }

  @Test
  void aGridTooLargeForMemory_isRefusedBeforeAnyWork() {
    ModelProfile m = CATALOG.require("model", "gpt5");
    int[] ks = Grid.of(Grid.Kind.ALL, 1 << 20, 1).ks();
    assertThatThrownBy(() -> new MonteCarloEstimator(100, 0, 2).estimate(m, 1, ks))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("k_max")
        .hasMessageContaining("MiB");
  }

  /** The Gaussian score parameters {acc_mean, acc_std} of a paper profile. */
  private static double[] score(ModelProfile m) {
    var v = m.accuracy().values();
    return new double[] {v.number("acc_mean"), v.number("acc_std")};
  }
}
