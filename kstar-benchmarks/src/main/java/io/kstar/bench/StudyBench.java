package io.kstar.bench;

import io.kstar.budget.Scenario;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Comparison;
import io.kstar.plan.Deployment;
import io.kstar.plan.Plan;
import io.kstar.plan.Planner;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.space.OperatingPoint;
import io.kstar.study.Study;
import io.kstar.study.StudyOptions;
import io.kstar.study.StudyResult;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole answers on the exact estimator, as a request path would compute them: {@code plan} and
 * {@code compare} — the work of those commands (targets under 5 ms and 50 ms); {@code planOneModel} —
 * one model's curve on the batch grid (k ≤ 128), feasibility, front, four selectors, both baselines
 * (target under 5 ms); {@code reproduceOneScenario} — the same for the nine models of the catalog
 * under one scenario; {@code reproduceAll} — the whole study (three scenarios, k ≤ 256).
 *
 * {@code compareTiers}: 64 models × 4 price tiers with samples sharing calls and a cached prompt (target
 * under 50 ms).
 *
 * <p>Run: {@code mvn -B -q -pl kstar-benchmarks -am package -DskipTests && java -jar
 * kstar-benchmarks/target/benchmarks.jar StudyBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StudyBench {

  Catalog catalog;
  List<Scenario> scenarios;
  ModelProfile gpt5;

  @Setup
  public void setup() {
    catalog = CatalogReader.embedded();
    scenarios = ScenarioReader.embedded();
    gpt5 = catalog.require("model", "gpt5");
  }

  @Benchmark
  public Plan planOneModel() {
    int[] ks = Grid.of(Grid.Kind.BATCH, 128, 4).ks();
    var curve = new ExactEstimator().estimate(gpt5, 4, IntStream.concat(
        IntStream.of(1), Arrays.stream(ks)).toArray());
    List<OperatingPoint> pts = curve.select(ks).stream().map(p -> Planner.means("gpt5", p)).toList();
    return Planner.plan(scenarios.get(0).budget(), pts, Planner.means("gpt5", curve.at(1).orElseThrow()), 1e-6);
  }

  /** {@code kstar plan}'s work: curve, plan, and each pick's intervals, marginal prices and breach probabilities. */
  @Benchmark
  public Deployment.Result plan() {
    return Deployment.plan(new Deployment.Request(gpt5, List.of(4), Grid.Kind.BATCH, 128,
        scenarios.get(0).budget(), BudgetBasis.MEANS, 1e-6, 1), new ExactEstimator());
  }

  /**
   * {@code kstar plan --traffic 2} (one replica) and {@code --traffic 2 --replicas auto} for gpt5 with a load curve
   * (docs/serving.md; the shape of the real H100 sweep): the same work at a traffic, plus the load of every
   * point (each point re-estimated at its slowed speeds) and, for auto, a bisection over replica counts per point
   * (target: under 5 ms, as plan).
   */
  @Benchmark
  public Deployment.Result planAtATraffic() {
    return Deployment.plan(new Deployment.Request(served, List.of(4), Grid.Kind.BATCH, 128,
        scenarios.get(0).budget(), BudgetBasis.MEANS, 1e-6, 1),
        new io.kstar.estimate.LoadedEstimator(new ExactEstimator(), new io.kstar.serving.Traffic(2,
            java.util.OptionalInt.of(1))));
  }

  @Benchmark
  public Deployment.Result planAtATrafficOnAutoReplicas() {
    return Deployment.plan(new Deployment.Request(served, List.of(4), Grid.Kind.BATCH, 128,
        scenarios.get(0).budget(), BudgetBasis.MEANS, 1e-6, 1),
        new io.kstar.estimate.LoadedEstimator(new ExactEstimator(), new io.kstar.serving.Traffic(2,
            java.util.OptionalInt.empty())));
  }

  ModelProfile served;

  @Setup
  public void setupServed() {
    served = catalog.require("model", "gpt5").withServing(new io.kstar.serving.LoadCurve(1000, 100, 28.45, List.of(
        new io.kstar.serving.LoadPoint(1.208, 0.04504, 0.008565), new io.kstar.serving.LoadPoint(9.597, 0.0569, 0.01184),
        new io.kstar.serving.LoadPoint(19.22, 0.08814, 0.02139), new io.kstar.serving.LoadPoint(27.91, 0.373, 0.09001)),
        io.kstar.serving.LoadFit.QUEUEING, java.util.OptionalDouble.of(3.78), "bench"));
  }

  /** {@code kstar compare}'s work over the nine models: curves, joint front, selectors, matches. */
  @Benchmark
  public Comparison.Result compare() {
    return Comparison.compare(new Comparison.Request(catalog, List.of(), Grid.Kind.BATCH,
        128, scenarios.get(0).budget(), BudgetBasis.MEANS, 1e-6), new ExactEstimator());
  }

  /**
   * 64 models at 4 service tiers each (standard; batch and flex at half the price; priority at twice), 20
   * samples per call with a cached prompt at a tenth of the input price: 256 profiles compared on the exact
   * estimator (target under 50 ms).
   */
  @Benchmark
  public Comparison.Result compareTiers() {
    return Comparison.compare(new Comparison.Request(tiers, List.of(), Grid.Kind.BATCH, 128, scenarios.get(0).budget(),
        BudgetBasis.MEANS, 1e-6), new ExactEstimator());
  }

  Catalog tiers;

  @Setup
  public void setupTiers() {
    List<ModelProfile> out = new java.util.ArrayList<>();
    double[] tier = {1, 0.5, 0.5, 2};
    String[] names = {"standard", "batch", "flex", "priority"};
    for (int i = 0; i < 64; i++) {
      ModelProfile base = catalog.models().get(i % catalog.models().size());
      double scale = 0.5 + i / 64.0;
      for (int t = 0; t < 4; t++) {
        double in = base.cIn() * scale * tier[t];
        double outPrice = base.cOut() * scale * tier[t];
        out.add(base.withId(base.id() + "-" + i + "-" + names[t])
            .withPrices(new io.kstar.profile.Prices(in, outPrice, java.util.OptionalDouble.of(in / 10),
                java.util.OptionalDouble.empty()))
            .withRequests(new io.kstar.profile.RequestShape(20, true)));
      }
    }
    tiers = new Catalog(out);
  }

  @Benchmark
  public StudyResult reproduceOneScenario() {
    return Study.run(catalog, scenarios.subList(0, 1), StudyOptions.defaults(new ExactEstimator()));
  }

  @Benchmark
  public StudyResult reproduceAll() {
    return Study.run(catalog, scenarios, StudyOptions.defaults(new ExactEstimator()));
  }
}
