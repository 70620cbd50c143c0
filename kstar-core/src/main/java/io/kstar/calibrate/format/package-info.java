/**
 * Adapters for the files other tools write: lm-evaluation-harness's per-sample log ({@code LmEvalSamples}, into
 * per-sample records), vLLM's serving benchmark ({@code VllmBenchmark}) and OpenAI Batch output
 * ({@code OpenAiBatch}), both into a {@code ServingFit} of lengths and latency, and LiteLLM's price map
 * ({@code LiteLlmPrices}). An I/O package: it reads files through Jackson and
 * {@code io.kstar.catalog.YamlDocument}, and refuses bad input with {@code InvalidInputException} naming file and
 * field. No other package of the core depends on it (the command line does), and it must not depend on
 * {@code io.kstar.report} or on a front end.
 */
package io.kstar.calibrate.format;
