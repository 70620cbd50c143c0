package io.kstar.cli;

import io.kstar.chart.HtmlReport;
import io.kstar.plan.Comparison;
import io.kstar.report.CompareReport;
import io.kstar.request.Operation;
import io.kstar.request.RequestValues;
import io.kstar.request.Requests;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kstar compare}: which model and which k, across a catalog, under one budget. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = RequestOptions.Compare.class,
    description = "A catalog against one budget: the joint Pareto front over every (model, P, k), every selector's pick"
        + " over it, and for each model at k = 1 the cheapest (model, k) that matches its accuracy within the latency"
        + " budget.")
final class CompareCommand implements Callable<Integer> {

  @Option(names = "--check", description = "Exit 3 when no (model, k) meets the budgets.")
  boolean check;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    output.format();
    RequestValues v = RequestOptions.values(spec, Operation.COMPARE);
    Comparison.Request request = Requests.compare(v, RequestOptions.catalog(spec), RequestOptions.scenarios(spec));
    Comparison.Result result = Comparison.compare(request, RequestOptions.estimator(v, spec));
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "compare", f -> CompareReport.render(result, f),
        () -> HtmlReport.compare(result));
    return check && result.space().isEmpty() ? ExitCode.NO_FEASIBLE_K : ExitCode.OK;
  }
}
