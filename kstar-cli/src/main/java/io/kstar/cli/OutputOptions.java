package io.kstar.cli;

import io.kstar.chart.ChartFile;
import io.kstar.chart.HtmlReport;
import io.kstar.input.InvalidInputException;
import io.kstar.report.Format;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --format} and {@code --out}. With {@code --out DIR} the whole set (NAME.txt, .json, .csv,
 * .md, and with charts NAME.html and each chart's .png and .svg) is written to temporary files in DIR
 * first and moved into place only when every one is written; a failure removes the temporary files
 * and leaves DIR as it was, never part of a set. Names (a model id, a scenario) are made safe as file
 * names, and a changed name is shown on stderr.
 */
final class OutputOptions {

  @Option(names = "--format", paramLabel = "table|json|csv|markdown", defaultValue = "table",
      description = "What stdout shows. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write every format to DIR (one txt, json, csv and md file each), all or none.")
  Path out;

  /** One file of an output set: its name in the directory and how to make its bytes. */
  private record Item(String file, Supplier<byte[]> bytes) {}

  Format format() {
    return Format.parse("--format", format);
  }

  void emit(PrintWriter stdout, PrintWriter stderr, String baseName, Function<Format, String> render) {
    emit(stdout, stderr, baseName, render, null);
  }

  /**
   * Prints the chosen format; with {@code --out} also writes every format and, when {@code extras}
   * is given, NAME.html (self-contained) and the charts as PNG and SVG, as one set.
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
      String base = ChartFile.safeName(baseName);
      Map<String, String> renamed = new LinkedHashMap<>();
      if (!base.equals(baseName)) {
        renamed.put(baseName, base);
      }
      List<Item> items = new ArrayList<>();
      for (Format f : Format.values()) {
        items.add(new Item(base + "." + f.extension(), () -> rendered.get(f).getBytes(StandardCharsets.UTF_8)));
      }
      if (bundle != null) {
        items.add(new Item(base + ".html", () -> bundle.html().getBytes(StandardCharsets.UTF_8)));
        List<String> names = ChartFile.fileNames(bundle.charts());
        for (int i = 0; i < names.size(); i++) {
          ChartFile c = bundle.charts().get(i);
          String name = names.get(i);
          if (!name.equals(c.name())) {
            renamed.put(c.name(), name);
          }
          items.add(new Item(name + ".png", c::png));
          items.add(new Item(name + ".svg", () -> c.svg().getBytes(StandardCharsets.UTF_8)));
        }
      }
      renamed.forEach((from, to) -> stderr.println("kstar: --out: '" + from + "' is written as '" + to
          + "' (file names keep only A-Z a-z 0-9 . _ -)"));
      stderr.flush();
      writeSet(items);
      if (bundle != null) {
        stderr.println("kstar: wrote " + out.resolve(base) + ".{txt,json,csv,md,html} and "
            + bundle.charts().size() + " charts (.png, .svg)");
      } else {
        stderr.println("kstar: wrote " + out.resolve(base) + ".{txt,json,csv,md}");
      }
    }
    String text = rendered.containsKey(chosen) ? rendered.get(chosen) : render.apply(chosen);
    stdout.print(text);
    stdout.flush();
  }

  /** The {@code --out} directory, created if missing; anything else is invalid input. */
  private Path directory() {
    if (out.toString().isBlank()) {
      throw InvalidInputException.of("--out", "''", "must name a directory (an empty path would write into the"
          + " current directory; give . for that)");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw InvalidInputException.of("--out", out, "must be a directory (it is "
          + (Files.isRegularFile(out) ? "a file" : "not a directory") + ")");
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw InvalidInputException.of("--out", out, "must be a directory that can be created: " + reason(e));
    }
    if (!Files.isDirectory(out) || !Files.isWritable(out)) {
      throw InvalidInputException.of("--out", out, "must be a writable directory");
    }
    return out;
  }

  /** Refuses a target that a file cannot replace: a directory, or anything but a file or a link. */
  private static void checkReplaceable(Path target) {
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw InvalidInputException.of("--out", target, "is a directory where the file " + target.getFileName()
          + " goes: move it away or choose another --out (nothing was written)");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
        && !Files.isSymbolicLink(target)) {
      throw InvalidInputException.of("--out", target, "is not a regular file and cannot be replaced by "
          + target.getFileName() + ": move it away or choose another --out (nothing was written)");
    }
  }

  /**
   * Writes the set: every file to a temporary file in the directory, then, only when all are written,
   * each moved over its name. If a move fails the ones already moved are undone (the files they
   * replaced are restored); every temporary file is removed whatever happens.
   */
  private void writeSet(List<Item> items) {
    Path dir = directory();
    removeStale(dir);
    Map<Path, Item> targets = new LinkedHashMap<>();
    for (Item item : items) {
      Path target = dir.resolve(item.file());
      checkReplaceable(target);
      targets.put(target, item);
    }
    Map<Path, Path> temps = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    // an interrupt (SIGINT, SIGTERM) while the set is written leaves none of its temporary files behind
    Thread cleanup = new Thread(() -> {
      synchronized (temps) {
        temps.values().forEach(OutputOptions::deleteQuietly);
      }
    }, "kstar-out-cleanup");
    boolean hooked = addHook(cleanup);
    try {
      for (Map.Entry<Path, Item> e : targets.entrySet()) {
        Path tmp = Files.createTempFile(dir, ".kstar-", ".tmp");
        temps.put(e.getKey(), tmp);
        Files.write(tmp, e.getValue().bytes().get());
        ChartFile.readable(tmp);
      }
      targets.keySet().forEach(OutputOptions::checkReplaceable);
      commit(dir, temps);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write to " + dir + ": " + reason(e) + " (nothing was written)", e);
    } finally {
      temps.values().forEach(OutputOptions::deleteQuietly);
      if (hooked) {
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or has run: it deletes the same files
        }
      }
    }
  }

  private static boolean addHook(Thread hook) {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException shuttingDown) {
      return false;
    }
  }

  /** Temporary files older than this are left over from a run that was killed (SIGKILL, a crash, power). */
  static final java.time.Duration STALE = java.time.Duration.ofMinutes(10);

  /**
   * Removes the temporary files ({@code .kstar-*.tmp}) a killed run left in {@code dir}: those older than
   * {@link #STALE}, so a run writing into the same directory at the same time keeps its own.
   */
  static void removeStale(Path dir) {
    java.time.Instant before = java.time.Instant.now().minus(STALE);
    try (var files = Files.newDirectoryStream(dir, ".kstar-*.tmp")) {
      for (Path f : files) {
        try {
          if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
              && Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
            Files.deleteIfExists(f);
          }
        } catch (IOException ignored) {
          // not ours to worry about: the set is still written
        }
      }
    } catch (IOException ignored) {
      // an unreadable directory fails below, with its reason
    }
  }

  /** Moves each temporary file over its target; on a failure restores every target moved so far. */
  private static void commit(Path dir, Map<Path, Path> temps) throws IOException {
    Map<Path, Path> backups = new LinkedHashMap<>();
    List<Path> moved = new ArrayList<>();
    Path current = null;
    try {
      for (Path target : temps.keySet()) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          backups.put(target, backup(dir, target));
        }
      }
      for (Map.Entry<Path, Path> e : temps.entrySet()) {
        current = e.getKey();
        moveIntoPlace(e.getValue(), e.getKey());
        moved.add(e.getKey());
      }
    } catch (IOException | RuntimeException e) {
      for (int i = moved.size() - 1; i >= 0; i--) {
        Path target = moved.get(i);
        Path backup = backups.get(target);
        try {
          if (backup != null) {
            moveIntoPlace(backup, target);
          } else {
            Files.deleteIfExists(target);
          }
        } catch (IOException ignored) {
          // best effort: the message below still says what failed
        }
      }
      if (current != null) {
        checkReplaceable(current);
      }
      throw e;
    } finally {
      backups.values().forEach(OutputOptions::deleteQuietly);
    }
  }

  /** A copy of {@code target} beside it (a hard link where possible), to restore it if the set fails. */
  private static Path backup(Path dir, Path target) throws IOException {
    Path backup = dir.resolve(".kstar-" + UUID.randomUUID() + ".bak.tmp");
    try {
      Files.createLink(backup, target);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      Files.deleteIfExists(backup);
      Files.copy(target, backup, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
    }
    return backup;
  }

  /** Moves {@code from} over {@code to} atomically where the file system can, else replacing it. */
  static void moveIntoPlace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Writes {@code text} to the file a flag names, whole or not at all (a temporary file beside it, moved into
   * place). The file's directory must exist: kstar does not create directories for a file flag (a mistyped path
   * would silently make them), and says which part of the path is missing or is a file. The file is left
   * readable by all (rw-r--r--), as a file written in place would be.
   */
  static void writeFile(Path write, String flag, String text) {
    Path abs = write.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      throw InvalidInputException.of(flag, write, "must be a file to write to, not a directory");
    }
    if (Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(abs)
        && !Files.isSymbolicLink(abs)) {
      throw InvalidInputException.of(flag, write, "must be a file to write to (it is not a regular file)");
    }
    Path dir = abs.getParent();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw InvalidInputException.of(flag, write, p + " is a file, not a directory");
      }
    }
    if (!Files.isDirectory(dir)) {
      throw InvalidInputException.of(flag, write, "its directory " + dir + " does not exist (kstar does not create"
          + " directories for " + flag + ")");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, ".kstar-write-", ".tmp");
      Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8);
      ChartFile.readable(tmp);
      moveIntoPlace(tmp, abs);
      tmp = null;
    } catch (IOException e) {
      throw InvalidInputException.of(flag, write, "could not be written: " + reason(e));
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temporary file is not worth hiding the real error for
    }
  }

  /** What went wrong with a file, in words: the file and the reason, never an exception's class name. */
  static String reason(IOException e) {
    if (e instanceof FileSystemException f) {
      String why = f.getReason();
      if (why == null) {
        why = e instanceof NoSuchFileException ? "no such file or directory"
            : e instanceof FileAlreadyExistsException ? "already exists"
            : e instanceof AccessDeniedException ? "permission denied"
            : e instanceof NotDirectoryException ? "not a directory"
            : e instanceof DirectoryNotEmptyException ? "is a directory that is not empty"
            : "cannot be written";
      }
      String file = f.getFile();
      String other = f.getOtherFile();
      return (file == null ? "" : file + (other == null ? "" : " -> " + other) + ": ") + why;
    }
    return e.getMessage() == null ? "input/output error" : e.getMessage();
  }
}
