package io.kstar.bench;

import io.kstar.catalog.CatalogReader;
import io.kstar.estimate.Curve;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.profile.ModelProfile;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Monte Carlo throughput in samples per second (one sample = one of the k draws of one trial: three
 * normal variates, the clips, the running sums and, at grid points, the statistics), against the
 * <b>ceiling</b>: the same normal variates, from the same generators seeded the same way, summed and
 * nothing else. Both on {@code threads} threads, trials split the same way. 16 384 trials × k_max 128
 * per operation (2.1 M samples), so that the per-call set-up (histogram ranges, thread start, merge)
 * is amortised as in a real run. Divide by {@code threads}
 * for samples per second per core.
 *
 * <p>Run: {@code mvn -B -q -pl kstar-benchmarks -am package -DskipTests && java -jar
 * kstar-benchmarks/target/benchmarks.jar MonteCarloBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MonteCarloBench {
  static final int TRIALS = 16_384;
  static final int K_MAX = 128;
  static final int SAMPLES = TRIALS * K_MAX;

  @Param({"1", "2"})
  public int threads;

  ModelProfile model;
  int[] ks;

  @Setup
  public void setup() {
    model = CatalogReader.embedded().require("model", "gpt5");
    ks = Grid.of(Grid.Kind.BATCH, K_MAX, 4).ks();
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public Curve simulator() {
    return new MonteCarloEstimator(TRIALS, 42, threads).estimate(model, 4, ks);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public double ceiling() throws InterruptedException {
    double[] sums = new double[threads];
    Thread[] ts = new Thread[threads];
    for (int w = 0; w < threads; w++) {
      final int worker = w;
      ts[w] = new Thread(() -> {
        double s = 0;
        for (int t = worker; t < TRIALS; t += threads) {
          ZigguratSampler.NormalizedGaussian z =
              ZigguratSampler.NormalizedGaussian.of(MonteCarloEstimator.generator(42, t));
          for (int i = 0; i < K_MAX; i++) {
            s += z.sample() + z.sample() + z.sample();
          }
        }
        sums[worker] = s;
      });
      ts[w].start();
    }
    double total = 0;
    for (int w = 0; w < threads; w++) {
      ts[w].join();
      total += sums[w];
    }
    return total;
  }
}
