/**
 * Exact probability for one request: the standard {@code Normal} with both tails accurate, {@code ClippedNormal}
 * moments, {@code BestOfK} (moments and quantiles of the best of k clipped-normal scores by Gauss–Legendre
 * quadrature), {@code Marginal} (one quantity's distribution at one k) and {@code SampleQuantile}. Mathematics at
 * the bottom of the core: it uses Hipparchus and Apache Commons only, and must not depend on any other
 * {@code io.kstar} package or on any I/O.
 */
package io.kstar.distribution;
