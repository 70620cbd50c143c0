package io.kstar.cli;

import io.kstar.chart.ChartFile;
import io.kstar.chart.HtmlReport;
import io.kstar.input.InvalidInputException;
import io.kstar.report.Format;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --format} and {@code --out}. With {@code --out DIR} every format is rendered in memory
 * first, then each file is written beside its final name and moved into place, so a failure leaves
 * either the old file or the new one, never half of one.
 */
final class OutputOptions {

  @Option(names = "--format", paramLabel = "table|json|csv|markdown", defaultValue = "table",
      description = "What stdout shows. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write every format to DIR (NAME.txt, .json, .csv, .md).")
  Path out;

  Format format() {
    return Format.parse("--format", format);
  }

  void emit(PrintWriter stdout, PrintWriter stderr, String baseName, Function<Format, String> render) {
    emit(stdout, stderr, baseName, render, null);
  }

  /**
   * Prints the chosen format; with {@code --out} also writes every format and, when {@code extras}
   * is given, NAME.html (self-contained) and the charts as PNG and SVG.
   */
  void emit(PrintWriter stdout, PrintWriter stderr, String baseName, Function<Format, String> render,
      Supplier<HtmlReport.Bundle> extras) {
    Format chosen = format();
    Map<Format, String> rendered = new EnumMap<>(Format.class);
    if (out != null) {
      for (Format f : Format.values()) {
        rendered.put(f, render.apply(f));
      }
      HtmlReport.Bundle bundle = extras == null ? null : extras.get();
      write(baseName, rendered);
      if (bundle != null) {
        try {
          Path tmp = Files.createTempFile(out, "." + baseName + ".", ".tmp");
          Files.writeString(tmp, bundle.html(), StandardCharsets.UTF_8);
          ChartFile.readable(tmp);
          Files.move(tmp, out.resolve(baseName + ".html"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new UncheckedIOException("could not write to " + out + ": " + e.getMessage(), e);
        }
        bundle.charts().forEach(c -> c.write(out));
        stderr.println("kstar: wrote " + out.resolve(baseName) + ".{txt,json,csv,md,html} and "
            + bundle.charts().size() + " charts (.png, .svg)");
      } else {
        stderr.println("kstar: wrote " + out.resolve(baseName) + ".{txt,json,csv,md}");
      }
    }
    String text = rendered.containsKey(chosen) ? rendered.get(chosen) : render.apply(chosen);
    stdout.print(text);
    stdout.flush();
  }

  private void write(String baseName, Map<Format, String> rendered) {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw InvalidInputException.of("--out", out, "must be a directory that can be created and written: " + e);
    }
    if (!Files.isDirectory(out) || !Files.isWritable(out)) {
      throw InvalidInputException.of("--out", out, "must be a writable directory");
    }
    try {
      Map<Format, Path> temps = new EnumMap<>(Format.class);
      for (Map.Entry<Format, String> e : rendered.entrySet()) {
        Path tmp = Files.createTempFile(out, "." + baseName + ".", ".tmp");
        Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
        ChartFile.readable(tmp);
        temps.put(e.getKey(), tmp);
      }
      for (Map.Entry<Format, Path> e : temps.entrySet()) {
        Path target = out.resolve(baseName + "." + e.getKey().extension());
        try {
          Files.move(e.getValue(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(e.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write to " + out + ": " + e.getMessage(), e);
    }
  }
}
