package io.kstar.chart;

import io.kstar.budget.Budget;
import io.kstar.calibrate.forecast.Forecast;
import io.kstar.calibrate.LogCalibration;
import io.kstar.calibrate.MeasuredCurve;
import io.kstar.estimate.Curve;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Statistic;
import io.kstar.grid.Grid;
import io.kstar.input.Check;
import io.kstar.plan.Comparison;
import io.kstar.plan.Deployment;
import io.kstar.plan.PickDetail;
import io.kstar.plan.Sensitivity;
import io.kstar.select.Selection;
import io.kstar.select.Selectors;
import io.kstar.space.OperatingPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The charts of kstar (JFreeChart): curves against k with their 95 % band, the feasible k shaded, the
 * picks and the budget line; the three 2-D projections of the feasible space with the Pareto front,
 * picks and budget lines; the model comparison; the sensitivity tornado.
 */
public final class Charts {
  private Charts() {}

  static final Color FEASIBLE = new Color(46, 160, 67, 40);
  static final Color BUDGET = new Color(200, 30, 30);
  static final Color[] PICK_COLORS = {
    new Color(214, 39, 40), new Color(31, 119, 180), new Color(148, 103, 189), new Color(255, 127, 14),
    new Color(127, 127, 127), new Color(140, 86, 75), new Color(44, 160, 44)
  };
  static final Color[] SERIES_COLORS = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
    new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
    new Color(188, 189, 34), new Color(23, 190, 207)
  };

  /** The three curves and three projections of a plan. */
  public static List<ChartFile> plan(Deployment.Result r) {
    List<ChartFile> out = new ArrayList<>();
    String id = r.request().model().id();
    Budget b = r.request().budget();
    out.add(ChartFile.of("accuracy-vs-k", curve(r, "Accuracy vs k: " + id, "expected accuracy (best of k)",
        CurvePoint::accuracy, b.minAccuracy(), "min accuracy " + fmt(b.minAccuracy()), OperatingPoint::accuracy)));
    out.add(ChartFile.of("cost-vs-k", curve(r, "Cost vs k: " + id, "cost per request (USD)",
        CurvePoint::cost, b.maxCostUsd(), "max cost $" + fmt(b.maxCostUsd()), p -> r.at(p.parallel(), p.k()).cost().mean())));
    out.add(ChartFile.of("latency-vs-k", curve(r, "Latency vs k: " + id, "latency per request (s)",
        CurvePoint::latency, b.maxLatencyS(), "max latency " + fmt(b.maxLatencyS()) + " s",
        p -> r.at(p.parallel(), p.k()).latency().mean())));
    out.add(ChartFile.of("cost-accuracy", projection(r, "Feasible space, cost vs accuracy: " + id,
        "cost per request (USD)", OperatingPoint::costUsd, b.maxCostUsd(), "accuracy", OperatingPoint::accuracy,
        b.minAccuracy())));
    out.add(ChartFile.of("latency-accuracy", projection(r, "Feasible space, latency vs accuracy: " + id,
        "latency per request (s)", OperatingPoint::latencyS, b.maxLatencyS(), "accuracy", OperatingPoint::accuracy,
        b.minAccuracy())));
    out.add(ChartFile.of("cost-latency", projection(r, "Feasible space, cost vs latency: " + id,
        "cost per request (USD)", OperatingPoint::costUsd, b.maxCostUsd(), "latency per request (s)",
        OperatingPoint::latencyS, b.maxLatencyS())));
    return out;
  }

  static JFreeChart curve(Deployment.Result r, String title, String yLabel, Function<CurvePoint, Statistic> stat,
      double budget, String budgetLabel, ToDoubleFunction<OperatingPoint> pickY) {
    return curve(r, title, yLabel, stat, budget, budgetLabel, pickY, yLabel.contains("accuracy") ? 1 : Double.NaN);
  }

  static JFreeChart curve(Deployment.Result r, String title, String yLabel, Function<CurvePoint, Statistic> stat,
      double budget, String budgetLabel, ToDoubleFunction<OperatingPoint> pickY, double yCeiling) {
    YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
    for (Map.Entry<Deployment.Arm, Curve> e : r.curves().entrySet()) {
      String arm = (r.request().parallels().size() > 1 ? "P=" + e.getKey().parallel() : "")
          + (r.request().parallels().size() > 1 && r.request().adaptive() ? ", " : "")
          + (r.request().adaptive() ? e.getKey().policy().label() : "");
      YIntervalSeries s = new YIntervalSeries("mean and 95% interval" + (arm.isEmpty() ? "" : " (" + arm + ")"));
      int[] grid = Grid.of(r.request().grid(), r.request().kMax(), e.getKey().parallel()).ks();
      for (int k : grid) {
        Statistic st = stat.apply(e.getValue().at(k).orElseThrow());
        s.add(k, st.mean(), st.p025(), st.p975());
      }
      bands.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "k (samples per request)", yLabel, bands,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    style(chart);
    DeviationRenderer band = new DeviationRenderer(true, false);
    for (int i = 0; i < bands.getSeriesCount(); i++) {
      Color c = SERIES_COLORS[i % SERIES_COLORS.length];
      band.setSeriesPaint(i, c);
      band.setSeriesFillPaint(i, new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
      band.setSeriesStroke(i, new BasicStroke(2f));
    }
    band.setAlpha(0.25f);
    plot.setRenderer(0, band);
    shadeFeasible(plot, r);
    List<Pick> picks = new ArrayList<>();
    for (PickDetail d : allPicks(r)) {
      if (d.point() != null) {
        OperatingPoint p = d.selection().point().get();
        picks.add(new Pick(d.selection().selector(), label(d), p.k(), pickY.applyAsDouble(p)));
      }
    }
    addPicks(plot, 1, picks);
    integerTicks(plot);
    budgetLine(plot, budget, budgetLabel, false);
    fitRange(plot, false, budget, 0, yCeiling);
    return chart;
  }

  static JFreeChart projection(Deployment.Result r, String title, String xLabel, ToDoubleFunction<OperatingPoint> fx,
      double xBudget, String yLabel, ToDoubleFunction<OperatingPoint> fy, double yBudget) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries all = new XYSeries("grid points (infeasible)", false, true);
    XYSeries feasible = new XYSeries("feasible", false, true);
    XYSeries front = new XYSeries("Pareto front", false, true);
    for (OperatingPoint p : r.plan().space().all()) {
      if (r.plan().pareto().contains(p)) {
        front.add(fx.applyAsDouble(p), fy.applyAsDouble(p));
      } else if (r.plan().space().feasible().contains(p)) {
        feasible.add(fx.applyAsDouble(p), fy.applyAsDouble(p));
      } else {
        all.add(fx.applyAsDouble(p), fy.applyAsDouble(p));
      }
    }
    data.addSeries(all);
    data.addSeries(feasible);
    data.addSeries(front);
    JFreeChart chart = ChartFactory.createScatterPlot(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    style(chart);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer base = new XYLineAndShapeRenderer(false, true);
    base.setDrawOutlines(false);
    base.setSeriesPaint(0, new Color(170, 170, 170));
    base.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
    base.setSeriesPaint(1, new Color(31, 119, 180));
    base.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));
    base.setSeriesPaint(2, new Color(255, 127, 14));
    base.setSeriesShape(2, new Rectangle2D.Double(-5, -5, 10, 10));
    plot.setRenderer(0, base);
    List<Pick> picks = new ArrayList<>();
    for (PickDetail d : allPicks(r)) {
      if (d.point() != null) {
        OperatingPoint p = d.selection().point().get();
        picks.add(new Pick(d.selection().selector(), label(d), fx.applyAsDouble(p), fy.applyAsDouble(p)));
      }
    }
    addPicks(plot, 1, picks);
    budgetLine(plot, xBudget, budgetLabel(xLabel, xBudget), true);
    budgetLine(plot, yBudget, budgetLabel(yLabel, yBudget), false);
    // costs and latencies are never negative, accuracies lie in [0, 1]
    fitRange(plot, true, xBudget, 0, xLabel.startsWith("accuracy") ? 1 : Double.NaN);
    fitRange(plot, false, yBudget, 0, yLabel.startsWith("accuracy") ? 1 : Double.NaN);
    return chart;
  }

  /** Cost (log scale) against accuracy: one marker per (model, P, k), the joint front highlighted. */
  public static ChartFile comparison(String name, String title, List<OperatingPoint> points, List<OperatingPoint> front,
      List<Selection> picks, Budget b) {
    XYSeriesCollection data = new XYSeriesCollection();
    Map<String, XYSeries> byModel = new LinkedHashMap<>();
    for (OperatingPoint p : points) {
      byModel.computeIfAbsent(p.model(), m -> new XYSeries(m, false, true)).add(p.costUsd(), p.accuracy());
    }
    byModel.values().forEach(data::addSeries);
    XYSeries f = new XYSeries("Pareto front (feasible)", false, true);
    front.stream().sorted(Comparator.comparingDouble(OperatingPoint::costUsd))
        .forEach(p -> f.add(p.costUsd(), p.accuracy()));
    JFreeChart chart = ChartFactory.createScatterPlot(title, "cost per request (USD, log scale)", "expected accuracy",
        data, PlotOrientation.VERTICAL, true, false, false);
    style(chart);
    XYPlot plot = chart.getXYPlot();
    LogAxis x = new LogAxis("cost per request (USD, log scale)");
    x.setSmallestValue(1e-7);
    x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
    x.setMinorTickMarksVisible(true);
    x.setMinorTickCount(9);
    x.setNumberFormatOverride(new java.text.DecimalFormat("0.####"));
    x.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    plot.setDomainAxis(x);
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    dots.setDrawOutlines(false);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      dots.setSeriesPaint(i, SERIES_COLORS[i % SERIES_COLORS.length]);
      // a square is one <rect> in SVG, a circle four Bézier curves: hundreds of points, a fraction of the bytes
      dots.setSeriesShape(i, new Rectangle2D.Double(-2.5, -2.5, 5, 5));
    }
    plot.setRenderer(0, dots);
    XYSeriesCollection frontData = new XYSeriesCollection(f);
    List<Pick> pickList = new ArrayList<>();
    for (Selection s : picks) {
      s.point().ifPresent(p -> pickList.add(new Pick(s.selector(), s.selector() + ": " + p.model() + " k=" + p.k(),
          p.costUsd(), p.accuracy())));
    }
    plot.setDataset(1, frontData);
    XYLineAndShapeRenderer fr = new XYLineAndShapeRenderer(true, true);
    fr.setSeriesPaint(0, Color.BLACK);
    fr.setSeriesStroke(0, new BasicStroke(1.2f));
    fr.setSeriesShape(0, new Rectangle2D.Double(-4, -4, 8, 8));
    fr.setSeriesShapesFilled(0, false);
    plot.setRenderer(1, fr);
    addPicks(plot, 2, pickList);
    budgetLine(plot, b.maxCostUsd(), "max cost $" + fmt(b.maxCostUsd()), true);
    budgetLine(plot, b.minAccuracy(), "min accuracy " + fmt(b.minAccuracy()), false);
    fitRange(plot, false, b.minAccuracy(), 0, 1);
    return ChartFile.of(name, chart);
  }

  public static ChartFile comparison(Comparison.Result r) {
    return comparison("compare", "Models compared: cost vs accuracy, every (model, P, k)", r.points(), r.front(),
        r.selections(), r.request().budget());
  }

  /** For each figure, how far the selector's k moves (Δk) under −25 %, −10 %, +10 %, +25 %. */
  public static ChartFile tornado(Sensitivity.Result r, String selector) {
    int idx = r.base().request().selectors().ids().indexOf(selector);
    Integer base = r.base().plan().selections().get(idx).point().map(OperatingPoint::k).orElse(null);
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    Map<String, Double> swing = new LinkedHashMap<>();
    Map<String, List<String>> lost = new LinkedHashMap<>();
    for (Sensitivity.Row row : r.rows()) {
      Integer k = row.picks().get(idx).k();
      double dk = base == null || k == null ? 0 : k - base;
      swing.merge(row.factor(), Math.abs(dk) + (k == null && base != null ? 1e6 : 0), Math::max);
      if (k == null && base != null) {
        lost.computeIfAbsent(row.factor(), f -> new ArrayList<>()).add(String.format(Locale.ROOT, "%+.0f%%", 100 * row.delta()));
      }
    }
    List<String> order = new ArrayList<>(swing.keySet());
    order.sort((a, b) -> Double.compare(swing.get(b), swing.get(a)));
    double extent = 1;
    for (double d : Sensitivity.DELTAS) {
      String series = String.format(Locale.ROOT, "%+.0f%%", 100 * d);
      for (String factor : order) {
        String category = lost.containsKey(factor) ? factor + " (no pick at " + String.join(", ", lost.get(factor)) + ")" : factor;
        for (Sensitivity.Row row : r.rows()) {
          if (row.factor().equals(factor) && row.delta() == d) {
            Integer k = row.picks().get(idx).k();
            Double v = base == null || k == null ? null : (double) (k - base);
            data.addValue(v, series, category);
            if (v != null) {
              extent = Math.max(extent, Math.abs(v));
            }
          }
        }
      }
    }
    String title = "Sensitivity of the " + selector + " pick (base k = " + (base == null ? "none" : base) + ")";
    JFreeChart chart = ChartFactory.createBarChart(title, "figure changed", "change in k (samples)", data,
        PlotOrientation.HORIZONTAL, true, false, false);
    style(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    Color[] c = {new Color(31, 119, 180), new Color(158, 202, 225), new Color(253, 174, 107), new Color(230, 85, 13)};
    for (int i = 0; i < 4; i++) {
      plot.getRenderer().setSeriesPaint(i, c[i]);
    }
    plot.addRangeMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(1f)));
    plot.getRangeAxis().setRange(-extent * 1.1, extent * 1.1);
    plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer()).setShadowVisible(false);
    ((org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer()).setBarPainter(
        new org.jfree.chart.renderer.category.StandardBarPainter());
    return new ChartFile("tornado-" + selector, title, chart, 960, 640);
  }

  /**
   * A curve's forecast: observed accuracy against N, the forecast's mean (the chosen model inside the
   * fitted range, the held level beyond it), its 90 % band, and the model's own growth forecast.
   */
  public static ChartFile forecast(Forecast r) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries observed = new XYSeries("observed", false, true);
    XYSeries mean = new XYSeries("forecast (" + r.chosen().model() + ", held beyond n = " + r.edge() + ")", false, true);
    XYSeries model = new XYSeries(r.chosen().model() + "'s own forecast", false, true);
    XYSeries lo = new XYSeries("90% interval, p05", false, true);
    XYSeries hi = new XYSeries("90% interval, p95", false, true);
    for (Forecast.Prediction p : r.predictions()) {
      observed.add(p.n(), p.observed());
      mean.add(p.n(), p.mean());
      model.add(p.n(), p.modelForecast());
      lo.add(p.n(), p.p05());
      hi.add(p.n(), p.p95());
    }
    data.addSeries(observed);
    data.addSeries(mean);
    data.addSeries(model);
    data.addSeries(lo);
    data.addSeries(hi);
    String title = "Forecast: " + r.dataset() + " " + r.method() + " (fitted on n <= " + r.fitUpTo() + ")";
    JFreeChart chart = ChartFactory.createXYLineChart(title, "N (samples per question)", "accuracy", data,
        PlotOrientation.VERTICAL, true, false, false);
    style(chart);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer rr = new XYLineAndShapeRenderer();
    rr.setSeriesLinesVisible(0, false);
    rr.setSeriesShapesVisible(0, true);
    rr.setSeriesPaint(0, Color.BLACK);
    rr.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
    rr.setSeriesShapesVisible(1, false);
    rr.setSeriesPaint(1, new Color(214, 39, 40));
    rr.setSeriesStroke(1, new BasicStroke(2f));
    rr.setSeriesShapesVisible(2, false);
    rr.setSeriesPaint(2, new Color(31, 119, 180));
    rr.setSeriesStroke(2, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    for (int s = 3; s <= 4; s++) {
      rr.setSeriesShapesVisible(s, false);
      rr.setSeriesPaint(s, new Color(150, 150, 150));
      rr.setSeriesStroke(s, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
    }
    plot.setRenderer(rr);
    ValueMarker cut = new ValueMarker(r.fitUpTo() + 0.5, new Color(120, 120, 120), new BasicStroke(1f));
    cut.setLabel("fitted | held out");
    cut.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
    cut.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    plot.addDomainMarker(cut);
    integerTicks(plot);
    fitRange(plot, false, Double.NaN, 0, 1);
    return ChartFile.of("calibrate-" + r.dataset() + "-" + r.method(), chart);
  }

  /** Observed pass@k (unbiased estimator, bootstrap band) against the fitted Beta pass@k. */
  public static ChartFile passAtK(LogCalibration.Result r) {
    YIntervalSeriesCollection band = new YIntervalSeriesCollection();
    YIntervalSeries obs = new YIntervalSeries("observed pass@k (unbiased estimator, bootstrap 95%)");
    XYSeries fit = new XYSeries("fitted: 1 - B(alpha, beta + k) / B(alpha, beta)", false, true);
    for (LogCalibration.PassAtKPoint p : r.passAtK()) {
      obs.add(p.k(), p.observed(), p.lower(), p.upper());
      fit.add(p.k(), p.fitted());
    }
    band.addSeries(obs);
    JFreeChart chart = ChartFactory.createXYLineChart("pass@k of " + r.model() + ": observed vs fitted", "k",
        "pass@k", band, PlotOrientation.VERTICAL, true, false, false);
    style(chart);
    XYPlot plot = chart.getXYPlot();
    DeviationRenderer dr = new DeviationRenderer(true, true);
    dr.setSeriesPaint(0, Color.BLACK);
    dr.setSeriesFillPaint(0, new Color(120, 120, 120));
    dr.setAlpha(0.25f);
    plot.setRenderer(0, dr);
    plot.setDataset(1, new XYSeriesCollection(fit));
    XYLineAndShapeRenderer fr = new XYLineAndShapeRenderer(true, false);
    fr.setSeriesPaint(0, new Color(214, 39, 40));
    fr.setSeriesStroke(0, new BasicStroke(2f));
    plot.setRenderer(1, fr);
    integerTicks(plot);
    fitRange(plot, false, Double.NaN, 0, 1);
    return ChartFile.of("pass-at-k-" + r.model(), chart);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  static List<PickDetail> allPicks(Deployment.Result r) {
    List<PickDetail> all = new ArrayList<>(r.picks());
    all.addAll(Deployment.baselines(r));
    return all;
  }

  static String label(PickDetail d) {
    OperatingPoint p = d.selection().point().get();
    return d.selection().selector() + " (k=" + p.k() + (p.parallel() > 0 ? ", P=" + p.parallel() : "") + ")";
  }

  /** A pick drawn on a chart: its selector (which fixes its glyph), its legend label and its position. */
  record Pick(String selector, String label, double x, double y) {}

  /** The glyph of a selector: the same shape, colour and fill in every chart, whichever picks exist. */
  record Glyph(java.awt.Shape shape, Color color, boolean filled) {}

  /**
   * The selectors in their fixed order: kstar's registry, then the baselines. A selector of an extended
   * registry, not listed here, takes the spare glyph.
   */
  static final List<String> GLYPH_ORDER = java.util.stream.Stream.concat(Selectors.REGISTRY.ids().stream(),
      java.util.stream.Stream.of(io.kstar.select.Baselines.ONE_D, io.kstar.select.Baselines.TWO_D)).toList();

  static Glyph glyph(String selector) {
    int i = GLYPH_ORDER.indexOf(selector);
    return switch (i) {
      case 0 -> new Glyph(new Ellipse2D.Double(-7, -7, 14, 14), PICK_COLORS[0], true);
      case 1 -> new Glyph(new Rectangle2D.Double(-6, -6, 12, 12), PICK_COLORS[1], true);
      case 2 -> new Glyph(diamond(8), PICK_COLORS[2], true);
      case 3 -> new Glyph(triangle(8), PICK_COLORS[3], true);
      case 4 -> new Glyph(triangle(-8), PICK_COLORS[6], true);
      case 5 -> new Glyph(new Rectangle2D.Double(-4, -4, 8, 8), PICK_COLORS[4], false);
      case 6 -> new Glyph(new Ellipse2D.Double(-5, -5, 10, 10), PICK_COLORS[5], false);
      default -> new Glyph(diamond(6), Color.DARK_GRAY, false);
    };
  }

  /** Pixels between the glyphs of picks that fall on the same point, so that each stays visible. */
  static final double PICK_OFFSET_PX = 13;

  /**
   * Adds the picks as dataset {@code index}, one series each, drawn with their selector's glyph. Picks
   * on the same point are drawn side by side ({@link #PICK_OFFSET_PX} apart, centred on the point) and
   * their legend entries say which others share it ("knee (k=8, P=4) = baseline-2d").
   */
  static void addPicks(XYPlot plot, int index, List<Pick> picks) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
    r.setDrawOutlines(true);
    r.setUseOutlinePaint(false);
    Map<List<Double>, List<Pick>> byPoint = new LinkedHashMap<>();
    for (Pick p : picks) {
      byPoint.computeIfAbsent(List.of(p.x(), p.y()), k -> new ArrayList<>()).add(p);
    }
    int series = 0;
    for (Pick p : picks) {
      List<Pick> same = byPoint.get(List.of(p.x(), p.y()));
      int pos = same.indexOf(p);
      List<String> others = same.stream().filter(o -> o != p).map(Pick::selector).toList();
      XYSeries s = new XYSeries(others.isEmpty() ? p.label() : p.label() + " = " + String.join(" = ", others),
          false, true);
      s.add(p.x(), p.y());
      data.addSeries(s);
      Glyph g = glyph(p.selector());
      double dx = (pos - (same.size() - 1) / 2.0) * PICK_OFFSET_PX;
      r.setSeriesShape(series, dx == 0 ? g.shape()
          : java.awt.geom.AffineTransform.getTranslateInstance(dx, 0).createTransformedShape(g.shape()));
      r.setSeriesPaint(series, g.color());
      r.setSeriesShapesFilled(series, g.filled());
      // the legend shows the glyph itself, centred
      r.setLegendShape(series, g.shape());
      series++;
    }
    plot.setDataset(index, data);
    plot.setRenderer(index, r);
    // the picks are the last dataset: drawn last, over the points they sit on
    plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
  }

  /** k (or N) is a count: ticks at whole numbers only. */
  static void integerTicks(XYPlot plot) {
    plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
  }

  static java.awt.Shape diamond(double s) {
    java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
    p.moveTo(0, -s);
    p.lineTo(s, 0);
    p.lineTo(0, s);
    p.lineTo(-s, 0);
    p.closePath();
    return p;
  }

  static java.awt.Shape triangle(double s) {
    java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
    p.moveTo(0, -s);
    p.lineTo(s, s);
    p.lineTo(-s, s);
    p.closePath();
    return p;
  }

  static void shadeFeasible(XYPlot plot, Deployment.Result r) {
    TreeSet<Integer> ks = new TreeSet<>();
    r.feasibleKs().values().forEach(ks::addAll);
    if (ks.isEmpty()) {
      return;
    }
    int step = r.request().grid() == Grid.Kind.BATCH && r.request().parallels().size() == 1
        ? r.request().parallels().get(0) : 1;
    List<int[]> runs = new ArrayList<>();
    int start = ks.first();
    int prev = start;
    for (int k : ks.tailSet(start, false)) {
      if (k > prev + step) {
        runs.add(new int[] {start, prev});
        start = k;
      }
      prev = k;
    }
    runs.add(new int[] {start, prev});
    boolean first = true;
    for (int[] run : runs) {
      IntervalMarker m = new IntervalMarker(run[0] - step / 2.0, run[1] + step / 2.0, FEASIBLE);
      if (first) {
        m.setLabel("feasible k");
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        first = false;
      }
      plot.addDomainMarker(m, Layer.BACKGROUND);
    }
  }

  static String budgetLabel(String axisLabel, double v) {
    if (axisLabel.startsWith("cost")) {
      return "max cost $" + fmt(v);
    }
    if (axisLabel.startsWith("latency")) {
      return "max latency " + fmt(v) + " s";
    }
    return "min accuracy " + fmt(v);
  }

  /** {@link #fitRange(XYPlot, boolean, double, double, double)} with no floor or ceiling. */
  static void fitRange(XYPlot plot, boolean domain, double budget) {
    fitRange(plot, domain, budget, Double.NaN, Double.NaN);
  }

  /**
   * Sets a numeric axis to the data of every dataset (y intervals included) and the budget, with a 5 %
   * margin, kept within {@code floor} and {@code ceiling} where they are numbers (0 for costs and
   * latencies, [0, 1] for accuracies). The domain takes the x values themselves: a one-point series
   * would otherwise add its default interval width of 1 around them.
   */
  static void fitRange(XYPlot plot, boolean domain, double budget, double floor, double ceiling) {
    double lo = Double.isFinite(budget) ? budget : Double.POSITIVE_INFINITY;
    double hi = Double.isFinite(budget) ? budget : Double.NEGATIVE_INFINITY;
    for (int i = 0; i < plot.getDatasetCount(); i++) {
      org.jfree.data.xy.XYDataset d = plot.getDataset(i);
      if (d == null || d.getSeriesCount() == 0) {
        continue;
      }
      org.jfree.data.Range r = domain
          ? org.jfree.data.general.DatasetUtils.findDomainBounds(d, false)
          : org.jfree.data.general.DatasetUtils.findRangeBounds(d, true);
      if (r != null) {
        lo = Math.min(lo, r.getLowerBound());
        hi = Math.max(hi, r.getUpperBound());
      }
    }
    if (lo > hi) {
      return;
    }
    double margin = hi > lo ? 0.05 * (hi - lo) : Math.max(1e-9, Math.abs(hi) * 0.05);
    double from = lo - margin;
    double to = hi + margin;
    if (!Double.isNaN(floor)) {
      from = Math.max(from, Math.min(floor, lo));
    } else if (lo >= 0) {
      from = Math.max(from, 0);
    }
    if (!Double.isNaN(ceiling)) {
      to = Math.min(to, Math.max(ceiling, hi));
    }
    org.jfree.chart.axis.ValueAxis axis = domain ? plot.getDomainAxis() : plot.getRangeAxis();
    if (axis instanceof NumberAxis) {
      axis.setRange(from, to > from ? to : from + Math.max(1e-9, Math.abs(from) * 0.05));
    }
  }

  static void budgetLine(XYPlot plot, double value, String label, boolean domain) {
    ValueMarker m = new ValueMarker(value, BUDGET, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
        10f, new float[] {6f, 4f}, 0f));
    m.setLabel(label);
    m.setLabelPaint(BUDGET);
    m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    if (domain) {
      m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      plot.addDomainMarker(m);
    } else {
      m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
      m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      plot.addRangeMarker(m);
    }
  }

  static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    if (chart.getPlot() instanceof XYPlot p) {
      p.setBackgroundPaint(Color.WHITE);
      p.setDomainGridlinePaint(new Color(220, 220, 220));
      p.setRangeGridlinePaint(new Color(220, 220, 220));
      p.getDomainAxis().setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
      p.getRangeAxis().setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    } else if (chart.getPlot() instanceof CategoryPlot p) {
      p.setBackgroundPaint(Color.WHITE);
      p.setRangeGridlinePaint(new Color(220, 220, 220));
    }
    if (chart.getLegend() != null) {
      chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }
  }

  static String fmt(double v) {
    return Check.fmt(v);
  }
}
