package io.kstar.cli;

import io.kstar.estimate.Curve;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.profile.ModelProfile;
import io.kstar.report.CurveReport;
import io.kstar.request.Operation;
import io.kstar.request.RequestFields;
import io.kstar.request.RequestValues;
import io.kstar.request.Requests;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code kstar curve --model ID}: per-k statistics of cost, latency and accuracy. */
@Command(name = "curve", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = RequestOptions.Curve.class,
    description = "Per-k mean, standard deviation and 2.5%%/97.5%% quantiles of cost, latency and accuracy for one model.")
final class CurveCommand implements Callable<Integer> {

  @Mixin OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Curves with more points than this get a warning first. */
  static final int LARGE = 200_000;

  @Override
  public Integer call() {
    var format = output.format();
    RequestValues v = RequestOptions.values(spec, Operation.CURVE);
    String id = RequestOptions.source(spec, RequestFields.MODEL);
    if (id == null) {
      throw InvalidInputException.of(RequestFields.MODEL.name(), null, "is required: a model id of the catalog");
    }
    ModelProfile m = Requests.profile(v, RequestOptions.catalog(spec).require(RequestFields.MODEL.name(), id));
    int p = Requests.parallel(v).orElse(m.defaultParallel());
    Grid grid = Grid.of(Requests.grid(v), Requests.kMax(v, null, Grid.DEFAULT_K_MAX), p);
    var policy = Requests.curvePolicy(v);
    if (grid.size() > LARGE && !Requests.monteCarlo(v)) {
      // a big curve takes a while and prints a lot: say so before the wait, not after
      spec.commandLine().getErr().printf(java.util.Locale.ROOT, "kstar: warning: %d points of k: expect a long run and"
          + " about %d MB of %s output (a smaller --k-max, or --grid batch, gives fewer)%n", grid.size(),
          Math.max(1, (long) grid.size() * (format == io.kstar.report.Format.JSON ? 600 : 200) / 1_000_000),
          format.name().toLowerCase(java.util.Locale.ROOT));
      spec.commandLine().getErr().flush();
    }
    var estimator = RequestOptions.estimator(v, spec);
    Curve c = estimator.estimate(new io.kstar.estimate.Estimator.Job(m, p, grid.ks(), policy));
    CurveReport.Run run = estimator instanceof MonteCarloEstimator mc ? new CurveReport.Run(mc.trials(), mc.seed()) : null;
    output.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), "curve-" + m.id(),
        f -> CurveReport.render(c, run, f));
    return ExitCode.OK;
  }
}
