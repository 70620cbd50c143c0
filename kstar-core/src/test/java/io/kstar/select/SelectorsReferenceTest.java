package io.kstar.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.budget.Budget;
import io.kstar.plan.Plan;
import io.kstar.plan.Planner;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/**
 * Each selector against a reference written from its formula in docs/semantics.md §6, by brute force
 * over the points (no shared code with the selectors beyond the records), on random monotone curves
 * with random budgets; and the plan's picks do not depend on the order the grid is given in.
 */
class SelectorsReferenceTest {

  private static List<OperatingPoint> curve(int n, double costPerK, double secondsPerRound, double rate, double wobble,
      long seed) {
    Random r = new Random(seed);
    List<OperatingPoint> grid = new ArrayList<>();
    double a = 0.3 + 0.4 * r.nextDouble();
    double c = 0;
    double t = 0;
    for (int i = 1; i <= n; i++) {
      int k = 2 * i;
      // cost rises with k (as it does for one model at one P), latency too, in uneven steps;
      // accuracy saturates, with a little noise that can put points off the front
      c += 2 * costPerK * (0.9 + 0.2 * r.nextDouble());
      t += secondsPerRound * (0.8 + 0.4 * r.nextDouble());
      a = a + (1 - a) * rate * (0.5 + r.nextDouble());
      grid.add(new OperatingPoint("m", k, c, t, Math.min(1, a - wobble * r.nextDouble())));
    }
    return grid;
  }

  private static boolean admits(Budget b, OperatingPoint p) {
    return p.costUsd() <= b.maxCostUsd() && p.latencyS() <= b.maxLatencyS() && p.accuracy() >= b.minAccuracy();
  }

  private static boolean dominates(OperatingPoint x, OperatingPoint y) {
    boolean noWorse = x.costUsd() <= y.costUsd() && x.latencyS() <= y.latencyS() && x.accuracy() >= y.accuracy();
    boolean better = x.costUsd() < y.costUsd() || x.latencyS() < y.latencyS() || x.accuracy() > y.accuracy();
    return noWorse && better;
  }

  /** argmax of score, ties (within a relative 1e-12) to the smaller k. */
  private static Optional<Integer> argmax(List<OperatingPoint> pts, java.util.function.ToDoubleFunction<OperatingPoint> score) {
    OperatingPoint best = null;
    double bv = 0;
    for (OperatingPoint p : pts.stream().sorted(Comparator.comparingInt(OperatingPoint::k)).toList()) {
      double v = score.applyAsDouble(p);
      if (best == null || v - bv > 1e-12 * Math.max(Math.abs(v), Math.abs(bv))) {
        best = p;
        bv = v;
      }
    }
    return Optional.ofNullable(best).map(OperatingPoint::k);
  }

  private static double kappa(double[] a, double[] b, double[] c) {
    double[] d1 = new double[3];
    double[] d2 = new double[3];
    for (int i = 0; i < 3; i++) {
      d1[i] = (c[i] - a[i]) / 2;
      d2[i] = c[i] - 2 * b[i] + a[i];
    }
    double[] x = {d1[1] * d2[2] - d1[2] * d2[1], d1[2] * d2[0] - d1[0] * d2[2], d1[0] * d2[1] - d1[1] * d2[0]};
    double n1 = Math.sqrt(d1[0] * d1[0] + d1[1] * d1[1] + d1[2] * d1[2]);
    return Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) / (n1 * n1 * n1);
  }

  @Property(tries = 100, seed = "16")
  void picks_matchTheFormulas_andIgnoreTheGridsOrder(
      @ForAll @IntRange(min = 1, max = 30) int n,
      @ForAll @Scale(4) @DoubleRange(min = 0.001, max = 0.05) double costPerK,
      @ForAll @DoubleRange(min = 0.1, max = 5) double secondsPerRound,
      @ForAll @DoubleRange(min = 0.05, max = 0.6) double rate,
      @ForAll @DoubleRange(min = 0, max = 0.02) double wobble,
      @ForAll @DoubleRange(min = 0.1, max = 2) double cMax,
      @ForAll @DoubleRange(min = 2, max = 100) double tMax,
      @ForAll @DoubleRange(min = 0.2, max = 0.95) double aMin,
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    List<OperatingPoint> grid = curve(n, costPerK, secondsPerRound, rate, wobble, seed);
    Budget b = Budget.of(cMax, tMax, aMin);
    List<OperatingPoint> feasible = grid.stream().filter(p -> admits(b, p)).toList();
    List<OperatingPoint> front =
        feasible.stream().filter(p -> feasible.stream().noneMatch(q -> dominates(q, p))).toList();

    Plan plan = Planner.plan(b, grid, grid.get(0), 1e-6);
    assertThat(plan.space().feasible()).containsExactlyInAnyOrderElementsOf(feasible);
    assertThat(plan.pareto()).containsExactlyInAnyOrderElementsOf(front);

    double top = feasible.stream().mapToDouble(OperatingPoint::accuracy).max().orElse(Double.NaN);
    Optional<Integer> accuracyMax =
        feasible.stream().filter(p -> p.accuracy() >= top - 1e-6).map(OperatingPoint::k).min(Integer::compare);
    Optional<Integer> cube = argmax(feasible,
        p -> (1 - p.costUsd() / cMax) * (1 - p.latencyS() / tMax) * p.accuracy());
    Optional<Integer> utopia = argmax(front, p -> -Math.sqrt(Math.pow(p.costUsd() / cMax, 2)
        + Math.pow(p.latencyS() / tMax, 2) + Math.pow(1 - p.accuracy(), 2)));
    List<OperatingPoint> byK = front.stream().sorted(Comparator.comparingInt(OperatingPoint::k)).toList();
    Optional<Integer> knee = Optional.empty();
    if (byK.size() >= 3) {
      List<OperatingPoint> interior = byK.subList(1, byK.size() - 1);
      knee = argmax(interior, p -> {
        int j = byK.indexOf(p);
        return kappa(norm(byK.get(j - 1), b), norm(p, b), norm(byK.get(j + 1), b));
      });
    }

    assertThat(k(plan, AccuracyMax.ID)).isEqualTo(accuracyMax);
    assertThat(k(plan, Cube.ID)).isEqualTo(cube);
    assertThat(k(plan, Utopia.ID)).isEqualTo(utopia);
    assertThat(k(plan, Knee.ID)).isEqualTo(knee);
    // min-cost: the lowest cost; costs strictly rise with k on these curves, so the smallest feasible k
    Optional<Integer> minCost = feasible.stream().min(Comparator.comparingDouble(OperatingPoint::costUsd)
        .thenComparingDouble(OperatingPoint::latencyS)).map(OperatingPoint::k);
    assertThat(k(plan, MinCost.ID)).isEqualTo(minCost);

    // the same grid in another order gives the same picks
    List<OperatingPoint> shuffled = new ArrayList<>(grid);
    Collections.shuffle(shuffled, new Random(seed));
    Plan again = Planner.plan(b, shuffled, grid.get(0), 1e-6);
    for (String id : Selectors.REGISTRY.ids()) {
      assertThat(k(again, id)).as(id).isEqualTo(k(plan, id));
    }
  }

  private static double[] norm(OperatingPoint p, Budget b) {
    return new double[] {p.costUsd() / b.maxCostUsd(), p.latencyS() / b.maxLatencyS(), p.accuracy()};
  }

  private static Optional<Integer> k(Plan plan, String id) {
    return plan.selection(id).point().map(OperatingPoint::k);
  }
}
