package io.kstar.report;

import io.kstar.calibrate.forecast.Forecast;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kstar calibrate --curve FILE --fit-up-to N} with the curve forecaster: per curve, the chosen model
 * and its parameters (with bootstrap percentiles and flags), every candidate with its criterion, one
 * prediction per n of the curve, the baselines and held-out metrics, Q and where it came from, warnings,
 * and whether any model beat the baselines, in words.
 *
 * <p>JSON: one curve gives one object; several give {@code {"curves": [...]}}. Each object has
 * {@code chosen {model, mode, parameters {NAME: {value, p05, p95[, flag]}}, criterion, criterion_name}},
 * {@code candidates [{model, mode, criterion, aicc, rmse_fitted, parameters {NAME: value}[, note]}]},
 * {@code predictions [{n, observed, fitted, mean, p05, p95, model_forecast}]},
 * {@code baselines {carry_forward {mae_held_out}, log_linear {mae_held_out}}},
 * {@code held_out {points, mae, max_abs_error, coverage_90, model_mae}}, {@code questions {count, source}},
 * {@code warnings [...]}, {@code beats_baselines} and {@code beats_baselines_note}, plus {@code rule} and
 * {@code interval_method} in words. Numbers that do not exist (nothing held out) are null.
 */
public final class ForecastReport {
  private ForecastReport() {}

  public static String render(List<Forecast> forecasts, Format f) {
    if (forecasts.isEmpty()) {
      throw new IllegalArgumentException("no forecasts to render");
    }
    return switch (f) {
      case JSON -> json(forecasts);
      case CSV -> predictionsTable(forecasts).csv(true);
      case MARKDOWN -> "# kstar calibrate: forecast\n\n" + text(forecasts, true);
      case TABLE -> text(forecasts, false);
    };
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
  }

  private static String params(Map<String, Double> p) {
    List<String> parts = new ArrayList<>();
    p.forEach((k, v) -> parts.add(k + "=" + (k.equals("wrong_answers") ? Integer.toString(v.intValue())
        : String.format(Locale.ROOT, "%.4g", v))));
    return String.join(" ", parts);
  }

  static Table predictionsTable(List<Forecast> forecasts) {
    Table t = new Table(List.of("dataset", "method", "n", "observed", "fitted", "mean", "p05", "p95", "model_forecast"),
        new boolean[] {false, false, true, true, false, true, true, true, true});
    for (Forecast f : forecasts) {
      for (Forecast.Prediction p : f.predictions()) {
        t.row(List.of(f.dataset(), f.method(), Integer.toString(p.n()), Numbers.full(p.observed()), Boolean.toString(p.fitted()),
            Numbers.full(p.mean()), Numbers.full(p.p05()), Numbers.full(p.p95()), Numbers.full(p.modelForecast())));
      }
    }
    return t;
  }

  /** Across several curves: each one's held-out errors beside the baselines', and their means (the honest scorecard). */
  static Table summaryTable(List<Forecast> forecasts) {
    Table t = new Table(List.of("dataset", "method", "chosen", "held_out_mae", "model_mae", "carry_forward_mae",
        "log_linear_mae", "coverage_90"), new boolean[] {false, false, false, true, true, true, true, true});
    double[] sum = new double[4];
    double covered = 0;
    int points = 0;
    int n = 0;
    for (Forecast f : forecasts) {
      if (f.heldOut().points() == 0) {
        continue;
      }
      t.row(List.of(f.dataset(), f.method(), f.chosen().model(), num(f.heldOut().mae()), num(f.heldOut().modelMae()),
          num(f.baselines().carryForward().maeHeldOut()), num(f.baselines().logLinear().maeHeldOut()),
          num(f.heldOut().coverage90())));
      sum[0] += f.heldOut().mae();
      sum[1] += f.heldOut().modelMae();
      sum[2] += f.baselines().carryForward().maeHeldOut();
      sum[3] += f.baselines().logLinear().maeHeldOut();
      covered += f.heldOut().coverage90() * f.heldOut().points();
      points += f.heldOut().points();
      n++;
    }
    if (n > 0) {
      t.row(List.of("mean", "", "", num(sum[0] / n), num(sum[1] / n), num(sum[2] / n), num(sum[3] / n),
          num(covered / points)));
    }
    return t;
  }

