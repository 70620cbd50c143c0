package io.kstar.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kstar.estimate.Curve;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Statistic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;

/** {@code kstar curve}: per-k statistics of one model (docs/semantics.md §7). */
public final class CurveReport {
  private CurveReport() {}

  /** Monte Carlo settings shown beside the curve; null for the exact estimator. */
  public record Run(Integer trials, Long seed) {}

  public static String render(Curve c, Run run, Format f) {
    return switch (f) {
      case JSON -> json(c, run, true);
      case CSV -> table(c, true).csv(true);
      case MARKDOWN -> "# kstar curve: " + c.modelId() + "\n\n" + header(c, run) + ".\n\n" + table(c, false).markdown();
      case TABLE -> header(c, run) + "\n\n" + table(c, false).aligned("  ") + notes(c);
    };
  }

  private static String notes(Curve c) {
    StringBuilder b = new StringBuilder();
    c.points().stream().filter(p -> p.load() != null).findFirst()
        .ifPresent(p -> b.append('\n').append(Loads.legend(p.load().requestsPerS())));
    c.notes().forEach(n -> b.append("\nNote: ").append(n).append('\n'));
    return b.toString();
  }

  static String header(Curve c, Run run) {
    String est = run == null || run.trials() == null
        ? c.estimator()
        : c.estimator() + " (" + run.trials() + " trials, seed " + run.seed() + ")";
    return "Curve of " + c.modelId() + " at P = " + c.parallel()
        + (c.policy().isFixed() ? "" : ", policy " + c.policy().label() + " (k is the cap)") + ", estimator " + est
        + "; one request per row; quantiles: " + c.quantileMethod().description();
  }

  /** The JSON answer; {@code pretty} false writes it without whitespace (the service's answer). */
  public static String json(Curve c, Run run, boolean pretty) {
    return Json.write(body(c, run), pretty);
  }

  /** The service's answer, compact, as UTF-8 bytes straight from the generator (no String between). */
  public static byte[] jsonUtf8(Curve c, Run run) {
    return Json.utf8(body(c, run));
  }

  private static Json.Body body(Curve c, Run run) {
    return g -> {
      g.writeStartObject();
      g.writeStringField("model", c.modelId());
      g.writeNumberField("parallel", c.parallel());
      g.writeStringField("policy", c.policy().label());
      g.writeStringField("estimator", c.estimator());
      g.writeStringField("quantile_method", c.quantileMethod().description());
      if (run != null && run.trials() != null) {
        g.writeNumberField("trials", run.trials());
        g.writeNumberField("seed", run.seed());
      }
      g.writeArrayFieldStart("points");
      for (CurvePoint p : c.points()) {
        g.writeStartObject();
        g.writeNumberField("k", p.k());
        stat(g, "cost_usd", p.cost(), c);
        stat(g, "latency_s", p.latency(), c);
        stat(g, "accuracy", p.accuracy(), c);
        PlanReport.draws(g, p.draws());
        Loads.json(g, p);
        Expectations.write(g, p);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("notes");
      for (String n : c.notes()) {
        g.writeString(n);
      }
      g.writeEndArray();
      g.writeEndObject();
    };
  }

  private static void stat(JsonGenerator g, String name, Statistic s, Curve c) throws IOException {
    g.writeObjectFieldStart(name);
    Json.number(g, "mean", s.mean());
    Json.number(g, "std", s.std());
    Json.number(g, "p025", s.p025());
    Json.number(g, "p975", s.p975());
    if (c.estimator().equals("monte-carlo")) {
      g.writeNumberField("se", s.stderr());
    }
    g.writeEndObject();
  }

  static Table table(Curve c, boolean full) {
    List<String> h = new ArrayList<>(List.of("k"));
    for (String q : List.of("cost_usd", "latency_s", "accuracy")) {
      h.add(q + "_mean");
      h.add(q + "_std");
      h.add(q + "_p025");
      h.add(q + "_p975");
    }
    boolean adaptive = !c.policy().isFixed();
    if (adaptive) {
      h.addAll(List.of("samples_mean", "samples_p025", "samples_p975", "rounds_mean"));
    }
    boolean calls = c.points().stream().anyMatch(p -> !p.draws().onePerCall());
    if (calls) {
      h.add("calls_mean");
    }
    boolean load = Loads.any(c.points());
    if (load) {
      h.addAll(Loads.header(full));
    }
    boolean uncertain = c.points().stream().anyMatch(Expectations::uncertain);
    if (uncertain) {
      if (full) {
        h.addAll(List.of("expected_accuracy_p05", "expected_accuracy_p95", "extrapolated"));
      } else {
        h.add("E[accuracy] [90%]");
      }
    }
    boolean[] right = new boolean[h.size()];
    Arrays.fill(right, true);
    Table t = new Table(h, right);
    for (CurvePoint p : c.points()) {
      List<String> r = new ArrayList<>();
      r.add(Integer.toString(p.k()));
      cells(r, p.cost(), full ? Numbers::full : Numbers::usd);
      cells(r, p.latency(), full ? Numbers::full : Numbers::seconds);
      cells(r, p.accuracy(), full ? Numbers::full : Numbers::accuracy);
      if (adaptive) {
        DoubleFunction<String> n = full ? Numbers::full : v -> String.format(java.util.Locale.ROOT, "%.3f", v);
        r.add(n.apply(p.draws().samples().mean()));
        r.add(n.apply(p.draws().samples().p025()));
        r.add(n.apply(p.draws().samples().p975()));
        r.add(n.apply(p.draws().rounds().mean()));
      }
      if (calls) {
        r.add(full ? Numbers.full(p.draws().calls().mean())
            : String.format(java.util.Locale.ROOT, "%.3f", p.draws().calls().mean()));
      }
      if (load) {
        r.addAll(Loads.cells(p, full));
      }
      if (uncertain && full) {
        r.add(Numbers.full(p.expected().accuracy().p05()));
        r.add(Numbers.full(p.expected().accuracy().p95()));
        r.add(Boolean.toString(p.expected().extrapolated()));
      } else if (uncertain) {
        r.add(Expectations.accuracyCell(p));
      }
      t.row(r);
    }
    return t;
  }

  private static void cells(List<String> r, Statistic s, DoubleFunction<String> f) {
    r.add(f.apply(s.mean()));
    r.add(f.apply(s.std()));
    r.add(f.apply(s.p025()));
    r.add(f.apply(s.p975()));
  }
}
