package io.kstar.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** kstar's command line: one subcommand per question (reproduce, plan, compare, budget, sensitivity, calibrate, curve, models, serve). */
@Command(
    name = "kstar",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "How much inference scaling to buy: picks k (samples per request) under cost, latency and accuracy budgets.",
    subcommands = {ReproduceCommand.class, PlanCommand.class, CompareCommand.class, BudgetCommand.class,
        SensitivityCommand.class, CalibrateCommand.class, CurveCommand.class, ModelsCommand.class, ServeCommand.class,
        CompletionCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:failure that is not the input's fault", "2:invalid input (flag, file or value)", "3:plan/compare --check: no k meets the budgets"})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // the list comes from picocli's own spec, so a new subcommand is never missing from it
    List<String> names = spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
    String list = String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: " + list);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, false, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    int code = commandLine(out, err).execute(args);
    out.flush();
    System.exit(code);
  }

  /** A command line writing to the given streams, so that tests see exactly what a user sees. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    Errors errors = new Errors();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(errors);
    cl.setParameterExceptionHandler(errors);
    cl.setCaseInsensitiveEnumValuesAllowed(false);
    // every command's help ends with an example and the exit codes
    for (CommandLine sub : cl.getSubcommands().values()) {
      var usage = sub.getCommandSpec().usageMessage();
      String example = EXAMPLES.get(sub.getCommandName());
      if (example != null && usage.footer().length == 0) {
        usage.footerHeading("%nExample:%n").footer("  " + example);
      }
      usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
    }
    return cl;
  }

  static final java.util.Map<String, String> EXIT_CODES = new java.util.LinkedHashMap<>(java.util.Map.of(
      "0", "success", "1", "failure that is not the input's fault", "2", "invalid input (flag, file or value)",
      "3", "plan/compare --check: no k meets the budgets"));

  static {
    // Map.of has no order: put them back in order
    var ordered = new java.util.LinkedHashMap<String, String>();
    for (String k : java.util.List.of("0", "1", "2", "3")) {
      ordered.put(k, EXIT_CODES.get(k));
    }
    EXIT_CODES.clear();
    EXIT_CODES.putAll(ordered);
  }

  /** One example per command, shown at the end of its help. */
  static final java.util.Map<String, String> EXAMPLES = java.util.Map.of(
      "reproduce", "./kstar reproduce --estimator monte-carlo --trials 300",
      "plan", "./kstar plan --model gpt5 --scenario balanced --confidence 0.9",
      "compare", "./kstar compare --scenario latency-critical --format json",
      "budget", "./kstar budget --catalog --min-accuracy 0.95",
      "sensitivity", "./kstar sensitivity --model gpt5 --scenario balanced",
      "calibrate", "./kstar calibrate --curve docs/examples/r1-distill-qwen7b-scaling-curves.json --dataset MATH500 --method best_of_n",
      "curve", "./kstar curve --model gpt5-nano --k-max 32 --format csv",
      "models", "./kstar models --convert --to flat",
      "serve", "./kstar serve --port 8080");

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws Exception {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"kstar " + p.getProperty("version", "unknown") + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
