package io.kstar.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kstar.estimate.CurvePoint;
import io.kstar.serving.Load;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The load of a point at a traffic, in every output the same way: JSON members {@code traffic_requests_per_s}
 * (the traffic it was planned at), {@code replicas},
 * {@code utilisation} (of each replica), {@code load_extrapolated} (beyond the highest measured rate),
 * {@code saturated} (at or past capacity: latency null), {@code replica_cost_usd} and {@code token_cost_usd}
 * (the two parts of the cost); table columns replicas and utilisation. Nothing at all without traffic.
 */
final class Loads {
  private Loads() {}

  static boolean any(Collection<CurvePoint> points) {
    return points.stream().anyMatch(p -> p != null && p.load() != null);
  }

  static void json(JsonGenerator g, CurvePoint p) throws IOException {
    Load l = p.load();
    if (l == null) {
      return;
    }
    Json.number(g, "traffic_requests_per_s", l.requestsPerS());
    g.writeNumberField("replicas", l.replicas());
    Json.number(g, "utilisation", l.utilisation());
    g.writeBooleanField("load_extrapolated", l.extrapolated());
    g.writeBooleanField("saturated", l.saturated());
    g.writeNumberField("replica_cost_usd", l.replicaCostUsd());
    g.writeNumberField("token_cost_usd", p.cost().mean() - l.replicaCostUsd());
  }

  static List<String> header(boolean full) {
    return full ? List.of("replicas", "utilisation", "load_extrapolated", "saturated", "replica_cost_usd")
        : List.of("replicas", "util.");
  }

  static List<String> cells(CurvePoint p, boolean full) {
    Load l = p.load();
    if (l == null) {
      return full ? List.of("", "", "", "", "") : List.of("", "");
    }
    if (full) {
      return List.of(Integer.toString(l.replicas()), Numbers.full(l.utilisation()), Boolean.toString(l.extrapolated()),
          Boolean.toString(l.saturated()), Numbers.full(l.replicaCostUsd()));
    }
    return List.of(Integer.toString(l.replicas()), utilisation(l));
  }

  /** "0.83", "0.99 *" beyond the measured rates, "1.4 saturated". */
  static String utilisation(Load l) {
    String u = String.format(Locale.ROOT, "%.3g", l.utilisation());
    return l.saturated() ? u + " saturated" : l.extrapolated() ? u + " *" : u;
  }

  /** The footer line explaining the columns, for tables that show them. */
  static String legend(double requestsPerS) {
    return "At " + Numbers.plain(requestsPerS) + " requests/s: replicas serving the traffic, util. = each replica's"
        + " load as a share of its capacity (* beyond the highest measured rate, saturated: at or past capacity, no"
        + " finite latency); cost includes the replicas' cost per request.\n";
  }
}
