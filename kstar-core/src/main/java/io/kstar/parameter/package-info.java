/**
 * How a model declares itself, once: {@code Parameter} (its name, its keys in both catalog formats, unit,
 * {@code Range} and {@code Shape}), {@code ModelKind} (id, aliases, parameters and how the model is built from
 * their values), {@code KindRegistry} (a family's kinds by id), {@code ParameterValues} and {@code Parameterised}.
 * The catalog readers and writer, the reports, sensitivity, calibration and the service's schema all read these
 * declarations. Mathematics: it builds on {@code io.kstar.input} only, and must not depend on any model package,
 * {@code io.kstar.catalog}, {@code io.kstar.report} or any I/O.
 */
package io.kstar.parameter;
