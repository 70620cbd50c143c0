/**
 * Per-request budgets ({@code Budget}: a cost ceiling over all k samples, a latency ceiling, an expected-accuracy
 * floor) and named {@code Scenario}s with an optional k_max (docs/semantics.md §5). Mathematics: it uses
 * {@code io.kstar.input} for its checks only, and must not depend on models, estimators, planners, on
 * {@code io.kstar.catalog} (which reads scenario files) or {@code io.kstar.report}, or on any I/O.
 */
package io.kstar.budget;
