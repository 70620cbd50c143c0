/**
 * How long k samples take, P at a time: {@code LatencyModel} with its kinds {@code batched-mean} (the paper's),
 * {@code batched-max} and {@code ttft-decode} and an optional tokens-per-minute limit, declared as
 * {@code ModelKind}s in {@code LatencyModel.REGISTRY} (the estimators compute the timing each kind states).
 * Mathematics: it builds on {@code io.kstar.parameter} only, and must not depend on profiles, estimators,
 * {@code io.kstar.catalog}, {@code io.kstar.report} or any I/O.
 */
package io.kstar.latency;
