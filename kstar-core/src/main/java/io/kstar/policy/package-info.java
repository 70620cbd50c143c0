/**
 * When a request stops sampling: {@code Policy} (the rules fixed, until-pass, until-decided, until-lead and
 * until-score, their parameters, and the capability an accuracy model's kind must declare for each) and
 * {@code Stopping} (a rule's exact law, read from the model's {@code Voting} or {@code Scores} side: the
 * distribution of the round it stops at and of its accuracy; docs/semantics.md §3.5). Mathematics: it builds on
 * {@code io.kstar.accuracy}, {@code io.kstar.distribution}, {@code io.kstar.parameter} and {@code io.kstar.input},
 * and must not depend on estimators, planners, calibration, {@code io.kstar.catalog}, {@code io.kstar.report} or
 * any I/O.
 */
package io.kstar.policy;
