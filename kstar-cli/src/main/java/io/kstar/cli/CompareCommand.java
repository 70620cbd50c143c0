package io.kstar.cli;

import io.kstar.chart.HtmlReport;
import io.kstar.grid.Grid;
import io.kstar.plan.Comparison;
import io.kstar.report.CompareReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kstar compare}: which model and which k, across a catalog, under one budget. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = "A catalog against one budget: the joint Pareto front over every (model, P, k), the four picks over it, "
        + "and for each model at k = 1 the cheapest (model, k) that matches its accuracy within the latency budget.")
final class CompareCommand implements Callable<Integer> {

  @Mixin BudgetOptions budget;
  @Mixin InputOptions input;
  @Mixin EstimationOptions estimation;

  @Option(names = "--parallel", paramLabel = "P|LIST|RANGE",
      description = "P for every model, or several (1,2,4 or 1-8) to choose P too. Default: each model's default_parallel.")
  String parallel;

  @Mixin PolicyOptions policy;

  @Mixin ToleranceOption tolerance;

  @Option(names = "--check", description = "Exit 3 when no (model, k) meets the budgets.")
  boolean check;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    output.format();
    var catalog = input.catalog();
    var scenarios = input.scenarioList();
    int kMax = budget.kMax(scenarios, estimation.kMax);
    Grid.of(estimation.gridKind(), kMax, 1);
    Comparison.Request request = new Comparison.Request(catalog, ParallelList.parse(parallel), estimation.gridKind(),
        kMax, budget.budget(scenarios), budget.basis(), tolerance.value(), budget.confidence(), policy.policies());
    Comparison.Result result = Comparison.compare(request, estimation.estimator());
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "compare", f -> CompareReport.render(result, f),
        () -> HtmlReport.compare(result));
    return check && result.space().isEmpty() ? ExitCode.NO_FEASIBLE_K : ExitCode.OK;
  }
}
