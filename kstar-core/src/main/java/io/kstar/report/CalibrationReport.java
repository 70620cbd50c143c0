package io.kstar.report;

import io.kstar.calibrate.CurveFitter;
import io.kstar.calibrate.MeasuredCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code kstar calibrate --curve}: the fits of each curve, best first, and the residuals of the best. */
public final class CalibrationReport {
  private CalibrationReport() {}

  /** One curve's fits (best first) and its tokens per sample. */
  public record CurveResult(MeasuredCurve curve, List<CurveFitter.Fit> fits, double tokensPerSample, int fitUpTo) {}

  public static String render(List<CurveResult> results, Format f) {
    return switch (f) {
      case JSON -> json(results);
      case CSV -> fitsTable(results).csv(true);
      case MARKDOWN -> "# kstar calibrate\n\n" + text(results, true);
      case TABLE -> text(results, false);
    };
  }

  static String params(Map<String, Double> p) {
    List<String> parts = new ArrayList<>();
    p.forEach((k, v) -> parts.add(k + "=" + (k.equals("wrong_answers") ? Integer.toString(v.intValue())
        : String.format(Locale.ROOT, "%.4g", v))));
    return String.join(" ", parts);
  }

  static Table fitsTable(List<CurveResult> results) {
    Table t = new Table(List.of("dataset", "method", "model", "parameters", "rmse_fitted", "rmse_held_out",
        "rmse_refit_all", "points_fitted", "points_held_out", "tokens_per_sample"),
        new boolean[] {false, false, false, false, true, true, true, true, true, true});
    for (CurveResult r : results) {
      for (CurveFitter.Fit fit : r.fits()) {
        t.row(List.of(r.curve().dataset(), r.curve().method(), fit.modelId(), params(fit.parameters()),
            String.format(Locale.ROOT, "%.4f", fit.rmseFitted()),
            Double.isNaN(fit.rmseHeldOut()) ? "" : String.format(Locale.ROOT, "%.4f", fit.rmseHeldOut()),
            String.format(Locale.ROOT, "%.4f", fit.rmseAll()), Integer.toString(fit.fitted()),
            Integer.toString(fit.heldOut()),
            Double.isNaN(r.tokensPerSample()) ? "" : String.format(Locale.ROOT, "%.1f", r.tokensPerSample())));
      }
    }
    return t;
  }

  static Table residuals(CurveFitter.Fit fit) {
    Table t = new Table(List.of("n", "observed", "fitted", "residual", "role"),
        new boolean[] {true, true, true, true, false});
    for (CurveFitter.Residual r : fit.residuals()) {
      t.row(List.of(Integer.toString(r.n()), String.format(Locale.ROOT, "%.4f", r.observed()),
          String.format(Locale.ROOT, "%.4f", r.fitted()), String.format(Locale.ROOT, "%+.4f", r.observed() - r.fitted()),
          r.heldOut() ? "held out (predicted)" : "fitted"));
    }
    return t;
  }

  static String text(List<CurveResult> results, boolean md) {
    StringBuilder b = new StringBuilder();
    b.append("Least-squares fits of accuracy models with Beta(alpha, beta) question difficulty; points with n <= fit-up-to are\n")
        .append("fitted, the others predicted (held-out RMSE); the best model is the one that predicts the held-out points best.\n\n");
    b.append(md ? fitsTable(results).markdown() : fitsTable(results).aligned("  "));
    for (CurveResult r : results) {
      CurveFitter.Fit best = r.fits().get(0);
      b.append('\n').append(md ? "## " : "").append("Residuals of the best fit for ").append(r.curve().dataset()).append(' ')
          .append(r.curve().method()).append(": ").append(best.modelId()).append(' ').append(params(best.parameters()))
          .append("\n").append(md ? "\n" : "");
      b.append(md ? residuals(best).markdown() : residuals(best).aligned("  "));
      b.append(md ? "\n" : "").append("Refitted on every point (the profile --write saves): ").append(params(best.parametersAll()))
          .append(String.format(Locale.ROOT, ", RMSE %.4f%n", best.rmseAll()));
    }
    return b.toString();
  }

  static String json(List<CurveResult> results) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("curves");
      for (CurveResult r : results) {
        g.writeStartObject();
        g.writeStringField("dataset", r.curve().dataset());
        g.writeStringField("method", r.curve().method());
        g.writeNumberField("fit_up_to", r.fitUpTo());
        Json.number(g, "tokens_per_sample", r.tokensPerSample());
        g.writeArrayFieldStart("fits");
        for (CurveFitter.Fit fit : r.fits()) {
          g.writeStartObject();
          g.writeStringField("model", fit.modelId());
          g.writeObjectFieldStart("parameters");
          for (Map.Entry<String, Double> e : fit.parameters().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
          }
          g.writeEndObject();
          Json.number(g, "rmse_fitted", fit.rmseFitted());
          Json.number(g, "rmse_held_out", fit.rmseHeldOut());
          Json.number(g, "rmse_refit_all", fit.rmseAll());
          g.writeObjectFieldStart("parameters_refit_all");
          for (Map.Entry<String, Double> e : fit.parametersAll().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
          }
          g.writeEndObject();
          g.writeArrayFieldStart("residuals");
          for (CurveFitter.Residual res : fit.residuals()) {
            g.writeStartObject();
            g.writeNumberField("n", res.n());
            g.writeNumberField("observed", res.observed());
            g.writeNumberField("fitted", res.fitted());
            g.writeBooleanField("held_out", res.heldOut());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }
}
