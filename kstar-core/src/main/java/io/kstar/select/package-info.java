/**
 * Selectors, each picking one feasible point by its rule and declaring its id, description and parameters
 * ({@code Selector}: accuracy-max, cube, utopia, knee and min-cost; ties go to the smaller k), their registry
 * ({@code Selectors}: {@code REGISTRY} for kstar's five, {@code PAPER} for the reproduction's four, {@code with}
 * for an extension), {@code Selection} and {@code SelectionContext}, and the 1-D and 2-D {@code Baselines}
 * (docs/semantics.md §6). Mathematics: it builds on {@code io.kstar.space}, {@code io.kstar.pareto},
 * {@code io.kstar.budget}, {@code io.kstar.parameter} and {@code io.kstar.input}, and must not depend on
 * estimators, planners, {@code io.kstar.report} or any I/O.
 */
package io.kstar.select;
