/**
 * The planners, from profiles and a budget to an answer: {@code Planner} (feasibility, front, selectors and
 * baselines into a {@code Plan}), {@code Deployment} ({@code kstar plan}, with P and stopping policies searched
 * with k, and each pick's {@code PickDetail}), {@code Comparison} ({@code compare}), {@code Reverse}
 * ({@code budget}), {@code Sensitivity}, {@code BudgetBasis} (percentile budgets) and {@code Confidence}
 * (feasibility over a calibration's replicates). Mathematics: the front ends call it with values they have read,
 * and it must not depend on {@code io.kstar.catalog}, {@code io.kstar.calibrate}, {@code io.kstar.report}, a front
 * end or any I/O.
 */
package io.kstar.plan;
