package io.kstar.cli;

import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.Check;
import io.kstar.input.InvalidInputException;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Reverse;
import io.kstar.profile.ModelProfile;
import io.kstar.report.ReverseReport;
import io.kstar.request.Operation;
import io.kstar.request.RequestFields;
import io.kstar.request.RequestValues;
import io.kstar.request.Requests;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kstar budget}: the reverse question, from an accuracy target to the smallest budgets. */
@Command(name = "budget", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = RequestOptions.Budget.class,
    description = "The smallest cost budget and the smallest latency budget at which some k reaches an accuracy target, and that k.")
final class BudgetCommand implements Callable<Integer> {

  /** k_max when none is given: the reverse question looks further than a plan. */
  static final int DEFAULT_K_MAX = 1024;

  @Option(names = "--catalog", description = "Answer for every model of the catalog (instead of --model ID).")
  boolean catalog;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    output.format();
    RequestValues v = RequestOptions.values(spec, Operation.BUDGET);
    String model = RequestOptions.source(spec, RequestFields.MODEL);
    var cat = Requests.catalog(v, RequestOptions.catalog(spec));
    if (model == null && !catalog) {
      throw InvalidInputException.of(RequestFields.MODEL.name(), null, "is required (or --catalog for every model)");
    }
    if (model != null && catalog) {
      throw InvalidInputException.of(RequestFields.MODEL.name(), model, "cannot be combined with --catalog: give --model"
          + " ID for one model, or --catalog for every model of the catalog");
    }
    double minAccuracy = v.number(RequestFields.MIN_ACCURACY).orElseThrow(() -> InvalidInputException.of(
        RequestFields.MIN_ACCURACY.name(), null, "is required: the accuracy target, in (0, 1]"));
    BudgetBasis basis = Requests.basis(v);
    List<ModelProfile> models = catalog ? cat.models() : List.of(cat.require(RequestFields.MODEL.name(), model));
    int kMax = Requests.kMax(v, null, DEFAULT_K_MAX);
    Grid.of(Requests.grid(v), kMax, 1);
    boolean mc = Requests.monteCarlo(v);
    List<Reverse.Answer> answers = Reverse.answer(models, Requests.parallels(v), Requests.grid(v), kMax,
        minAccuracy, basis, Requests.reverse(v, RequestOptions.estimator(v, spec)), Requests.confidence(v),
        Requests.policies(v));
    var probe = new ExactEstimator().estimate(models.get(0), 1, new int[] {1}).points().get(0);
    String bc = mc ? describe(basis.costQuantile(), "simulated") : basis.describeCost(probe);
    String bl = mc ? describe(basis.latencyQuantile(), "simulated") : basis.describeLatency(probe);
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "budget",
        f -> ReverseReport.render(answers, bc, bl, f));
    return ExitCode.OK;
  }

  private static String describe(OptionalDouble q, String method) {
    return q.isEmpty() ? "mean" : "p" + Check.fmt(100 * q.getAsDouble()) + ", " + method;
  }
}
