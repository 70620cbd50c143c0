package io.kstar.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    for (Selector s : Selectors.REGISTRY.all()) {
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
  void registry_keepsThePaperOrder_thenMinCost() {
    assertThat(Selectors.REGISTRY.ids()).containsExactly("accuracy-max", "cube", "utopia", "knee", "min-cost");
    assertThat(Selectors.PAPER.ids()).containsExactly("accuracy-max", "cube", "utopia", "knee");
  }

  @Test
  void eachSelector_answersToItsOwnId_andDescribesItself() {
    assertThat(Selectors.REGISTRY.all().stream().map(Selector::id))
        .containsExactly("accuracy-max", "cube", "utopia", "knee", "min-cost");
    assertThat(new Knee().id()).isEqualTo(Knee.ID).isEqualTo("knee");
    Selectors.REGISTRY.all().forEach(s -> assertThat(s.description()).as(s.id()).isNotBlank());
    assertThat(new AccuracyMax().parameters()).containsExactly(AccuracyMax.TOLERANCE);
    assertThat(AccuracyMax.TOLERANCE.defaultValue()).hasValue(1e-6);
  }

  @Test
  void registry_refusesTwoSelectorsOfOneId_andNamesTheIdsWhenOneIsMissing() {
    assertThatThrownBy(() -> Selectors.REGISTRY.with(new Cube())).hasMessageContaining("cube");
    assertThatThrownBy(() -> Selectors.REGISTRY.require("selector", "min-cots"))
        .hasMessageContaining("did you mean min-cost?");
  }

  @Test
  void minCost_takesTheCheapest_tiesToLowerLatency_thenTheFirstListed() {
    OperatingPoint slow = p(4, 0.10, 30, 0.95);
    OperatingPoint fast = new OperatingPoint("m", 4, 0.10 * (1 + 1e-14), 20, 0.95, 8);
    OperatingPoint dear = p(2, 0.12, 10, 0.96);
    assertThat(MinCost.cheapest(List.of(slow, fast, dear), x -> true)).hasValue(fast);
    assertThat(MinCost.cheapest(List.of(dear, slow), x -> true)).hasValue(slow);
    OperatingPoint twin = p(8, 0.10, 30, 0.97);
    assertThat(MinCost.cheapest(List.of(slow, twin), x -> true)).hasValue(slow);
    assertThat(MinCost.cheapest(List.of(slow, dear), x -> x.accuracy() > 0.955)).hasValue(dear);
    assertThat(MinCost.cheapest(List.of(slow), x -> false)).isEmpty();
    Selection s = new MinCost().select(ctx(List.of(dear, slow), 1e-6));
    assertThat(s.point()).hasValue(slow);
    assertThat(new MinCost().select(ctx(List.of(), 1e-6)).reason()).isEqualTo("no feasible k");
  }

  @Test
  void knee_curvatureIsUndefined_whereTheFirstDifferenceVanishes() {
    double[] a = {0.1, 0.2, 0.9};
    double[] b = {0.3, 0.1, 0.95};
    assertThat(Knee.curvature(a, b, a)).isNaN();
    // three points of one cost whose ends coincide (in the order of cost, then k): no knee, and the reason says why
    List<OperatingPoint> f = List.of(p(12, 0.1, 20, 0.9), p(8, 0.1, 10, 0.95), p(4, 0.1, 20, 0.9));
    Selection s = Knee.select(Knee.ID, B, f, true);
    assertThat(s.point()).isEmpty();
    assertThat(s.reason()).contains("zero first difference");
  }

  /**
   * The documented rule for rounding noise: |d1 × d2| ≤ 1e-12·|d1|·max(|p₋|, |p|, |p₊|) is collinear
   * (κ = 0); above it κ = |d1 × d2|/|d1|³. The middle point is lifted by e off the straight line through
   * its neighbours, in the third coordinate only, so |d1 × d2| = 2e·√(d1ₓ² + d1ᵧ²) exactly in the reals;
   * e is set to 0.97 and 1.03 times the threshold's value (both far above the products' own rounding, 1e-17).
   */
  @Test
  void knee_curvatureBelowTheRoundingThreshold_isZero_andAboveIt_isTheCrossProductOverTheCube() {
    double[] prev = {0.1, 0.2, 0.3};
    double[] next = {0.3, 0.5, 0.7};
    double[] d1 = {0.1, 0.15, 0.2};
    double n1 = Math.sqrt(0.1 * 0.1 + 0.15 * 0.15 + 0.2 * 0.2);
    double scale = Math.sqrt(0.3 * 0.3 + 0.5 * 0.5 + 0.7 * 0.7); // the largest of the three norms
    double threshold = 1e-12 * n1 * scale;
    double planar = Math.sqrt(d1[0] * d1[0] + d1[1] * d1[1]);
    for (double f : new double[] {0.97, 1.03}) {
      double e = f * threshold / (2 * planar);
      double[] mid = {0.2, 0.35, 0.5 - e};
      double kappa = Knee.curvature(prev, mid, next);
      if (f < 1) {
        assertThat(kappa).as("%.2f of the threshold", f).isZero();
      } else {
        assertThat(kappa).as("%.2f of the threshold", f).isCloseTo(f * threshold / (n1 * n1 * n1),
            within(1e-3 * threshold / (n1 * n1 * n1)));
      }
    }
  }
}
