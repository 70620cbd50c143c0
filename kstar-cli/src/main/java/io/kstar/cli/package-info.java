/**
 * The {@code kstar} command line: {@code Main} and one picocli command per question (reproduce, plan, compare,
 * budget, sensitivity, calibrate, curve, models, serve, completion), their planning options made from the one
 * declaration of a planning request ({@code RequestOptions}), {@code OutputOptions} (every format, and
 * {@code --out} written as a whole set or not at all), {@code ExitCode} and {@code Errors} (the one place failures
 * become messages and exit codes), {@code ProgressBar}, {@code LogSources} (the only class that names kstar-duckdb)
 * and {@code StartupTraining} (the run the launcher's start-up cache is recorded from). The top of the build: it
 * puts kstar-core, kstar-charts, kstar-server and kstar-duckdb together, and no module may depend on it; a command
 * reads its options, calls the core and renders with {@code io.kstar.report}, and holds no planning logic of its
 * own.
 */
package io.kstar.cli;
