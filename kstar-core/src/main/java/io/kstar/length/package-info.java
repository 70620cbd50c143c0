/**
 * Token lengths of a prompt or of one sample: the sealed {@code LengthModel} (clipped normal, lognormal, empirical)
 * with exact moments of the clipped length and Monte Carlo draws, declared as {@code ModelKind}s in
 * {@code LengthModels.REGISTRY}. Mathematics: it builds on {@code io.kstar.parameter},
 * {@code io.kstar.distribution} and {@code io.kstar.input}, and must not depend on profiles, estimators,
 * {@code io.kstar.catalog}, {@code io.kstar.report} or any I/O.
 */
package io.kstar.length;
