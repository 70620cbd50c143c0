package io.kstar.calibrate.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.catalog.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The result JSON of vLLM's serving benchmark ({@code benchmarks/benchmark_serving.py --save-result}, or
 * {@code vllm bench serve --save-result}): per request {@code input_lens}, {@code output_lens}, {@code ttfts}
 * (s), {@code itls} (the gaps between output tokens, s) and {@code errors}, beside summaries such as
 * {@code mean_tpot_ms} and the {@code model_id}.
 *
 * <p>Fit: lengths lognormal with the observed mean and sd; the {@code ttft-decode} latency model with
 * TTFT the mean of {@code ttfts} and t_out the total decode time over the tokens decoded after the first,
 * Σ_i Σ itls_i / Σ_i |itls_i| (the token-weighted mean time per output token); without {@code itls},
 * {@code mean_tpot_ms}. A request with an error, or no output, is left out.
 */
public final class VllmBenchmark {
  private VllmBenchmark() {}

  /** True when the file is one detailed result (per-request {@code input_lens}), as {@link #read} needs. */
  public static boolean detailed(Path file) {
    try {
      JsonNode root = YamlDocument.read(file, "serving").root();
      return root.isObject() && root.has("input_lens");
    } catch (io.kstar.input.InvalidInputException e) {
      return false; // several JSON Lines objects, or not JSON: the sweep reader says what is wrong
    }
  }

  public static ServingFit read(Path file) {
    YamlDocument doc = YamlDocument.read(file, "serving");
    JsonNode root = doc.root();
    if (!root.isObject()) {
      throw doc.error("(document)", null, "must be the JSON object vLLM's serving benchmark saves");
    }
    List<Double> in = numbers(doc, root, "input_lens");
    List<Double> out = numbers(doc, root, "output_lens");
    List<Double> ttfts = numbers(doc, root, "ttfts");
    JsonNode itls = root.get("itls");
    JsonNode errors = root.get("errors");
    if (out.size() != in.size() || ttfts.size() != in.size()) {
      throw doc.error("output_lens", out.size() + " and " + ttfts.size(), "must have as many entries as input_lens ("
          + in.size() + "), one per request, as do ttfts");
    }
    List<Double> keptIn = new ArrayList<>();
    List<Double> keptOut = new ArrayList<>();
    double ttftSum = 0;
    double decode = 0;
    long decoded = 0;
    int skipped = 0;
    for (int i = 0; i < in.size(); i++) {
      boolean failed = errors != null && errors.isArray() && i < errors.size() && !errors.get(i).asText("").isEmpty();
      if (failed || out.get(i) < 1) {
        skipped++;
        continue;
      }
      keptIn.add(in.get(i));
      keptOut.add(out.get(i));
      ttftSum += ttfts.get(i);
      if (itls != null && itls.isArray() && i < itls.size()) {
        JsonNode gaps = itls.get(i);
        for (int j = 0; j < gaps.size(); j++) {
          if (!gaps.get(j).isNumber() || gaps.get(j).doubleValue() < 0) {
            throw doc.error("itls[" + i + "][" + j + "]", gaps.get(j).toString(), "must be a number >= 0 (s)");
          }
          decode += gaps.get(j).doubleValue();
        }
        decoded += gaps.size();
      }
    }
    if (keptIn.isEmpty()) {
      throw doc.error("output_lens", null, "has no successful request with output: nothing to fit");
    }
    Double tOut;
    if (decoded > 0) {
      tOut = decode / decoded;
    } else if (root.path("mean_tpot_ms").isNumber()) {
      tOut = root.get("mean_tpot_ms").doubleValue() / 1000;
    } else {
      throw doc.error("itls", null, "is missing (and so is mean_tpot_ms): the decode time per token is unknown");
    }
    String model = root.path("model_id").asText("model");
    return new ServingFit(file.getFileName() + " (vLLM serving benchmark)", model, keptIn.size(), skipped,
        ServingFit.lognormal(keptIn), ServingFit.lognormal(keptOut), ttftSum / keptIn.size(), tOut);
  }

  private static List<Double> numbers(YamlDocument doc, JsonNode root, String key) {
    JsonNode a = root.get(key);
    if (a == null || !a.isArray() || a.isEmpty()) {
      throw doc.error(key, null, "is missing: a list with one number per request is required (save the benchmark"
          + " with --save-result; detailed fields are kept by --save-detailed in recent versions)");
    }
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      JsonNode v = a.get(i);
      if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0) {
        throw doc.error(key + "[" + i + "]", v.toString(), "must be a finite number >= 0");
      }
      out.add(v.doubleValue());
    }
    return out;
  }
}
