package io.kstar.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kstar.budget.Budget;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Statistic;
import io.kstar.grid.Grid;
import io.kstar.plan.Deployment;
import io.kstar.plan.PickDetail;
import io.kstar.select.Baselines;
import io.kstar.space.FeasibleSpace;
import io.kstar.space.Infeasibility;
import io.kstar.space.OperatingPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;

/** {@code kstar plan} in each {@link Format}; the JSON carries everything the table shows. */
public final class PlanReport {
  private PlanReport() {}

  public static String render(Deployment.Result r, Format f) {
    return switch (f) {
      case JSON -> json(r, true, true);
      case CSV -> table(r, true).csv(true);
      case MARKDOWN -> "# kstar plan: " + r.request().model().id() + "\n\n" + header(r, "- ") + "\n"
          + table(r, false).markdown() + footer(r);
      case TABLE -> header(r, "") + "\n" + table(r, false).aligned("  ") + footer(r);
    };
  }

  static String basisCost(Deployment.Result r) {
    return r.request().basis().describeCost(anyPoint(r));
  }

  static String basisLatency(Deployment.Result r) {
    return r.request().basis().describeLatency(anyPoint(r));
  }

  private static CurvePoint anyPoint(Deployment.Result r) {
    return r.curves().values().iterator().next().points().get(0);
  }

  public static String header(Deployment.Result r, String bullet) {
    Deployment.Request q = r.request();
    Budget b = q.budget();
    StringBuilder s = new StringBuilder();
    s.append(bullet).append(String.format(Locale.ROOT, "Plan for %s (%s): estimator %s, %s grid, k <= %d, P in %s%s%n",
        q.model().id(), q.model().name(), r.estimator(), q.grid().id(), q.kMax(), q.parallels(),
        q.adaptive() ? ", policies " + q.policies() + " (k is the cap)" : ""));
    s.append(bullet).append(String.format(Locale.ROOT,
        "Budgets per request: cost <= $%s (%s), latency <= %s s (%s), accuracy >= %s (mean)%n",
        Numbers.plain(b.maxCostUsd()), basisCost(r), Numbers.plain(b.maxLatencyS()), basisLatency(r),
        Numbers.plain(b.minAccuracy())));
    if (q.confidence().level().isPresent()) {
      s.append(bullet).append("Robust: a k is feasible only when P(its expected values meet the budgets) >= ")
          .append(Numbers.plain(q.confidence().level().getAsDouble())).append(" over the profile's calibration\n");
    }
    for (Map.Entry<Deployment.Arm, List<Integer>> e : r.feasibleByArm().entrySet()) {
      int p = e.getKey().parallel();
      s.append(bullet).append("Feasible k at P = ").append(p)
          .append(q.adaptive() ? ", " + e.getKey().policy().label() : "").append(": ")
          .append(ranges(e.getValue(), p, q.grid())).append('\n');
    }
    r.plan().infeasibility().ifPresent(i -> s.append(bullet).append(i.reason()).append('\n'));
    return s.toString();
  }

  /** "4..20 (5 points)", runs of consecutive grid points joined, or "none". */
  static String ranges(List<Integer> ks, int parallel, Grid.Kind grid) {
    if (ks.isEmpty()) {
      return "none";
    }
    int step = grid == Grid.Kind.BATCH ? parallel : 1;
    List<String> parts = new ArrayList<>();
    int start = ks.get(0);
    int prev = start;
    for (int i = 1; i <= ks.size(); i++) {
      if (i == ks.size() || ks.get(i) != prev + step) {
        parts.add(start == prev ? Integer.toString(start) : start + ".." + prev);
        if (i < ks.size()) {
          start = ks.get(i);
        }
      }
      if (i < ks.size()) {
        prev = ks.get(i);
      }
    }
    return String.join(", ", parts) + " (" + ks.size() + (ks.size() == 1 ? " point)" : " points)");
  }

  static String footer(Deployment.Result r) {
    StringBuilder s = new StringBuilder();
    s.append("\n$/acc-pt and s/acc-pt: extra cost and latency of one more accuracy point at that k (to the next grid point).\n");
    s.append("cost/pass: expected cost per correct answer (cost / accuracy). P(...): chance that one request breaks that budget.\n");
    s.append("[95%]: the spread of one request (a right-or-wrong answer's accuracy is 0 or 1), not doubt about the mean.\n");
    if (rows(r).stream().anyMatch(d -> d.point() != null && Expectations.uncertain(d.point()))) {
      s.append("E[accuracy] [90%]: how sure kstar is of the expected accuracy, over the profile's calibration (* beyond its"
          + " data). P(meets): chance that the expected cost, latency and accuracy meet the budgets.\n");
    }
    loaded(r).ifPresent(l -> s.append(Loads.legend(l.requestsPerS())));
    r.notes().forEach(n -> s.append("Note: ").append(n).append('\n'));
    return s.toString();
  }

