package io.kstar.cli;

import io.kstar.estimate.Curve;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.profile.ModelProfile;
import io.kstar.report.CurveReport;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kstar curve --model ID}: per-k statistics of cost, latency and accuracy. */
@Command(name = "curve", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Per-k mean, standard deviation and 2.5%%/97.5%% quantiles of cost, latency and accuracy for one model.")
final class CurveCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "ID", description = "Model id in the catalog.")
  String model;

  @Mixin InputOptions input;
  @Mixin EstimationOptions estimation;

  @Option(names = "--parallel", paramLabel = "P",
      description = "Samples run at the same time; overrides every model's default_parallel.")
  Integer parallel;

  @Mixin PolicyOptions policy;

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Curves with more points than this get a warning first. */
  static final int LARGE = 200_000;

  @Override
  public Integer call() {
    var format = output.format();
    ModelProfile m = input.catalog().require("model", model);
    int p = (parallel == null ? OptionalInt.empty() : OptionalInt.of(parallel)).orElse(m.defaultParallel());
    Grid grid = Grid.of(estimation.gridKind(), estimation.kMaxOverride().orElse(Grid.DEFAULT_K_MAX), p);
    if (grid.size() > LARGE && !estimation.monteCarlo()) {
      // a big curve takes a while and prints a lot: say so before the wait, not after
      spec.commandLine().getErr().printf(java.util.Locale.ROOT, "kstar: warning: %d points of k: expect a long run and"
          + " about %d MB of %s output (a smaller --k-max, or --grid batch, gives fewer)%n", grid.size(),
          Math.max(1, (long) grid.size() * (format == io.kstar.report.Format.JSON ? 600 : 200) / 1_000_000),
          format.name().toLowerCase(java.util.Locale.ROOT));
      spec.commandLine().getErr().flush();
    }
    var estimator = estimation.estimator();
    var policies = policy.policies();
    if (policies.size() != 1) {
      throw io.kstar.input.InvalidInputException.of("--policy", policy.policy,
          "curve draws one policy at a time: give one policy (and one --margin or --score-threshold)");
    }
    Curve c = estimator.estimate(new io.kstar.estimate.Estimator.Job(m, p, grid.ks(), policies.get(0)));
    CurveReport.Run run = estimator instanceof MonteCarloEstimator mc ? new CurveReport.Run(mc.trials(), mc.seed()) : null;
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "curve-" + m.id(),
        f -> CurveReport.render(c, run, f));
    return ExitCode.OK;
  }
}
