package io.kstar.cli;

import io.kstar.chart.HtmlReport;
import io.kstar.plan.Confidence;
import io.kstar.report.StudyReport;
import io.kstar.study.Study;
import io.kstar.study.StudyOptions;
import io.kstar.study.StudyResult;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kstar reproduce}: every scenario × every model × every selector, and the headline. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The paper's study: every scenario x every model x every selector, with both baselines and the headline measured on the run.")
final class ReproduceCommand implements Callable<Integer> {

  @Mixin InputOptions input;
  @Mixin EstimationOptions estimation;

  @Option(names = "--parallel", paramLabel = "P",
      description = "Samples run at the same time; overrides every model's default_parallel.")
  Integer parallel;

  @Mixin PolicyOptions policy;

  @Mixin ToleranceOption tolerance;

  @Option(names = "--baseline-k", paramLabel = "K", defaultValue = "1",
      description = "The fixed k of the 1-D baseline. Default: ${DEFAULT-VALUE}.")
  int baselineK;

  @Option(names = "--reference", paramLabel = "MODEL",
      description = "The large model of the headline. Default: the highest expected cost per sample.")
  String reference;

  @Option(names = "--confidence", paramLabel = "C",
      description = "Plan robustly: a k is feasible only when the probability that its expected values meet the budgets"
          + " (over the profiles' calibration uncertainty) is at least C. Default: off (the means).")
  Double confidence;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var format = output.format();
    var catalog = input.catalog();
    var scenarios = input.scenarioList();
    StudyOptions options = new StudyOptions(
        estimation.estimator(), estimation.gridKind(), estimation.kMaxOverride(), (parallel == null ? OptionalInt.empty() : OptionalInt.of(parallel)),
        tolerance.value(), baselineK, Optional.ofNullable(reference), Confidence.of(confidence), policy.policies());
    StudyResult result = Study.run(catalog, scenarios, options);
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "reproduce",
        f -> StudyReport.render(result, f),
        () -> HtmlReport.study(result));
    return ExitCode.OK;
  }
}
