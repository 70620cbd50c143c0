/**
 * Rendering: every command's result as a table, JSON, CSV and Markdown ({@code PlanReport}, {@code CompareReport},
 * {@code CurveReport}, {@code ReverseReport}, {@code SensitivityReport}, {@code StudyReport},
 * {@code CatalogReport}, {@code LogCalibrationReport}, {@code ForecastReport}, {@code ReplayReport}), with
 * {@code Table}, {@code Numbers}, {@code Json}, {@code Expectations} and {@code Format}. It returns strings and
 * bytes and writes no file. The top of the core: no other package of the core may depend on it, and it must not
 * depend on {@code io.kstar.catalog}, {@code io.kstar.calibrate.format} or a front end (picocli, Javalin,
 * JFreeChart).
 */
package io.kstar.report;
