package io.kstar.cli;

import io.kstar.catalog.CatalogReader;
import io.kstar.chart.HtmlReport;
import io.kstar.plan.Deployment;
import io.kstar.report.PlanReport;
import io.kstar.request.Operation;
import io.kstar.request.RequestFields;
import io.kstar.request.RequestValues;
import io.kstar.request.Requests;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kstar plan}: one model, one budget: which k (and P), how sure, and what it costs. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = RequestOptions.Plan.class,
    description = "One model under one budget: the feasible k, the picks of every selector and both baselines, each with"
        + " 95%% intervals, the nearest budget, the marginal price of accuracy, the cost of pass and the chance one"
        + " request breaks each budget.")
final class PlanCommand implements Callable<Integer> {

  @Mixin ModelOptions model;

  @Option(names = "--check", description = "Exit 3 when no k meets the budgets (for deployment pipelines).")
  boolean check;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    output.format();
    RequestValues v = RequestOptions.values(spec, Operation.PLAN);
    Deployment.Request request = request(spec, model, v);
    Deployment.Result result = Deployment.plan(request, RequestOptions.estimator(v, spec));
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "plan", f -> PlanReport.render(result, f),
        () -> HtmlReport.plan(result));
    return check && !Deployment.anyFeasible(result) ? ExitCode.NO_FEASIBLE_K : ExitCode.OK;
  }

  /** The plan a command line asks for (plan, sensitivity): the model from the catalog or inline, the rest declared. */
  static Deployment.Request request(picocli.CommandLine.Model.CommandSpec spec, ModelOptions model, RequestValues v) {
    String id = RequestOptions.source(spec, RequestFields.MODEL);
    String models = RequestOptions.source(spec, RequestFields.MODELS);
    var catalog = id == null && models == null ? null : RequestOptions.catalog(spec);
    var profile = model.resolve(catalog == null ? CatalogReader.embedded() : catalog, id);
    return Requests.plan(v, profile, RequestOptions.scenarios(spec));
  }
}
