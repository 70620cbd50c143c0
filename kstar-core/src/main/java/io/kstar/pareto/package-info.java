/**
 * The Pareto front of a set of operating points ({@code ParetoFront}: an O(n log n) sweep, minimising cost and
 * latency and maximising accuracy; docs/semantics.md §5). Mathematics: it builds on {@code io.kstar.space} only,
 * and must not depend on selectors, planners or any I/O.
 */
package io.kstar.pareto;
