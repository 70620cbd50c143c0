package io.kstar.bench;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Confidence;
import io.kstar.plan.Deployment;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * {@code kstar plan} with a list of stopping policies (#11; target under 5 ms each), exact estimator, P = 4,
 * batch grid: the paper's gpt5 with [fixed, until-score ×3 thresholds] (k ≤ 128); a pass-at-k profile with
 * [fixed, until-pass] (k ≤ 128); a majority-vote profile (3 wrong answers) with [fixed, until-decided,
 * until-lead] — until-lead by its exact walk needs one wrong answer, so that profile has one (k ≤ 64).
 *
 * <p>Run: {@code mvn -B -q -pl kstar-benchmarks -am package -DskipTests && java -jar
 * kstar-benchmarks/target/benchmarks.jar PolicyBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyBench {

  ModelProfile gpt5;
  ModelProfile pass;
  ModelProfile vote;
  ModelProfile vote1;
  io.kstar.budget.Budget budget;

  @Setup
  public void setup() {
    gpt5 = CatalogReader.embedded().require("model", "gpt5");
    budget = ScenarioReader.embedded().get(0).budget();
    BetaDifficulty d = new BetaDifficulty(1.6, 0.5);
    pass = gpt5.withId("pass").withAccuracy(new PassAtK(d));
    vote = gpt5.withId("vote").withAccuracy(new MajorityVote(d, 3));
    vote1 = gpt5.withId("vote1").withAccuracy(new MajorityVote(d, 1));
  }

  private Deployment.Result plan(ModelProfile m, int kMax, List<Policy> policies) {
    return Deployment.plan(new Deployment.Request(m, List.of(4), Grid.Kind.BATCH, kMax, budget, BudgetBasis.MEANS,
        1e-6, 1, Confidence.OFF, policies), new ExactEstimator());
  }

  @Benchmark
  public Deployment.Result untilScoreThreeThresholds() {
    return plan(gpt5, 128, List.of(Policy.FIXED, Policy.untilScore(0.9), Policy.untilScore(0.95), Policy.untilScore(0.97)));
  }

  @Benchmark
  public Deployment.Result untilPass() {
    return plan(pass, 128, List.of(Policy.FIXED, Policy.UNTIL_PASS));
  }

  @Benchmark
  public Deployment.Result untilDecided() {
    return plan(vote, 64, List.of(Policy.FIXED, Policy.UNTIL_DECIDED));
  }

  @Benchmark
  public Deployment.Result untilLeadAndDecided() {
    return plan(vote1, 64, List.of(Policy.FIXED, Policy.UNTIL_DECIDED, Policy.untilLead(2), Policy.untilLead(3)));
  }
}
