package io.kstar.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.PassAtK;
import io.kstar.budget.Budget;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.CatalogWriter;
import io.kstar.catalog.YamlDocument;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.ExactEstimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import io.kstar.profile.Calibration;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.Speeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Calibrated profiles: intervals of the expected values, extrapolation, p_meets_budgets and --confidence. */
class RobustPlanTest {

  /** 100 replicates of pass@k around Beta(0.6, 0.9), from a fixed seed. */
  static List<AccuracyModel> replicates() {
    Random r = new Random(7);
    List<AccuracyModel> out = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      out.add(new PassAtK(new BetaDifficulty(0.6 * Math.exp(0.15 * r.nextGaussian()), 0.9 * Math.exp(0.15 * r.nextGaussian()))));
    }
    return out;
  }

  static ModelProfile profile(Calibration.Beyond beyond) {
    return new ModelProfile("cal", "cal", new Prices(1e-6, 4e-6), new Speeds(2e-4, 1e-2),
        new LengthModel.ClippedNormalLength(800, 100), new LengthModel.ClippedNormalLength(1500, 300),
        new PassAtK(new BetaDifficulty(0.6, 0.9)), LatencyModel.DEFAULT, 4,
        new Calibration("test replicates", 8, replicates(), beyond));
  }

  static double quantile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    double pos = q * (s.length - 1);
    int i = (int) pos;
    return s[i] + (pos - i) * (s[Math.min(s.length - 1, i + 1)] - s[i]);
  }

  @Test
  void calibration_roundTripsExactly_inBothFormats() throws Exception {
    Catalog c = new Catalog(List.of(profile(Calibration.Beyond.HOLD)));
    for (CatalogWriter.Style style : CatalogWriter.Style.values()) {
      String yaml = CatalogWriter.write(c, style);
      Catalog back = CatalogReader.read(YamlDocument.of("t", new com.fasterxml.jackson.databind.ObjectMapper(
          new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml)));
      assertThat(back).as(style.toString()).isEqualTo(c);
    }
  }

  @Test
  void aCalibrationOfAnotherModel_isRefused() {
    assertThatThrownBy(() -> new ModelProfile("x", "x", new Prices(0, 0), new Speeds(0, 0),
        new LengthModel.ClippedNormalLength(10, 0), new LengthModel.ClippedNormalLength(10, 0),
        new GaussianBestOfK(0.5, 0.1), LatencyModel.DEFAULT, 1, new Calibration("t", 4, replicates())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("calibration.accuracy_samples");
  }

  @Test
  void intervals_areTheReplicatesQuantiles_andHoldBeyondTheData() {
    ModelProfile m = profile(Calibration.Beyond.HOLD);
    var curve = new ExactEstimator().estimate(m, 4, new int[] {4, 8, 16, 32});
    CurvePoint at8 = curve.at(8).orElseThrow();
    double[] reps8 = replicates().stream().mapToDouble(a -> a.mean(8)).toArray();
    assertThat(at8.expected().accuracy().p05()).isCloseTo(quantile(reps8, 0.05), within(1e-15));
    assertThat(at8.expected().accuracy().p95()).isCloseTo(quantile(reps8, 0.95), within(1e-15));
    assertThat(at8.expected().extrapolated()).isFalse();
    CurvePoint at32 = curve.at(32).orElseThrow();
    assertThat(at32.expected().extrapolated()).isTrue();
    // held: the mean at 32 is the mean at 8; the interval also spans the replicates' growth at 32
    assertThat(at32.accuracy().mean()).isEqualTo(at8.accuracy().mean());
    double[] reps32 = replicates().stream().mapToDouble(a -> a.mean(32)).toArray();
    assertThat(at32.expected().accuracy().p95()).isCloseTo(quantile(reps32, 0.95), within(1e-15));
    assertThat(at32.expected().accuracy().p05()).isCloseTo(quantile(reps8, 0.05), within(1e-15));
    // cost and latency carry no calibration uncertainty
    assertThat(at32.expected().cost().p05()).isEqualTo(at32.cost().mean());
    // following the model instead: the mean grows
    CurvePoint model32 = new ExactEstimator().estimate(profile(Calibration.Beyond.MODEL), 4, new int[] {32}).at(32).orElseThrow();
    assertThat(model32.accuracy().mean()).isCloseTo(new PassAtK(new BetaDifficulty(0.6, 0.9)).mean(32), within(1e-15));
  }

  @Test
  void monteCarlo_holdsBeyondTheData_asTheExactEstimatorDoes() {
    ModelProfile m = profile(Calibration.Beyond.HOLD);
    int trials = 40_000;
    var mc = new MonteCarloEstimator(trials, 11, 2).estimate(m, 4, new int[] {8, 32}).at(32).orElseThrow();
    double exact = new ExactEstimator().estimate(m, 4, new int[] {32}).at(32).orElseThrow().accuracy().mean();
    // a Bernoulli mean: se = sqrt(q(1-q)/n) ≈ 0.0021 at n = 40 000; 4.5 se
    assertThat(mc.accuracy().mean()).isCloseTo(exact, within(4.5 * Math.sqrt(exact * (1 - exact) / trials)));
  }

  @Test
  void pMeets_isTheShareOfReplicatesMeetingTheFloor_andConfidenceFiltersOnIt() {
    ModelProfile m = profile(Calibration.Beyond.HOLD);
    Budget b = Budget.of(1, 300, 0.74);
    Deployment.Request mean = new Deployment.Request(m, List.of(4), Grid.Kind.BATCH, 32, b, BudgetBasis.MEANS, 1e-6, 1);
    Deployment.Result r = Deployment.plan(mean, new ExactEstimator());
    assertThat(r.feasibleKs().get(4)).contains(8);
    var o8 = r.plan().space().all().stream().filter(o -> o.k() == 8).findFirst().orElseThrow();
    long meeting = replicates().stream().filter(a -> a.mean(8) >= 0.74).count();
    assertThat(r.pMeets(o8)).isEqualTo(meeting / 100.0);
    double c = 0.9;
    Deployment.Result robust = Deployment.plan(new Deployment.Request(m, List.of(4), Grid.Kind.BATCH, 32, b,
        BudgetBasis.MEANS, 1e-6, 1, Confidence.of(c)), new ExactEstimator());
    for (var o : r.plan().space().feasible()) {
      assertThat(robust.plan().space().feasible().contains(o)).isEqualTo(r.pMeets(o) >= c);
    }
    // a profile taken as known: p_meets is 1 or 0 and intervals are the means
    ModelProfile known = m.withCalibration(null);
    Deployment.Result k = Deployment.plan(mean.withModel(known), new ExactEstimator());
    k.plan().space().all().forEach(o -> assertThat(k.pMeets(o)).isIn(0.0, 1.0));
    assertThat(k.at(4, 8).expected().accuracy().p05()).isEqualTo(k.at(4, 8).accuracy().mean());
  }

  @Test
  void confidence_outsideZeroOne_isRefused() {
    assertThatThrownBy(() -> Confidence.of(1.0)).hasMessageContaining("confidence = 1");
    assertThatThrownBy(() -> Confidence.of(0.0)).hasMessageContaining("strictly between 0 and 1");
  }
}
