/**
 * Forecasting an accuracy-against-n curve beyond its measured points: {@code CurveForecaster} fits candidate
 * {@code Family}s ({@code LeastSquaresFit}) on the points inside the fitted window only, chooses by
 * forward-chaining cross-validation inside that window, holds the level observed at its edge beyond it with
 * bootstrap intervals ({@code Forecast}), and resolves the number of questions Q ({@code QuestionCount}).
 * Mathematics: it takes a {@code io.kstar.calibrate.MeasuredCurve} already read, and must not read files nor depend
 * on Jackson, {@code io.kstar.catalog}, {@code io.kstar.calibrate.format} or {@code io.kstar.report} (which renders
 * a forecast as {@code ForecastReport}).
 */
package io.kstar.calibrate.forecast;
