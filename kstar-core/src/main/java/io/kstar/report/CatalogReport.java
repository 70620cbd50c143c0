package io.kstar.report;

import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
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
        t.row(List.of(m.id(), m.name(), Numbers.full(m.cIn()), Numbers.full(m.cOut()), Numbers.full(m.tIn()),
            Numbers.full(m.tOut()), Numbers.full(m.muLin()), Numbers.full(m.sigmaLin()), Numbers.full(m.muLout()),
            Numbers.full(m.sigmaLout()), Numbers.full(m.accMean()), Numbers.full(m.accStd()),
            Integer.toString(m.defaultParallel())));
      } else {
        t.row(List.of(m.id(), m.name(), g(m.cIn() * 1e6), g(m.cOut() * 1e6), g(m.tIn() * 1e3), g(m.tOut() * 1e3),
            length(m.inputLength()), length(m.outputLength()) + latencyNote(m),
            quality(m), Integer.toString(m.defaultParallel())));
      }
    }
    return t;
  }

  static String length(io.kstar.length.LengthModel l) {
    String s = g(l.mean()) + " ± " + g(l.sd());
    return l instanceof io.kstar.length.LengthModel.ClippedNormalLength ? s : s + " (" + l.id() + ")";
  }

  static String latencyNote(ModelProfile m) {
    if (m.latency().isDefault()) {
      return "";
    }
    String s = "; latency " + m.latency().kind();
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
    if (a instanceof io.kstar.accuracy.GaussianBestOfK) {
      return g(m.accMean()) + " ± " + g(m.accStd());
    }
    String s = a.id() + ": p(1)=" + g(a.mean(1));
    if (a instanceof io.kstar.accuracy.SelectorBestOfK sel) {
      s += ", s=" + g(sel.selectorAccuracy());
    }
    if (a instanceof io.kstar.accuracy.MajorityVote v) {
      s += ", m=" + v.wrongAnswers();
    }
    return s;
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
        g.writeNumberField("mu_Lin", m.muLin());
        g.writeNumberField("sigma_Lin", m.sigmaLin());
        g.writeNumberField("mu_Lout", m.muLout());
        g.writeNumberField("sigma_Lout", m.sigmaLout());
        g.writeNumberField("acc_mean", m.accMean());
        g.writeNumberField("acc_std", m.accStd());
        g.writeNumberField("default_parallel", m.defaultParallel());
        g.writeStringField("accuracy_model", m.accuracy().id());
        if (m.accuracy() instanceof io.kstar.accuracy.PassAtK p) {
          g.writeNumberField("difficulty_alpha", p.difficulty().alpha());
          g.writeNumberField("difficulty_beta", p.difficulty().beta());
        } else if (m.accuracy() instanceof io.kstar.accuracy.MajorityVote v) {
          g.writeNumberField("difficulty_alpha", v.difficulty().alpha());
          g.writeNumberField("difficulty_beta", v.difficulty().beta());
          g.writeNumberField("wrong_answers", v.wrongAnswers());
        } else if (m.accuracy() instanceof io.kstar.accuracy.SelectorBestOfK sel) {
          g.writeNumberField("difficulty_alpha", sel.difficulty().alpha());
          g.writeNumberField("difficulty_beta", sel.difficulty().beta());
          g.writeNumberField("selector_accuracy", sel.selectorAccuracy());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    });
  }
}