  /** The load of any point, when the plan was made at a traffic on a model with a load curve. */
  static java.util.Optional<io.kstar.serving.Load> loaded(Deployment.Result r) {
    return r.curves().values().stream().flatMap(c -> c.points().stream()).map(CurvePoint::load)
        .filter(java.util.Objects::nonNull).findFirst();
  }

  static List<PickDetail> rows(Deployment.Result r) {
    List<PickDetail> all = new ArrayList<>(r.picks());
    all.addAll(Deployment.baselines(r));
    return all;
  }

  public static Table table(Deployment.Result r, boolean full) {
    List<String> h = full
        ? List.of("pick", "parallel", "k", "cost_usd", "cost_p025", "cost_p975", "latency_s", "latency_p025", "latency_p975",
            "accuracy", "accuracy_p025", "accuracy_p975", "nearest_budget", "slack", "usd_per_accuracy_point",
            "seconds_per_accuracy_point", "cost_of_pass_usd", "p_cost_over", "p_latency_over", "p_accuracy_under", "note")
        : List.of("pick", "P", "k", "cost_usd [95%]", "latency_s [95%]", "accuracy [95%]", "nearest budget",
            "$/acc-pt", "s/acc-pt", "cost/pass", "P(C>max)", "P(T>max)", "P(A<min)", "note");
    boolean uncertain = rows(r).stream().anyMatch(d -> d.point() != null && Expectations.uncertain(d.point()));
    boolean adaptive = r.request().adaptive();
    if (adaptive) {
      h = new ArrayList<>(h);
      h.add(2, "policy");
      h.add(4, full ? "samples" : "samples [95%]");
    }
    if (uncertain) {
      h = new ArrayList<>(h);
      h.addAll(h.size() - 1, full ? List.of("expected_accuracy_p05", "expected_accuracy_p95", "extrapolated",
          "p_meets_budgets") : List.of("E[accuracy] [90%]", "P(meets)"));
    }
    boolean load = loaded(r).isPresent();
    if (load) {
      h = new ArrayList<>(h);
      h.addAll(h.size() - 1, Loads.header(full));
    }
    boolean[] right = new boolean[h.size()];
    for (int i = 1; i < right.length; i++) {
      right[i] = true;
    }
    right[h.size() - 1] = false;
    right[(full ? 12 : 6) + (adaptive ? 2 : 0)] = false;
    if (adaptive) {
      right[2] = false;
    }
    Table t = new Table(h, right);
    for (PickDetail d : rows(r)) {
      String name = d.selection().selector();
      if (d.point() == null) {
        List<String> row = new ArrayList<>();
        row.add(name);
        while (row.size() < h.size() - 1) {
          row.add(!full && row.size() < 3 ? "-" : "");
        }
        row.add(d.selection().reason());
        t.row(row);
        continue;
      }
      CurvePoint p = d.point();
      List<String> extra = !uncertain ? List.of() : full
          ? List.of(Numbers.full(p.expected().accuracy().p05()), Numbers.full(p.expected().accuracy().p95()),
              Boolean.toString(p.expected().extrapolated()), Numbers.full(r.pMeets(d.selection().point().get())))
          : List.of(Expectations.accuracyCell(p), prob(r.pMeets(d.selection().point().get())));
      List<String> row;
      if (full) {
        row = new ArrayList<>(List.of(name, Integer.toString(d.parallel()), Integer.toString(p.k()),
            Numbers.full(p.cost().mean()), Numbers.full(p.cost().p025()), Numbers.full(p.cost().p975()),
            Numbers.full(p.latency().mean()), Numbers.full(p.latency().p025()), Numbers.full(p.latency().p975()),
            Numbers.full(p.accuracy().mean()), Numbers.full(p.accuracy().p025()), Numbers.full(p.accuracy().p975()),
            d.nearestBudget(), Numbers.full(d.slack()), Numbers.full(d.usdPerAccuracyPoint()),
            Numbers.full(d.secondsPerAccuracyPoint()), Numbers.full(d.costOfPass()), Numbers.full(d.pCostOver()),
            Numbers.full(d.pLatencyOver()), Numbers.full(d.pAccuracyUnder()), ""));
      } else {
        row = new ArrayList<>(List.of(name, Integer.toString(d.parallel()), Integer.toString(p.k()),
            interval(p.cost(), Numbers::usd), interval(p.latency(), Numbers::seconds),
            interval(p.accuracy(), Numbers::accuracy),
            d.nearestBudget() + " (" + Numbers.percent(d.slack()) + ")",
            sig(d.usdPerAccuracyPoint()), sig(d.secondsPerAccuracyPoint()), Numbers.usd(d.costOfPass()),
            prob(d.pCostOver()), prob(d.pLatencyOver()), prob(d.pAccuracyUnder()), breaksNote(r, d)));
      }
      row.addAll(row.size() - 1, extra);
      if (load) {
        row.addAll(row.size() - 1, Loads.cells(p, full));
      }
      if (adaptive) {
        OperatingPoint o = d.selection().point().get();
        row.add(2, o.policy().label());
        row.add(4, full ? Numbers.full(p.draws().samples().mean()) : samples(p));
      }
      t.row(row);
    }
    return t;
  }

