package io.kstar.cli;

/** Every exit status kstar returns, in one place. */
public final class ExitCode {
  private ExitCode() {}

  /** The command did what was asked. */
  public static final int OK = 0;
  /** Something failed that is not the user's input (a bug, or the disk): the message says what. */
  public static final int FAILURE = 1;
  /** Invalid input: a flag, a file, a value; one message names the field, the value and what is allowed. */
  public static final int INVALID_INPUT = 2;
  /** {@code plan --check} or {@code compare --check}: the input was valid, but no k meets the budgets. */
  public static final int NO_FEASIBLE_K = 3;
}