  static String text(List<Forecast> forecasts, boolean md) {
    StringBuilder b = new StringBuilder();
    if (forecasts.size() > 1) {
      b.append(md ? "## Summary\n\n" : "Summary over the curves (held-out MAE; coverage pooled over every held-out point):\n");
      b.append(md ? summaryTable(forecasts).markdown() : summaryTable(forecasts).aligned("  ")).append('\n');
    }
    for (Forecast f : forecasts) {
      String table = md ? "" : "  ";
      b.append(md ? "## " : "").append(f.dataset()).append(' ').append(f.method()).append(String.format(Locale.ROOT,
          ": fitted on n <= %d, %d held-out point(s); Q = %d questions (%s)%n", f.fitUpTo(), f.heldOut().points(),
          f.questions().count(), f.questions().source()));
      if (md) {
        b.append('\n');
      }
      b.append(String.format(Locale.ROOT, "Chosen: %s (%s growth forecast), criterion %.4f = %s%n", f.chosen().model(),
          f.chosen().mode(), f.chosen().criterion(), f.chosen().criterionName()));
      if (md) {
        b.append('\n');
      }
      Table params = new Table(List.of("parameter", "value", "p05", "p95", "flag"), new boolean[] {false, true, true, true, false});
      for (Forecast.Parameter p : f.chosen().parameters()) {
        params.row(List.of(p.name(), String.format(Locale.ROOT, "%.4g", p.value()), String.format(Locale.ROOT, "%.4g", p.p05()),
            String.format(Locale.ROOT, "%.4g", p.p95()), p.flag() == null ? "" : p.flag()));
      }
      b.append(md ? params.markdown() : params.aligned(table));
      b.append(md ? "\n" : "").append("Candidates (best first; criterion: lower is better, blank: not scored):\n").append(md ? "\n" : "");
      Table cands = new Table(List.of("model", "mode", "criterion", "aicc", "rmse_fitted", "parameters", "note"),
          new boolean[] {false, false, true, true, true, false, false});
      for (Forecast.Candidate c : f.candidates()) {
        cands.row(List.of(c.model(), c.mode(), num(c.criterion()), Double.isFinite(c.aicc()) ? String.format(Locale.ROOT, "%.2f", c.aicc()) : "",
            num(c.rmseFitted()), Double.isNaN(c.rmseFitted()) ? "" : params(c.parameters()), c.note() == null ? "" : c.note()));
      }
      b.append(md ? cands.markdown() : cands.aligned(table));
      b.append(md ? "\n" : "").append(String.format(Locale.ROOT, "Predictions (mean: the fit for n <= %d, the level observed at "
          + "n = %d beyond; model: the chosen model's own growth forecast, not the mean):%n", f.edge(), f.edge())).append(md ? "\n" : "");
      Table preds = new Table(List.of("n", "observed", "role", "mean", "p05", "p95", "model"),
          new boolean[] {true, true, false, true, true, true, true});
      for (Forecast.Prediction p : f.predictions()) {
        preds.row(List.of(Integer.toString(p.n()), num(p.observed()), p.fitted() ? "fitted" : "held out", num(p.mean()),
            num(p.p05()), num(p.p95()), num(p.modelForecast())));
      }
      b.append(md ? preds.markdown() : preds.aligned(table));
      if (md) {
        b.append('\n');
      }
      if (f.heldOut().points() > 0) {
        b.append(String.format(Locale.ROOT, "Held out: MAE %.4f (max %.4f), %s of the observations inside their 90%% interval; "
            + "the model's own growth forecast: MAE %.4f. Baselines: carry-forward MAE %.4f, log-linear MAE %.4f.%n",
            f.heldOut().mae(), f.heldOut().maxAbsError(), Numbers.percent(f.heldOut().coverage90()), f.heldOut().modelMae(),
            f.baselines().carryForward().maeHeldOut(), f.baselines().logLinear().maeHeldOut()));
      }
      b.append(f.beatsBaselinesNote()).append('\n');
      if (!f.warnings().isEmpty()) {
        b.append(md ? "\n" : "").append("Warnings:\n").append(md ? "\n" : "");
        for (String w : f.warnings()) {
          b.append(md ? "- " : "  - ").append(w).append('\n');
        }
      }
      b.append(md ? "\n" : "").append("Rule: ").append(f.rule()).append('\n');
      b.append(md ? "\n" : "").append("Intervals: ").append(f.intervalMethod()).append(".\n");
      b.append('\n');
    }
    return b.toString();
  }

