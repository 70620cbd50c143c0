package io.kstar.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.budget.Budget;
import io.kstar.catalog.CatalogReader;
import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Deployment;
import io.kstar.plan.Sensitivity;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private final Deployment.Result plan = Deployment.plan(new Deployment.Request(
      CatalogReader.embedded().require("m", "gpt5"), List.of(4), Grid.Kind.BATCH, 128, Budget.of(0.5, 60, 0.88),
      BudgetBasis.MEANS, 1e-6, 1), new ExactEstimator());

  private static List<String> seriesKeys(XYPlot plot) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < plot.getDatasetCount(); i++) {
      XYDataset d = plot.getDataset(i);
      for (int s = 0; d != null && s < d.getSeriesCount(); s++) {
        keys.add(String.valueOf(d.getSeriesKey(s)));
      }
    }
    return keys;
  }

  @Test
  void planCharts_showTheExpectedSeries() {
    List<ChartFile> charts = Charts.plan(plan);
    assertThat(charts).extracting(ChartFile::name).containsExactly("accuracy-vs-k", "cost-vs-k", "latency-vs-k",
        "cost-accuracy", "latency-accuracy", "cost-latency");
    XYPlot accuracy = charts.get(0).chart().getXYPlot();
    // knee and baseline-2d share k = 8: each legend entry names the other
    assertThat(seriesKeys(accuracy)).contains("mean and 95% interval", "accuracy-max (k=20, P=4)",
        "knee (k=8, P=4) = baseline-2d", "baseline-2d (k=8, P=4) = knee", "baseline-1d (k=1, P=4)");
    // the accuracy series runs over the grid, and the mean at k = 20 is the plan's
    XYDataset band = accuracy.getDataset(0);
    assertThat(band.getItemCount(0)).isEqualTo(32);
    assertThat(band.getYValue(0, 4)).isEqualTo(plan.at(4, 20).accuracy().mean());
    // the budget line is drawn and inside the visible range
    assertThat(accuracy.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).isNotEmpty();
    assertThat(accuracy.getRangeAxis().getRange().contains(0.88)).isTrue();
    XYPlot projection = charts.get(3).chart().getXYPlot();
    assertThat(seriesKeys(projection)).contains("grid points (infeasible)", "feasible", "Pareto front");
    assertThat(projection.getDataset(0).getItemCount(2)).isEqualTo(plan.plan().pareto().size());
  }

  private static final Deployment.Result INFEASIBLE_KNEE = Deployment.plan(new Deployment.Request(
      CatalogReader.embedded().require("m", "gpt5"), List.of(4), Grid.Kind.BATCH, 128, Budget.of(0.1, 15, 0.9),
      BudgetBasis.MEANS, 1e-6, 1), new ExactEstimator());

  @Test
  void axes_followTheData_costsNeverNegative_accuracyAtMostOne_kInWholeNumbers() {
    for (Deployment.Result r : List.of(plan, INFEASIBLE_KNEE)) {
      for (ChartFile c : Charts.plan(r)) {
        c.png(); // lays the axes out
        XYPlot p = c.chart().getXYPlot();
        for (org.jfree.chart.axis.ValueAxis a : List.of(p.getDomainAxis(), p.getRangeAxis())) {
          String label = a.getLabel();
          if (label.startsWith("cost") || label.startsWith("latency")) {
            assertThat(a.getLowerBound()).as(c.name() + ": " + label).isGreaterThanOrEqualTo(0);
          }
          if (label.contains("accuracy")) {
            assertThat(a.getUpperBound()).as(c.name() + ": " + label).isLessThanOrEqualTo(1);
            assertThat(a.getLowerBound()).as(c.name() + ": " + label).isGreaterThanOrEqualTo(0);
          }
          if (label.startsWith("k ")) {
            double tick = ((NumberAxis) a).getTickUnit().getSize();
            assertThat(tick).as(c.name()).isGreaterThanOrEqualTo(1);
            assertThat(tick % 1).as(c.name()).isZero();
          }
        }
        // the cost axis does not reach far below the data (a one-point series once added ±0.5 around it)
        if (p.getDomainAxis().getLabel().startsWith("cost")) {
          assertThat(p.getDomainAxis().getLowerBound()).isLessThan(r.plan().space().all().stream()
              .mapToDouble(io.kstar.space.OperatingPoint::costUsd).min().orElseThrow());
        }
      }
    }
    ChartFile t = Charts.tornado(Sensitivity.analyse(plan.request(), new ExactEstimator()), "knee");
    t.png();
    assertThat(((NumberAxis) t.chart().getCategoryPlot().getRangeAxis()).getTickUnit().getSize() % 1).isZero();
  }

  /** Each selector's series in the picks dataset of a chart, with its shape bounds and paint. */
  private static java.util.Map<String, Object[]> glyphs(XYPlot plot) {
    java.util.Map<String, Object[]> out = new java.util.HashMap<>();
    for (int i = 0; i < plot.getDatasetCount(); i++) {
      XYDataset d = plot.getDataset(i);
      var r = plot.getRenderer(i);
      for (int s = 0; d != null && s < d.getSeriesCount(); s++) {
        String key = String.valueOf(d.getSeriesKey(s));
        String selector = key.split("[ :]")[0];
        if (Charts.GLYPH_ORDER.contains(selector)) {
          java.awt.geom.Rectangle2D b = r.getLegendItem(i, s).getShape().getBounds2D();
          out.put(selector, new Object[] {r.getSeriesPaint(s), b.getWidth(), b.getHeight(),
              ((XYLineAndShapeRenderer) r).getSeriesShapesFilled(s)});
        }
      }
    }
    return out;
  }

  @Test
  void eachSelector_keepsOneGlyph_whateverPicksExist() {
    var full = glyphs(Charts.plan(plan).get(3).chart().getXYPlot());
    var partial = glyphs(Charts.plan(INFEASIBLE_KNEE).get(3).chart().getXYPlot());
    assertThat(partial).doesNotContainKey("knee");
    assertThat(partial).containsKeys("accuracy-max", "cube", "baseline-1d");
    partial.forEach((sel, g) -> assertThat(g).as(sel).containsExactly(full.get(sel)));
    // paints differ between selectors
    assertThat(full.values().stream().map(g -> g[0]).distinct()).hasSize(full.size());
  }

  @Test
  void picksOnOnePoint_areDrawnSideBySide() {
    XYPlot p = Charts.plan(plan).get(0).chart().getXYPlot();
    var r = (XYLineAndShapeRenderer) p.getRenderer(1);
    XYDataset d = p.getDataset(1);
    List<Double> centres = new ArrayList<>();
    for (int s = 0; s < d.getSeriesCount(); s++) {
      if (d.getXValue(s, 0) == 8) {
        centres.add(r.getSeriesShape(s).getBounds2D().getCenterX());
      }
    }
    assertThat(centres).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void svg_isSmall() {
    ChartFile c = Charts.plan(plan).get(3);
    String svg = c.svg();
    // coordinates carry one decimal at most
    assertThat(svg).doesNotContainPattern("(x|y|x1|y1|x2|y2|width|height)='-?\\d+\\.\\d{2,}'")
        .doesNotContainPattern("d='[^']*\\d\\.\\d{2,}");
    assertThat(svg.length()).isLessThan(60_000);
  }

  @Test
  void htmlReport_explainsHowToReadIt() {
    String html = HtmlReport.plan(plan).html();
    assertThat(html).contains("How to read this", "cube", "utopia", "knee", "nearest budget", "P(breach)",
        "cost/pass");
  }

  /** A throwaway selector: one class, one registry line. */
  static final class AccuracyPerDollar implements io.kstar.select.Selector {
    @Override
    public String id() {
      return "accuracy-per-dollar";
    }

    @Override
    public String description() {
      return "the feasible point with the most expected accuracy per dollar";
    }

    @Override
    public io.kstar.select.Selection select(io.kstar.select.SelectionContext c) {
      return c.feasible().stream().max(java.util.Comparator.comparingDouble(p -> p.accuracy() / p.costUsd()))
          .map(p -> io.kstar.select.Selection.of(id(), p, "largest A/C"))
          .orElseGet(() -> io.kstar.select.Selection.none(id(), "no feasible k"));
    }
  }

  @Test
  void aThrowawaySelector_isDrawnAndExplained_withNoChangeHere() {
    var selectors = io.kstar.select.Selectors.REGISTRY.with(new AccuracyPerDollar());
    Deployment.Result r = Deployment.plan(plan.request().withSelectors(selectors), new ExactEstimator());
    assertThat(seriesKeys(Charts.plan(r).get(0).chart().getXYPlot())).anyMatch(k -> k.startsWith("accuracy-per-dollar (k="));
    assertThat(seriesKeys(Charts.plan(r).get(3).chart().getXYPlot())).anyMatch(k -> k.startsWith("accuracy-per-dollar"));
    // kstar's own selectors keep their glyphs; the extension takes the spare one
    assertThat(glyphs(Charts.plan(r).get(3).chart().getXYPlot())).containsKeys("min-cost", "cube");
    assertThat(Charts.glyph("accuracy-per-dollar").color()).isEqualTo(Charts.glyph("any-other-extension").color());
    String html = HtmlReport.plan(r).html();
    assertThat(html).contains("<dt>accuracy-per-dollar</dt><dd>the feasible point with the most expected accuracy per dollar.")
        .contains("<dt>min-cost</dt>");
  }

  @Test
  void chartFiles_existOpenAndCarryTheirLabels(@TempDir Path dir) throws Exception {
    ChartFile c = Charts.plan(plan).get(0);
    c.write(dir);
    BufferedImage png = ImageIO.read(Files.newInputStream(dir.resolve("accuracy-vs-k.png")));
    assertThat(png.getWidth()).isEqualTo(960);
    assertThat(png.getHeight()).isEqualTo(600);
    String svg = Files.readString(dir.resolve("accuracy-vs-k.svg"));
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes("UTF-8")));
    assertThat(svg).contains("Accuracy vs k: gpt5").contains("k (samples per request)").contains("min accuracy 0.88")
        .contains("feasible k");
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void htmlReport_isSelfContained() throws IOException {
    HtmlReport.Bundle b = HtmlReport.plan(plan);
    assertThat(b.html()).startsWith("<!DOCTYPE html>").contains("<svg").contains("<table>")
        .doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http");
    assertThat(b.charts()).hasSize(6);
  }

  @Test
  void tornado_ordersFiguresBySwing() {
    Sensitivity.Result r = Sensitivity.analyse(plan.request(), new ExactEstimator());
    ChartFile t = Charts.tornado(r, "accuracy-max");
    var data = t.chart().getCategoryPlot().getDataset();
    assertThat(data.getRowCount()).isEqualTo(4);
    assertThat(data.getColumnCount()).isEqualTo(13);
    // the figure that removes the pick comes first
    assertThat(String.valueOf(data.getColumnKey(0))).contains("no pick at");
  }
}
