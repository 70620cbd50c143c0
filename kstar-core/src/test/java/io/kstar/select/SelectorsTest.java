package io.kstar.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.budget.Budget;
import io.kstar.pareto.ParetoFront;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorsTest {

  private static final Budget B = Budget.of(1.0, 100.0, 0.5);

  private static OperatingPoint p(int k, double c, double t, double a) {
    return new OperatingPoint("m", k, c, t, a);
  }

  private static SelectionContext ctx(List<OperatingPoint> feasible, double tau) {
    return new SelectionContext(B, feasible, ParetoFront.of(feasible), tau);
  }

  @Test
  void accuracyMax_takesTheSmallestKWithinTheTolerance() {
    List<OperatingPoint> f = List.of(p(4, 0.1, 10, 0.90), p(8, 0.2, 20, 0.9999995), p(12, 0.3, 30, 0.9999999));
    assertThat(new AccuracyMax().select(ctx(f, 1e-6)).point().orElseThrow().k()).isEqualTo(8);
    assertThat(new AccuracyMax().select(ctx(f, 0)).point().orElseThrow().k()).isEqualTo(12);
  }

  @Test
  void cube_maximisesTheBoxVolume() {
    // volumes: k4 (0.9)(0.9)(0.8)=0.648, k8 (0.8)(0.8)(0.95)=0.608
    List<OperatingPoint> f = List.of(p(4, 0.1, 10, 0.8), p(8, 0.2, 20, 0.95));
    Selection s = new Cube().select(ctx(f, 1e-6));
    assertThat(s.point().orElseThrow().k()).isEqualTo(4);
    assertThat(Cube.volume(B, f.get(0))).isCloseTo(0.648, within(1e-15));
  }

  @Test
  void ties_goToTheSmallerK_forCubeUtopiaAndKnee() {
    // two points with exactly the same values: every selector must return k = 4
    List<OperatingPoint> f = List.of(p(4, 0.2, 20, 0.9), p(8, 0.2, 20, 0.9));
    assertThat(new Cube().select(ctx(f, 1e-6)).point().orElseThrow().k()).isEqualTo(4);
    assertThat(new Utopia().select(ctx(f, 1e-6)).point().orElseThrow().k()).isEqualTo(4);
    assertThat(new AccuracyMax().select(ctx(f, 1e-6)).point().orElseThrow().k()).isEqualTo(4);
    // values within a relative 1e-12 count as ties too
    List<OperatingPoint> g = List.of(p(4, 0.2, 20, 0.9), p(8, 0.2 * (1 - 1e-14), 20, 0.9));
    assertThat(new Utopia().select(new SelectionContext(B, g, g, 1e-6)).point().orElseThrow().k()).isEqualTo(4);
  }

  @Test
  void utopia_picksTheNearestParetoPoint() {
    List<OperatingPoint> f = List.of(p(4, 0.1, 10, 0.6), p(8, 0.3, 30, 0.95), p(12, 0.9, 90, 0.99));
    // distances: √(0.01+0.01+0.16)=0.424, √(0.09+0.09+0.0025)=0.427, √(0.81+0.81+0.0001)=1.27
    assertThat(new Utopia().select(ctx(f, 1e-6)).point().orElseThrow().k()).isEqualTo(4);
    assertThat(Utopia.distance(B, f.get(0))).isCloseTo(Math.sqrt(0.18), within(1e-15));
  }

  @Test
  void knee_isUndefinedWithFewerThanThreePoints() {
    Selection s = new Knee().select(ctx(List.of(p(4, 0.1, 10, 0.9), p(8, 0.2, 20, 0.95)), 1e-6));
    assertThat(s.point()).isEmpty();
    assertThat(s.reason()).contains("fewer than three Pareto points (2)");
  }

  @Test
  void knee_findsTheCornerOfAnLShapedFront() {
    // accuracy climbs steeply up to k = 12, then flattens while cost and latency keep growing
    List<OperatingPoint> f = new ArrayList<>();
    double[] acc = {0.60, 0.75, 0.90, 0.91, 0.915, 0.918};
    for (int i = 0; i < acc.length; i++) {
      int k = 4 * (i + 1);
      f.add(p(k, 0.01 * k, k, acc[i]));
    }
    assertThat(new Knee().select(ctx(f, 1e-6)).point().orElseThrow().k()).isEqualTo(12);
  }

  @Test
  void knee_curvatureUsesAllThreeCoordinates() {
    // a curve bending only in the latency–accuracy plane: the paper's (cost, latency) cross product is 0
    double[] a = {0, 0, 0};
    double[] b = {0, 1, 1};
    double[] c = {0, 3, 1.5};
    double kappa = Knee.curvature(a, b, c);
    // d1 = (0, 1.5, 0.75), d2 = (0, 1, -0.5): |d1 × d2| = |1.5·(−0.5) − 0.75·1| = 1.5; |d1|³ = 1.6771³
    assertThat(kappa).isCloseTo(1.5 / Math.pow(Math.sqrt(1.5 * 1.5 + 0.75 * 0.75), 3), within(1e-12));
  }

  @Test
  void knee_onAStraightLine_pickTheFirstInteriorPoint_byTheTieRule() {
    List<OperatingPoint> f = List.of(p(4, 0.1, 10, 0.6), p(8, 0.2, 20, 0.7), p(12, 0.3, 30, 0.8), p(16, 0.4, 40, 0.9));
    Selection s = new Knee().select(ctx(f, 1e-6));
    assertThat(s.point().orElseThrow().k()).isEqualTo(8);
  }

  @Test
  void everySelection_isFeasible_andNothingIsPickedFromAnEmptySet() {
    for (Selector s : Selectors.all()) {
      Selection none = s.select(ctx(List.of(), 1e-6));
      assertThat(none.point()).as(s.id()).isEmpty();
      assertThat(none.reason()).as(s.id()).isNotBlank();
    }
  }

  @Test
  void twoDBaseline_ignoresLatency_andReportsTheBudgetItBreaks() {
    List<OperatingPoint> grid = new ArrayList<>();
    double[] acc = {0.60, 0.75, 0.90, 0.91, 0.915};
    for (int i = 0; i < acc.length; i++) {
      int k = 4 * (i + 1);
      grid.add(p(k, 0.01 * k, 40.0 * k, acc[i])); // k = 12 takes 480 s, far over 100 s
    }
    Baselines.Baseline b = Baselines.costAccuracyKnee(B, grid);
    assertThat(b.selection().point().orElseThrow().k()).isEqualTo(12);
    assertThat(b.breaks()).containsExactly("max_latency_s");
  }

  @Test
  void registry_keepsThePaperOrder() {
    assertThat(Selectors.ids()).containsExactly("accuracy-max", "cube", "utopia", "knee");
  }
}
