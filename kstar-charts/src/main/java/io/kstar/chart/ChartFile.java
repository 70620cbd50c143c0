package io.kstar.chart;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** A chart with its file name, rendered to PNG and SVG. */
public record ChartFile(String name, String title, JFreeChart chart, int width, int height) {

  public static ChartFile of(String name, JFreeChart chart) {
    return new ChartFile(name, chart.getTitle() == null ? name : chart.getTitle().getText(), chart, 960, 600);
  }

  public String svg() {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    chart.draw(g, new Rectangle(0, 0, width, height));
    return g.getSVGElement();
  }

  public byte[] png() {
    try {
      return ChartUtils.encodeAsPNG(chart.createBufferedImage(width, height));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes NAME.png and NAME.svg into {@code dir} (each written beside its name, then moved). */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      move(dir, name + ".png", png());
      move(dir, name + ".svg", svg().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write chart " + name + " to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Temporary files are created owner-only; a report is meant to be read: rw-r--r-- where POSIX. */
  public static void readable(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep its defaults
    }
  }

  private static void move(Path dir, String file, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(dir, "." + file, ".tmp");
    Files.write(tmp, bytes);
    readable(tmp);
    Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
