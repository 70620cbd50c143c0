package io.kstar.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where {@code calibrate LOGS} reads from. The only class of the CLI that names kstar-duckdb: DuckDB's
 * classes (and its native library) load when {@link #duckDb} first runs, never for another command.
 */
final class LogSources {
  private LogSources() {}

  /** The file LOGS names, when it names one existing regular file (not a glob or a directory); else null. */
  static Path single(String logs) {
    // a file that exists is that file, whatever characters its name holds ("eval[v2].csv"); else a glob is one
    try {
      Path p = Path.of(logs);
      if (Files.isRegularFile(p)) {
        return p;
      }
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
    return null;
  }

  /** A JSONL or CSV file, which the JVM reader takes by default (errors by line number, --skip-bad per line). */
  static boolean isRecordFile(Path p) {
    if (p == null) {
      return false;
    }
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return List.of(".jsonl", ".json", ".ndjson", ".csv").stream().anyMatch(n::endsWith);
  }

  static io.kstar.duckdb.DuckDbLogs.Result duckDb(String logs, boolean skipBad) {
    return io.kstar.duckdb.DuckDbLogs.aggregate(io.kstar.duckdb.DuckDbLogs.files(logs), List.of(), skipBad, 0);
  }
}
