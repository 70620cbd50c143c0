package io.kstar.chart;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;

/** A chart with its file name, rendered to PNG and SVG. */
public record ChartFile(String name, String title, JFreeChart chart, int width, int height) {

  public static ChartFile of(String name, JFreeChart chart) {
    return new ChartFile(name, chart.getTitle() == null ? name : chart.getTitle().getText(), chart, 960, 600);
  }

  /**
   * The chart as an SVG element. Coordinates are written with at most one decimal (a tenth of a pixel
   * at 960 × 600) and transforms with three: JFreeSVG's default writes every double in full.
   */
  public String svg() {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setGeomDoubleConverter(v -> round(v, 10));
    g.setTransformDoubleConverter(v -> round(v, 1000));
    // JFreeChart draws rotated text (the y-axis label) as glyph outlines by default, ~9 kB of path per
    // label; without that workaround it is one <text> element with a rotation
    synchronized (TextUtils.class) {
      boolean workaround = TextUtils.isUseDrawRotatedStringWorkaround();
      TextUtils.setUseDrawRotatedStringWorkaround(false);
      try {
        chart.draw(g, new Rectangle(0, 0, width, height));
      } finally {
        TextUtils.setUseDrawRotatedStringWorkaround(workaround);
      }
    }
    return dropCanvasClip(g.getSVGElement());
  }

  /**
   * JFreeSVG clips nearly every element to the first clip, which is the whole canvas and changes
   * nothing; the reference goes (the clip path itself stays, in case anything else names it).
   */
  static String dropCanvasClip(String svg) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("<clipPath id='([^']*clip-0)'><path d='M0,0L([0-9.]+),0L([0-9.]+),([0-9.]+)L0,([0-9.]+)L0,0Z'/>")
        .matcher(svg);
    if (!m.find()) {
      return svg;
    }
    return svg.replace(" clip-path='url(#" + m.group(1) + ")'", "");
  }

  static String round(double v, double scale) {
    double r = Math.round(v * scale) / scale;
    if (r == Math.rint(r) && Math.abs(r) < 1e15) {
      return Long.toString((long) r);
    }
    return Double.toString(r);
  }

  public byte[] png() {
    try {
      return ChartUtils.encodeAsPNG(chart.createBufferedImage(width, height));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The longest file name (without extension) {@link #safeName} returns. */
  static final int MAX_NAME = 120;

  /**
   * A name (a model id, a scenario name) made safe as a file name: letters, digits, '.', '_' and '-'
   * are kept, every other character becomes '_'; a leading '.' (a hidden file) becomes '_', an empty
   * name is "_", and the result is at most {@value #MAX_NAME} characters. {@code org/model} becomes
   * {@code org_model}.
   */
  public static String safeName(String name) {
    StringBuilder b = new StringBuilder();
    name.codePoints().forEach(c -> b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')
        ? (char) c : '_'));
    if (b.length() == 0) {
      b.append('_');
    }
    if (b.charAt(0) == '.') {
      b.setCharAt(0, '_');
    }
    return b.length() > MAX_NAME ? b.substring(0, MAX_NAME) : b.toString();
  }

  /**
   * Safe and distinct file names for {@code names}, in the same order: each is {@link #safeName}; a
   * name that is already safe keeps it, and a clash (also one that differs only in case, for
   * case-insensitive file systems) gets "-2", "-3", ... appended.
   */
  public static List<String> safeNames(List<String> names) {
    String[] result = new String[names.size()];
    Set<String> taken = new HashSet<>();
    // first the names that need no change, so that they keep their name; then the changed ones
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < names.size(); i++) {
        String safe = safeName(names.get(i));
        if (safe.equals(names.get(i)) != (pass == 0)) {
          continue;
        }
        String candidate = safe;
        for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
          String suffix = "-" + n;
          candidate = (safe.length() + suffix.length() > MAX_NAME ? safe.substring(0, MAX_NAME - suffix.length()) : safe)
              + suffix;
        }
        result[i] = candidate;
      }
    }
    return List.of(result);
  }

  /** The file names (without extension) that {@code charts} are written under: {@link #safeNames} of theirs. */
  public static List<String> fileNames(List<ChartFile> charts) {
    List<String> names = new ArrayList<>();
    charts.forEach(c -> names.add(c.name()));
    return safeNames(names);
  }

  /**
   * Writes NAME.png and NAME.svg into {@code dir} (each written beside its name, then moved), NAME
   * being {@link #safeName} of the chart's name.
   */
  public void write(Path dir) {
    String file = safeName(name);
    try {
      Files.createDirectories(dir);
      move(dir, file + ".png", png());
      move(dir, file + ".svg", svg().getBytes(StandardCharsets.UTF_8));
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
    Path tmp = Files.createTempFile(dir, ".kstar-", ".tmp");
    try {
      Files.write(tmp, bytes);
      readable(tmp);
      Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
