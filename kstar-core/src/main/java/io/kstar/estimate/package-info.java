/**
 * Per-k statistics of cost, latency and accuracy of one profile at one P under one stopping policy ({@code Curve},
 * {@code CurvePoint}, {@code Statistic}, {@code Expected}, {@code Draws}), computed by the {@code ExactEstimator}
 * (closed forms and quadrature) or the {@code MonteCarloEstimator} (seeded, common random numbers, the same bytes
 * on any number of threads), both behind {@code Estimator} (docs/semantics.md §3). Mathematics: it builds on the
 * profile, its length, latency and accuracy models, the policies and {@code io.kstar.distribution}, and must not
 * depend on budgets, selectors, planners, calibration, {@code io.kstar.catalog}, {@code io.kstar.report} or any
 * I/O.
 */
package io.kstar.estimate;
