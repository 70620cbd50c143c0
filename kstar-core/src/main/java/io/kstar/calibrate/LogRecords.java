package io.kstar.calibrate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.kstar.input.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Per-sample records of a team's own traffic or evaluation: one per sample, JSONL (one object a line) or
 * CSV (RFC 4180: a header line, then values; quoted fields may hold commas, doubled quotes and line breaks;
 * CR LF or LF; a UTF-8 byte-order mark is skipped). This class states the record semantics once; the
 * DuckDB and Spark readers take their field list and their messages from it (docs/aggregates.md,
 * "Records").
 *
 * <p>Fields ({@link #FIELDS}): {@code question} (id, required); {@code correct} (true/false or 1/0) or
 * {@code score} (in [0, 1]), one of them required; optional {@code model}, {@code input_tokens} and
 * {@code output_tokens} (the lengths are fitted when every record of a model has both), {@code latency_s}
 * (the per-token times, when every record has it and its tokens), {@code cost_usd} (the prices, when every
 * record has it), {@code answer} (majority vote), {@code selected} (the selector) and {@code request_id}
 * (the call a sample came from). A missing value is an absent key, a JSON null or an empty CSV cell. Any
 * other column is ignored and named once ({@link Summary#ignoredColumns()}). A bad record (a value of a
 * known field that is not of its type or out of range, no question, no outcome) is reported as
 * {@code FILE:LINE: field = value: rule}; it is skipped only when the caller asks ({@code --skip-bad}).
 *
 * <p>{@link #stream} reads one record at a time and hands it on: memory does not grow with records.
 */
public final class LogRecords {
  private LogRecords() {}

  /** The fields kstar reads; any other column is ignored. */
  public static final List<String> FIELDS = List.of("question", "model", "input_tokens", "output_tokens", "latency_s",
      "cost_usd", "correct", "score", "answer", "selected", "request_id");

  /** The numeric fields, in the order a record is checked. */
  public static final List<String> NUMBERS = List.of("input_tokens", "output_tokens", "latency_s", "cost_usd", "score");

  /** The true/false fields. */
  public static final List<String> FLAGS = List.of("correct", "selected");

  /** The rules' wording, the same in every reader (the JVM's, DuckDB's SQL, Spark's SQL). */
  public static final String MISSING = "is missing";
  public static final String NOT_A_NUMBER = "must be a number";
  public static final String NOT_FINITE = "must be a finite number >= 0";
  public static final String NOT_A_SCORE = "must be a number in [0, 1]";
  public static final String NOT_A_FLAG = "must be true/false or 1/0";
  public static final String NO_OUTCOME = "is missing: give correct (or score)";

  /**
   * One sample. {@code requestId} names the call the sample came from (samples of one call share its prompt:
   * each carries the call's prompt tokens as {@code inputTokens}); null when each sample is a call of its own.
   * {@code inputTokens}, {@code outputTokens} and {@code latencyS} are NaN when the record does not carry them.
   */
  public record Sample(int line, String question, String model, double inputTokens, double outputTokens,
      double latencyS, Double costUsd, Boolean correct, Double score, String answer, Boolean selected,
      String requestId) {

    public Sample(int line, String question, String model, double inputTokens, double outputTokens, double latencyS,
        Double costUsd, Boolean correct, Double score) {
      this(line, question, model, inputTokens, outputTokens, latencyS, costUsd, correct, score, null, null, null);
    }

    public Sample(int line, String question, String model, double inputTokens, double outputTokens,
        double latencyS, Double costUsd, Boolean correct, Double score, String answer, Boolean selected) {
      this(line, question, model, inputTokens, outputTokens, latencyS, costUsd, correct, score, answer, selected, null);
    }

    /** Whether the record carries both token counts. */
    public boolean hasTokens() {
      return !Double.isNaN(inputTokens) && !Double.isNaN(outputTokens);
    }

    /** Whether the record carries its latency. */
    public boolean hasLatency() {
      return !Double.isNaN(latencyS);
    }
  }

  /**
   * What a read saw: the records handed on, the bad ones skipped (how many, and the first one's problem), and
   * the columns that are not kstar's (sorted).
   */
  public record Summary(long records, long skipped, InvalidInputException firstSkipped, List<String> ignoredColumns) {}

  /** The records read, the problems of the records that were skipped, and the columns ignored. */
  public record Read(List<Sample> samples, List<InvalidInputException> skipped, List<String> ignoredColumns) {
    public Read(List<Sample> samples, List<InvalidInputException> skipped) {
      this(samples, skipped, List.of());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CsvMapper CSV = new CsvMapper();
  /** What TRY_CAST reads as a number that is not finite (DuckDB's and Spark's readers call it one). */
  private static final Pattern NOT_FINITE_NUMBER = Pattern.compile("[+-]?(?i:nan|inf|infinity)");

  /** Reads every record into a list (for a replay, which needs them in their order, and for tests). */
  public static Read read(Path file, boolean skipBad) {
    List<Sample> out = new ArrayList<>();
    List<InvalidInputException> bad = new ArrayList<>();
    Summary s = stream(file, skipBad, out::add, bad::add);
    return new Read(out, bad, s.ignoredColumns());
  }

  /**
   * Reads the records one at a time and hands each good one to {@code sink}: memory does not grow with the
   * records. A bad record stops the read with its problem and the number of bad records in the file, unless
   * {@code skipBad}. A file with no good record is refused.
   */
  public static Summary stream(Path file, boolean skipBad, Consumer<Sample> sink) {
    return stream(file, skipBad, sink, e -> { });
  }

  private static Summary stream(Path file, boolean skipBad, Consumer<Sample> sink,
      Consumer<InvalidInputException> onSkip) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw InvalidInputException.of("LOGS", file, "must be a readable file");
    }
    Scan scan = new Scan(file, skipBad, sink, onSkip);
    scan.run();
    if (scan.first != null && !skipBad) {
      throw new InvalidInputException(scan.first.source().orElse(null), scan.first.field(),
          scan.first.value().orElse(null), scan.first.allowed() + " (" + scan.bad + " bad record"
              + (scan.bad == 1 ? "" : "s") + "; pass --skip-bad to skip them)");
    }
    if (scan.good == 0) {
      throw InvalidInputException.of("LOGS", file, "holds no usable record" + (scan.first == null ? ""
          : " (" + scan.bad + " bad record" + (scan.bad == 1 ? "" : "s") + " skipped, the first: "
              + scan.first.getMessage() + ")"));
    }
    return new Summary(scan.good, scan.bad, scan.first, List.copyOf(scan.ignored));
  }

  /**
   * The first bad record of {@code file} by the rules above, as the JVM reader reports it (file:line, field,
   * value), or null when every record is good: how DuckDB's reader names the line of a bad record it counted.
   */
  public static InvalidInputException firstBad(Path file) {
    Scan scan = new Scan(file, true, s -> { }, e -> { });
    scan.stopAtFirst = true;
    scan.run();
    return scan.first;
  }

  /** One pass over a file. */
  private static final class Scan {
    final Path file;
    final boolean skipBad;
    final Consumer<Sample> sink;
    final Consumer<InvalidInputException> onSkip;
    final TreeSet<String> ignored = new TreeSet<>();
    boolean stopAtFirst;
    long good;
    long bad;
    InvalidInputException first;

    Scan(Path file, boolean skipBad, Consumer<Sample> sink, Consumer<InvalidInputException> onSkip) {
      this.file = file;
      this.skipBad = skipBad;
      this.sink = sink;
      this.onSkip = onSkip;
    }

    void run() {
      boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
      try (InputStream raw = Files.newInputStream(file)) {
        InputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
          throw InvalidInputException.of("LOGS", file, "is UTF-16 text: save it as UTF-8");
        }
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        if (csv) {
          csv(reader);
        } else {
          jsonLines(new BufferedReader(reader, 1 << 16));
        }
      } catch (CharacterCodingException e) {
        throw InvalidInputException.of("LOGS", file, "is not UTF-8 text: save it as UTF-8");
      } catch (IOException e) {
        throw InvalidInputException.of("LOGS", file, "could not be read: " + e.getMessage());
      }
    }

    /** Whether to go on after a record. */
    boolean take(String source, int line, Map<String, String> fields) {
      try {
        Sample s = sample(source, line, fields);
        if (!stopAtFirst) {
          sink.accept(s);
        }
        good++;
        return true;
      } catch (InvalidInputException e) {
        bad++;
        if (first == null) {
          first = e;
        }
        if (skipBad) {
          onSkip.accept(e);
        }
        return !stopAtFirst;
      }
    }

    void jsonLines(BufferedReader in) throws IOException {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (n == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        String source = file + ":" + n;
        Map<String, String> fields = new HashMap<>();
        InvalidInputException problem = null;
        // streamed token by token (no tree): a field kstar does not read is skipped, not built
        try (JsonParser p = JSON.createParser(line)) {
          if (p.nextToken() != JsonToken.START_OBJECT) {
            problem = new InvalidInputException(source, "(record)", null, "is not a JSON object: one object a line");
          } else {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String key = p.currentName();
              JsonToken t = p.nextToken();
              if (!FIELDS.contains(key)) {
                ignored.add(key);
                p.skipChildren();
              } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                fields.put(key, p.readValueAsTree().toString());
              } else if (t != JsonToken.VALUE_NULL) {
                fields.put(key, p.getText());
              }
            }
            if (p.nextToken() != null) {
              problem = new InvalidInputException(source, "(record)", null, "is not a JSON object: one object a line");
            }
          }
        } catch (JsonProcessingException e) {
          problem = new InvalidInputException(source, "(record)", null, notJson(line, e.getLocation()));
        }
        if (problem != null) {
          if (!reject(problem)) {
            return;
          }
          continue;
        }
        if (!take(source, n, fields)) {
          return;
        }
      }
    }

    boolean reject(InvalidInputException problem) {
      bad++;
      if (first == null) {
        first = problem;
      }
      if (skipBad) {
        onSkip.accept(problem);
      }
      return !stopAtFirst;
    }

    void csv(Reader reader) throws IOException {
      // empty lines are skipped here, not by the parser: its SKIP_EMPTY_LINES also drops a line's leading spaces
      try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
          .readValues(reader)) {
        String[] header = null;
        while (true) {
          String[] v;
          int line;
          try {
            if (!it.hasNextValue()) {
              break;
            }
            line = it.getCurrentLocation() == null ? 0 : it.getCurrentLocation().getLineNr();
            v = it.nextValue();
          } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidInputException(file + (at == null ? "" : ":" + at.getLineNr()), "(record)", null,
                "is not valid CSV: " + e.getOriginalMessage());
          }
          if (v.length == 0 || (v.length == 1 && v[0].isEmpty())) {
            continue; // an empty line
          }
          if (header == null) {
            header = v;
            if (header.length > 0 && header[0].startsWith("\uFEFF")) {
              header[0] = header[0].substring(1);
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < header.length; i++) {
              header[i] = header[i].strip();
              if (!seen.add(header[i])) {
                throw new InvalidInputException(file + ":" + line, header[i], null, "is a column twice in the header:"
                    + " every column once");
              }
              if (!FIELDS.contains(header[i])) {
                ignored.add(header[i]);
              }
            }
            // a header without the columns every record needs is refused once, not as every record's problem
            List<String> columns = List.of(header);
            if (!columns.contains("question")) {
              throw new InvalidInputException(file + ":" + line, "question", null, "is missing: the logs have no such"
                  + " column (they have " + new java.util.TreeSet<>(columns) + ")");
            }
            if (!columns.contains("correct") && !columns.contains("score")) {
              throw new InvalidInputException(file + ":" + line, "correct", null, NO_OUTCOME + " (the logs have "
                  + new java.util.TreeSet<>(columns) + ")");
            }
            continue;
          }
          String source = file + ":" + line;
          if (v.length != header.length) {
            if (!reject(new InvalidInputException(source, "(record)", null, "has " + v.length + " values for "
                + header.length + " columns"))) {
              return;
            }
            continue;
          }
          Map<String, String> fields = new HashMap<>();
          // a value is kept as written (spaces too, as DuckDB and JSON keep them); an empty cell is no value
          for (int i = 0; i < v.length; i++) {
            if (!v[i].isEmpty() && FIELDS.contains(header[i])) {
              fields.put(header[i], v[i]);
            }
          }
          if (!take(source, line, fields)) {
            return;
          }
        }
      }
    }
  }

  /** Digits with at most one point and an optional sign and exponent: a finite decimal. */
  static boolean plainDecimal(String t) {
    int i = 0;
    int n = t.length();
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    boolean point = false;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      for (; i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9'; i++) {
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** A line that is not JSON, in kstar's words. */
  private static String notJson(String line, JsonLocation at) {
    String where = at == null ? "" : " (column " + at.getColumnNr() + ")";
    if (Pattern.compile("(?<![\"\\w])-?(NaN|Infinity)(?![\"\\w])").matcher(line).find()) {
      return "is not valid JSON" + where + ": NaN and Infinity are not JSON numbers (write null, or leave the field out)";
    }
    return "is not valid JSON" + where;
  }

  private static Sample sample(String source, int line, Map<String, String> f) {
    String q = f.get("question");
    if (q == null || q.isBlank()) {
      throw new InvalidInputException(source, "question", null, MISSING);
    }
    String model = f.getOrDefault("model", "model");
    double in = number(source, f, "input_tokens");
    double out = number(source, f, "output_tokens");
    double lat = number(source, f, "latency_s");
    double cost = number(source, f, "cost_usd");
    Boolean correct = flag(source, f, "correct");
    double score = number(source, f, "score");
    if (score > 1) {
      throw new InvalidInputException(source, "score", f.get("score"), NOT_A_SCORE);
    }
    if (correct == null && Double.isNaN(score)) {
      throw new InvalidInputException(source, "correct", null, NO_OUTCOME);
    }
    Boolean selected = flag(source, f, "selected");
    return new Sample(line, q, model, in, out, lat, Double.isNaN(cost) ? null : cost, correct,
        Double.isNaN(score) ? null : score, f.get("answer"), selected, f.get("request_id"));
  }

  /** true/false or 1/0; null when absent. */
  private static Boolean flag(String source, Map<String, String> f, String key) {
    String v = f.get(key);
    if (v == null) {
      return null;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "1.0" -> Boolean.TRUE;
      case "false", "0", "0.0" -> Boolean.FALSE;
      default -> throw new InvalidInputException(source, key, v, NOT_A_FLAG);
    };
  }

  /** A finite number >= 0; NaN when absent. */
  private static double number(String source, Map<String, String> f, String key) {
    String v = f.get(key);
    if (v == null) {
      return Double.NaN;
    }
    String t = v.strip();
    double d;
    if (plainDecimal(t)) {
      d = Double.parseDouble(t);
    } else if (NOT_FINITE_NUMBER.matcher(t).matches()) {
      d = Double.NaN; // nan, inf or infinity, in any case and sign: a number, not a finite one
    } else {
      throw new InvalidInputException(source, key, v, NOT_A_NUMBER);
    }
    if (!Double.isFinite(d) || d < 0) {
      throw new InvalidInputException(source, key, v, NOT_FINITE);
    }
    return d;
  }
}
