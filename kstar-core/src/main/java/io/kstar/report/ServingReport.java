package io.kstar.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kstar.calibrate.LoadCalibration;
import io.kstar.calibrate.ServingRun;
import io.kstar.serving.LoadCurve;
import io.kstar.serving.LoadFit;
import io.kstar.serving.LoadValidation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code kstar calibrate --serving}: a sweep's runs, the capacity, the load curve and its leave-one-rate-out check. */
public final class ServingReport {
  private ServingReport() {}

  /** Utilisations at which the report reads the curve. */
  static final double[] READ_AT = {0, 0.25, 0.5, 0.75, 0.9, 0.95};

  public static String render(LoadCalibration.Result r, Format f) {
    return switch (f) {
      case JSON -> json(r);
      case CSV -> runs(r, true).csv(true);
      case MARKDOWN -> "# kstar calibrate --serving\n\n" + text(r, true);
      case TABLE -> text(r, false);
    };
  }

  private static String text(LoadCalibration.Result r, boolean md) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Serving sweep: %d run%s of %s input + %s output tokens per request%n%n",
        r.runs().size(), r.runs().size() == 1 ? "" : "s", Numbers.plain(r.mixInputTokens()),
        Numbers.plain(r.mixOutputTokens())));
    b.append(md ? runs(r, false).markdown() : runs(r, false).aligned("  "));
    b.append(String.format(Locale.ROOT, "%nCapacity: %s requests/s of this mix per replica (%s tokens/s), %s%n",
        fmt(r.capacityRps()), fmt(r.capacityRps() * (r.mixInputTokens() + r.mixOutputTokens())),
        r.capacityMeasured() ? "the highest rate a complete run achieved, the server saturated"
            : "a lower bound: no run saturated"));
    if (r.curve() == null) {
      ServingRun s = r.single();
      b.append(String.format(Locale.ROOT, "One rate below saturation (%s requests/s): a fixed latency, TTFT %s ms and"
          + " %s ms per output token; two or more rates below saturation give a load curve%n", fmt(s.achievedRps()), fmt(1000 * s.ttftS()),
          fmt(1000 * s.tpotS())));
    } else {
      LoadValidation v = r.validation();
      if (v.checked()) {
        b.append(String.format(Locale.ROOT, "%nLeave one rate out: each rate predicted from the others (error |ln(predicted"
            + " / measured)|, mean of TTFT and TPOT; 0.10 is about 10 %%)%n%n"));
        b.append(md ? validation(v).markdown() : validation(v).aligned("  "));
        b.append(String.format(Locale.ROOT, "%nMean error: interpolation %s, queueing %s, nearest measured rate %s%n",
            score(v.interpolationScore()), score(v.queueingScore()), score(v.nearestScore())));
      } else {
        b.append("\nLeave one rate out needs three rates or more: interpolation is used\n");
      }
      LoadCurve c = r.curve();
      b.append(String.format(Locale.ROOT, "%nFit: %s (%s)%s%n%n", c.fit().id(), c.fit().description(),
          v.checked() && c.fit() == v.chosen() ? ", chosen by leave one rate out" : ""));
      b.append(md ? curve(c).markdown() : curve(c).aligned("  "));
      if (java.util.Arrays.stream(READ_AT).anyMatch(u -> c.slowdown(u).extrapolated())) {
        b.append("* beyond the highest measured rate: extrapolated\n");
      }
    }
    if (r.heldOut() != null) {
      LoadCalibration.HeldOut h = r.heldOut();
      b.append(String.format(Locale.ROOT, "%nHeld out: the run at %s requests/s (achieved %s), never seen by the fit or"
          + " the choice of its shape:%n  measured   TTFT %s ms, TPOT %s ms%n  %-10s TTFT %s ms, TPOT %s ms: error %s%n"
          + "  nearest    TTFT %s ms, TPOT %s ms: error %s (the latency of the nearest measured rate)%n",
          fmt(h.run().offeredRps()), fmt(h.run().achievedRps()), fmt(1000 * h.run().ttftS()), fmt(1000 * h.run().tpotS()),
          r.curve().fit().id(), fmt(1000 * h.fit().ttftS()), fmt(1000 * h.fit().tpotS()), score(h.fitError()),
          fmt(1000 * h.nearest().ttftS()), fmt(1000 * h.nearest().tpotS()), score(h.nearestError())));
    }
    r.warnings().forEach(w -> b.append("Warning: ").append(w).append('\n'));
    return b.toString();
  }

  static Table runs(LoadCalibration.Result r, boolean full) {
    List<String> h = full
        ? List.of("source", "request_rate", "request_throughput", "completed", "requests", "mean_ttft_ms", "mean_tpot_ms",
            "p99_ttft_ms", "p99_tpot_ms", "used_as")
        : List.of("rate offered", "achieved", "completed", "TTFT ms", "TPOT ms", "p99 TTFT ms", "p99 TPOT ms", "used as");
    boolean[] right = new boolean[h.size()];
    java.util.Arrays.fill(right, true);
    right[h.size() - 1] = false;
    if (full) {
      right[0] = false;
    }
    Table t = new Table(h, right);
    for (int i = 0; i < r.runs().size(); i++) {
      ServingRun s = r.runs().get(i);
      List<String> row = new ArrayList<>();
      if (full) {
        row.add(s.source());
      }
      row.add(Double.isInfinite(s.offeredRps()) ? "inf" : fmt(s.offeredRps()));
      row.add(fmt(s.achievedRps()));
      if (full) {
        row.add(Integer.toString(s.completed()));
        row.add(Integer.toString(s.requests()));
      } else {
        row.add(s.completed() + "/" + s.requests());
      }
      row.add(fmt(1000 * s.ttftS()));
      row.add(fmt(1000 * s.tpotS()));
      row.add(Double.isNaN(s.p99TtftS()) ? "" : fmt(1000 * s.p99TtftS()));
      row.add(Double.isNaN(s.p99TpotS()) ? "" : fmt(1000 * s.p99TpotS()));
      row.add(r.uses().get(i).label());
      t.row(row);
    }
    return t;
  }

  private static Table validation(LoadValidation v) {
    Table t = new Table(List.of("held out (req/s)", "measured TTFT/TPOT ms", "interpolation", "queueing", "nearest rate"),
        new boolean[] {true, true, true, true, true});
    for (LoadValidation.Row row : v.rows()) {
      t.row(List.of(fmt(row.heldOut().requestsPerS()), fmt(1000 * row.heldOut().ttftS()) + " / "
          + fmt(1000 * row.heldOut().tpotS()), cell(row.interpolation(), row), cell(row.queueing(), row),
          cell(row.nearest(), row)));
    }
    return t;
  }

  private static String cell(LoadValidation.Prediction p, LoadValidation.Row row) {
    if (Double.isNaN(p.ttftS())) {
      return "no fit";
    }
    double e = (Math.abs(Math.log(p.ttftS() / row.heldOut().ttftS())) + Math.abs(Math.log(p.tpotS() / row.heldOut().tpotS()))) / 2;
    return fmt(1000 * p.ttftS()) + " / " + fmt(1000 * p.tpotS()) + " (" + score(e) + ")";
  }

  private static Table curve(LoadCurve c) {
    Table t = new Table(List.of("utilisation", "requests/s", "TTFT ms", "TPOT ms", "slowdown TTFT", "slowdown TPOT"),
        new boolean[] {true, true, true, true, true, true});
    LoadFit.Shape ttft = c.ttft();
    LoadFit.Shape tpot = c.tpot();
    for (double u : READ_AT) {
      LoadCurve.Slowdown s = c.slowdown(u);
      t.row(List.of(String.format(Locale.ROOT, "%.2f", u) + (s.extrapolated() ? " *" : ""), fmt(u * c.capacityRps()),
          fmt(1000 * ttft.at(u)), fmt(1000 * tpot.at(u)), String.format(Locale.ROOT, "%.3f", s.ttft()),
          String.format(Locale.ROOT, "%.3f", s.tpot())));
    }
    return t;
  }

  private static String score(double s) {
    return Double.isFinite(s) ? String.format(Locale.ROOT, "%.3f", s) : "n/a";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
  }

  static String json(LoadCalibration.Result r) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("measured_with");
      g.writeNumberField("input_tokens", r.mixInputTokens());
      g.writeNumberField("output_tokens", r.mixOutputTokens());
      g.writeEndObject();
      g.writeArrayFieldStart("runs");
      for (int i = 0; i < r.runs().size(); i++) {
        ServingRun s = r.runs().get(i);
        g.writeStartObject();
        g.writeStringField("source", s.source());
        if (Double.isInfinite(s.offeredRps())) {
          g.writeStringField("request_rate", "inf");
        } else {
          g.writeNumberField("request_rate", s.offeredRps());
        }
        g.writeNumberField("request_throughput", s.achievedRps());
        g.writeNumberField("completed", s.completed());
        g.writeNumberField("requests", s.requests());
        g.writeNumberField("mean_ttft_s", s.ttftS());
        g.writeNumberField("mean_tpot_s", s.tpotS());
        g.writeBooleanField("saturated", s.saturated());
        g.writeStringField("used_as", r.uses().get(i).name().toLowerCase(Locale.ROOT));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("capacity_rps", r.capacityRps());
      g.writeBooleanField("capacity_measured", r.capacityMeasured());
      if (r.curve() != null) {
        LoadCurve c = r.curve();
        g.writeStringField("fit", c.fit().id());
        LoadValidation v = r.validation();
        g.writeObjectFieldStart("leave_one_rate_out");
        Json.number(g, "interpolation", v.interpolationScore());
        Json.number(g, "queueing", v.queueingScore());
        Json.number(g, "nearest_rate", v.nearestScore());
        g.writeStringField("chosen", v.chosen().id());
        g.writeArrayFieldStart("held_out");
        for (LoadValidation.Row row : v.rows()) {
          g.writeStartObject();
          g.writeNumberField("requests_per_s", row.heldOut().requestsPerS());
          g.writeNumberField("ttft_s", row.heldOut().ttftS());
          g.writeNumberField("tpot_s", row.heldOut().tpotS());
          prediction(g, "interpolation", row.interpolation());
          prediction(g, "queueing", row.queueing());
          prediction(g, "nearest_rate", row.nearest());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("curve");
        for (double u : READ_AT) {
          LoadCurve.Slowdown s = c.slowdown(u);
          g.writeStartObject();
          g.writeNumberField("utilisation", u);
          g.writeNumberField("ttft_s", c.ttft().at(u));
          g.writeNumberField("tpot_s", c.tpot().at(u));
          g.writeBooleanField("extrapolated", s.extrapolated());
          g.writeEndObject();
        }
        g.writeEndArray();
      } else {
        g.writeNullField("fit");
      }
      if (r.heldOut() != null) {
        LoadCalibration.HeldOut h = r.heldOut();
        g.writeObjectFieldStart("held_out");
        g.writeNumberField("request_rate", h.run().offeredRps());
        g.writeNumberField("request_throughput", h.run().achievedRps());
        g.writeNumberField("ttft_s", h.run().ttftS());
        g.writeNumberField("tpot_s", h.run().tpotS());
        prediction(g, "fit", h.fit());
        prediction(g, "nearest_rate", h.nearest());
        g.writeNumberField("fit_error", h.fitError());
        g.writeNumberField("nearest_rate_error", h.nearestError());
        g.writeEndObject();
      }
      g.writeArrayFieldStart("warnings");
      for (String w : r.warnings()) {
        g.writeString(w);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void prediction(JsonGenerator g, String name, LoadValidation.Prediction p) throws IOException {
    g.writeObjectFieldStart(name);
    Json.number(g, "ttft_s", p.ttftS());
    Json.number(g, "tpot_s", p.tpotS());
    g.writeEndObject();
  }
}
