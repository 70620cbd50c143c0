package io.kstar.accuracy;

/** A reference for tests: moments of a Beta distribution without the log-Beta functions the models use. */
public final class BetaMoments {
  private BetaMoments() {}

  /** E[p^c (1 − p)^d] for p ~ Beta(a, b), as the finite product Π(a+i) Π(b+j) / Π(a+b+l). */
  public static double moment(double a, double b, int c, int d) {
    double r = 1;
    for (int i = 0; i < c; i++) {
      r *= (a + i) / (a + b + i);
    }
    for (int j = 0; j < d; j++) {
      r *= (b + j) / (a + b + c + j);
    }
    return r;
  }
}
