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
}
