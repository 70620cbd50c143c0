package io.kstar.report;

import io.kstar.calibrate.LogCalibration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code kstar calibrate LOGS}: the fitted profile figures and the pass@k goodness of fit. */
public final class LogCalibrationReport {
  private LogCalibrationReport() {}

  public static String render(LogCalibration.Result r, int skipped, Format f) {
    return render(r, skipped, List.of(), f);
  }

  /**
   * @param ignored the columns of the records that are not kstar's fields (named once, so that a misspelt
   *     field is seen)
   */
  public static String render(LogCalibration.Result r, int skipped, List<String> ignored, Format f) {
    return switch (f) {
      case JSON -> json(r, skipped, ignored);
      case CSV -> curve(r).csv(true);
      case MARKDOWN -> "# kstar calibrate\n\n```\n" + summary(r, skipped, ignored) + "```\n\n" + curve(r).markdown()
          + (r.candidates().isEmpty() ? "" : "\n" + candidates(r).markdown())
          + (r.expectedAccuracy().isEmpty() ? "" : "\n" + expected(r).markdown())
          + (r.warnings().isEmpty() ? "" : "\n" + warningsText(r));
      case TABLE -> summary(r, skipped, ignored) + "\n" + curve(r).aligned("  ") + candidatesText(r) + expectedText(r)
          + warningsText(r);
    };
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  static String summary(LogCalibration.Result r, int skipped) {
    return summary(r, skipped, List.of());
  }

  static String summary(LogCalibration.Result r, int skipped, List<String> ignored) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Calibrated %s from %d samples over %d questions%s%n", r.model(), r.samples(),
        r.questions(), skipped > 0 ? " (" + skipped + " bad record" + (skipped == 1 ? "" : "s") + " skipped)" : ""));
    if (!ignored.isEmpty()) {
      b.append("  columns that are not kstar's, ignored: ").append(String.join(", ", ignored)).append('\n');
    }
    if (!r.lengthsFitted()) {
      b.append(String.format(Locale.ROOT, "  token counts and times: not in every record, not fitted%n"));
    } else {
      b.append(String.format(Locale.ROOT, "  input tokens  %s ± %s; output tokens %s ± %s (clipped normal)%n",
          fmt(r.inputMean()), fmt(r.inputSd()), fmt(r.outputMean()), fmt(r.outputSd())));
      if (r.latencyFitted()) {
        b.append(String.format(Locale.ROOT, "  per-token times (least squares, no intercept): t_in %s s, t_out %s s,"
            + " R² %.4f%n", fmt(r.tIn()), fmt(r.tOut()), r.latencyR2()));
      } else {
        b.append(String.format(Locale.ROOT, "  per-token times: latency_s not in every record, not fitted%n"));
      }
    }
    if (r.samplesPerRequest() != null) {
      b.append(String.format(Locale.ROOT, "  calls (request_id): %d samples per call (rounded); input tokens are each"
          + " call's prompt%n", r.samplesPerRequest()));
    }
    if (r.billing() != null) {
      LogCalibration.Billing bl = r.billing();
      b.append(String.format(Locale.ROOT, "  billing: the prompt billed once per call fits the %d calls' costs with a"
          + " residual of %s USD per call (%s / %s per million); billed with every sample, %s USD (%s / %s):"
          + " %s%n", bl.calls(), fmt(bl.rmsePerCall()), fmt(bl.cInPerCall() * 1e6), fmt(bl.cOutPerCall() * 1e6),
          fmt(bl.rmsePerSample()), fmt(bl.cInPerSample() * 1e6), fmt(bl.cOutPerSample() * 1e6),
          bl.perCall() ? "per call fits better" : "per sample fits better"));
    }
    if (r.cIn() != null) {
      b.append(String.format(Locale.ROOT, "  prices from recorded costs: %s / %s USD per million input / output tokens%n",
          fmt(r.cIn() * 1e6), fmt(r.cOut() * 1e6)));
    }
    b.append("  accuracy: ").append(r.accuracy().id()).append(' ');
    for (Map.Entry<String, Double> e : r.parameters().entrySet()) {
      b.append(e.getKey()).append('=').append(fmt(e.getValue())).append(' ');
    }
    b.append('\n');
    if (!r.intervals().isEmpty()) {
      b.append("  parameter uncertainty, 90% (5%–95% of the replicates' refits): ");
      for (LogCalibration.ParameterInterval p : r.intervals()) {
        b.append(p.name()).append(' ').append(fmt(p.value())).append(" [").append(fmt(p.p05())).append(", ")
            .append(fmt(p.p95())).append(']').append(p.flag() != null ? " (!)" : "").append("; ");
      }
      b.setLength(b.length() - 2);
      b.append('\n');
      b.append("  replicates: ").append(r.replicateMethod()).append('\n');
    }
    b.append(String.format(Locale.ROOT, "  the logs cover k <= %d (median samples per question); beyond it the model extrapolates%n",
        r.dataUpToK()));
    if (!Double.isNaN(r.aicBeta())) {
      b.append(String.format(Locale.ROOT,
          "  difficulty: Beta by maximum likelihood, AIC %.1f, against one success rate for all questions, AIC %.1f (%s)%n",
          r.aicBeta(), r.aicSingleRate(), r.aicBeta() < r.aicSingleRate() ? "Beta fits better" : "no evidence of a spread"));
      if (!Double.isNaN(r.aicBetaUnsolved())) {
        b.append(String.format(Locale.ROOT,
            "  difficulty with a never-solved share of questions: AIC %.1f (%s)%n", r.aicBetaUnsolved(),
            r.aicBetaUnsolved() < r.aicBeta() - 2 ? "fits better than the Beta alone"
                : "no better than the Beta alone by more than 2"));
      }
      b.append("  pass@k: observed (unbiased estimator, bootstrap 95% interval over questions) against fitted\n");
    }
    return b.toString();
  }

  static String candidatesText(LogCalibration.Result r) {
    if (r.candidates().isEmpty()) {
      return "";
    }
    return "\nAccuracy models the records support, each against its own strategy at k = n (bootstrap 95%);\n"
        + "the profile takes the one that predicts best:\n" + candidates(r).aligned("  ");
  }

  static String expectedText(LogCalibration.Result r) {
    if (r.expectedAccuracy().isEmpty()) {
      return "";
    }
    return "\nExpected accuracy of " + r.accuracy().id() + " at k, 90% over the replicates (parameter and difficulty-family"
        + " uncertainty):\n" + expected(r).aligned("  ");
  }

  static Table expected(LogCalibration.Result r) {
    Table t = new Table(List.of("k", "E[A(k)]", "p05", "p95", "note"), new boolean[] {true, true, true, true, false});
    for (LogCalibration.ExpectedAccuracy e : r.expectedAccuracy()) {
      t.row(List.of(Integer.toString(e.k()), String.format(Locale.ROOT, "%.4f", e.mean()),
          String.format(Locale.ROOT, "%.4f", e.p05()), String.format(Locale.ROOT, "%.4f", e.p95()),
          e.extrapolated() ? "extrapolated beyond k = " + r.dataUpToK() : ""));
    }
    return t;
  }

  static String warningsText(LogCalibration.Result r) {
    StringBuilder b = new StringBuilder();
    if (!r.warnings().isEmpty()) {
      b.append('\n');
    }
    for (String w : r.warnings()) {
      b.append("warning: ").append(w).append('\n');
    }
    return b.toString();
  }

  static Table candidates(LogCalibration.Result r) {
    Table t = new Table(List.of("model", "parameters", "n", "observed", "p025", "p975", "predicted", "chosen"),
        new boolean[] {false, false, true, true, true, true, true, false});
    for (LogCalibration.Candidate c : r.candidates()) {
      StringBuilder p = new StringBuilder();
      c.parameters().forEach((k, v) -> p.append(k).append('=').append(k.equals("wrong_answers") ? Integer.toString(v.intValue()) : fmt(v)).append(' '));
      t.row(List.of(c.model().id(), p.toString().strip(), Integer.toString(c.n()),
          String.format(Locale.ROOT, "%.4f", c.observed()), String.format(Locale.ROOT, "%.4f", c.lower()),
          String.format(Locale.ROOT, "%.4f", c.upper()), String.format(Locale.ROOT, "%.4f", c.predicted()),
          c.model().equals(r.accuracy()) ? "yes" : ""));
    }
    return t;
  }

  static Table curve(LogCalibration.Result r) {
    Table t = new Table(List.of("k", "observed", "p025", "p975", "fitted", "fitted - observed"),
        new boolean[] {true, true, true, true, true, true});
    for (LogCalibration.PassAtKPoint p : r.passAtK()) {
      t.row(List.of(Integer.toString(p.k()), String.format(Locale.ROOT, "%.4f", p.observed()),
          String.format(Locale.ROOT, "%.4f", p.lower()), String.format(Locale.ROOT, "%.4f", p.upper()),
          String.format(Locale.ROOT, "%.4f", p.fitted()), String.format(Locale.ROOT, "%+.4f", p.fitted() - p.observed())));
    }
    return t;
  }

  static String json(LogCalibration.Result r, int skipped) {
    return json(r, skipped, List.of());
  }

  static String json(LogCalibration.Result r, int skipped, List<String> ignored) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("model", r.model());
      g.writeNumberField("samples", r.samples());
      g.writeNumberField("questions", r.questions());
      g.writeNumberField("skipped_records", skipped);
      g.writeArrayFieldStart("ignored_columns");
      for (String c : ignored) {
        g.writeString(c);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("not_fitted");
      if (!r.lengthsFitted()) {
        g.writeString("lengths");
      }
      if (!r.latencyFitted()) {
        g.writeString("latency");
      }
      g.writeEndArray();
      // a part the records do not carry is null, not 0
      for (Object[] f : new Object[][] {{"input_tokens_mean", r.inputMean(), r.lengthsFitted()},
          {"input_tokens_sd", r.inputSd(), r.lengthsFitted()}, {"output_tokens_mean", r.outputMean(), r.lengthsFitted()},
          {"output_tokens_sd", r.outputSd(), r.lengthsFitted()}, {"t_in", r.tIn(), r.latencyFitted()},
          {"t_out", r.tOut(), r.latencyFitted()}, {"latency_r2", r.latencyR2(), r.latencyFitted()}}) {
        if ((Boolean) f[2]) {
          g.writeNumberField((String) f[0], (Double) f[1]);
        } else {
          g.writeNullField((String) f[0]);
        }
      }
      if (r.cIn() != null) {
        g.writeNumberField("c_in", r.cIn());
        g.writeNumberField("c_out", r.cOut());
      }
      if (r.samplesPerRequest() != null) {
        g.writeNumberField("samples_per_request", r.samplesPerRequest());
      }
      if (r.billing() != null) {
        LogCalibration.Billing bl = r.billing();
        g.writeObjectFieldStart("billing");
        g.writeNumberField("calls", bl.calls());
        g.writeStringField("fits", bl.perCall() ? "per call" : "per sample");
        g.writeObjectFieldStart("per_call");
        g.writeNumberField("c_in", bl.cInPerCall());
        g.writeNumberField("c_out", bl.cOutPerCall());
        g.writeNumberField("rmse_usd", bl.rmsePerCall());
        g.writeEndObject();
        g.writeObjectFieldStart("per_sample");
        g.writeNumberField("c_in", bl.cInPerSample());
        g.writeNumberField("c_out", bl.cOutPerSample());
        g.writeNumberField("rmse_usd", bl.rmsePerSample());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeStringField("accuracy_model", r.accuracy().id());
      g.writeObjectFieldStart("parameters");
      for (Map.Entry<String, Double> e : r.parameters().entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      Json.number(g, "aic_beta", r.aicBeta());
      Json.number(g, "aic_single_rate", r.aicSingleRate());
      g.writeArrayFieldStart("candidates");
      for (LogCalibration.Candidate c : r.candidates()) {
        g.writeStartObject();
        g.writeStringField("model", c.model().id());
        g.writeObjectFieldStart("parameters");
        for (Map.Entry<String, Double> e : c.parameters().entrySet()) {
          g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("n", c.n());
        g.writeNumberField("observed", c.observed());
        g.writeNumberField("p025", c.lower());
        g.writeNumberField("p975", c.upper());
        g.writeNumberField("predicted", c.predicted());
        g.writeBooleanField("chosen", c.model().equals(r.accuracy()));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("pass_at_k");
      for (LogCalibration.PassAtKPoint p : r.passAtK()) {
        g.writeStartObject();
        g.writeNumberField("k", p.k());
        g.writeNumberField("observed", p.observed());
        g.writeNumberField("p025", p.lower());
        g.writeNumberField("p975", p.upper());
        g.writeNumberField("fitted", p.fitted());
        g.writeEndObject();
      }
      g.writeEndArray();
      Json.number(g, "aic_beta_unsolved", r.aicBetaUnsolved());
      g.writeNumberField("data_up_to_k", r.dataUpToK());
      g.writeObjectFieldStart("replicates");
      g.writeNumberField("count", r.replicates().size());
      g.writeStringField("method", r.replicateMethod());
      g.writeEndObject();
      g.writeObjectFieldStart("parameter_intervals");
      for (LogCalibration.ParameterInterval p : r.intervals()) {
        g.writeObjectFieldStart(p.name());
        g.writeNumberField("value", p.value());
        g.writeNumberField("p05", p.p05());
        g.writeNumberField("p95", p.p95());
        if (p.flag() != null) {
          g.writeStringField("warning", p.flag());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("expected_accuracy");
      for (LogCalibration.ExpectedAccuracy e : r.expectedAccuracy()) {
        g.writeStartObject();
        g.writeNumberField("k", e.k());
        g.writeNumberField("mean", e.mean());
        g.writeNumberField("p05", e.p05());
        g.writeNumberField("p95", e.p95());
        g.writeBooleanField("extrapolated", e.extrapolated());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("warnings");
      for (String w : r.warnings()) {
        g.writeString(w);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }
}
