/**
 * The planning service: {@code KstarServer} (Javalin) serves {@code /v1/plan}, {@code /v1/compare},
 * {@code /v1/curve}, {@code /v1/models}, {@code /v1/scenarios}, {@code /v1/selectors}, {@code /v1/policies},
 * {@code /openapi.json}, health, readiness and Prometheus metrics, and the explorer page with its content-hashed
 * {@code Assets}; {@code RequestReader} reads a JSON body through the one declaration of a planning request
 * ({@code io.kstar.request}) with the body's field paths; {@code OpenApi} generates the document's request schemas
 * from that declaration; {@code Limits} and {@code CapExceeded} bound each request's work (caps, two lanes, a time
 * limit); {@code Access} holds the bearer token, allowed hosts and CORS origins. Its answers are the core's
 * planners rendered by {@code io.kstar.report}, so it computes nothing the core computes; it must not depend on the
 * command line (picocli), on kstar-charts or on kstar-duckdb.
 */
package io.kstar.server;
