package io.kstar.chart;

import io.kstar.pareto.ParetoFront;
import io.kstar.plan.Comparison;
import io.kstar.plan.Deployment;
import io.kstar.plan.Sensitivity;
import io.kstar.report.CompareReport;
import io.kstar.report.PlanReport;
import io.kstar.report.SensitivityReport;
import io.kstar.report.StudyReport;
import io.kstar.report.Table;
import io.kstar.select.Selector;
import io.kstar.select.Selectors;
import io.kstar.space.OperatingPoint;
import io.kstar.study.ModelResult;
import io.kstar.study.ScenarioResult;
import io.kstar.study.StudyResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-contained HTML report: tables and charts inline (SVG), no external file, script or font,
 * so it can be mailed or archived as one file. Also lists the charts written beside it.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** A report and the charts that go with it. */
  public record Bundle(String html, List<ChartFile> charts) {}

  public static Bundle plan(Deployment.Result r) {
    List<ChartFile> charts = Charts.plan(r);
    StringBuilder body = new StringBuilder();
    body.append("<pre>").append(Table.escape(PlanReport.header(r, ""))).append("</pre>\n");
    Table table = PlanReport.table(r, false);
    body.append(table.html());
    guide(body, r.request().selectors(), true, true, table.header().contains("E[accuracy] [90%]"), table.header().contains("P(meets)"));
    figures(body, charts, 0, charts.size());
    return new Bundle(page("kstar plan: " + r.request().model().id(), body.toString()), charts);
  }

  public static Bundle study(StudyResult r) {
    List<ChartFile> charts = new ArrayList<>();
    for (ScenarioResult s : r.scenarios()) {
      List<OperatingPoint> all = new ArrayList<>();
      List<OperatingPoint> feasible = new ArrayList<>();
      for (ModelResult m : s.models()) {
        all.addAll(m.plan().space().all());
        feasible.addAll(m.plan().space().feasible());
      }
      charts.add(Charts.comparison("compare-" + s.scenario().name(),
          "Scenario " + s.scenario().name() + ": every (model, k), cost vs accuracy", all, ParetoFront.of(feasible),
          List.of(), s.scenario().budget()));
    }
    StringBuilder body = new StringBuilder();
    body.append("<p>").append(Table.escape(StudyReport.runLine(r))).append("</p>\n");
    body.append("<pre>").append(Table.escape(StudyReport.headlineText(r, false))).append("</pre>\n");
    guide(body, Selectors.PAPER, true, false, false, false);
    for (int i = 0; i < r.scenarios().size(); i++) {
      ScenarioResult s = r.scenarios().get(i);
      body.append("<h2>").append(Table.escape(StudyReport.title(s))).append("</h2>\n");
      if (!s.scenario().description().isEmpty()) {
        body.append("<p>").append(Table.escape(s.scenario().description())).append("</p>\n");
      }
      figures(body, charts, i, i + 1);
      body.append(StudyReport.scenarioTable(s).html());
    }
    return new Bundle(page("kstar reproduce", body.toString()), charts);
  }

  public static Bundle compare(Comparison.Result r) {
    ChartFile c = Charts.comparison(r);
    StringBuilder body = new StringBuilder();
    body.append("<p>").append(Table.escape(CompareReport.header(r))).append("</p>\n");
    guide(body, r.request().selectors(), false, false, false, false);
    figures(body, List.of(c), 0, 1);
    body.append("<h2>Picks over the joint front</h2>\n").append(CompareReport.picks(r).html());
    body.append("<h2>Each model at k = 1, and the cheapest (model, k) that matches it within the latency budget</h2>\n")
        .append(CompareReport.matches(r).html());
    body.append("<h2>Joint Pareto front</h2>\n").append(CompareReport.frontTable(r, false).html());
    return new Bundle(page("kstar compare", body.toString()), List.of(c));
  }

  public static Bundle sensitivity(Sensitivity.Result r) {
    List<ChartFile> charts = new ArrayList<>();
    for (String id : r.base().request().selectors().ids()) {
      charts.add(Charts.tornado(r, id));
    }
    StringBuilder body = new StringBuilder();
    body.append("<pre>").append(Table.escape(SensitivityReport.fragile(r))).append("</pre>\n");
    guide(body, r.base().request().selectors(), false, false, false, false);
    figures(body, charts, 0, charts.size());
    body.append(SensitivityReport.table(r).html());
    return new Bundle(page("kstar sensitivity: " + r.base().request().model().id(), body.toString()), charts);
  }

  /**
   * The figures of {@code charts} from {@code from} to {@code to} (exclusive); each caption names the
   * files the chart is written to, {@link ChartFile#fileNames} of the whole list.
   */
  static void figures(StringBuilder body, List<ChartFile> charts, int from, int to) {
    List<String> files = ChartFile.fileNames(charts);
    for (int i = from; i < to; i++) {
      figure(body, charts.get(i), files.get(i));
    }
  }

  /**
   * "How to read this": each selector with its rule in one line, then the columns the page shows
   * (baselines, nearest budget, P(breach), cost of pass; the expected-accuracy interval and P(meets
   * budgets) only where the tables carry them), then the glyphs.
   */
  static void guide(StringBuilder body, Selectors selectors, boolean baselines, boolean details, boolean expected, boolean pMeets) {
    List<String[]> items = new ArrayList<>();
    for (Selector s : selectors.all()) {
      items.add(new String[] {s.id(), s.description() + "."});
    }
    if (baselines) {
      items.add(new String[] {"baseline-1d, baseline-2d", "for comparison: a fixed k, and the knee of accuracy against "
          + "cost alone; each with the budgets it breaks."});
    }
    if (details) {
      items.add(new String[] {"nearest budget (50.5 %)", "the budget with the least slack, and that slack: "
          + "1 \u2212 C/C_max for cost, 1 \u2212 T/T_max for latency, (A \u2212 A_min)/(1 \u2212 A_min) for accuracy "
          + "(the share of the headroom to a perfect score). Near 0 %, a small change breaks that budget."});
      items.add(new String[] {"P(C>max), P(T>max), P(A<min)", "P(breach): the chance that one request breaks "
          + "that budget (the budgets hold for the mean; single requests spread, [95%] shows how far)."});
      items.add(new String[] {"cost/pass", "expected cost per correct answer, E[C]/E[A]."});
      items.add(new String[] {"$/acc-pt, s/acc-pt", "extra cost and latency of one more accuracy point (percentage "
          + "point) at that k."});
    }
    if (expected) {
      items.add(new String[] {"E[accuracy] [90%]", "how sure kstar is of the expected accuracy itself, over the "
          + "profile's calibration; * marks a k beyond the calibration data (extrapolated)."});
    }
    if (pMeets) {
      items.add(new String[] {"P(meets)", "the chance that the expected cost, latency and accuracy all meet the "
          + "budgets, over the same calibration."});
    }
    items.add(new String[] {"glyphs", "each selector keeps one glyph (shape and colour) in every chart; picks on the "
        + "same point are drawn side by side and the legend says \"knee (k=8) = baseline-2d\"."});
    body.append("<details open class=\"guide\"><summary>How to read this</summary>\n<dl>\n");
    for (String[] i : items) {
      body.append("<dt>").append(Table.escape(i[0])).append("</dt><dd>").append(Table.escape(i[1])).append("</dd>\n");
    }
    body.append("</dl>\n</details>\n");
  }

  static void figure(StringBuilder body, ChartFile c, String file) {
    String shown = Table.escape(file);
    body.append("<figure>").append(c.svg()).append("<figcaption>").append(Table.escape(c.title()))
        .append(" (").append(shown).append(".png, ").append(shown).append(".svg)</figcaption></figure>\n");
  }

  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Table.escape(title)
        + "</title>\n<style>\n"
        + "body{font-family:sans-serif;margin:2em;max-width:1400px;color:#222}\n"
        + "table{border-collapse:collapse;margin:1em 0;font-size:13px}\n"
        + "th,td{border:1px solid #ccc;padding:3px 8px}th{background:#f3f3f3}\n"
        + "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
        + "figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}figcaption{color:#555;font-size:13px}\n"
        + "pre{background:#f8f8f8;padding:.8em;overflow-x:auto}.note{color:#555;font-size:13px}\n"
        + ".guide{font-size:13px;margin:1em 0;color:#333}.guide summary{font-weight:bold;cursor:pointer}\n"
        + ".guide dl{display:grid;grid-template-columns:max-content auto;gap:2px 1em;margin:.5em 0}"
        + ".guide dt{font-weight:bold}.guide dd{margin:0}\n"
        + "</style>\n</head>\n<body>\n<h1>" + Table.escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
  }
}