  static String json(List<Forecast> forecasts) {
    return Json.write(g -> {
      if (forecasts.size() == 1) {
        curve(g, forecasts.get(0));
        return;
      }
      g.writeStartObject();
      g.writeArrayFieldStart("curves");
      for (Forecast f : forecasts) {
        curve(g, f);
      }
      g.writeEndArray();
      List<Forecast> scored = forecasts.stream().filter(f -> f.heldOut().points() > 0).toList();
      if (!scored.isEmpty()) {
        g.writeObjectFieldStart("summary");
        g.writeNumberField("curves", scored.size());
        g.writeNumberField("mean_mae_held_out", scored.stream().mapToDouble(f -> f.heldOut().mae()).average().orElse(0));
        g.writeNumberField("mean_model_mae_held_out",
            scored.stream().mapToDouble(f -> f.heldOut().modelMae()).average().orElse(0));
        g.writeNumberField("mean_carry_forward_mae_held_out",
            scored.stream().mapToDouble(f -> f.baselines().carryForward().maeHeldOut()).average().orElse(0));
        g.writeNumberField("mean_log_linear_mae_held_out",
            scored.stream().mapToDouble(f -> f.baselines().logLinear().maeHeldOut()).average().orElse(0));
        double covered = scored.stream().mapToDouble(f -> f.heldOut().coverage90() * f.heldOut().points()).sum();
        int points = scored.stream().mapToInt(f -> f.heldOut().points()).sum();
        g.writeNumberField("coverage_90", covered / points);
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  private static void curve(com.fasterxml.jackson.core.JsonGenerator g, Forecast f) throws IOException {
    g.writeStartObject();
    g.writeStringField("dataset", f.dataset());
    g.writeStringField("method", f.method());
    g.writeNumberField("fit_up_to", f.fitUpTo());
    g.writeNumberField("edge_n", f.edge());
    g.writeObjectFieldStart("chosen");
    g.writeStringField("model", f.chosen().model());
    g.writeStringField("mode", f.chosen().mode());
    g.writeObjectFieldStart("parameters");
    for (Forecast.Parameter p : f.chosen().parameters()) {
      g.writeObjectFieldStart(p.name());
      Json.number(g, "value", p.value());
      Json.number(g, "p05", p.p05());
      Json.number(g, "p95", p.p95());
      if (p.flag() != null) {
        g.writeStringField("flag", p.flag());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    Json.number(g, "criterion", f.chosen().criterion());
    g.writeStringField("criterion_name", f.chosen().criterionName());
    g.writeEndObject();
    g.writeArrayFieldStart("candidates");
    for (Forecast.Candidate c : f.candidates()) {
      g.writeStartObject();
      g.writeStringField("model", c.model());
      g.writeStringField("mode", c.mode());
      Json.number(g, "criterion", c.criterion());
      Json.number(g, "aicc", c.aicc());
      Json.number(g, "rmse_fitted", c.rmseFitted());
      g.writeObjectFieldStart("parameters");
      for (Map.Entry<String, Double> e : c.parameters().entrySet()) {
        Json.number(g, e.getKey(), e.getValue());
      }
      g.writeEndObject();
      if (c.note() != null) {
        g.writeStringField("note", c.note());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("predictions");
    for (Forecast.Prediction p : f.predictions()) {
      g.writeStartObject();
      g.writeNumberField("n", p.n());
      Json.number(g, "observed", p.observed());
      g.writeBooleanField("fitted", p.fitted());
      Json.number(g, "mean", p.mean());
      Json.number(g, "p05", p.p05());
      Json.number(g, "p95", p.p95());
      Json.number(g, "model_forecast", p.modelForecast());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("baselines");
    g.writeObjectFieldStart("carry_forward");
    Json.number(g, "mae_held_out", f.baselines().carryForward().maeHeldOut());
    g.writeEndObject();
    g.writeObjectFieldStart("log_linear");
    Json.number(g, "mae_held_out", f.baselines().logLinear().maeHeldOut());
    g.writeEndObject();
    g.writeEndObject();
    g.writeObjectFieldStart("held_out");
    g.writeNumberField("points", f.heldOut().points());
    Json.number(g, "mae", f.heldOut().mae());
    Json.number(g, "max_abs_error", f.heldOut().maxAbsError());
    Json.number(g, "coverage_90", f.heldOut().coverage90());
    Json.number(g, "model_mae", f.heldOut().modelMae());
    g.writeEndObject();
    g.writeObjectFieldStart("questions");
    g.writeNumberField("count", f.questions().count());
    g.writeStringField("source", f.questions().source());
    g.writeEndObject();
    g.writeArrayFieldStart("warnings");
    for (String w : f.warnings()) {
      g.writeString(w);
    }
    g.writeEndArray();
    g.writeBooleanField("beats_baselines", f.beatsBaselines());
    g.writeStringField("beats_baselines_note", f.beatsBaselinesNote());
    g.writeStringField("rule", f.rule());
    g.writeStringField("interval_method", f.intervalMethod());
    g.writeEndObject();
  }
}
