package io.kstar.select;

import io.kstar.parameter.Parameter;
import java.util.List;

/**
 * A rule that picks one feasible point (docs/semantics.md §6), declared once: its id, a one-line
 * description and its parameters, which help, reports, charts, the explorer and the OpenAPI document
 * read from {@link Selectors#REGISTRY}. Points are visited in the order of the context (increasing k),
 * and a later point replaces the best so far only when it is better by more than a relative
 * {@value #TIE}: ties go to the smaller k.
 *
 * <p>A new selector is one class implementing this interface and one line in {@link Selectors#REGISTRY}
 * (or {@code Selectors.REGISTRY.with(new MySelector())} for an extension).
 */
public interface Selector {
  double TIE = 1e-12;

  /** The selector's name in outputs and requests: {@code accuracy-max}, {@code cube}, … */
  String id();

  /** One line: the rule and its formula, as help, reports and the explorer show it. */
  String description();

  /** The parameters the rule takes (the accuracy tolerance of accuracy-max); none by default. */
  default List<Parameter> parameters() {
    return List.of();
  }

  Selection select(SelectionContext context);

  /** True when {@code candidate} exceeds {@code best} by more than a relative {@link #TIE}. */
  static boolean greater(double candidate, double best) {
    return candidate - best > TIE * Math.max(Math.abs(candidate), Math.abs(best));
  }
}
