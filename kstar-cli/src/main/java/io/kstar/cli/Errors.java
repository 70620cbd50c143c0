package io.kstar.cli;

import io.kstar.input.InvalidInputException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The one place where failures become messages and exit codes. Invalid input (from a flag, a file, or
 * picocli's own parsing) exits {@link ExitCode#INVALID_INPUT} with one line on stderr; anything else
 * exits {@link ExitCode#FAILURE} with one line, and the stack trace only when KSTAR_DEBUG is set.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  /** Core field names of values that arrive through flags, and the flag a CLI user typed. */
  static final Map<String, String> FLAG_OF = Map.of(
      "k_max", "--k-max",
      "trials", "--trials",
      "threads", "--threads",
      "parallel", "--parallel",
      "accuracy_tolerance", "--accuracy-tolerance",
      "baseline_k", "--baseline-k",
      "reference_model", "--reference",
      "model", "--model");

  static String message(InvalidInputException e) {
    InvalidInputException shown = e;
    if (e.source().isEmpty() && FLAG_OF.containsKey(e.field())) {
      shown = new InvalidInputException(null, FLAG_OF.get(e.field()), e.value().orElse(null), e.allowed());
    }
    return "kstar: " + shown.getMessage();
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof InvalidInputException e) {
      err.println(message(e));
      err.flush();
      return ExitCode.INVALID_INPUT;
    }
    err.println("kstar: failed: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
    if (System.getenv("KSTAR_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCode.FAILURE;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("kstar: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitCode.INVALID_INPUT;
  }
}
