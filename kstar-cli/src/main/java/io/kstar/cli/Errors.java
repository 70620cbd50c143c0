package io.kstar.cli;

import io.kstar.input.InvalidInputException;
import java.io.PrintWriter;
import io.kstar.request.RequestFields;
import picocli.CommandLine;

/**
 * The one place where failures become messages and exit codes. Invalid input (from a flag, a file, or
 * picocli's own parsing) exits {@link ExitCode#INVALID_INPUT} with one line on stderr; anything else
 * exits {@link ExitCode#FAILURE} with one line, and the stack trace only when KSTAR_DEBUG is set.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  /**
   * The flag a CLI user typed for a core field name (what the core and the service call a value): the
   * declared flag of a planning request field ({@link RequestFields#flagOf}: {@code max_cost_usd} is
   * {@code --max-cost}), else the rule every other flag follows ({@code fit_up_to} is {@code --fit-up-to}),
   * when the running command has that option; the one exception is {@code accuracy_model}, which
   * {@code calibrate} takes as {@code --model}. Errors about a value from a file keep the file's key path.
   */
  static String flagOf(String field, CommandLine cmd) {
    String flag = field.equals("accuracy_model") ? "--model" : RequestFields.flagOf(field);
    if (cmd == null) {
      return RequestFields.find(field).isPresent() ? flag : null;
    }
    return cmd.getCommandSpec().findOption(flag) != null ? flag : null;
  }

  static String message(InvalidInputException e, CommandLine cmd) {
    InvalidInputException shown = e;
    String flag = e.source().isEmpty() ? flagOf(e.field(), cmd) : null;
    if (flag != null) {
      shown = new InvalidInputException(null, flag, e.value().orElse(null), e.allowed());
    }
    return "kstar: " + shown.getMessage();
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof InvalidInputException e) {
      err.println(message(e, cmd));
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
    err.println("kstar: " + ex.getMessage() + didYouMean(ex) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitCode.INVALID_INPUT;
  }

  /** For an unknown command or flag, the nearest known one (edit distance); "" otherwise. */
  static String didYouMean(CommandLine.ParameterException ex) {
    // `kstar help plann`: the help command names an unknown command in its message
    var unknown = java.util.regex.Pattern.compile("Unknown subcommand '([^']*)'").matcher(String.valueOf(ex.getMessage()));
    if (!(ex instanceof CommandLine.UnmatchedArgumentException) && unknown.find()) {
      return io.kstar.input.Suggest.hint(unknown.group(1), ex.getCommandLine().getCommandSpec().root().subcommands()
          .keySet());
    }
    if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
      return "";
    }
    String typed = u.getUnmatched().get(0);
    var spec = ex.getCommandLine().getCommandSpec();
    java.util.Collection<String> known = typed.startsWith("-")
        ? spec.optionsMap().keySet()
        : spec.subcommands().keySet();
    String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
    return io.kstar.input.Suggest.hint(name, known);
  }
}
