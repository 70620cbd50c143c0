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

  /**
   * The one table from core field names (what the core and the service call a value) to the flag a CLI
   * user typed. Errors about a value that came from a file keep the file's key path instead.
   */
  static final Map<String, String> FLAG_OF = Map.ofEntries(
      Map.entry("model", "--model"),
      Map.entry("models", "--models"),
      Map.entry("scenarios", "--scenarios"),
      Map.entry("scenario", "--scenario"),
      Map.entry("k_max", "--k-max"),
      Map.entry("grid", "--grid"),
      Map.entry("estimator", "--estimator"),
      Map.entry("trials", "--trials"),
      Map.entry("seed", "--seed"),
      Map.entry("threads", "--threads"),
      Map.entry("parallel", "--parallel"),
      Map.entry("policy", "--policy"),
      Map.entry("margin", "--margin"),
      Map.entry("score_threshold", "--score-threshold"),
      Map.entry("replay_k", "--replay-k"),
      Map.entry("replay_parallel", "--replay-parallel"),
      Map.entry("replay_orders", "--replay-orders"),
      Map.entry("accuracy_tolerance", "--accuracy-tolerance"),
      Map.entry("baseline_k", "--baseline-k"),
      Map.entry("reference_model", "--reference"),
      Map.entry("max_cost_usd", "--max-cost"),
      Map.entry("max_latency_s", "--max-latency"),
      Map.entry("min_accuracy", "--min-accuracy"),
      Map.entry("cost_quantile", "--cost-quantile"),
      Map.entry("latency_quantile", "--latency-quantile"),
      Map.entry("c_in", "--c-in"),
      Map.entry("c_out", "--c-out"),
      Map.entry("t_in", "--t-in"),
      Map.entry("t_out", "--t-out"),
      Map.entry("mu_Lin", "--mu-lin"),
      Map.entry("sigma_Lin", "--sigma-lin"),
      Map.entry("mu_Lout", "--mu-lout"),
      Map.entry("sigma_Lout", "--sigma-lout"),
      Map.entry("acc_mean", "--acc-mean"),
      Map.entry("acc_std", "--acc-std"),
      Map.entry("default_parallel", "--default-parallel"),
      Map.entry("log_model", "--log-model"),
      Map.entry("curve", "--curve"),
      Map.entry("dataset", "--dataset"),
      Map.entry("method", "--method"),
      Map.entry("fit_up_to", "--fit-up-to"),
      Map.entry("bootstrap", "--bootstrap"),
      Map.entry("write", "--write"),
      Map.entry("id", "--id"),
      Map.entry("validate", "--validate"),
      Map.entry("confidence", "--confidence"),
      Map.entry("accuracy_model", "--model"),
      Map.entry("group", "--group"),
      Map.entry("group_by", "--group-by"),
      Map.entry("serving", "--serving"),
      Map.entry("usage", "--usage"),
      Map.entry("prices", "--prices"));

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
    err.println("kstar: " + ex.getMessage() + didYouMean(ex) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitCode.INVALID_INPUT;
  }

  /** For an unknown command or flag, the nearest known one (edit distance); "" otherwise. */
  static String didYouMean(CommandLine.ParameterException ex) {
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
