package io.kstar.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kstar.budget.Budget;
import io.kstar.plan.Comparison;
import io.kstar.select.Selection;
import io.kstar.space.OperatingPoint;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code kstar compare} in each {@link Format}. */
public final class CompareReport {
  private CompareReport() {}

  public static String render(Comparison.Result r, Format f) {
    return switch (f) {
      case JSON -> json(r);
      case CSV -> frontTable(r, true).csv(true);
      case MARKDOWN -> "# kstar compare\n\n" + header(r) + "\n## Joint Pareto front\n\n" + frontTable(r, false).markdown()
          + "\n## Picks over the joint front\n\n" + picks(r).markdown()
          + "\n## Each model at k = 1, and the cheapest (model, k) that matches it within the latency budget\n\n"
          + matches(r).markdown();
      case TABLE -> header(r) + "\nJoint Pareto front (" + r.front().size() + " of " + r.space().feasible().size()
          + " feasible (model, P, k); " + r.points().size() + " evaluated)\n" + frontTable(r, false).aligned("  ")
          + "\nPicks over the joint front\n" + picks(r).aligned("  ")
          + "\nEach model at k = 1, and the cheapest (model, P, k) that matches or beats it within the latency budget\n"
          + matches(r).aligned("  ") + notes(r);
    };
  }

  private static String notes(Comparison.Result r) {
    StringBuilder b = new StringBuilder();
    r.notes().forEach(n -> b.append("Note: ").append(n).append('\n'));
    r.space().infeasibility().ifPresent(i -> b.append(i.reason()).append('\n'));
    return b.toString();
  }

  public static String header(Comparison.Result r) {
    Budget b = r.request().budget();
    return String.format(Locale.ROOT,
        "Compare %d models: estimator %s, %s grid, k <= %d; budgets per request: cost <= $%s, latency <= %s s, accuracy >= %s%n",
        r.request().catalog().models().size(), r.estimator(), r.request().grid().id(), r.request().kMax(),
        Numbers.plain(b.maxCostUsd()), Numbers.plain(b.maxLatencyS()), Numbers.plain(b.minAccuracy()));
  }

  public static Table frontTable(Comparison.Result r, boolean full) {
    Table t = new Table(List.of("model", "P", "k", "cost_usd", "latency_s", "accuracy"),
        new boolean[] {false, true, true, true, true, true});
    for (OperatingPoint p : r.front().stream()
        .sorted(Comparator.comparingDouble(OperatingPoint::costUsd).thenComparingInt(OperatingPoint::k)).toList()) {
      t.row(List.of(p.model(), Integer.toString(p.parallel()), Integer.toString(p.k()),
          full ? Numbers.full(p.costUsd()) : Numbers.usd(p.costUsd()),
          full ? Numbers.full(p.latencyS()) : Numbers.seconds(p.latencyS()),
          full ? Numbers.full(p.accuracy()) : Numbers.accuracy(p.accuracy())));
    }
    return t;
  }

  public static Table picks(Comparison.Result r) {
    Table t = new Table(List.of("pick", "model", "P", "k", "cost_usd", "latency_s", "accuracy", "note"),
        new boolean[] {false, false, true, true, true, true, true, false});
    for (Selection s : r.selections()) {
      Optional<OperatingPoint> p = s.point();
      t.row(List.of(s.selector(), p.map(OperatingPoint::model).orElse("-"),
          p.map(o -> Integer.toString(o.parallel())).orElse("-"), p.map(o -> Integer.toString(o.k())).orElse("-"),
          p.map(o -> Numbers.usd(o.costUsd())).orElse("-"), p.map(o -> Numbers.seconds(o.latencyS())).orElse("-"),
          p.map(o -> Numbers.accuracy(o.accuracy())).orElse("-"), p.isPresent() ? "" : s.reason()));
    }
    return t;
  }

  public static Table matches(Comparison.Result r) {
    Table t = new Table(List.of("model", "accuracy at k=1", "cost at k=1", "match", "P", "k", "cost_usd", "latency_s",
        "accuracy", "cost ratio"), new boolean[] {false, true, true, false, true, true, true, true, true, true});
    for (Comparison.Match m : r.matches()) {
      Optional<OperatingPoint> c = m.cheapest();
      t.row(List.of(m.model(), Numbers.accuracy(m.atOne().accuracy()), Numbers.usd(m.atOne().costUsd()),
          c.map(OperatingPoint::model).orElse("none within the latency budget"),
          c.map(o -> Integer.toString(o.parallel())).orElse(""), c.map(o -> Integer.toString(o.k())).orElse(""),
          c.map(o -> Numbers.usd(o.costUsd())).orElse(""), c.map(o -> Numbers.seconds(o.latencyS())).orElse(""),
          c.map(o -> Numbers.accuracy(o.accuracy())).orElse(""),
          Double.isFinite(m.costRatio()) ? String.format(Locale.ROOT, "%.3f", m.costRatio()) : ""));
    }
    return t;
  }

  static String json(Comparison.Result r) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("estimator", r.estimator());
      g.writeStringField("grid", r.request().grid().id());
      g.writeNumberField("k_max", r.request().kMax());
      StudyReport.budget(g, r.request().budget());
      g.writeNumberField("evaluated_count", r.points().size());
      g.writeNumberField("feasible_count", r.space().feasible().size());
      g.writeArrayFieldStart("pareto");
      for (OperatingPoint p : r.front()) {
        point(g, p, r);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("selections");
      for (Selection s : r.selections()) {
        g.writeFieldName(s.selector());
        if (s.point().isPresent()) {
          point(g, s.point().get(), r);
        } else {
          g.writeNull();
        }
      }
      g.writeEndObject();
      g.writeObjectFieldStart("reasons");
      for (Selection s : r.selections()) {
        g.writeStringField(s.selector(), s.reason());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("matches");
      for (Comparison.Match m : r.matches()) {
        g.writeStartObject();
        g.writeStringField("model", m.model());
        g.writeFieldName("at_k1");
        point(g, m.atOne());
        g.writeFieldName("cheapest");
        if (m.cheapest().isPresent()) {
          point(g, m.cheapest().get());
        } else {
          g.writeNull();
        }
        Json.number(g, "cost_ratio", m.costRatio());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeFieldName("infeasible");
      StudyReport.infeasible(g, r.space().infeasibility());
      g.writeArrayFieldStart("notes");
      for (String n : r.notes()) {
        g.writeString(n);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  static void point(JsonGenerator g, OperatingPoint p) throws IOException {
    point(g, p, null);
  }

  /** A point; with the comparison's statistics, also p_meets_budgets and the expected values. */
  static void point(JsonGenerator g, OperatingPoint p, Comparison.Result r) throws IOException {
    g.writeStartObject();
    g.writeStringField("model", p.model());
    g.writeNumberField("parallel", p.parallel());
    g.writeNumberField("k", p.k());
    g.writeNumberField("cost_usd", p.costUsd());
    g.writeNumberField("latency_s", p.latencyS());
    g.writeNumberField("accuracy", p.accuracy());
    if (r != null && r.at(p) != null) {
      g.writeNumberField("p_meets_budgets", r.pMeets(p));
      Expectations.write(g, r.at(p));
    }
    g.writeEndObject();
  }
}
