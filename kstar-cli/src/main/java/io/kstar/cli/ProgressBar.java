package io.kstar.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.DoubleConsumer;

/**
 * A progress bar on stderr for long Monte Carlo runs, drawn only when kstar runs in a terminal
 * (System.console() present and TERM not "dumb"), at most ten times a second; silent otherwise, so
 * pipelines and logs get no control characters.
 */
final class ProgressBar implements DoubleConsumer {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private long lastDraw;
  private boolean drawn;

  private ProgressBar(PrintWriter err) {
    this.err = err;
  }

  static boolean wanted() {
    String term = System.getenv("TERM");
    return System.console() != null && term != null && !term.equals("dumb");
  }

  /** A bar when wanted, or null. */
  static ProgressBar forTerminal(PrintWriter err) {
    return wanted() ? new ProgressBar(err) : null;
  }

  @Override
  public synchronized void accept(double share) {
    long now = System.nanoTime();
    if (share < 1 && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) Math.round(share * WIDTH);
    err.print("\rkstar: simulating [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
        + String.format(Locale.ROOT, "%3.0f%%", 100 * share));
    drawn = true;
    if (share >= 1) {
      finish();
    }
    err.flush();
  }

  synchronized void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(WIDTH + 30) + "\r");
      err.flush();
      drawn = false;
    }
  }
}
