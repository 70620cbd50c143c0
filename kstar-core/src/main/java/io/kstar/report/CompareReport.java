package io.kstar.report;

import io.kstar.estimate.CurvePoint;

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

/**
 * {@code kstar compare} in each {@link Format}.
 *
 * <p>The CSV is one rectangular table carrying what the JSON carries, one row per item, told apart by
 * the first column {@code row_type}:
 *
 * <ul>
 *   <li>{@code pareto}: a point of the joint Pareto front ({@code pick} empty);
 *   <li>{@code pick}: a selector's pick over the joint front ({@code pick} names the selector; the point
 *       columns are empty and {@code note} says why when there is no pick);
 *   <li>{@code match}: a model at k = 1 ({@code at_k1_model} and the other {@code at_k1_*}) and the cheapest (model, P, k) that matches or
 *       beats it within the latency budget (the point columns; empty when none), with {@code cost_ratio}.
 * </ul>
 *
 * <p>Headers are unique snake_case; numeric columns hold numbers or nothing (shortest round-trip
 * decimals); {@code p_meets_budgets}, {@code expected_accuracy_*} and {@code extrapolated} as in the JSON
 * points, empty where the JSON has no such field.
 */
public final class CompareReport {
  private CompareReport() {}

  public static String render(Comparison.Result r, Format f) {
    return switch (f) {
      case JSON -> json(r, true);
      case CSV -> csv(r).csv(true);
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
    r.selections().stream().flatMap(s -> s.point().map(r::at).stream()).filter(p -> p.load() != null).findFirst()
        .ifPresent(p -> b.append(Loads.legend(p.load().requestsPerS())));
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
    boolean adaptive = r.request().adaptive();
    Table t = new Table(withPolicy(adaptive, List.of("model", "P", "k", "cost_usd", "latency_s", "accuracy"), 2),
        adaptive ? new boolean[] {false, true, false, true, true, true, true}
            : new boolean[] {false, true, true, true, true, true});
    for (OperatingPoint p : r.front().stream()
        .sorted(Comparator.comparingDouble(OperatingPoint::costUsd).thenComparingInt(OperatingPoint::k)).toList()) {
      t.row(withPolicy(adaptive, List.of(p.model(), Integer.toString(p.parallel()), Integer.toString(p.k()),
          full ? Numbers.full(p.costUsd()) : Numbers.usd(p.costUsd()),
          full ? Numbers.full(p.latencyS()) : Numbers.seconds(p.latencyS()),
          full ? Numbers.full(p.accuracy()) : Numbers.accuracy(p.accuracy())), 2, p.policy().label()));
    }
    return t;
  }

  /** The row with a "policy" cell at {@code at} when the request searched policies. */
  static List<String> withPolicy(boolean adaptive, List<String> row, int at, String... policy) {
    if (!adaptive) {
      return row;
    }
    List<String> out = new java.util.ArrayList<>(row);
    out.add(at, policy.length == 0 ? "policy" : policy[0]);
    return out;
  }

  static boolean[] withPolicy(boolean adaptive, boolean[] right, int at) {
    if (!adaptive) {
      return right;
    }
    boolean[] out = new boolean[right.length + 1];
    for (int i = 0, j = 0; i < out.length; i++) {
      out[i] = i == at ? false : right[j++];
    }
    return out;
  }

  static final List<String> CSV_HEADER = List.of("row_type", "pick", "model", "parallel", "policy", "k", "cost_usd",
      "latency_s", "accuracy", "p_meets_budgets", "expected_accuracy_mean", "expected_accuracy_p05",
      "expected_accuracy_p95", "extrapolated", "at_k1_model", "at_k1_parallel", "at_k1_cost_usd", "at_k1_latency_s",
      "at_k1_accuracy", "cost_ratio", "note");

  /** Front, picks and matches in one table (see the class comment). */
  public static Table csv(Comparison.Result r) {
    boolean[] right = new boolean[CSV_HEADER.size()];
    Table t = new Table(CSV_HEADER, right);
    for (OperatingPoint p : r.front().stream()
        .sorted(Comparator.comparingDouble(OperatingPoint::costUsd).thenComparingInt(OperatingPoint::k)).toList()) {
      t.row(csvRow("pareto", "", Optional.of(p), r, null, Double.NaN, ""));
    }
    for (Selection s : r.selections()) {
      t.row(csvRow("pick", s.selector(), s.point(), r, null, Double.NaN, s.point().isPresent() ? "" : s.reason()));
    }
    for (Comparison.Match m : r.matches()) {
      List<String> row = csvRow("match", "", m.cheapest(), r, m.atOne(), m.costRatio(),
          m.cheapest().isPresent() ? "" : "none within the latency budget");
      t.row(row);
    }
    return t;
  }

  private static List<String> csvRow(String type, String pick, Optional<OperatingPoint> p, Comparison.Result r,
      OperatingPoint atOne, double costRatio, String note) {
    List<String> row = new java.util.ArrayList<>(List.of(type, pick));
    row.add(p.map(OperatingPoint::model).orElse(""));
    row.add(p.map(o -> Integer.toString(o.parallel())).orElse(""));
    row.add(p.map(o -> o.policy().label()).orElse(""));
    row.add(p.map(o -> Integer.toString(o.k())).orElse(""));
    row.add(p.map(o -> Numbers.full(o.costUsd())).orElse(""));
    row.add(p.map(o -> Numbers.full(o.latencyS())).orElse(""));
    row.add(p.map(o -> Numbers.full(o.accuracy())).orElse(""));
    var stats = p.filter(o -> r.at(o) != null);
    row.add(stats.map(o -> Numbers.full(r.pMeets(o))).orElse(""));
    row.add(stats.map(o -> Numbers.full(r.at(o).expected().accuracy().mean())).orElse(""));
    row.add(stats.map(o -> Numbers.full(r.at(o).expected().accuracy().p05())).orElse(""));
    row.add(stats.map(o -> Numbers.full(r.at(o).expected().accuracy().p95())).orElse(""));
    row.add(stats.map(o -> Boolean.toString(r.at(o).expected().extrapolated())).orElse(""));
    row.add(atOne == null ? "" : atOne.model());
    row.add(atOne == null ? "" : Integer.toString(atOne.parallel()));
    row.add(atOne == null ? "" : Numbers.full(atOne.costUsd()));
    row.add(atOne == null ? "" : Numbers.full(atOne.latencyS()));
    row.add(atOne == null ? "" : Numbers.full(atOne.accuracy()));
    row.add(Numbers.full(costRatio));
    row.add(note);
    return row;
  }

  public static Table picks(Comparison.Result r) {
    boolean adaptive = r.request().adaptive();
    // at a traffic: each pick's replicas and utilisation, before the note
    boolean load = r.selections().stream().anyMatch(s -> s.point().map(r::at).map(CurvePoint::load).isPresent());
    List<String> head = new java.util.ArrayList<>(List.of("pick", "model", "P", "k", "cost_usd", "latency_s",
        "accuracy"));
    if (load) {
      head.addAll(Loads.header(false));
    }
    head.add("note");
    boolean[] right = new boolean[head.size()];
    for (int i = 2; i < head.size() - 1; i++) {
      right[i] = true;
    }
    Table t = new Table(withPolicy(adaptive, head, 3), withPolicy(adaptive, right, 3));
    for (Selection s : r.selections()) {
      Optional<OperatingPoint> p = s.point();
      List<String> row = new java.util.ArrayList<>(List.of(s.selector(), p.map(OperatingPoint::model).orElse("-"),
          p.map(o -> Integer.toString(o.parallel())).orElse("-"), p.map(o -> Integer.toString(o.k())).orElse("-"),
          p.map(o -> Numbers.usd(o.costUsd())).orElse("-"), p.map(o -> Numbers.seconds(o.latencyS())).orElse("-"),
          p.map(o -> Numbers.accuracy(o.accuracy())).orElse("-")));
      if (load) {
        CurvePoint cp = p.map(r::at).orElse(null);
        row.addAll(cp == null ? List.of("-", "-") : Loads.cells(cp, false));
      }
      row.add(p.isPresent() ? "" : s.reason());
      t.row(withPolicy(adaptive, row, 3, p.map(o -> o.policy().label()).orElse("-")));
    }
    return t;
  }

  public static Table matches(Comparison.Result r) {
    boolean adaptive = r.request().adaptive();
    Table t = new Table(withPolicy(adaptive, List.of("model", "accuracy at k=1", "cost at k=1", "match", "P", "k",
        "cost_usd", "latency_s", "accuracy", "cost ratio"), 5),
        withPolicy(adaptive, new boolean[] {false, true, true, false, true, true, true, true, true, true}, 5));
    for (Comparison.Match m : r.matches()) {
      Optional<OperatingPoint> c = m.cheapest();
      t.row(withPolicy(adaptive, List.of(m.model(), Numbers.accuracy(m.atOne().accuracy()), Numbers.usd(m.atOne().costUsd()),
          c.map(OperatingPoint::model).orElse("none within the latency budget"),
          c.map(o -> Integer.toString(o.parallel())).orElse(""), c.map(o -> Integer.toString(o.k())).orElse(""),
          c.map(o -> Numbers.usd(o.costUsd())).orElse(""), c.map(o -> Numbers.seconds(o.latencyS())).orElse(""),
          c.map(o -> Numbers.accuracy(o.accuracy())).orElse(""),
          Double.isFinite(m.costRatio()) ? String.format(Locale.ROOT, "%.3f", m.costRatio()) : ""), 5,
          c.map(o -> o.policy().label()).orElse("")));
    }
    return t;
  }

  /** The JSON answer; {@code pretty} false writes it without whitespace (the service's answer). */
  public static String json(Comparison.Result r, boolean pretty) {
    return Json.write(body(r), pretty);
  }

  /** The service's answer, compact, as UTF-8 bytes straight from the generator (no String between). */
  public static byte[] jsonUtf8(Comparison.Result r) {
    return Json.utf8(body(r));
  }

  private static Json.Body body(Comparison.Result r) {
    return g -> {
      g.writeStartObject();
      g.writeStringField("estimator", r.estimator());
      g.writeStringField("grid", r.request().grid().id());
      g.writeNumberField("k_max", r.request().kMax());
      g.writeArrayFieldStart("policies");
      for (var p : r.request().policies()) {
        g.writeString(p.label());
      }
      g.writeEndArray();
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
    };
  }

  static void point(JsonGenerator g, OperatingPoint p) throws IOException {
    point(g, p, null);
  }

  /** A point; with the comparison's statistics, also p_meets_budgets and the expected values. */
  static void point(JsonGenerator g, OperatingPoint p, Comparison.Result r) throws IOException {
    g.writeStartObject();
    g.writeStringField("model", p.model());
    g.writeNumberField("parallel", p.parallel());
    g.writeStringField("policy", p.policy().label());
    g.writeNumberField("k", p.k());
    g.writeNumberField("cost_usd", p.costUsd());
    Json.number(g, "latency_s", p.latencyS());
    g.writeNumberField("accuracy", p.accuracy());
    if (r != null && r.at(p) != null) {
      PlanReport.draws(g, r.at(p).draws());
      Loads.json(g, r.at(p));
      g.writeNumberField("p_meets_budgets", r.pMeets(p));
      Expectations.write(g, r.at(p));
    }
    g.writeEndObject();
  }
}
