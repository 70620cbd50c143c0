package io.kstar.pareto;

import static org.assertj.core.api.Assertions.assertThat;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

  /** The reference model: all pairs, straight from the definition. */
  static boolean[] bruteForce(List<OperatingPoint> pts) {
    boolean[] keep = new boolean[pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      keep[i] = true;
      for (OperatingPoint q : pts) {
        if (q.dominates(pts.get(i))) {
          keep[i] = false;
          break;
        }
      }
    }
    return keep;
  }

  @Provide
  Arbitrary<List<OperatingPoint>> points() {
    // few distinct values, so that ties and duplicates are common
    Arbitrary<Double> v = Arbitraries.integers().between(0, 6).map(i -> i / 6.0);
    return Combinators.combine(Arbitraries.integers().between(1, 64), v, v, v)
        .as((k, c, t, a) -> new OperatingPoint("m", k, c, t, a))
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 500)
  void members_agreeWithBruteForce(@ForAll("points") List<OperatingPoint> pts) {
    assertThat(ParetoFront.members(pts)).isEqualTo(bruteForce(pts));
  }

  /** Past the insertion-sort size, so the radix sort and its runs of equal values are exercised. */
  @Property(tries = 200)
  void members_agreeWithBruteForce_pastTheInsertionSortSize(@ForAll("manyPoints") List<OperatingPoint> pts) {
    assertThat(ParetoFront.members(pts)).isEqualTo(bruteForce(pts));
  }

  @Provide
  Arbitrary<List<OperatingPoint>> manyPoints() {
    Arbitrary<Double> v = Arbitraries.integers().between(0, 12).map(i -> i / 12.0);
    return Combinators.combine(Arbitraries.integers().between(1, 64), v, v, v)
        .as((k, c, t, a) -> new OperatingPoint("m", k, c, t, a))
        .list()
        .ofMinSize(49)
        .ofMaxSize(400);
  }

  /**
   * Cost rising while latency and accuracy fall: every point is on the front and each one enters the
   * staircase at its low end, so the arrays' shifting grows quadratically and the sweep switches to
   * its Fenwick tree part-way; random points mixed in, and the answer must still be the front.
   */
  @Test
  void anAntiCorrelatedFront_switchesToTheTree_andStillGivesExactlyTheFront() {
    SplittableRandom r = new SplittableRandom(11);
    List<OperatingPoint> pts = new ArrayList<>();
    int n = 3000;
    for (int i = 0; i < n; i++) {
      pts.add(new OperatingPoint("m", i + 1, i / (double) n, 1 - i / (double) n, 1 - i / (double) n));
      if (i % 3 == 0) {
        pts.add(new OperatingPoint("r", i + 1, r.nextDouble(), r.nextDouble(), r.nextDouble()));
      }
    }
    assertThat(ParetoFront.members(pts)).isEqualTo(bruteForce(pts));
  }

  @Property(tries = 300)
  void noMemberIsDominated_andEveryOtherPointIs(@ForAll("points") List<OperatingPoint> pts) {
    List<OperatingPoint> front = ParetoFront.of(pts);
    for (OperatingPoint f : front) {
      assertThat(pts).noneMatch(p -> p.dominates(f));
    }
    List<OperatingPoint> rest = new ArrayList<>(pts);
    front.forEach(rest::remove);
    for (OperatingPoint r : rest) {
      assertThat(pts).anyMatch(p -> p.dominates(r));
    }
  }

  @Test
  void equalPoints_doNotDominateEachOther() {
    OperatingPoint a = new OperatingPoint("m", 4, 1, 1, 0.9);
    OperatingPoint b = new OperatingPoint("m", 8, 1, 1, 0.9);
    assertThat(ParetoFront.of(List.of(a, b))).containsExactly(a, b);
  }

  @Test
  void aPointBetterInOneObjectiveOnly_dominates() {
    OperatingPoint a = new OperatingPoint("m", 4, 1, 1, 0.9);
    OperatingPoint b = new OperatingPoint("m", 8, 1, 1, 0.95);
    assertThat(ParetoFront.of(List.of(a, b))).containsExactly(b);
  }

  @Test
  void empty_isEmpty() {
    assertThat(ParetoFront.of(List.of())).isEmpty();
  }

  /**
   * A large input (many runs of equal cost): members must not dominate each other, and every other point
   * must be dominated by a member — together that is exactly the front (a point dominated by anyone is
   * dominated by a member, by transitivity on a finite set). O(n · front size).
   */
  @Test
  void largeInputs_giveExactlyTheFront() {
    SplittableRandom r = new SplittableRandom(3);
    List<OperatingPoint> pts = new ArrayList<>();
    for (int i = 0; i < 120_000; i++) {
      pts.add(new OperatingPoint("m", i, Math.floor(r.nextDouble() * 1000) / 1000, r.nextDouble(), r.nextDouble()));
    }
    boolean[] on = ParetoFront.members(pts);
    List<OperatingPoint> front = new ArrayList<>();
    for (int i = 0; i < on.length; i++) {
      if (on[i]) {
        front.add(pts.get(i));
      }
    }
    assertThat(front).isNotEmpty();
    for (OperatingPoint a : front) {
      assertThat(front).noneMatch(b -> b.dominates(a));
    }
    for (int i = 0; i < on.length; i++) {
      if (!on[i]) {
        OperatingPoint p = pts.get(i);
        assertThat(front.stream().anyMatch(f -> f.dominates(p))).as("point %d", i).isTrue();
      }
    }
  }

  /**
   * A front of 1000 points with cost rising while latency and accuracy fall (each enters the staircase
   * at its low end and moves every entry: about i shifts for the i-th, so past i ≈ sqrt(2 (16 n + 4096))
   * ≈ 240 the sweep switches to its Fenwick tree), then, beyond cost 0.6 where the switch has happened,
   * 600 points on the same 1/1000 grid (so that equal latencies, accuracies and whole points recur) that
   * the tree must classify: the answer must be the brute-force front.
   */
  @Test
  void afterTheSwitchToTheTree_pointsAreStillClassifiedExactly() {
    SplittableRandom r = new SplittableRandom(5);
    List<OperatingPoint> pts = new ArrayList<>();
    int m = 1000;
    for (int i = 0; i < m; i++) {
      pts.add(new OperatingPoint("chain", i + 1, i / (double) m, 1 - i / (double) m, 1 - i / (double) m));
    }
    for (int i = 0; i < 600; i++) {
      double cost = (600 + r.nextInt(400)) / (double) m;
      double latency = r.nextInt(m) / (double) m;
      double accuracy = r.nextInt(m) / (double) m;
      pts.add(new OperatingPoint("late", i + 1, cost, latency, accuracy));
      if (i % 50 == 0) {
        // a copy (equal points stay together) and a point only worse in cost (dominated by it)
        pts.add(new OperatingPoint("copy", i + 1, cost, latency, accuracy));
        pts.add(new OperatingPoint("dearer", i + 1, Math.nextUp(cost), latency, accuracy));
      }
      if (i % 50 == 25) {
        // equal to a chain point in latency and accuracy, dearer: dominated by it
        int c = 600 + r.nextInt(400);
        pts.add(new OperatingPoint("dearer-chain", i + 1, Math.nextUp(c / (double) m), 1 - c / (double) m, 1 - c / (double) m));
      }
    }
    // probes after the switch (cost 0.55) and before every late point: one dominated only by chain points
    // 50..100, inserted before the switch (so the tree must have taken them over), and one with the
    // lowest latency and accuracy 0, which nothing dominates (so the tree's empty ranks must not)
    OperatingPoint onlyEarlyDominate = new OperatingPoint("probe", 1, 0.55, 0.95, 0.9);
    OperatingPoint fastest = new OperatingPoint("probe", 2, 0.55, 0, 0);
    pts.add(onlyEarlyDominate);
    pts.add(fastest);
    java.util.Collections.shuffle(pts, new java.util.Random(7));
    assertThat(ParetoFront.members(List.of(onlyEarlyDominate, fastest))).containsExactly(true, true);
    boolean[] expected = bruteForce(pts);
    assertThat(expected[pts.indexOf(onlyEarlyDominate)]).isFalse();
    assertThat(expected[pts.indexOf(fastest)]).isTrue();
    assertThat(ParetoFront.members(pts)).isEqualTo(expected);
    // the test's own premise: both kinds of answer occur among the late points
    int lateKept = 0;
    int lateDropped = 0;
    for (int i = 0; i < pts.size(); i++) {
      if (!pts.get(i).model().equals("chain")) {
        if (expected[i]) {
          lateKept++;
        } else {
          lateDropped++;
        }
      }
    }
    assertThat(lateKept).isPositive();
    assertThat(lateDropped).isPositive();
  }

  /**
   * Long runs of equal coordinates, so that the radix sort recurses on the second and third coordinate
   * (a run sorted by radix needs at least 48 points): 260 points share the lowest cost, 180 of them also
   * the lowest latency among those, 60 of which are identical copies of one point; nothing can dominate
   * that run's most accurate point, and it dominates the rest of the run. Accuracy is maximised, so its canonical coordinate is
   * negative and the sort's bit transformation of negative doubles decides the order within the run; the
   * answer must be the brute-force front, and all copies of a point share one fate.
   */
  @Test
  void longRunsOfEqualCostAndLatency_areSortedByAccuracy_andGiveExactlyTheFront() {
    SplittableRandom r = new SplittableRandom(17);
    List<OperatingPoint> pts = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      pts.add(new OperatingPoint("run", i + 1, 0.5, 0.5, r.nextInt(40) / 40.0));
    }
    for (int i = 0; i < 60; i++) {
      pts.add(new OperatingPoint("copy", i + 1, 0.5, 0.5, 0.3));
    }
    for (int i = 0; i < 80; i++) {
      pts.add(new OperatingPoint("cost", i + 1, 0.5, 0.5 + r.nextInt(5) / 8.0, r.nextInt(40) / 40.0));
    }
    for (int i = 0; i < 100; i++) {
      // dearer than the run: none of them can dominate it
      pts.add(new OperatingPoint("other", i + 1, 0.625 + r.nextInt(4) / 8.0, r.nextInt(8) / 8.0, r.nextInt(40) / 40.0));
    }
    java.util.Collections.shuffle(pts, new java.util.Random(3));
    boolean[] expected = bruteForce(pts);
    assertThat(ParetoFront.members(pts)).isEqualTo(expected);
    // within the (0.5, 0.5) run only its most accurate points can stay
    double best = pts.stream().filter(p -> p.costUsd() == 0.5 && p.latencyS() == 0.5)
        .mapToDouble(OperatingPoint::accuracy).max().orElseThrow();
    assertThat(best).isGreaterThan(0.3);
    boolean[] got = ParetoFront.members(pts);
    for (int i = 0; i < pts.size(); i++) {
      OperatingPoint p = pts.get(i);
      if (p.costUsd() == 0.5 && p.latencyS() == 0.5) {
        assertThat(got[i]).as("%s", p).isEqualTo(p.accuracy() == best);
      }
    }
  }

  /** Fewer than 48 points: the insertion sort alone orders them; a point must not pass its dominator. */
  @Test
  void smallInputsInAnyOrder_giveExactlyTheFront() {
    SplittableRandom r = new SplittableRandom(23);
    for (int t = 0; t < 200; t++) {
      List<OperatingPoint> pts = new ArrayList<>();
      int n = 2 + r.nextInt(40);
      for (int i = 0; i < n; i++) {
        pts.add(new OperatingPoint("m", i + 1, r.nextInt(4) / 4.0, r.nextInt(4) / 4.0, r.nextInt(4) / 4.0));
      }
      assertThat(ParetoFront.members(pts)).as("trial %d", t).isEqualTo(bruteForce(pts));
    }
    // the dominator listed last, so the sort must move it to the front
    OperatingPoint worse = new OperatingPoint("m", 1, 0.5, 0.5, 0.5);
    OperatingPoint better = new OperatingPoint("m", 2, 0.25, 0.5, 0.5);
    assertThat(ParetoFront.of(List.of(worse, better))).containsExactly(better);
    assertThat(ParetoFront.of(List.of(better, worse))).containsExactly(better);
  }
}
