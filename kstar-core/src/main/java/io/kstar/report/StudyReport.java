package io.kstar.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kstar.budget.Budget;
import io.kstar.plan.Plan;
import io.kstar.select.Baselines;
import io.kstar.select.Baselines.Baseline;
import io.kstar.select.Selection;
import io.kstar.space.Infeasibility;
import io.kstar.space.OperatingPoint;
import io.kstar.study.Headline;
import io.kstar.study.ModelResult;
import io.kstar.study.ScenarioResult;
import io.kstar.study.StudyResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code kstar reproduce} in each {@link Format}; the JSON follows docs/semantics.md §7 (fields added, none changed). */
public final class StudyReport {
  private StudyReport() {}

  public static String render(StudyResult r, Format f) {
    return switch (f) {
      case JSON -> json(r);
      case CSV -> csv(r);
      case MARKDOWN -> markdown(r);
      case TABLE -> table(r);
    };
  }

  // ---- JSON -------------------------------------------------------------------------------------

  static String json(StudyResult r) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("estimator", r.estimator());
      g.writeStringField("grid", r.grid().id());
      if (r.quantileMethod() != null) {
        g.writeStringField("quantile_method", r.quantileMethod().description());
      }
      if (r.trials() != null) {
        g.writeNumberField("trials", r.trials());
        g.writeNumberField("seed", r.seed());
      }
      g.writeArrayFieldStart("scenarios");
      for (ScenarioResult s : r.scenarios()) {
        scenario(g, s);
      }
      g.writeEndArray();
      headline(g, r.headline());
      g.writeArrayFieldStart("notes");
      for (String n : r.notes()) {
        g.writeString(n);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void scenario(JsonGenerator g, ScenarioResult s) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", s.scenario().name());
    g.writeStringField("description", s.scenario().description());
    budget(g, s.scenario().budget());
    g.writeNumberField("k_max", s.kMax());
    g.writeArrayFieldStart("models");
    for (ModelResult m : s.models()) {
      model(g, m);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void budget(JsonGenerator g, Budget b) throws IOException {
    g.writeObjectFieldStart("budget");
    g.writeNumberField("max_cost_usd", b.maxCostUsd());
    g.writeNumberField("max_latency_s", b.maxLatencyS());
    g.writeNumberField("min_accuracy", b.minAccuracy());
    g.writeEndObject();
  }

  private static void model(JsonGenerator g, ModelResult m) throws IOException {
    Plan p = m.plan();
    g.writeStartObject();
    g.writeStringField("id", m.model().id());
    g.writeNumberField("parallel", m.parallel());
    g.writeNumberField("grid_points", m.gridPoints());
    g.writeNumberField("feasible_count", p.space().feasible().size());
    g.writeNumberField("pareto_count", p.pareto().size());
    g.writeObjectFieldStart("selections");
    for (Selection s : p.selections()) {
      g.writeFieldName(s.selector());
      point(g, s.point(), m);
    }
    g.writeEndObject();
    g.writeObjectFieldStart("reasons");
    for (Selection s : p.selections()) {
      g.writeStringField(s.selector(), s.reason());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("pareto_k");
    for (OperatingPoint o : p.pareto()) {
      g.writeNumber(o.k());
    }
    g.writeEndArray();
    g.writeObjectFieldStart("baselines");
    baseline(g, "1d", p.oneD());
    baseline(g, "2d", p.twoD());
    g.writeEndObject();
    g.writeFieldName("infeasible");
    infeasible(g, p.infeasibility());
    g.writeEndObject();
  }

  static void point(JsonGenerator g, Optional<OperatingPoint> p) throws IOException {
    point(g, p, null);
  }

  /** A selection; with its model's result, also p_meets_budgets and the expected values. */
  static void point(JsonGenerator g, Optional<OperatingPoint> p, ModelResult m) throws IOException {
    if (p.isEmpty()) {
      g.writeNull();
      return;
    }
    OperatingPoint o = p.get();
    g.writeStartObject();
    g.writeNumberField("k", o.k());
    if (!o.policy().isFixed() || (m != null && m.curves().size() > 1)) {
      g.writeStringField("policy", o.policy().label());
    }
    g.writeNumberField("cost_usd", o.costUsd());
    Json.number(g, "latency_s", o.latencyS());
    g.writeNumberField("accuracy", o.accuracy());
    if (m != null) {
      g.writeNumberField("p_meets_budgets", m.pMeets(o));
      Expectations.write(g, m.at(o));
      Loads.json(g, m.at(o)); // at a traffic: replicas and utilisation (nothing without one)
    }
    g.writeEndObject();
  }

  static void baseline(JsonGenerator g, String name, Baseline b) throws IOException {
    g.writeFieldName(name);
    if (b.selection().point().isEmpty()) {
      g.writeStartObject();
      g.writeNullField("pick");
      g.writeStringField("reason", b.selection().reason());
      g.writeEndObject();
      return;
    }
    g.writeStartObject();
    g.writeFieldName("pick");
    point(g, b.selection().point());
    g.writeArrayFieldStart("breaks");
    for (String s : b.breaks()) {
      g.writeString(s);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void infeasible(JsonGenerator g, Optional<Infeasibility> inf) throws IOException {
    if (inf.isEmpty()) {
      g.writeNull();
      return;
    }
    Infeasibility i = inf.get();
    g.writeStartObject();
    g.writeArrayFieldStart("binding");
    for (String b : i.binding()) {
      g.writeString(b);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("smallest_admitting_budget");
    if (i.maxCostUsdNeeded().isPresent()) {
      g.writeNumberField("max_cost_usd", i.maxCostUsdNeeded().getAsDouble());
    }
    if (i.maxLatencySNeeded().isPresent()) {
      g.writeNumberField("max_latency_s", i.maxLatencySNeeded().getAsDouble());
    }
    if (i.minAccuracyNeeded().isPresent()) {
      g.writeNumberField("min_accuracy", i.minAccuracyNeeded().getAsDouble());
    }
    g.writeEndObject();
    g.writeStringField("reason", i.reason());
    g.writeEndObject();
  }

  private static void headline(JsonGenerator g, Headline h) throws IOException {
    g.writeObjectFieldStart("headline");
    g.writeObjectFieldStart("knee_vs_accuracy_max");
    Headline.KneeVsAccuracyMax k = h.kneeVsAccuracyMax();
    g.writeNumberField("pairs", k.pairs());
    Json.number(g, "median_cost_saved", k.medianCostSaved());
    Json.number(g, "median_latency_saved", k.medianLatencySaved());
    Json.number(g, "median_accuracy_points_given_up", k.medianAccuracyPointsGivenUp());
    g.writeEndObject();
    g.writeArrayFieldStart("matches");
    for (Headline.Match m : h.matches()) {
      g.writeStartObject();
      g.writeStringField("scenario", m.scenario());
      g.writeStringField("reference_model", m.referenceModel());
      g.writeFieldName("reference");
      point(g, m.reference());
      g.writeFieldName("cheapest");
      if (m.cheapest().isPresent()) {
        g.writeStartObject();
        g.writeStringField("model", m.cheapest().get().model());
        g.writeNumberField("k", m.cheapest().get().k());
        g.writeNumberField("cost_usd", m.cheapest().get().costUsd());
        Json.number(g, "latency_s", m.cheapest().get().latencyS());
        g.writeNumberField("accuracy", m.cheapest().get().accuracy());
        g.writeEndObject();
      } else {
        g.writeNull();
      }
      Json.number(g, "cost_ratio", m.costRatio());
      g.writeStringField("verdict", m.verdict());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("adaptive_stopping");
    for (io.kstar.study.AdaptiveSavings.Row a : h.adaptive()) {
      g.writeStartObject();
      g.writeStringField("scenario", a.scenario());
      g.writeStringField("model", a.model());
      g.writeNumberField("k", a.k());
      g.writeNumberField("parallel", a.parallel());
      g.writeStringField("policy", a.policy().label());
      means(g, "fixed", a.fixed());
      means(g, "adaptive", a.adaptive());
      g.writeNumberField("cost_saved", a.costSaved());
      g.writeNumberField("latency_saved", a.latencySaved());
      g.writeNumberField("accuracy_points_given_up", a.accuracyPointsGivenUp());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** The expected samples, cost, latency and accuracy of one point, as an object named {@code name}. */
  private static void means(JsonGenerator g, String name, io.kstar.estimate.CurvePoint p) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("samples", p.draws().samples().mean());
    g.writeNumberField("cost_usd", p.cost().mean());
    Json.number(g, "latency_s", p.latency().mean());
    g.writeNumberField("accuracy", p.accuracy().mean());
    g.writeEndObject();
  }

  // ---- tables -----------------------------------------------------------------------------------

  private static final List<String> HEADER =
      List.of("model", "P", "feasible", "pareto", "pick", "k", "cost_usd", "latency_s", "accuracy", "note");
  private static final boolean[] RIGHT = {false, true, true, true, false, true, true, true, true, false};

  public static Table scenarioTable(ScenarioResult s) {
    Table t = new Table(HEADER, RIGHT);
    for (ModelResult m : s.models()) {
      Plan p = m.plan();
      boolean first = true;
      for (Row row : rows(p)) {
        t.row(List.of(
            first ? m.model().id() : "",
            first ? Integer.toString(m.parallel()) : "",
            first ? p.space().feasible().size() + "/" + m.gridPoints() : "",
            first ? Integer.toString(p.pareto().size()) : "",
            row.pick,
            row.point.map(o -> o.k() + (o.policy().isFixed() && m.curves().size() == 1 ? ""
                : " " + o.policy().label())).orElse("-"),
            row.point.map(o -> Numbers.usd(o.costUsd())).orElse("-"),
            row.point.map(o -> Numbers.seconds(o.latencyS())).orElse("-"),
            row.point.map(o -> Numbers.accuracy(o.accuracy())).orElse("-"),
            row.note));
        first = false;
      }
    }
    return t;
  }

  private record Row(String pick, Optional<OperatingPoint> point, String note) {}

  private static List<Row> rows(Plan p) {
    List<Row> rows = new ArrayList<>();
    String infeasible = p.infeasibility().map(Infeasibility::reason).orElse(null);
    boolean told = false;
    for (Selection s : p.selections()) {
      String note = "";
      if (s.point().isEmpty()) {
        note = infeasible != null ? (told ? "" : infeasible) : s.reason();
        told = told || infeasible != null;
      }
      rows.add(new Row(s.selector(), s.point(), note));
    }
    rows.add(baselineRow("1D fixed k", p.oneD()));
    rows.add(baselineRow("2D acc-cost knee", p.twoD()));
    return rows;
  }

  private static Row baselineRow(String name, Baseline b) {
    String note =
        b.selection().point().isEmpty()
            ? b.selection().reason()
            : b.breaks().isEmpty() ? "within budgets" : "breaks " + String.join(", ", b.breaks());
    return new Row(name, b.selection().point(), note);
  }

  public static String title(ScenarioResult s) {
    Budget b = s.scenario().budget();
    return String.format(
        Locale.ROOT,
        "Scenario %s: max cost $%s, max latency %s s, min accuracy %s, k <= %d",
        s.scenario().name(), Numbers.plain(b.maxCostUsd()), Numbers.plain(b.maxLatencyS()),
        Numbers.plain(b.minAccuracy()), s.kMax());
  }

  public static String runLine(StudyResult r) {
    String est = r.trials() == null ? r.estimator() : r.estimator() + " (" + r.trials() + " trials, seed " + r.seed() + ")";
    return "kstar reproduce: estimator " + est + ", " + r.grid().id() + " grid; values are expected per request";
  }

  static String table(StudyResult r) {
    StringBuilder b = new StringBuilder();
    b.append(runLine(r)).append("\n\n");
    for (ScenarioResult s : r.scenarios()) {
      b.append(title(s)).append('\n');
      if (!s.scenario().description().isEmpty()) {
        b.append("  ").append(s.scenario().description()).append('\n');
      }
      b.append('\n').append(scenarioTable(s).aligned("  ")).append('\n');
    }
    b.append(headlineText(r, false));
    notes(b, r);
    return b.toString();
  }

  static String markdown(StudyResult r) {
    StringBuilder b = new StringBuilder();
    b.append("# kstar reproduce\n\n").append(runLine(r)).append(".\n\n");
    for (ScenarioResult s : r.scenarios()) {
      b.append("## ").append(title(s)).append("\n\n");
      if (!s.scenario().description().isEmpty()) {
        b.append(s.scenario().description()).append("\n\n");
      }
      b.append(scenarioTable(s).markdown()).append('\n');
    }
    b.append(headlineText(r, true));
    notes(b, r);
    return b.toString();
  }

  private static void notes(StringBuilder b, StudyResult r) {
    if (!r.notes().isEmpty()) {
      b.append("\nNotes:\n");
      r.notes().forEach(n -> b.append("- ").append(n).append('\n'));
    }
  }

  public static String headlineText(StudyResult r, boolean md) {
    Headline h = r.headline();
    StringBuilder b = new StringBuilder();
    b.append(md ? "## Headline, measured on this run\n\n" : "Headline, measured on this run\n");
    Headline.KneeVsAccuracyMax k = h.kneeVsAccuracyMax();
    String bullet = md ? "- " : "  ";
    if (k.pairs() == 0) {
      b.append(bullet).append("knee vs accuracy-max: no (scenario, model) has both picks\n");
    } else {
      b.append(bullet).append(String.format(Locale.ROOT,
          "knee vs accuracy-max, median over %d (scenario, model) pairs: %s of cost saved, %s of latency saved, %.2f accuracy points given up%n",
          k.pairs(), Numbers.percent(k.medianCostSaved()), Numbers.percent(k.medianLatencySaved()),
          k.medianAccuracyPointsGivenUp()));
    }
    for (Headline.Match m : h.matches()) {
      if (m.reference().isEmpty()) {
        b.append(bullet).append(m.scenario()).append(": ").append(m.verdict()).append('\n');
        continue;
      }
      OperatingPoint ref = m.reference().get();
      OperatingPoint c = m.cheapest().orElseThrow();
      b.append(bullet).append(String.format(Locale.ROOT,
          "%s: %s at accuracy-max (k = %d) reaches %.6f for $%s; cheapest (model, k) reaching it: %s k = %d, $%s, %.3f s, accuracy %.6f; cost ratio %.3f (%s)%n",
          m.scenario(), m.referenceModel(), ref.k(), ref.accuracy(), Numbers.usd(ref.costUsd()),
          c.model(), c.k(), Numbers.usd(c.costUsd()), c.latencyS(), c.accuracy(), m.costRatio(),
          c.model().equals(m.referenceModel()) ? "claim does not hold here" : "small model + right k matches it"));
    }
    adaptive(b, h, md, bullet);
    return b.toString();
  }

  /** What adaptive stopping would save at each accuracy-max pick: a summary line and a table. */
  private static void adaptive(StringBuilder b, Headline h, boolean md, String bullet) {
    if (h.adaptive().isEmpty()) {
      return;
    }
    List<Double> cost = new ArrayList<>();
    List<Double> latency = new ArrayList<>();
    List<Double> samples = new ArrayList<>();
    double worst = 0;
    for (io.kstar.study.AdaptiveSavings.Row a : h.adaptive()) {
      cost.add(a.costSaved());
      latency.add(a.latencySaved());
      samples.add(a.samplesSaved());
      worst = Math.max(worst, a.accuracyPointsGivenUp());
    }
    b.append(bullet).append(String.format(Locale.ROOT,
        "adaptive stopping at the %d accuracy-max picks with k > P (same k as a cap, same P; exact): median %s of samples, %s of"
            + " cost and %s of latency saved, at most %.2f accuracy points given up%n", h.adaptive().size(),
        Numbers.percent(io.kstar.study.Study.median(samples)), Numbers.percent(io.kstar.study.Study.median(cost)),
        Numbers.percent(io.kstar.study.Study.median(latency)), worst));
    Table t = new Table(List.of("scenario", "model", "k", "P", "policy", "samples", "cost_usd fixed", "cost_usd stop",
        "saved", "latency_s fixed", "latency_s stop", "accuracy fixed", "accuracy stop"),
        new boolean[] {false, false, true, true, false, true, true, true, true, true, true, true, true});
    for (io.kstar.study.AdaptiveSavings.Row a : h.adaptive()) {
      t.row(List.of(a.scenario(), a.model(), Integer.toString(a.k()), Integer.toString(a.parallel()), a.policy().label(),
          String.format(Locale.ROOT, "%.2f", a.adaptive().draws().samples().mean()), Numbers.usd(a.fixed().cost().mean()),
          Numbers.usd(a.adaptive().cost().mean()), Numbers.percent(a.costSaved()),
          Numbers.seconds(a.fixed().latency().mean()), Numbers.seconds(a.adaptive().latency().mean()),
          Numbers.accuracy(a.fixed().accuracy().mean()), Numbers.accuracy(a.adaptive().accuracy().mean())));
    }
    b.append(md ? "\n" + t.markdown() : "\n" + t.aligned("  "));
  }



  // ---- CSV --------------------------------------------------------------------------------------

  static String csv(StudyResult r) {
    Table t = new Table(
        List.of("scenario", "model", "parallel", "grid_points", "feasible_count", "pareto_count", "pick",
            "k", "cost_usd", "latency_s", "accuracy", "breaks", "note"),
        new boolean[13]);
    for (ScenarioResult s : r.scenarios()) {
      for (ModelResult m : s.models()) {
        Plan p = m.plan();
        for (Selection sel : p.selections()) {
          csvRow(t, s, m, sel.selector(), sel.point(), List.of(),
              sel.point().isEmpty() ? p.infeasibility().map(Infeasibility::reason).orElse(sel.reason()) : "");
        }
        csvRow(t, s, m, Baselines.ONE_D, p.oneD().selection().point(), p.oneD().breaks(), "");
        csvRow(t, s, m, Baselines.TWO_D, p.twoD().selection().point(), p.twoD().breaks(),
            p.twoD().selection().point().isEmpty() ? p.twoD().selection().reason() : "");
      }
    }
    return t.csv(true);
  }

  private static void csvRow(Table t, ScenarioResult s, ModelResult m, String pick, Optional<OperatingPoint> p,
      List<String> breaks, String note) {
    t.row(List.of(
        s.scenario().name(), m.model().id(), Integer.toString(m.parallel()), Integer.toString(m.gridPoints()),
        Integer.toString(m.plan().space().feasible().size()), Integer.toString(m.plan().pareto().size()), pick,
        p.map(o -> Integer.toString(o.k())).orElse(""),
        p.map(o -> Numbers.full(o.costUsd())).orElse(""),
        p.map(o -> Numbers.full(o.latencyS())).orElse(""),
        p.map(o -> Numbers.full(o.accuracy())).orElse(""),
        String.join(";", breaks), note));
  }
}
