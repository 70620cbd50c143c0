/**
 * Per-sample logs at any scale: {@code DuckDbLogs} aggregates JSONL, CSV and Parquet files (a file, a directory or
 * a glob) in embedded DuckDB, in SQL and outside the JVM heap, into {@code io.kstar.calibrate.LogAggregate},
 * reporting a bad record by file, field and value. It builds on kstar-core's {@code io.kstar.calibrate} and
 * {@code io.kstar.input} and DuckDB's JDBC driver; the fit stays in {@code io.kstar.calibrate.LogCalibration}, and
 * it must not depend on the command line, the service or kstar-charts.
 */
package io.kstar.duckdb;
