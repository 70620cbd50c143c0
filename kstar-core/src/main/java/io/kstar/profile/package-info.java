/**
 * A model's profile as one record of its parts ({@code ModelProfile}: {@code Prices}, {@code Speeds}, the input and
 * output length models, the accuracy model, the latency model, the default P and, when it was calibrated, a
 * {@code Calibration} with replicates), its single figures by name ({@code Figures}) and a {@code Catalog} of
 * profiles. A profile changes part by part, so no command can drop a part. Mathematics: it must not depend on
 * {@code io.kstar.catalog} (which reads profiles), estimators, planners, {@code io.kstar.report} or any I/O.
 */
package io.kstar.profile;
