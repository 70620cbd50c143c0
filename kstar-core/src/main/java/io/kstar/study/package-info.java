/**
 * The paper's study ({@code kstar reproduce}): every scenario × model × selector from one curve per model
 * ({@code Study}, {@code StudyOptions}, {@code StudyResult}, {@code ScenarioResult}, {@code ModelResult}), the
 * headline measured on the run ({@code Headline}) and what adaptive stopping would save ({@code AdaptiveSavings}).
 * Mathematics: it builds on {@code io.kstar.plan} and {@code io.kstar.estimate}, and must not depend on
 * {@code io.kstar.catalog} (the front end passes the catalog and scenarios), {@code io.kstar.report} or any I/O.
 */
package io.kstar.study;
