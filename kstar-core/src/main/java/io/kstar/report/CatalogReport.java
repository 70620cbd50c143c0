package io.kstar.report;

import io.kstar.accuracy.AccuracyModels;
import io.kstar.length.LengthModel;
import io.kstar.length.LengthModels;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.ParameterValues;
import io.kstar.parameter.Parameterised;
import io.kstar.parameter.Shape;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** {@code kstar models}: the catalog, prices shown per million tokens as providers list them. */
public final class CatalogReport {
  private CatalogReport() {}

  public static String render(Catalog c, String source, Format f) {
    return switch (f) {
      case JSON -> json(c, source);
      case CSV -> table(c, true).csv(true);
      case MARKDOWN -> "# kstar models (" + source + ")\n\n" + table(c, false).markdown();
      case TABLE -> "Catalog: " + source + " (prices in USD per million tokens, times in ms per token)\n\n"
          + table(c, false).aligned("  ");
    };
  }

  static Table table(Catalog c, boolean full) {
    List<String> h = full
        ? List.of("id", "name", "c_in", "c_out", "t_in", "t_out", "mu_Lin", "sigma_Lin", "mu_Lout",
            "sigma_Lout", "acc_mean", "acc_std", "default_parallel")
        : List.of("id", "name", "in $/Mtok", "out $/Mtok", "in ms/tok", "out ms/tok", "L_in", "L_out",
            "quality", "P");
    boolean[] right = new boolean[h.size()];
    for (int i = 2; i < right.length; i++) {
      right[i] = true;
    }
    Table t = new Table(h, right);
    for (ModelProfile m : c.models()) {
      if (full) {
        double[] q = oneSample(m);
        t.row(List.of(m.id(), m.name(), Numbers.full(m.cIn()), Numbers.full(m.cOut()), Numbers.full(m.tIn()),
            Numbers.full(m.tOut()), Numbers.full(m.inputLength().mean()), Numbers.full(m.inputLength().sd()),
            Numbers.full(m.outputLength().mean()), Numbers.full(m.outputLength().sd()), Numbers.full(q[0]),
            Numbers.full(q[1]), Integer.toString(m.defaultParallel())));
      } else {
        t.row(List.of(m.id(), m.name(), g(m.cIn() * 1e6), g(m.cOut() * 1e6), g(m.tIn() * 1e3), g(m.tOut() * 1e3),
            length(m.inputLength()), length(m.outputLength()) + latencyNote(m),
            quality(m), Integer.toString(m.defaultParallel())));
      }
    }
    return t;
  }

  /**
   * The quality of one sample as the flat columns {@code acc_mean}, {@code acc_std} show it: the score
   * parameters of the default (Gaussian) model, else the mean and sd of A(1).
   */
  static double[] oneSample(ModelProfile m) {
    var a = m.accuracy();
    if (a.kind() == AccuracyModels.REGISTRY.defaultKind()) {
      List<Parameter> ps = a.kind().parameters();
      return new double[] {a.values().number(ps.get(0).name()), a.values().number(ps.get(1).name())};
    }
    return a.meanAndStd(1);
  }

  static String length(LengthModel l) {
    String s = g(l.mean()) + " ± " + g(l.sd());
    return l.kind() == LengthModels.REGISTRY.defaultKind() ? s : s + " (" + l.id() + ")";
  }

  static String latencyNote(ModelProfile m) {
    if (m.latency().isDefault()) {
      return "";
    }
    String s = "; latency " + m.latency().id();
    if (m.latency().ttftS() > 0) {
      s += " ttft " + g(m.latency().ttftS()) + " s";
    }
    if (m.latency().rateLimitTpm().isPresent()) {
      s += ", " + g(m.latency().rateLimitTpm().getAsDouble()) + " tokens/min";
    }
    return s;
  }

