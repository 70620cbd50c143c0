package io.kstar.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.input.Check;
import io.kstar.input.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-sample records of a team's own traffic or evaluation: one line per sample, JSONL (one object a
 * line) or CSV (a header line, then values). Fields: {@code question} (id), {@code model},
 * {@code input_tokens}, {@code output_tokens}, {@code latency_s}, optional {@code cost_usd}, and
 * {@code correct} (true/false or 1/0) or {@code score} (in [0, 1]); optional {@code answer} (the sample's
 * final answer, for majority vote), {@code selected} (whether the selector picked this sample) and
 * {@code request_id} (the call a sample came from, when one call returned several samples). A bad
 * or partial record is
 * reported by its line number; it is skipped only when the caller asks ({@code --skip-bad}).
 */
public final class LogRecords {
  private LogRecords() {}

  /**
   * One sample. {@code requestId} names the call the sample came from (samples of one call share its prompt:
   * each carries the call's prompt tokens as {@code inputTokens}); null when each sample is a call of its own.
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
  }

  /** The records read, and the problems of the lines that were skipped. */
  public record Read(List<Sample> samples, List<InvalidInputException> skipped) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static Read read(Path file, boolean skipBad) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw InvalidInputException.of("LOGS", file, "must be a readable file");
    }
    boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    List<Sample> out = new ArrayList<>();
    List<InvalidInputException> bad = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      String[] header = null;
      while ((line = in.readLine()) != null) {
        n++;
        // spreadsheets start a file with a byte-order mark and end lines with CR LF: both are accepted
        if (n == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.endsWith("\r")) {
          line = line.substring(0, line.length() - 1);
        }
        if (line.isBlank()) {
          continue;
        }
        String source = file + ":" + n;
        try {
          Map<String, String> fields;
          if (csv) {
            if (header == null) {
              header = line.strip().split(",", -1);
              continue;
            }
            String[] v = line.split(",", -1);
            if (v.length != header.length) {
              throw new InvalidInputException(source, "(record)", null,
                  "has " + v.length + " values for " + header.length + " columns");
            }
            fields = new LinkedHashMap<>();
            for (int i = 0; i < v.length; i++) {
              if (!v[i].isBlank()) {
                fields.put(header[i].strip(), v[i].strip());
              }
            }
          } else {
            JsonNode node;
            try {
              node = JSON.readTree(line);
            } catch (IOException e) {
              throw new InvalidInputException(source, "(record)", null, "is not a JSON object");
            }
            if (node == null || !node.isObject()) {
              throw new InvalidInputException(source, "(record)", null, "is not a JSON object");
            }
            fields = new LinkedHashMap<>();
            for (var it = node.fields(); it.hasNext(); ) {
              var e = it.next();
              if (!e.getValue().isNull()) {
                fields.put(e.getKey(), e.getValue().asText());
              }
            }
          }
          out.add(sample(source, n, fields));
        } catch (InvalidInputException e) {
          if (!skipBad) {
            throw new InvalidInputException(e.source().orElse(source), e.field(), e.value().orElse(null),
                e.allowed() + " (pass --skip-bad to skip bad records)");
          }
          bad.add(e);
        }
      }
    } catch (IOException e) {
      throw InvalidInputException.of("LOGS", file, "could not be read: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw InvalidInputException.of("LOGS", file, "holds no usable record");
    }
    return new Read(out, bad);
  }

  private static Sample sample(String source, int line, Map<String, String> f) {
    for (String key : f.keySet()) {
      if (!List.of("question", "model", "input_tokens", "output_tokens", "latency_s", "cost_usd", "correct", "score",
          "answer", "selected", "request_id").contains(key)) {
        throw new InvalidInputException(source, key, f.get(key), "is not a known field; allowed: question, model, "
            + "input_tokens, output_tokens, latency_s, cost_usd, correct, score, answer, selected, request_id");
      }
    }
    String q = required(source, f, "question");
    String model = f.getOrDefault("model", "model");
    double in = number(source, f, "input_tokens", true, 0);
    double out = number(source, f, "output_tokens", true, 0);
    double lat = number(source, f, "latency_s", true, 0);
    Double cost = f.containsKey("cost_usd") ? number(source, f, "cost_usd", true, 0) : null;
    Boolean correct = flag(source, f, "correct");
    Double score = null;
    if (f.containsKey("score")) {
      score = number(source, f, "score", true, 0);
      if (score > 1) {
        throw new InvalidInputException(source, "score", f.get("score"), "must be a number in [0, 1]");
      }
    }
    if (correct == null && score == null) {
      throw new InvalidInputException(source, "correct", null, "is missing: give correct (or score)");
    }
    Boolean selected = flag(source, f, "selected");
    return new Sample(line, q, model, in, out, lat, cost, correct, score, f.get("answer"), selected,
        f.get("request_id"));
  }

  /** true/false or 1/0; null when absent. */
  private static Boolean flag(String source, Map<String, String> f, String key) {
    if (!f.containsKey(key)) {
      return null;
    }
    return switch (f.get(key).toLowerCase(Locale.ROOT)) {
      case "true", "1", "1.0" -> Boolean.TRUE;
      case "false", "0", "0.0" -> Boolean.FALSE;
      default -> throw new InvalidInputException(source, key, f.get(key), "must be true/false or 1/0");
    };
  }

  private static String required(String source, Map<String, String> f, String key) {
    String v = f.get(key);
    if (v == null || v.isBlank()) {
      throw new InvalidInputException(source, key, null, "is missing");
    }
    return v;
  }

  private static double number(String source, Map<String, String> f, String key, boolean required, double min) {
    String v = f.get(key);
    if (v == null) {
      throw new InvalidInputException(source, key, null, "is missing: a number is required");
    }
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(source, key, v, "must be a number");
    }
    if (!Double.isFinite(d) || d < min) {
      throw new InvalidInputException(source, key, v, "must be a finite number >= " + Check.fmt(min));
    }
    return d;
  }
}
