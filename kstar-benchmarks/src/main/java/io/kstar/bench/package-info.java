/**
 * JMH benchmarks of kstar-core: the exact estimator ({@code ExactBench}), Monte Carlo against its ceiling
 * ({@code MonteCarloBench}), whole plans, comparisons and the study ({@code StudyBench}), the Pareto filter
 * ({@code ParetoBench}, beside {@code ParetoTreeMapReference}) and plans with stopping policies
 * ({@code PolicyBench}); each class's Javadoc has its run command and BENCHMARKS.md the figures. It builds on
 * kstar-core and JMH only; nothing depends on it, and it is not part of the launcher's build.
 */
package io.kstar.bench;
