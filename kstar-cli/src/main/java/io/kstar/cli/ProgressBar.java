package io.kstar.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.DoubleConsumer;

/**
 * A progress bar on stderr for slow work (Monte Carlo runs, curve forecasts), drawn only when stderr
 * is a terminal (and TERM is not "dumb"), whatever stdout is — so {@code kstar ... > out.json} still
 * shows progress — at most ten times a second; silent otherwise, so pipelines and logs get no control
 * characters.
 */
final class ProgressBar implements DoubleConsumer {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private long lastDraw;
  private boolean drawn;

  private final String label;

  private ProgressBar(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  static boolean wanted() {
    String term = System.getenv("TERM");
    return term != null && !term.equals("dumb") && stderrIsTerminal();
  }

  /** On Linux, file descriptor 2 links to a terminal device; elsewhere, a console means one. */
  private static boolean stderrIsTerminal() {
    try {
      String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** A bar when wanted, or null. */
  static ProgressBar forTerminal(PrintWriter err) {
    return forTerminal(err, "simulating");
  }

  /** A bar labelled with what is being done, when wanted, or null. */
  static ProgressBar forTerminal(PrintWriter err, String label) {
    return wanted() ? new ProgressBar(err, label) : null;
  }

  @Override
  public synchronized void accept(double share) {
    long now = System.nanoTime();
    if (share < 1 && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) Math.round(share * WIDTH);
    err.print("\rkstar: " + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
        + String.format(Locale.ROOT, "%3.0f%%", 100 * share));
    drawn = true;
    if (share >= 1) {
      finish();
    }
    err.flush();
  }

  synchronized void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(WIDTH + label.length() + 20) + "\r");
      err.flush();
      drawn = false;
    }
  }
}
