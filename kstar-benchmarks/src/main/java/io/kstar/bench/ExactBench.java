package io.kstar.bench;

import io.kstar.catalog.CatalogReader;
import io.kstar.estimate.Curve;
import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.profile.ModelProfile;
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
 * The exact estimator: one model, batch grid (P = 4), every statistic of every k. Target: under 2 ms
 * at k_max = 1024.
 *
 * <p>Run: {@code mvn -B -q -pl kstar-benchmarks -am package -DskipTests && java -jar
 * kstar-benchmarks/target/benchmarks.jar ExactBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExactBench {

  @Param({"128", "1024"})
  public int kMax;

  @Param({"gpt5", "nvidia-nemotron-nano-9b-v2"})
  public String model;

  ModelProfile profile;
  int[] ks;

  @Setup
  public void setup() {
    profile = CatalogReader.embedded().require("model", model);
    ks = Grid.of(Grid.Kind.BATCH, kMax, 4).ks();
  }

  @Benchmark
  public Curve estimate() {
    return new ExactEstimator().estimate(profile, 4, ks);
  }
}
