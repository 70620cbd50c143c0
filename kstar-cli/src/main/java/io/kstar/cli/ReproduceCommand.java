package io.kstar.cli;

import io.kstar.chart.HtmlReport;
import io.kstar.report.StudyReport;
import io.kstar.request.Operation;
import io.kstar.request.RequestValues;
import io.kstar.request.Requests;
import io.kstar.study.Study;
import io.kstar.study.StudyResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code kstar reproduce}: every scenario × every model × every selector, and the headline. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = RequestOptions.Reproduce.class,
    description = "The paper's study: every scenario x every model x the paper's four selectors, with both baselines and"
        + " the headline measured on the run.")
final class ReproduceCommand implements Callable<Integer> {

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    output.format();
    RequestValues v = RequestOptions.values(spec, Operation.REPRODUCE);
    var catalog = Requests.catalog(v, RequestOptions.catalog(spec));
    var scenarios = RequestOptions.scenarios(spec);
    StudyResult result = Study.run(catalog, scenarios, Requests.study(v, RequestOptions.estimator(v, spec)));
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "reproduce",
        f -> StudyReport.render(result, f),
        () -> HtmlReport.study(result));
    return ExitCode.OK;
  }
}
