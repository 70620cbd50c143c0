package io.kstar.cli;

import io.kstar.catalog.CatalogReader;
import io.kstar.chart.HtmlReport;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.plan.Deployment;
import io.kstar.report.PlanReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kstar plan}: one model, one budget: which k (and P), how sure, and what it costs. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
    description = "One model under one budget: the feasible k, the four picks and both baselines, each with 95%% intervals, "
        + "the nearest budget, the marginal price of accuracy, the cost of pass and the chance one request breaks each budget.")
final class PlanCommand implements Callable<Integer> {

  @Mixin ModelOptions model;
  @Mixin BudgetOptions budget;
  @Mixin InputOptions input;
  @Mixin EstimationOptions estimation;

  @Option(names = "--parallel", paramLabel = "P|LIST|RANGE",
      description = "P, or several (1,2,4 or 1-8) to choose P with k. Default: the model's default_parallel.")
  String parallel;

  @Mixin PolicyOptions policy;

  @Mixin ToleranceOption tolerance;

  @Option(names = "--baseline-k", paramLabel = "K", defaultValue = "1", description = "The fixed k of the 1-D baseline.")
  int baselineK;

  @Option(names = "--check", description = "Exit 3 when no k meets the budgets (for deployment pipelines).")
  boolean check;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    output.format();
    Deployment.Request request = request(model, budget, input, estimation, parallel, tolerance.value(), baselineK,
        policy.policies());
    Deployment.Result result = Deployment.plan(request, estimation.estimator());
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "plan", f -> PlanReport.render(result, f),
        () -> HtmlReport.plan(result));
    return check && !Deployment.anyFeasible(result) ? ExitCode.NO_FEASIBLE_K : ExitCode.OK;
  }

  static Deployment.Request request(ModelOptions model, BudgetOptions budget, InputOptions input,
      EstimationOptions estimation, String parallel, double tolerance, int baselineK,
      List<io.kstar.policy.Policy> policies) {
    var catalog = model.model == null && input.models == null ? null : input.catalog();
    var profile = model.resolve(catalog == null ? CatalogReader.embedded() : catalog);
    var scenarios = input.scenarioList();
    List<Integer> ps = ParallelList.parse(parallel);
    if (ps.isEmpty()) {
      ps = List.of(profile.defaultParallel());
    }
    if (baselineK < 1 || baselineK > Grid.MAX_K) {
      throw InvalidInputException.of("--baseline-k", baselineK, "must be an integer in [1, " + Grid.MAX_K + "]");
    }
    int kMax = budget.kMax(scenarios, estimation.kMax);
    Grid.of(estimation.gridKind(), kMax, ps.get(0)); // validates k_max
    return new Deployment.Request(profile, ps, estimation.gridKind(), kMax, budget.budget(scenarios), budget.basis(),
        tolerance, baselineK, budget.confidence(), policies);
  }
}
