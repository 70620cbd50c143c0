package io.kstar.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.select.MinCost;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * compare's matches find, for each model's accuracy at k = 1, the cheapest point reaching it; the sorted
 * search ({@link Comparison#cheapestReaching}) must give the very point the direct fold ({@link MinCost#cheapest}
 * over every point, in list order) gives, ties included: costs drawn from a few values, some a relative 1e-13
 * apart (a tie) or 1e-11 apart (not a tie), accuracies repeated, latencies tied too.
 */
class CheapestReachingTest {

  @Property(tries = 300)
  void theSortedSearch_picksWhatTheDirectFoldPicks(@ForAll long seed, @ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 60) int floors) {
    Random r = new Random(seed);
    double[] costs = {0, 1e-4, 1e-4 * (1 + 1e-13), 1e-4 * (1 + 1e-11), 2e-3, 0.5, 0.5 * (1 - 1e-13), 7.25};
    double[] accuracies = {0, 0.3, 0.5, 0.5, 0.8, 0.9, 0.95, 1};
    List<OperatingPoint> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double cost = r.nextInt(4) == 0 ? r.nextDouble() : costs[r.nextInt(costs.length)];
      double accuracy = r.nextInt(4) == 0 ? r.nextDouble() : accuracies[r.nextInt(accuracies.length)];
      double latency = r.nextInt(3) == 0 ? 10 : r.nextDouble() * 20;
      points.add(new OperatingPoint("m" + r.nextInt(50), 1 + r.nextInt(64), cost, latency, accuracy));
    }
    double[] a = new double[floors];
    for (int i = 0; i < floors; i++) {
      a[i] = r.nextInt(3) == 0 ? accuracies[r.nextInt(accuracies.length)] : r.nextDouble();
    }
    List<Optional<OperatingPoint>> got = Comparison.cheapestReaching(points, a);
    for (int i = 0; i < floors; i++) {
      double floor = a[i];
      Optional<OperatingPoint> want = MinCost.cheapest(points, p -> p.accuracy() >= floor);
      // the same point (identity: equal records at different positions would hide a wrong tie-break)
      assertThat(got.get(i).map(p -> indexOf(points, p))).as("floor %s", floor).isEqualTo(want.map(p -> indexOf(points, p)));
    }
  }

  private static int indexOf(List<OperatingPoint> points, OperatingPoint p) {
    for (int i = 0; i < points.size(); i++) {
      if (points.get(i) == p) {
        return i;
      }
    }
    return -1;
  }

  /** A point of non-finite cost (or NaN accuracy) sends every floor to the direct fold: the same answers. */
  @Property(tries = 60)
  void nonFiniteCosts_takeTheDirectFold(@ForAll long seed) {
    Random r = new Random(seed);
    List<OperatingPoint> points = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double cost = r.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : r.nextInt(10) == 0 ? Double.NaN : r.nextDouble();
      double accuracy = r.nextInt(15) == 0 ? Double.NaN : r.nextDouble();
      points.add(new OperatingPoint("m", i + 1, cost, r.nextDouble(), accuracy));
    }
    double[] a = {0, 0.25, 0.5, 0.75, 0.99, 1.5};
    List<Optional<OperatingPoint>> got = Comparison.cheapestReaching(points, a);
    assertThat(got).hasSize(a.length);
    for (int i = 0; i < a.length; i++) {
      double floor = a[i];
      assertThat(got.get(i).map(p -> indexOf(points, p))).isEqualTo(MinCost.cheapest(points, p -> p.accuracy() >= floor)
          .map(p -> indexOf(points, p)));
    }
  }

  @org.junit.jupiter.api.Test
  void aFewPoints_byHand() {
    OperatingPoint cheapLow = new OperatingPoint("a", 1, 0.01, 5, 0.5);
    OperatingPoint dearHigh = new OperatingPoint("b", 1, 0.10, 5, 0.9);
    OperatingPoint tieFaster = new OperatingPoint("c", 2, 0.10, 4, 0.95);
    OperatingPoint tieSlower = new OperatingPoint("d", 2, 0.10, 6, 0.99);
    List<OperatingPoint> points = List.of(cheapLow, dearHigh, tieFaster, tieSlower);
    List<Optional<OperatingPoint>> got = Comparison.cheapestReaching(points, new double[] {0.4, 0.6, 0.96, 1});
    assertThat(got.get(0)).containsSame(cheapLow);
    assertThat(got.get(1)).containsSame(tieFaster);
    assertThat(got.get(2)).containsSame(tieSlower);
    assertThat(got.get(3)).isEmpty();
    assertThat(Comparison.cheapestReaching(List.of(), new double[] {0.5})).containsExactly(Optional.empty());
    // a point of infinite cost or NaN accuracy: the direct fold, the same answers
    OperatingPoint endless = new OperatingPoint("e", 3, Double.POSITIVE_INFINITY, 1, 1);
    OperatingPoint unknown = new OperatingPoint("f", 3, 0.001, 1, Double.NaN);
    for (List<OperatingPoint> odd : List.of(List.of(cheapLow, dearHigh, endless, tieFaster),
        List.of(unknown, cheapLow, dearHigh, tieSlower, tieFaster))) {
      double[] floors = {0.4, 0.6, 0.96, 1};
      List<Optional<OperatingPoint>> direct = Comparison.cheapestReaching(odd, floors);
      for (int i = 0; i < floors.length; i++) {
        double f = floors[i];
        assertThat(direct.get(i).map(p -> indexOf(odd, p))).isEqualTo(MinCost.cheapest(odd, p -> p.accuracy() >= f)
            .map(p -> indexOf(odd, p)));
      }
    }
  }
}
