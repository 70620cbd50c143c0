package io.kstar.cli;

import io.kstar.estimate.Estimator;
import io.kstar.estimate.ExactEstimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/** The flags of docs/semantics.md §7 that choose how curves are computed. */
final class EstimationOptions {

  @Option(names = "--estimator", paramLabel = "exact|monte-carlo", defaultValue = "exact",
      description = "exact (closed forms and quadrature, no noise) or monte-carlo (seeded simulation). Default: ${DEFAULT-VALUE}.")
  String estimator;

  @Option(names = "--trials", paramLabel = "M", defaultValue = "" + MonteCarloEstimator.DEFAULT_TRIALS,
      description = "Monte Carlo trials (simulated requests per k). Default: ${DEFAULT-VALUE}.")
  int trials;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + MonteCarloEstimator.DEFAULT_SEED,
      description = "Monte Carlo seed; the same seed gives the same bytes on any number of threads. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--threads", paramLabel = "N",
      description = "Monte Carlo threads. Default: every core.")
  Integer threads;

  @Option(names = "--grid", paramLabel = "batch|all", defaultValue = "batch",
      description = "batch: k = P, 2P, ... <= k_max (the paper's grid); all: every k in 1..k_max. Default: ${DEFAULT-VALUE}.")
  String grid;

  @Option(names = "--k-max", paramLabel = "K",
      description = "Largest k; overrides the scenario's k_max. Default: the scenario's, else " + Grid.DEFAULT_K_MAX + ".")
  Integer kMax;

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec mixee;

  Estimator estimator() {
    switch (estimator) {
      case ExactEstimator.NAME:
        return new ExactEstimator();
      case MonteCarloEstimator.NAME:
        MonteCarloEstimator mc = new MonteCarloEstimator(
            trials, seed, threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        ProgressBar bar = mixee == null ? null : ProgressBar.forTerminal(mixee.commandLine().getErr());
        return bar == null ? mc : mc.withProgress(bar);
      default:
        throw InvalidInputException.of("--estimator", estimator, "must be one of [exact, monte-carlo]");
    }
  }

  Grid.Kind gridKind() {
    return Grid.Kind.parse("--grid", grid);
  }

  OptionalInt kMaxOverride() {
    return kMax == null ? OptionalInt.empty() : OptionalInt.of(kMax);
  }

  int kMaxOr(int fallback) {
    return kMax == null ? fallback : kMax;
  }

  boolean monteCarlo() {
    return MonteCarloEstimator.NAME.equals(estimator);
  }
}
