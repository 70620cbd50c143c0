package io.kstar.select;

/**
 * A rule that picks one feasible point (docs/semantics.md §6). Points are visited in the order of the context
 * (increasing k), and a later point replaces the best so far only when it is better by more than a
 * relative {@value #TIE}: ties go to the smaller k.
 */
public interface Selector {
  double TIE = 1e-12;

  /** The selector's name in outputs: {@code accuracy-max}, {@code cube}, {@code utopia}, {@code knee}. */
  String id();

  Selection select(SelectionContext context);

  /** True when {@code candidate} exceeds {@code best} by more than a relative {@link #TIE}. */
  static boolean greater(double candidate, double best) {
    return candidate - best > TIE * Math.max(Math.abs(candidate), Math.abs(best));
  }
}
