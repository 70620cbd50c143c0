package io.kstar.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * The training run the launcher records its start-up cache from (JDK 25's ahead-of-time cache, or a
 * class-data-sharing archive on Java 17): the short commands a user runs most, in one process, with
 * their output discarded. Not a command; the launcher runs it once after each build as
 * {@code java -cp kstar.jar io.kstar.cli.StartupTraining}, and once more as {@code ... StartupTraining
 * light} for a small cache of its own that {@code --version} starts with: a JDK 25 cache loads every
 * class it holds at start-up, so the commands' classes would only slow it down.
 */
public final class StartupTraining {
  private StartupTraining() {}

  /** The commands whose classes (and, on JDK 25, whose method profiles) the cache holds. */
  static final List<List<String>> COMMANDS = List.of(
      List.of("--version"),
      List.of("plan", "--model", "gpt5", "--scenario", "balanced"),
      List.of("plan", "--model", "gpt5", "--scenario", "balanced", "--format", "json"),
      List.of("curve", "--model", "gpt5-nano", "--k-max", "32"),
      List.of("curve", "--model", "gpt5-nano", "--k-max", "32", "--format", "csv"),
      List.of("compare", "--scenario", "balanced"),
      List.of("models"),
      List.of("reproduce"),
      List.of("reproduce", "--format", "json", "--estimator", "monte-carlo", "--trials", "16"),
      List.of("reproduce", "--estimator", "monte-carlo", "--trials", "300"));

  public static void main(String[] args) {
    // what the java launcher does before it runs Main: look up its main method among all of Main's
    // methods, which loads every type in their signatures (picocli's CommandLine among them)
    Main.class.getDeclaredMethods();
    // the writers Main.main makes (UTF-8 over the standard streams), writing nowhere
    PrintWriter sink = new PrintWriter(java.io.OutputStream.nullOutputStream(), false, java.nio.charset.StandardCharsets.UTF_8);
    if (args.length > 0 && args[0].equals("light")) {
      // what `kstar --version` runs, and only that: Main's own path, without picocli's command line
      Main.printVersion(sink);
    } else {
      for (List<String> command : COMMANDS) {
        String[] line = command.toArray(String[]::new);
        Main.commandLine(sink, sink, line).execute(line);
      }
    }
    sink.flush();
  }
}
