package io.kstar.cli;

import io.kstar.chart.HtmlReport;
import io.kstar.plan.Deployment;
import io.kstar.plan.Sensitivity;
import io.kstar.report.SensitivityReport;
import io.kstar.request.Operation;
import io.kstar.request.RequestValues;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code kstar sensitivity}: what would change the answer. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = RequestOptions.Sensitivity.class,
    description = "How each pick moves when each budget and each profile figure moves by ±10%% and ±25%%; flags fragile picks.")
final class SensitivityCommand implements Callable<Integer> {

  @Mixin ModelOptions model;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    output.format();
    RequestValues v = RequestOptions.values(spec, Operation.SENSITIVITY);
    Deployment.Request request = PlanCommand.request(spec, model, v);
    Sensitivity.Result result = Sensitivity.analyse(request, RequestOptions.estimator(v, spec));
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "sensitivity",
        f -> SensitivityReport.render(result, f),
        () -> HtmlReport.sensitivity(result));
    return ExitCode.OK;
  }
}
