package io.kstar.calibrate.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.input.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The output file of OpenAI's Batch API (and of providers that copy it): one JSON object a line,
 * {@code {"id", "custom_id", "response": {"status_code", "request_id", "body": {..., "model", "choices": [...],
 * "usage": {"prompt_tokens", "completion_tokens", "total_tokens"}}}, "error"}}; the Responses API's body
 * says {@code input_tokens} and {@code output_tokens} instead. Per request the input length is the prompt
 * tokens and the output length of one sample the completion tokens divided by the number of choices
 * (n &gt; 1 samples share one usage, and the prompt is billed once per request): the samples per request of
 * the profile are the choices per response (their mean, rounded). Requests with an error or a status other than 200 are left out. Lengths
 * are fitted lognormal; the file has no timings.
 */
public final class OpenAiBatch {
  private OpenAiBatch() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static ServingFit read(Path file) {
    List<Double> in = new ArrayList<>();
    List<Double> out = new ArrayList<>();
    long choicesTotal = 0;
    int skipped = 0;
    String model = null;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String source = file + ":" + n;
        JsonNode o;
        try {
          o = JSON.readTree(line);
        } catch (IOException e) {
          throw new InvalidInputException(source, "(record)", null, "is not a JSON object");
        }
        JsonNode response = o.path("response");
        boolean failed = !o.path("error").isMissingNode() && !o.path("error").isNull()
            || response.path("status_code").asInt(200) != 200;
        JsonNode body = response.path("body");
        JsonNode usage = body.path("usage");
        if (failed) {
          skipped++;
          continue;
        }
        if (!usage.isObject()) {
          throw new InvalidInputException(source, "response.body.usage", null, "is missing: a token count per request"
              + " is required");
        }
        double p = tokens(source, usage, "prompt_tokens", "input_tokens");
        double c = tokens(source, usage, "completion_tokens", "output_tokens");
        int choices = body.path("choices").isArray() && body.path("choices").size() > 0 ? body.path("choices").size() : 1;
        if (model == null && body.path("model").isTextual()) {
          model = body.path("model").asText();
        }
        if (c < 1) {
          skipped++;
          continue;
        }
        in.add(p);
        out.add(c / choices);
        choicesTotal += choices;
      }
    } catch (IOException e) {
      throw InvalidInputException.of("usage", file, "could not be read: " + e.getMessage());
    }
    if (in.isEmpty()) {
      throw InvalidInputException.of("usage", file, "holds no successful request with usage");
    }
    return new ServingFit(file.getFileName() + " (OpenAI batch output)", model == null ? "model" : model, in.size(),
        skipped, ServingFit.lognormal(in), ServingFit.lognormal(out), null, null,
        (int) Math.max(1, Math.round((double) choicesTotal / in.size())));
  }

  private static double tokens(String source, JsonNode usage, String key, String alternative) {
    JsonNode v = usage.has(key) ? usage.get(key) : usage.get(alternative);
    if (v == null || !v.isIntegralNumber() || v.longValue() < 0) {
      throw new InvalidInputException(source, "response.body.usage." + key, v == null ? null : v.toString(),
          "must be an integer >= 0 (or " + alternative + ", as the Responses API names it)");
    }
    return v.doubleValue();
  }
}
