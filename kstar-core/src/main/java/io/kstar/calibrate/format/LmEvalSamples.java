package io.kstar.calibrate.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.calibrate.LogRecords;
import io.kstar.input.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-sample log of EleutherAI's lm-evaluation-harness ({@code lm_eval --log_samples}, the file
 * {@code samples_TASK_DATE.jsonl}): one line per document (and per filter, in versions that write a
 * {@code filter} key) with {@code doc_id}, {@code target}, {@code resps} (per request, the generations) and
 * {@code filtered_resps} (per request, the answers the task's filter extracted), and the task's metrics
 * ({@code exact_match}, {@code acc}, …).
 *
 * <p>A task with {@code repeats: N} keeps N answers per document in {@code filtered_resps[0]} (when its
 * filter does not reduce them to one, as {@code take_first} or {@code majority_vote} do): each becomes a
 * sample, right when its answer equals the target (both trimmed), with its answer recorded, so that
 * pass@k and majority vote can be fitted. A document with one answer becomes one sample, right when the
 * task's {@code exact_match} (else {@code acc}) metric is at least 0.5. When the file holds several
 * filters, the one that keeps the most answers per document is read (ties: the first in the file).
 *
 * <p>The log has no token counts or times: the samples carry 0 for them, and lengths and latency come
 * from elsewhere ({@code --serving}, {@code --usage}).
 */
public final class LmEvalSamples {
  private LmEvalSamples() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether the file's first record looks like lm-eval's: an object with doc_id and resps or filtered_resps. */
  public static boolean looksLike(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode o = JSON.readTree(line);
          return o != null && o.isObject() && o.has("doc_id") && (o.has("filtered_resps") || o.has("resps"));
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  /** The samples of the file, for model {@code model}. */
  public static List<LogRecords.Sample> read(Path file, String model) {
    Map<String, List<JsonNode>> byFilter = new LinkedHashMap<>();
    Map<JsonNode, Integer> lineOf = new java.util.IdentityHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode o;
        try {
          o = JSON.readTree(line);
        } catch (IOException e) {
          throw new InvalidInputException(file + ":" + n, "(record)", null, "is not a JSON object");
        }
        if (o == null || !o.isObject() || !o.has("doc_id")) {
          throw new InvalidInputException(file + ":" + n, "doc_id", null, "is missing: every lm-eval sample has one");
        }
        byFilter.computeIfAbsent(o.path("filter").asText("none"), f -> new ArrayList<>()).add(o);
        lineOf.put(o, n);
      }
    } catch (IOException e) {
      throw InvalidInputException.of("LOGS", file, "could not be read: " + e.getMessage());
    }
    if (byFilter.isEmpty()) {
      throw InvalidInputException.of("LOGS", file, "holds no lm-eval sample");
    }
    List<JsonNode> chosen = null;
    double most = -1;
    for (List<JsonNode> docs : byFilter.values()) {
      double answers = docs.stream().mapToInt(o -> answers(o).size()).average().orElse(0);
      if (answers > most) {
        most = answers;
        chosen = docs;
      }
    }
    List<LogRecords.Sample> out = new ArrayList<>();
    for (JsonNode o : chosen) {
      int line = lineOf.get(o);
      String source = file + ":" + line;
      String question = "doc" + o.get("doc_id").asText();
      List<JsonNode> answers = answers(o);
      if (answers.isEmpty()) {
        throw new InvalidInputException(source, "filtered_resps", null, "is empty: no answer to score");
      }
      if (answers.size() == 1) {
        JsonNode metric = o.has("exact_match") ? o.get("exact_match") : o.get("acc");
        boolean right;
        if (metric != null && metric.isNumber()) {
          right = metric.doubleValue() >= 0.5;
        } else if (metric != null && metric.isBoolean()) {
          right = metric.booleanValue();
        } else {
          right = matches(answers.get(0), o.get("target"));
        }
        out.add(sample(line, question, model, right, answers.get(0)));
      } else {
        JsonNode target = o.get("target");
        if (target == null || target.isNull()) {
          throw new InvalidInputException(source, "target", null, "is missing: answers are scored against it");
        }
        for (JsonNode a : answers) {
          out.add(sample(line, question, model, matches(a, target), a));
        }
      }
    }
    return out;
  }

  /** The answers of a document: filtered_resps[0] when it is a list (repeats), else the filtered_resps list. */
  static List<JsonNode> answers(JsonNode o) {
    JsonNode f = o.path("filtered_resps");
    List<JsonNode> out = new ArrayList<>();
    if (f.isArray() && f.size() == 1 && f.get(0).isArray()) {
      f.get(0).forEach(out::add);
    } else if (f.isArray()) {
      f.forEach(out::add);
    } else if (!f.isMissingNode() && !f.isNull()) {
      out.add(f);
    }
    return out;
  }

  static boolean matches(JsonNode answer, JsonNode target) {
    return target != null && text(answer).equals(text(target));
  }

  private static String text(JsonNode v) {
    return (v.isTextual() ? v.asText() : v.toString()).strip();
  }

  private static LogRecords.Sample sample(int line, String question, String model, boolean right, JsonNode answer) {
    return new LogRecords.Sample(line, question, model, Double.NaN, Double.NaN, Double.NaN, null, right, null,
        text(answer), null);
  }
}
