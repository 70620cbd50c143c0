package io.kstar.cli;

import io.kstar.input.InvalidInputException;
import io.kstar.select.SelectionContext;
import picocli.CommandLine.Option;

/** {@code --accuracy-tolerance}, shared by the commands that run the selectors. */
final class ToleranceOption {

  @Option(names = "--accuracy-tolerance", paramLabel = "TAU", defaultValue = "" + SelectionContext.DEFAULT_ACCURACY_TOLERANCE,
      description = "accuracy-max takes the smallest k within TAU of the best feasible accuracy. Default: ${DEFAULT-VALUE}.")
  double tolerance;

  double value() {
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw InvalidInputException.of("--accuracy-tolerance", tolerance, "must be a finite number >= 0");
    }
    return tolerance;
  }
}
