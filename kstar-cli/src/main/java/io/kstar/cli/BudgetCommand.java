package io.kstar.cli;

import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.Check;
import io.kstar.input.InvalidInputException;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Reverse;
import io.kstar.profile.ModelProfile;
import io.kstar.report.ReverseReport;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kstar budget}: the reverse question, from an accuracy target to the smallest budgets. */
@Command(name = "budget", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The smallest cost budget and the smallest latency budget at which some k reaches an accuracy target, and that k.")
final class BudgetCommand implements Callable<Integer> {

  @Option(names = "--model", paramLabel = "ID", description = "Model id (or --catalog for every model).")
  String model;

  @Option(names = "--catalog", description = "Answer for every model of the catalog.")
  boolean catalog;

  @Option(names = "--min-accuracy", required = true, paramLabel = "A", description = "The accuracy target, in (0, 1].")
  double minAccuracy;

  @Option(names = "--cost-quantile", paramLabel = "Q", description = "Budget the Q-quantile of cost instead of the mean.")
  Double costQuantile;

  @Option(names = "--latency-quantile", paramLabel = "Q", description = "Budget the Q-quantile of latency instead of the mean.")
  Double latencyQuantile;

  @Option(names = "--parallel", paramLabel = "P|LIST|RANGE", description = "P, or several. Default: the model's.")
  String parallel;

  @Option(names = "--confidence", paramLabel = "C",
      description = "A k reaches the target only when the probability that its expected accuracy does (over the profile's"
          + " calibration uncertainty) is at least C. Default: off (the mean).")
  Double confidence;

  @Mixin PolicyOptions policy;

  @Mixin InputOptions input;
  @Mixin EstimationOptions estimation;
  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    output.format();
    var cat = input.catalog();
    if (model == null && !catalog) {
      throw InvalidInputException.of("--model", null, "is required (or --catalog for every model)");
    }
    if (model != null && catalog) {
      throw InvalidInputException.of("--model", model, "cannot be combined with --catalog: give --model ID for one"
          + " model, or --catalog for every model of the catalog");
    }
    if (!(minAccuracy > 0 && minAccuracy <= 1)) {
      throw InvalidInputException.of("--min-accuracy", minAccuracy, "must be a number in (0, 1]");
    }
    BudgetBasis basis = new BudgetBasis(costQuantile == null ? OptionalDouble.empty() : OptionalDouble.of(costQuantile),
        latencyQuantile == null ? OptionalDouble.empty() : OptionalDouble.of(latencyQuantile));
    List<ModelProfile> models = catalog ? cat.models() : List.of(cat.require("model", model));
    int kMax = estimation.kMaxOr(1024);
    Grid.of(estimation.gridKind(), kMax, 1);
    List<Reverse.Answer> answers = Reverse.answer(models, ParallelList.parse(parallel), estimation.gridKind(), kMax,
        minAccuracy, basis, estimation.estimator(), io.kstar.plan.Confidence.of(confidence), policy.policies());
    var probe = new ExactEstimator().estimate(models.get(0), 1, new int[] {1}).points().get(0);
    String bc = estimation.monteCarlo() ? describe(costQuantile, "simulated") : basis.describeCost(probe);
    String bl = estimation.monteCarlo() ? describe(latencyQuantile, "simulated") : basis.describeLatency(probe);
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "budget",
        f -> ReverseReport.render(answers, bc, bl, f));
    return ExitCode.OK;
  }

  private static String describe(Double q, String method) {
    return q == null ? "mean" : "p" + Check.fmt(100 * q) + ", " + method;
  }
}
