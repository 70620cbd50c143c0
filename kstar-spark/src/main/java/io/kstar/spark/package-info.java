/**
 * The calibration's aggregate file (docs/aggregates.md) computed by a Spark job ({@code AggregateJob}, run with
 * {@code spark-submit}) from Parquet, JSON lines or CSV, one group per model and per {@code --group-by} column. It
 * builds on kstar-core's {@code io.kstar.calibrate} ({@code LogAggregate}, {@code LogAggregateFile}) and on Spark,
 * which the cluster provides; it is not part of the launcher's build, nothing depends on it, and it must not depend
 * on the command line, the service, kstar-charts or kstar-duckdb (its tests only).
 */
package io.kstar.spark;