  static String samples(CurvePoint p) {
    var n = p.draws().samples();
    return String.format(Locale.ROOT, "%.2f [%s, %s]", n.mean(), Numbers.plain(n.p025()), Numbers.plain(n.p975()));
  }

  private static String breaksNote(Deployment.Result r, PickDetail d) {
    if (!BASELINES.contains(d.selection().selector())) {
      return "";
    }
    List<String> br = FeasibleSpace.breaks(r.request().budget(), d.selection().point().get());
    return br.isEmpty() ? "within budgets" : "breaks " + String.join(", ", br);
  }

  static String interval(Statistic s, DoubleFunction<String> f) {
    return f.apply(s.mean()) + " [" + f.apply(s.p025()) + ", " + f.apply(s.p975()) + "]";
  }

  static String sig(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "n/a";
  }

  static String prob(double p) {
    if (!Double.isFinite(p)) {
      return "n/a";
    }
    if (p == 0) {
      return "0";
    }
    if (p < 1e-6) {
      return "<1e-6";
    }
    return String.format(Locale.ROOT, "%.3g", p);
  }

  /**
   * The JSON answer: {@code points} false leaves out the array of every grid point (the picks, baselines
   * and feasible ks stay), {@code pretty} false writes it without whitespace (the service's answer).
   */
  public static String json(Deployment.Result r, boolean points, boolean pretty) {
    return Json.write(body(r, points), pretty);
  }

  /** The service's answer, compact, as UTF-8 bytes straight from the generator (no String between). */
  public static byte[] jsonUtf8(Deployment.Result r, boolean points) {
    return Json.utf8(body(r, points));
  }

