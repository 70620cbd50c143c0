package io.kstar.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Interval;
import java.io.IOException;

/**
 * How every output writes how sure kstar is about a point's expected values: {@code expected_cost_usd},
 * {@code expected_latency_s}, {@code expected_accuracy} (each {mean, p05, p95}) and {@code extrapolated};
 * the spread of one request stays in the {@code cost_usd}/{@code latency_s}/{@code accuracy} statistics.
 */
final class Expectations {
  private Expectations() {}

  static void write(JsonGenerator g, CurvePoint p) throws IOException {
    interval(g, "expected_cost_usd", p.expected().cost());
    interval(g, "expected_latency_s", p.expected().latency());
    interval(g, "expected_accuracy", p.expected().accuracy());
    g.writeBooleanField("extrapolated", p.expected().extrapolated());
  }

  private static void interval(JsonGenerator g, String name, Interval i) throws IOException {
    g.writeObjectFieldStart(name);
    Json.number(g, "mean", i.mean());
    Json.number(g, "p05", i.p05());
    Json.number(g, "p95", i.p95());
    g.writeEndObject();
  }

  /** "0.93 [0.91, 0.95]" and a star when extrapolated, for tables. */
  static String accuracyCell(CurvePoint p) {
    Interval i = p.expected().accuracy();
    return Numbers.accuracy(i.mean()) + " [" + Numbers.accuracy(i.p05()) + ", " + Numbers.accuracy(i.p95()) + "]"
        + (p.expected().extrapolated() ? " *" : "");
  }

  /** True when the point carries calibration replicates (tables then show the expected-value columns). */
  static boolean uncertain(CurvePoint p) {
    return p.expected().accuracyReplicates().length > 0 || p.expected().extrapolated();
  }
}
