package io.kstar.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** kstar's command line: one subcommand per question (reproduce, plan, compare, budget, sensitivity, calibrate, curve, models, serve). */
@Command(
    name = "kstar",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "How much inference scaling to buy: picks k (samples per request) under cost, latency and accuracy budgets.",
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

  /**
   * The subcommands, in the order help lists them. picocli reads a command's options by reflection when
   * it is added, which for all of them costs more than most commands' work, so {@link #commandLine(
   * PrintWriter, PrintWriter, String[])} adds only the one a command line names.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(ReproduceCommand.class, PlanCommand.class, CompareCommand.class,
      BudgetCommand.class, SensitivityCommand.class, CalibrateCommand.class, CurveCommand.class, ModelsCommand.class,
      ServeCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class);

  /** Subcommands that read the whole command tree (help about others, the completion script). */
  private static final java.util.Set<String> NEED_ALL = java.util.Set.of("help", "completion");

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, false, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    int code = versionOnly ? printVersion(out) : commandLine(out, err, args).execute(args);
    out.flush();
    err.flush();
    System.out.flush();
    System.err.flush();
    if (args.length > 0 && args[0].equals("serve")) {
      System.exit(code); // the server's shutdown hook may still be running
    }
    // Not System.exit: from Java 21 on it logs the exit through System.Logger, which starts
    // java.util.logging (about 25 ms, half a Java hello-world). A command has no shutdown hook to run
    // and its output is flushed above.
    Runtime.getRuntime().halt(code);
  }

  /**
   * {@code kstar --version} without building a command line (picocli's first one costs more than the
   * rest of the JVM's start-up); prints what picocli's {@code --version} prints, which a test checks.
   */
  static int printVersion(PrintWriter out) {
    for (String line : new Version().getVersion()) {
      out.println(line);
    }
    return ExitCode.OK;
  }

  /** A command line writing to the given streams, so that tests see exactly what a user sees. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, null);
  }

  /**
   * A command line for these arguments: with the one subcommand they name (the others are not even
   * built), with none for a bare {@code --version}, with all of them otherwise (help, errors that list
   * or suggest commands, the completion script). What it prints is the same as with all of them.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
    Errors errors = new Errors();
    CommandLine cl = new CommandLine(new Main());
    String first = args == null || args.length == 0 ? "" : args[0];
    boolean versionOnly = args != null && args.length == 1 && (first.equals("--version") || first.equals("-V"));
    boolean oneNamed = !NEED_ALL.contains(first) && SUBCOMMANDS.stream().anyMatch(c -> nameOf(c).equals(first));
    for (Class<?> sub : SUBCOMMANDS) {
      if (!versionOnly && (!oneNamed || nameOf(sub).equals(first))) {
        // a CommandLine of its own, so that picocli applies its model transformer (the declared request options)
        cl.addSubcommand(nameOf(sub), new CommandLine(sub));
      }
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(errors);
    cl.setParameterExceptionHandler(errors);
    cl.setCaseInsensitiveEnumValuesAllowed(false);
    // every command's help ends with an example and the exit codes
    for (CommandLine sub : cl.getSubcommands().values()) {
      // `kstar plan --version` prints what `kstar --version` prints (picocli's subcommands have no version)
      sub.getCommandSpec().versionProvider(new Version());
      var usage = sub.getCommandSpec().usageMessage();
      String example = EXAMPLES.get(sub.getCommandName());
      if (example != null && usage.footer().length == 0) {
        List<String> footer = new java.util.ArrayList<>();
        if (PICKS.contains(sub.getCommandName())) {
          // the picks, from the selector registry: a new selector is listed here with no change
          footer.add("Picks (selectors):");
          for (io.kstar.select.Selector s : io.kstar.select.Selectors.REGISTRY.all()) {
            footer.add("  " + s.id() + ": " + s.description().replace("%", "%%"));
          }
          footer.add("");
        }
        footer.add("Example:");
        footer.addAll(exampleLines(example));
        usage.footerHeading("%n").footer(footer.toArray(String[]::new));
      }
      usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
    }
    return cl;
  }

  /** The width help is wrapped to: a footer line longer than it would be cut mid-word. */
  static final int HELP_WIDTH = 80;

  /**
   * An example command as footer lines that picocli will not wrap: cut between words, with a shell line
   * continuation ({@code \\}), so that what is shown can be pasted as it is.
   */
  static List<String> exampleLines(String command) {
    List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder("  ");
    for (String word : command.split(" ")) {
      boolean first = line.length() == 2;
      if (!first && line.length() + 1 + word.length() + 2 > HELP_WIDTH) {
        lines.add(line.append(" \\").toString());
        line = new StringBuilder("      ");
        first = true;
      }
      if (!first) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
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

  /** The commands whose help lists the selectors. */
  static final java.util.Set<String> PICKS = java.util.Set.of("plan", "compare", "sensitivity");

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

  /**
   * kstar's version. A constant, not read from the jar: with every class in the start-up cache,
   * {@code --version} then never opens the 10 000-entry jar (about 5 ms). {@code VersionTest} holds it to
   * the POM's version ({@code version.properties}, filtered by Maven).
   */
  static final String VERSION = "0.1.0";

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"kstar " + VERSION + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
