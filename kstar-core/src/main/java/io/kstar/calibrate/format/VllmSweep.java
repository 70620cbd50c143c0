package io.kstar.calibrate.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kstar.calibrate.ServingRun;
import io.kstar.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs of a vLLM serving sweep, one per request rate, as vLLM's serving benchmark writes them
 * ({@code benchmarks/benchmark_serving.py} or {@code vllm bench serve}): a file holds one result object
 * ({@code --save-result}), or many, one per line ({@code --append-result}, JSON Lines; blank lines are
 * skipped); several files may be given. Each object is read for its summary only, with or without the
 * per-request arrays of {@code --save-detailed}: {@code request_rate} (a number, or {@code "inf"}),
 * {@code request_throughput}, {@code completed} and {@code num_prompts} (or {@code failed}),
 * {@code total_input_tokens}, {@code total_output_tokens}, {@code mean_ttft_ms} and {@code mean_tpot_ms}
 * (and {@code p99_ttft_ms}, {@code p99_tpot_ms} when there). Python's {@code NaN} and {@code Infinity}
 * tokens are accepted, as {@code json.dump} writes them.
 */
public final class VllmSweep {
  private VllmSweep() {}

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /** Every run of every file, in file order; {@code flag} names the option in errors. */
  public static List<ServingRun> read(List<Path> files, String flag) {
    List<ServingRun> out = new ArrayList<>();
    for (Path f : files) {
      out.addAll(read(f, flag));
    }
    return out;
  }

  static List<ServingRun> read(Path file, String flag) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw InvalidInputException.of(flag, file, "must be a readable file (a vLLM serving benchmark result, JSON or"
          + " JSON Lines)");
    }
    List<ServingRun> out = new ArrayList<>();
    String name = file.getFileName().toString();
    try (JsonParser p = JSON.createParser(file.toFile());
        MappingIterator<JsonNode> it = JSON.readValues(p, JsonNode.class)) {
      List<Integer> lines = new ArrayList<>();
      List<JsonNode> nodes = new ArrayList<>();
      while (it.hasNextValue()) {
        lines.add(p.currentTokenLocation().getLineNr());
        nodes.add(it.nextValue());
      }
      // one result per file is named by the file; several (JSON Lines) by the line each starts on
      for (int i = 0; i < nodes.size(); i++) {
        out.add(run(nodes.size() > 1 ? name + " line " + lines.get(i) : name, nodes.get(i)));
      }
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new InvalidInputException(file.toString(), "(document)", null, "is not a vLLM serving benchmark result"
          + " (JSON or JSON Lines)" + (loc == null ? "" : " at line " + loc.getLineNr()) + ": "
          + (e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip().lines().findFirst().orElse("")));
    } catch (IOException e) {
      throw InvalidInputException.of(flag, file, "could not be read: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw InvalidInputException.of(flag, file, "holds no result: a vLLM serving benchmark result is required");
    }
    return out;
  }

  private static ServingRun run(String where, JsonNode n) {
    if (!n.isObject()) {
      throw new InvalidInputException(where, "(document)", n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT),
          "must be the JSON object vLLM's serving benchmark saves");
    }
    JsonNode rate = n.get("request_rate");
    double offered;
    if (rate != null && rate.isTextual() && rate.textValue().equals("inf")) {
      offered = Double.POSITIVE_INFINITY;
    } else if (rate != null && rate.isNumber() && (rate.doubleValue() > 0)) {
      offered = rate.doubleValue();
    } else {
      throw new InvalidInputException(where, "request_rate", rate == null ? null : rate.toString(),
          "must be a positive number or \"inf\" (requests per second offered)"
              + (rate == null ? ": it is missing (is it a vLLM serving benchmark result?)" : ""));
    }
    int completed = integer(where, n, "completed");
    Integer prompts = n.path("num_prompts").isIntegralNumber() ? n.get("num_prompts").intValue() : null;
    Integer failed = n.path("failed").isIntegralNumber() ? n.get("failed").intValue() : null;
    double achieved = number(where, n, "request_throughput", true);
    double in = number(where, n, "total_input_tokens", false);
    double out = number(where, n, "total_output_tokens", false);
    double ttft = number(where, n, "mean_ttft_ms", true) / 1000;
    double tpot = number(where, n, "mean_tpot_ms", true) / 1000;
    double p99Ttft = n.path("p99_ttft_ms").isNumber() ? n.get("p99_ttft_ms").doubleValue() / 1000 : Double.NaN;
    double p99Tpot = n.path("p99_tpot_ms").isNumber() ? n.get("p99_tpot_ms").doubleValue() / 1000 : Double.NaN;
    boolean complete = failed != null ? failed == 0 : prompts == null || completed >= prompts;
    if (completed < 1) {
      throw new InvalidInputException(where, "completed", Integer.toString(completed),
          "must be at least 1: a run with no completed request measures nothing");
    }
    return new ServingRun(where, n.path("model_id").asText(""), offered, achieved, completed,
        prompts == null ? (failed == null ? completed : completed + failed) : prompts, complete,
        in / completed, out / completed, ttft, tpot, p99Ttft, p99Tpot);
  }

  private static int integer(String where, JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
      throw new InvalidInputException(where, key, v == null ? null : v.toString(), "must be an integer >= 0"
          + (v == null ? " (is it a vLLM serving benchmark result?)" : ""));
    }
    return v.intValue();
  }

  private static double number(String where, JsonNode n, String key, boolean positive) {
    JsonNode v = n.get(key);
    if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0
        || (positive && v.doubleValue() == 0)) {
      throw new InvalidInputException(where, key, v == null ? null : v.toString(),
          (positive ? "must be a positive finite number" : "must be a finite number >= 0")
              + (v == null ? " (is it a vLLM serving benchmark result?)" : ""));
    }
    return v.doubleValue();
  }
}
