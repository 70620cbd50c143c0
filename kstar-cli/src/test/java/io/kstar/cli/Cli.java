package io.kstar.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs kstar in-process with captured streams: what a user would see, and the exit status. The command
 * line is built as {@link Main#main} builds it, with only the subcommand the arguments name.
 */
final class Cli {
  record Result(int exit, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private Cli() {}
}