  private static Json.Body body(Deployment.Result r, boolean points) {
    return g -> {
      Deployment.Request q = r.request();
      g.writeStartObject();
      g.writeStringField("model", q.model().id());
      g.writeStringField("estimator", r.estimator());
      g.writeStringField("grid", q.grid().id());
      g.writeNumberField("k_max", q.kMax());
      g.writeArrayFieldStart("parallel");
      for (int p : q.parallels()) {
        g.writeNumber(p);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("policies");
      for (var p : q.policies()) {
        g.writeString(p.label());
      }
      g.writeEndArray();
      StudyReport.budget(g, q.budget());
      g.writeObjectFieldStart("budget_basis");
      g.writeStringField("cost", basisCost(r));
      g.writeStringField("latency", basisLatency(r));
      g.writeStringField("accuracy", "mean");
      g.writeEndObject();
      g.writeBooleanField("feasible", Deployment.anyFeasible(r));
      g.writeObjectFieldStart("feasible_k");
      for (Map.Entry<Integer, List<Integer>> e : r.feasibleKs().entrySet()) {
        g.writeArrayFieldStart(Integer.toString(e.getKey()));
        for (int k : e.getValue()) {
          g.writeNumber(k);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeObjectFieldStart("picks");
      for (PickDetail d : r.picks()) {
        g.writeFieldName(d.selection().selector());
        detail(g, d, null, r);
      }
      g.writeEndObject();
      g.writeObjectFieldStart("reasons");
      for (PickDetail d : r.picks()) {
        g.writeStringField(d.selection().selector(), d.selection().reason());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("baselines");
      g.writeFieldName("1d");
      detail(g, r.oneD(), q.budget(), r);
      g.writeFieldName("2d");
      detail(g, r.twoD(), q.budget(), r);
      g.writeEndObject();
      g.writeFieldName("infeasible");
      StudyReport.infeasible(g, r.plan().infeasibility());
      if (points) {
        g.writeArrayFieldStart("points");
        Set<OperatingPoint> feasible = new HashSet<>(r.plan().space().feasible());
        Set<OperatingPoint> front = new HashSet<>(r.plan().pareto());
        for (OperatingPoint o : r.plan().space().all()) {
          g.writeStartObject();
          g.writeNumberField("k", o.k());
          g.writeNumberField("parallel", o.parallel());
          if (q.adaptive()) {
            g.writeStringField("policy", o.policy().label());
          }
          g.writeNumberField("cost_usd", o.costUsd());
          Json.number(g, "latency_s", o.latencyS());
          g.writeNumberField("accuracy", o.accuracy());
          g.writeBooleanField("feasible", feasible.contains(o));
          g.writeBooleanField("pareto", front.contains(o));
          g.writeNumberField("p_meets_budgets", r.pMeets(o));
          Loads.json(g, r.at(o));
          Expectations.write(g, r.at(o));
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeArrayFieldStart("notes");
      for (String n : r.notes()) {
        g.writeString(n);
      }
      g.writeEndArray();
      g.writeEndObject();
    };
  }

  static void detail(JsonGenerator g, PickDetail d, Budget breaksOf, Deployment.Result r) throws IOException {
    if (d.point() == null) {
      g.writeNull();
      return;
    }
    CurvePoint p = d.point();
    g.writeStartObject();
    g.writeNumberField("k", p.k());
    g.writeNumberField("parallel", d.parallel());
    g.writeStringField("policy", d.selection().point().get().policy().label());
    draws(g, p.draws());
    Loads.json(g, p);
    stat(g, "cost_usd", p.cost());
    stat(g, "latency_s", p.latency());
    stat(g, "accuracy", p.accuracy());
    g.writeNumberField("budget_cost_usd", d.selection().point().get().costUsd());
    Json.number(g, "budget_latency_s", d.selection().point().get().latencyS());
    g.writeObjectFieldStart("nearest_budget");
    g.writeStringField("field", d.nearestBudget());
    Json.number(g, "slack", d.slack());
    g.writeEndObject();
    Json.number(g, "usd_per_accuracy_point", d.usdPerAccuracyPoint());
    Json.number(g, "seconds_per_accuracy_point", d.secondsPerAccuracyPoint());
    Json.number(g, "cost_of_pass_usd", d.costOfPass());
    g.writeObjectFieldStart("p_breach");
    Json.number(g, "max_cost_usd", d.pCostOver());
    Json.number(g, "max_latency_s", d.pLatencyOver());
    Json.number(g, "min_accuracy", d.pAccuracyUnder());
    g.writeEndObject();
    g.writeNumberField("p_meets_budgets", r.pMeets(d.selection().point().get()));
    Expectations.write(g, p);
    if (breaksOf != null) {
      g.writeArrayFieldStart("breaks");
      for (String s : FeasibleSpace.breaks(breaksOf, d.selection().point().get())) {
        g.writeString(s);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /**
   * "samples" and "rounds": mean, sd and 95 % interval of what one request draws; and "calls" where samples
   * share calls (a profile with more than one sample per call, or a prompt cache).
   */
  static void draws(JsonGenerator g, io.kstar.estimate.Draws d) throws IOException {
    spread(g, "samples", d.samples());
    spread(g, "rounds", d.rounds());
    if (!d.onePerCall()) {
      spread(g, "calls", d.calls());
    }
  }

  private static void spread(JsonGenerator g, String name, io.kstar.estimate.Draws.Spread s) throws IOException {
    summary(g, name, s.mean(), s.std(), s.p025(), s.p975());
  }

  static void stat(JsonGenerator g, String name, Statistic s) throws IOException {
    summary(g, name, s.mean(), s.std(), s.p025(), s.p975());
  }

  /** {"mean", "std", "p025", "p975"}: one request's spread of a quantity. */
  private static void summary(JsonGenerator g, String name, double mean, double std, double p025, double p975)
      throws IOException {
    g.writeObjectFieldStart(name);
    Json.number(g, "mean", mean);
    Json.number(g, "std", std);
    Json.number(g, "p025", p025);
    Json.number(g, "p975", p975);
    g.writeEndObject();
  }

  static final List<String> BASELINES = List.of(Baselines.ONE_D, Baselines.TWO_D);

  static String reason(Infeasibility i) {
    return i.reason();
  }
}
