/**
 * A replica under load: the {@code LoadCurve} a serving sweep measured (time to first token and time per
 * output token at each achieved request rate, the token mix they were measured with, the replica's capacity
 * and, optionally, its price per hour), the two shapes that read it between and beyond the measured rates
 * ({@code LoadFit}: monotone interpolation, or a queueing-shaped fit), their leave-one-rate-out check against
 * the nearest measured rate ({@code LoadValidation}), and the {@code Load} one operating point puts on its
 * replicas. Mathematics: it builds on {@code io.kstar.input} and {@code io.kstar.parameter} only, and must not
 * depend on profiles, estimators, {@code io.kstar.catalog}, {@code io.kstar.report} or any I/O.
 */
package io.kstar.serving;
