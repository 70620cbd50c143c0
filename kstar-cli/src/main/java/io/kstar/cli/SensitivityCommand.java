package io.kstar.cli;

import io.kstar.chart.HtmlReport;
import io.kstar.plan.Deployment;
import io.kstar.plan.Sensitivity;
import io.kstar.report.SensitivityReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kstar sensitivity}: what would change the answer. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true, sortOptions = false,
    description = "How each pick moves when each budget and each profile figure moves by ±10%% and ±25%%; flags fragile picks.")
final class SensitivityCommand implements Callable<Integer> {

  @Mixin ModelOptions model;
  @Mixin BudgetOptions budget;
  @Mixin InputOptions input;
  @Mixin EstimationOptions estimation;

  @Option(names = "--parallel", paramLabel = "P|LIST|RANGE", description = "P, or several. Default: the model's.")
  String parallel;

  @Mixin PolicyOptions policy;

  @Mixin ToleranceOption tolerance;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    output.format();
    Deployment.Request request = PlanCommand.request(model, budget, input, estimation, parallel, tolerance.value(), 1,
        policy.policies());
    Sensitivity.Result result = Sensitivity.analyse(request, estimation.estimator());
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "sensitivity",
        f -> SensitivityReport.render(result, f),
        () -> HtmlReport.sensitivity(result));
    return ExitCode.OK;
  }
}
