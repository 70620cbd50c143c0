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
import org.jfree.chart.plot.XYPlot;
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
    assertThat(seriesKeys(accuracy)).contains("mean and 95% interval", "accuracy-max (k=20, P=4)",
        "knee (k=8, P=4)", "baseline-1d (k=1, P=4)");
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