  static String quality(ModelProfile m) {
    var a = m.accuracy();
    if (a.kind() == AccuracyModels.REGISTRY.defaultKind()) {
      double[] q = oneSample(m);
      return g(q[0]) + " ± " + g(q[1]);
    }
    StringBuilder s = new StringBuilder(a.id() + ": p(1)=" + g(a.mean(1)));
    ParameterValues v = a.values();
    for (Parameter p : a.kind().parameters()) {
      if (!p.name().startsWith("difficulty_") && v.has(p.name())) {
        s.append(", ").append(p.name()).append('=').append(g(v.number(p.name())));
      }
    }
    return s.toString();
  }

  private static String g(double v) {
    String s = String.format(Locale.ROOT, "%.4f", v);
    s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    return s;
  }

  static String json(Catalog c, String source) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("source", source);
      g.writeObjectFieldStart("models");
      for (ModelProfile m : c.models()) {
        g.writeObjectFieldStart(m.id());
        g.writeStringField("name", m.name());
        g.writeNumberField("c_in", m.cIn());
        g.writeNumberField("c_out", m.cOut());
        g.writeNumberField("t_in", m.tIn());
        g.writeNumberField("t_out", m.tOut());
        part(g, m.inputLength(), "in", "lin_distribution");
        part(g, m.outputLength(), "out", "lout_distribution");
        if (m.accuracy().kind() == AccuracyModels.REGISTRY.defaultKind()) {
          part(g, m.accuracy(), null, null);
        }
        g.writeNumberField("default_parallel", m.defaultParallel());
        g.writeStringField("accuracy_model", m.accuracy().id());
        if (m.accuracy().kind() != AccuracyModels.REGISTRY.defaultKind()) {
          part(g, m.accuracy(), null, null);
        }
        if (!m.latency().isDefault()) {
          part(g, m.latency(), null, "latency_model");
        }
        if (m.calibrated().isPresent()) {
          calibration(g, m.calibrated().get());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  /** One part's parameters under their flat keys, and its kind under {@code tagKey} when it is not the default. */
  private static void part(com.fasterxml.jackson.core.JsonGenerator g, Parameterised model, String side, String tagKey)
      throws IOException {
    if (tagKey != null && (side == null || model.kind() != LengthModels.REGISTRY.defaultKind())) {
      g.writeStringField(tagKey, model.id());
    }
    ParameterValues v = model.values();
    for (Parameter p : model.kind().parameters()) {
      if (!v.has(p.name())) {
        continue;
      }
      String key = side == null ? p.flatKey() : p.flatKey(side);
      if (v.get(p.name()) instanceof double[] list) {
        g.writeArrayFieldStart(key);
        for (double x : list) {
          g.writeNumber(x);
        }
        g.writeEndArray();
      } else if (p.shape() == Shape.INTEGER) {
        g.writeNumberField(key, v.integer(p.name()));
      } else {
        g.writeNumberField(key, v.number(p.name()));
      }
    }
  }

  /** The calibration section, as the catalog formats write it, so that this JSON reads back as a catalog. */
  private static void calibration(com.fasterxml.jackson.core.JsonGenerator g, io.kstar.profile.Calibration c)
      throws IOException {
    g.writeObjectFieldStart("calibration");
    g.writeStringField("method", c.method());
    g.writeNumberField("data_up_to_k", c.dataUpToK());
    g.writeStringField("beyond_data", c.beyond().id());
    List<Parameter> ps = c.samples().get(0).kind().parameters();
    g.writeArrayFieldStart("parameters");
    for (Parameter p : ps) {
      g.writeString(p.name());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("accuracy_samples");
    for (var sample : c.samples()) {
      g.writeStartArray();
      for (Parameter p : ps) {
        if (p.shape() == io.kstar.parameter.Shape.INTEGER) {
          g.writeNumber(sample.values().integer(p.name()));
        } else {
          g.writeNumber(sample.values().number(p.name()));
        }
      }
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
