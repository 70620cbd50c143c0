/**
 * The space a plan searches: {@code OperatingPoint} (cost, latency and accuracy of one model at one P, policy and
 * k), {@code Objective} (each objective's direction, budget and value: the one place), {@code FeasibleSpace} and
 * {@code Infeasibility} (which budget binds, and what would admit a k). Mathematics: it builds on
 * {@code io.kstar.budget} and {@code io.kstar.policy}, and must not depend on estimators, selectors, planners or
 * any I/O.
 */
package io.kstar.space;
