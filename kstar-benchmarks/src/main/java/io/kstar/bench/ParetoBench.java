package io.kstar.bench;

import io.kstar.pareto.ParetoFront;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Pareto filter (an O(n log n) sweep over a primitive index sort) on n points, beside the
 * previous implementation ({@link ParetoTreeMapReference}). {@code shape}: {@code cube}
 * draws points uniformly in the unit cube (a front of a few hundred points); {@code curve} puts them
 * on accuracy-saturating curves like kstar's (cost and latency rising with k), the case of a joint
 * front over many models.
 *
 * <p>Run: {@code mvn -B -q -pl kstar-benchmarks -am package -DskipTests && java -jar
 * kstar-benchmarks/target/benchmarks.jar ParetoBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParetoBench {

  @Param({"10000", "1000000"})
  public int n;

  @Param({"cube", "curve"})
  public String shape;

  List<OperatingPoint> points;

  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(7);
    points = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (shape.equals("cube")) {
        points.add(new OperatingPoint("m", i + 1, r.nextDouble(), r.nextDouble(), r.nextDouble()));
      } else {
        int k = 1 + r.nextInt(4096);
        double price = 0.5 + r.nextDouble();
        double speed = 0.5 + r.nextDouble();
        double rate = 0.001 + 0.05 * r.nextDouble();
        points.add(new OperatingPoint("m" + (i % 100), k, price * k, speed * Math.ceil(k / 4.0),
            1 - 0.5 * Math.exp(-rate * k)));
      }
    }
  }

  @Benchmark
  public boolean[] members() {
    return ParetoFront.members(points);
  }

  /** The previous implementation (boxed sort and TreeMap staircase), for the side-by-side ratio. */
  @Benchmark
  public boolean[] treeMapReference() {
    return ParetoTreeMapReference.members(points);
  }
}
