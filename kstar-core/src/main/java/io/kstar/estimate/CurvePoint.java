package io.kstar.estimate;

/** Cost (USD), latency (s) and accuracy of one request drawing k samples. */
public record CurvePoint(int k, Statistic cost, Statistic latency, Statistic accuracy) {}
