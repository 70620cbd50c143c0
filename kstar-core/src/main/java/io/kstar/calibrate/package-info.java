/**
 * Fitting a profile to what was measured: {@code LogRecords} reads per-sample records (JSONL or CSV),
 * {@code LogAggregate} holds their sufficient statistics and {@code LogAggregateFile} is its JSON file
 * (docs/aggregates.md), {@code LogCalibration} and {@code BetaBinomial} fit lengths, per-token times, prices and
 * question difficulty by maximum likelihood with bootstrap replicates over questions, {@code PolicyReplay} replays
 * a stopping policy on logged samples, and {@code MeasuredCurve} is an accuracy-against-N curve with its reader.
 * Only the three readers ({@code LogRecords}, {@code LogAggregateFile}, {@code MeasuredCurve}) may touch files,
 * Jackson or {@code io.kstar.catalog}; the fits are mathematics and must not ({@code ArchitectureTest}). Nothing
 * here may depend on {@code io.kstar.report}, {@code io.kstar.calibrate.format} or a front end, and the planning
 * packages must not depend on this one: a calibrated profile reaches them as a profile.
 */
package io.kstar.calibrate;
