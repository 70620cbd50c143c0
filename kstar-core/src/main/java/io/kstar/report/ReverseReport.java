package io.kstar.report;

import io.kstar.plan.Reverse;
import io.kstar.space.OperatingPoint;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code kstar budget}: the smallest budgets that reach an accuracy target. */
public final class ReverseReport {
  private ReverseReport() {}

  public static String render(List<Reverse.Answer> answers, String basisCost, String basisLatency, Format f) {
    double a = answers.isEmpty() ? Double.NaN : answers.get(0).minAccuracy();
    String head = String.format(Locale.ROOT,
        "Smallest budgets at which some k reaches expected accuracy >= %s (cost as %s, latency as %s; each budget on its own)%n",
        Numbers.plain(a), basisCost, basisLatency);
    return switch (f) {
      case JSON -> json(answers, basisCost, basisLatency);
      case CSV -> table(answers, true).csv(true);
      case MARKDOWN -> "# kstar budget\n\n" + head + "\n" + table(answers, false).markdown();
      case TABLE -> head + "\n" + table(answers, false).aligned("  ");
    };
  }

  /**
   * The answers as a table; with {@code full} (CSV) the headers are unique snake_case and the numeric
   * columns hold numbers or nothing ({@code reached} says whether the target was reached at all).
   */
  static Table table(List<Reverse.Answer> answers, boolean full) {
    boolean adaptive = answers.stream().anyMatch(a -> !a.policy().isFixed());
    // at a traffic, a third answer: the fewest replicas on which some k reaches the target
    boolean traffic = answers.stream().anyMatch(a -> a.fewestReplicas().isPresent());
    List<String> head = new java.util.ArrayList<>(full
        ? List.of("model", "parallel", "min_max_cost_usd", "cost_at_k", "min_max_latency_s", "latency_at_k")
        : List.of("model", "P", "min max_cost_usd", "at k", "min max_latency_s", "at k"));
    if (traffic) {
      head.addAll(full ? List.of("min_replicas", "replicas_at_k") : List.of("min replicas", "at k"));
    }
    if (full) {
      head.add("reached");
    }
    head.add("note");
    boolean[] right = new boolean[head.size()];
    for (int i = 1; !full && i < head.size() - 1; i++) {
      right[i] = true;
    }
    Table t = new Table(CompareReport.withPolicy(adaptive, head, 2), full ? new boolean[head.size() + (adaptive ? 1 : 0)]
        : CompareReport.withPolicy(adaptive, right, 2));
    String none = full ? "" : "-";
    for (Reverse.Answer a : answers) {
      Optional<OperatingPoint> c = a.cheapest();
      Optional<OperatingPoint> l = a.fastest();
      List<String> row = new java.util.ArrayList<>(List.of(a.model(), Integer.toString(a.parallel()),
          c.map(o -> full ? Numbers.full(o.costUsd()) : Numbers.usd(o.costUsd())).orElse(none),
          c.map(o -> Integer.toString(o.k()) + replicas(a, o, full)).orElse(none),
          l.map(o -> full ? Numbers.full(o.latencyS()) : Numbers.seconds(o.latencyS())).orElse(none),
          l.map(o -> Integer.toString(o.k()) + replicas(a, o, full)).orElse(none)));
      if (traffic) {
        Optional<OperatingPoint> r = a.fewestReplicas();
        row.add(r.map(o -> Integer.toString(a.statistics().get(o).load().replicas())).orElse(none));
        row.add(r.map(o -> Integer.toString(o.k())).orElse(none));
      }
      if (full) {
        row.add(Boolean.toString(c.isPresent()));
      }
      row.add(c.isPresent() ? "" : a.reason());
      t.row(CompareReport.withPolicy(adaptive, row, 2, a.policy().label()));
    }
    return t;
  }

  /** The replicas of a point, as a value written as an integer. */
  private interface Replicas extends java.util.function.ToDoubleFunction<OperatingPoint> {}

  /** " on 2 replicas" after a k at a traffic (CSV: nothing; its JSON carries replicas). */
  private static String replicas(Reverse.Answer a, OperatingPoint o, boolean full) {
    var load = a.statistics().get(o).load();
    if (load == null || full) {
      return "";
    }
    return " on " + load.replicas() + " replica" + (load.replicas() == 1 ? "" : "s");
  }

  static String json(List<Reverse.Answer> answers, String basisCost, String basisLatency) {
    return Json.write(g -> {
      g.writeStartObject();
      Json.number(g, "min_accuracy", answers.isEmpty() ? Double.NaN : answers.get(0).minAccuracy());
      g.writeObjectFieldStart("budget_basis");
      g.writeStringField("cost", basisCost);
      g.writeStringField("latency", basisLatency);
      g.writeEndObject();
      g.writeArrayFieldStart("models");
      for (Reverse.Answer a : answers) {
        g.writeStartObject();
        g.writeStringField("model", a.model());
        g.writeNumberField("parallel", a.parallel());
        g.writeStringField("policy", a.policy().label());
        g.writeBooleanField("reached", a.cheapest().isPresent());
        g.writeFieldName("min_max_cost_usd");
        pick(g, a, a.cheapest(), OperatingPoint::costUsd);
        g.writeFieldName("min_max_latency_s");
        pick(g, a, a.fastest(), OperatingPoint::latencyS);
        if (a.fewestReplicas().isPresent()) {
          g.writeFieldName("min_replicas");
          pick(g, a, a.fewestReplicas(), (Replicas) o -> a.statistics().get(o).load().replicas());
        }
        g.writeStringField("reason", a.reason());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void pick(com.fasterxml.jackson.core.JsonGenerator g, Reverse.Answer a, Optional<OperatingPoint> p,
      java.util.function.ToDoubleFunction<OperatingPoint> value) throws IOException {
    if (p.isEmpty()) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    double v = value.applyAsDouble(p.get());
    if (v == Math.rint(v) && Math.abs(v) < 1e9 && value instanceof Replicas) {
      g.writeNumberField("value", (long) v); // a count of replicas is an integer
    } else {
      Json.number(g, "value", v);
    }
    g.writeNumberField("k", p.get().k());
    g.writeNumberField("accuracy", p.get().accuracy());
    g.writeNumberField("p_reaches_target", a.pReaches(p.get()));
    PlanReport.draws(g, a.statistics().get(p.get()).draws());
    Loads.json(g, a.statistics().get(p.get()));
    Expectations.write(g, a.statistics().get(p.get()));
    g.writeEndObject();
  }
}
