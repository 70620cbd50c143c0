package io.kstar.serving;

/**
 * The load one operating point puts on a self-hosted model at a traffic: the replicas serving it, the
 * utilisation of each, whether that utilisation lies beyond the highest rate the sweep measured
 * ({@code extrapolated}) or at or past capacity ({@code saturated}: no finite latency), and the replicas'
 * cost per request (0 without a price per replica-hour).
 *
 * @param requestsPerS the traffic, requests per second
 */
public record Load(double requestsPerS, int replicas, double utilisation, boolean extrapolated, boolean saturated,
    double replicaCostUsd) {}
