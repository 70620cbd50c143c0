package io.kstar.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kstar.input.InvalidInputException;
import io.kstar.serving.LoadCurve;
import io.kstar.serving.LoadFit;
import io.kstar.serving.LoadPoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A profile's {@code serving} section, the load curve of a self-hosted model, the same in both catalog
 * formats:
 *
 * <pre>
 * serving:
 *   source: vLLM 0.8.3 benchmark_serving, H100, Llama-3.1-8B-Instruct
 *   measured_with: {input_tokens: 1000, output_tokens: 100}
 *   capacity_rps: 28.452           # requests/s of that mix one replica sustains at most
 *   fit: queueing                  # or interpolation
 *   replica_usd_per_hour: 2.99     # optional
 *   load:                          # achieved requests/s, mean TTFT and mean time per output token
 *   - {requests_per_s: 1.208, ttft_s: 0.045037, tpot_s: 0.0085647}
 *   - {requests_per_s: 9.597, ttft_s: 0.0569, tpot_s: 0.011841}
 * </pre>
 */
final class ServingSyntax {
  private ServingSyntax() {}

  static final String KEY = "serving";
  static final List<String> KEYS = List.of("source", "measured_with", "capacity_rps", "fit", "replica_usd_per_hour",
      "load");

  static LoadCurve read(YamlDocument doc, Map<String, JsonNode> model, String path) {
    JsonNode node = model.get(KEY);
    if (node == null || node.isNull()) {
      return null;
    }
    String p = YamlDocument.join(path, KEY);
    Map<String, JsonNode> m = doc.mapping(node, p);
    doc.onlyKeys(m, p, new LinkedHashSet<>(KEYS));
    String mp = p + ".measured_with";
    Map<String, JsonNode> mix = doc.mapping(m.get("measured_with"), mp);
    doc.onlyKeys(mix, mp, new LinkedHashSet<>(List.of("input_tokens", "output_tokens")));
    double in = doc.number(mix, mp, "input_tokens");
    double out = doc.number(mix, mp, "output_tokens");
    double capacity = doc.number(m, p, "capacity_rps");
    String fit = doc.optionalText(m, p, "fit");
    Double usd = doc.optionalNumber(m, p, "replica_usd_per_hour");
    String source = doc.optionalText(m, p, "source");
    JsonNode rows = m.get("load");
    if (rows == null || !rows.isArray()) {
      throw doc.error(p + ".load", YamlDocument.describe(rows), "must be a list of measured rates"
          + " [{requests_per_s, ttft_s, tpot_s}], rates increasing");
    }
    List<LoadPoint> points = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String rp = p + ".load[" + i + "]";
      Map<String, JsonNode> row = doc.mapping(rows.get(i), rp);
      doc.onlyKeys(row, rp, new LinkedHashSet<>(List.of("requests_per_s", "ttft_s", "tpot_s")));
      double rate = doc.number(row, rp, "requests_per_s");
      double ttft = doc.number(row, rp, "ttft_s");
      double tpot = doc.number(row, rp, "tpot_s");
      try {
        points.add(new LoadPoint(rate, ttft, tpot));
      } catch (InvalidInputException e) {
        throw e.under(rp).in(doc.source());
      }
    }
    try {
      return new LoadCurve(in, out, capacity, points,
          fit == null ? LoadFit.INTERPOLATION : LoadFit.parse("serving.fit", fit),
          usd == null ? OptionalDouble.empty() : OptionalDouble.of(usd), source);
    } catch (InvalidInputException e) {
      // the curve names its fields from "serving"; place them under the model
      throw e.under(path).in(doc.source());
    }
  }

  static void write(ObjectNode n, LoadCurve c) {
    ObjectNode o = n.putObject(KEY);
    if (!c.source().isEmpty()) {
      o.put("source", c.source());
    }
    ObjectNode mix = o.putObject("measured_with");
    mix.put("input_tokens", CatalogWriter.dec(c.mixInputTokens()));
    mix.put("output_tokens", CatalogWriter.dec(c.mixOutputTokens()));
    o.put("capacity_rps", CatalogWriter.dec(c.capacityRps()));
    o.put("fit", c.fit().id());
    c.replicaUsdPerHour().ifPresent(v -> o.put("replica_usd_per_hour", CatalogWriter.dec(v)));
    ArrayNode rows = o.putArray("load");
    for (LoadPoint x : c.points()) {
      ObjectNode r = rows.addObject();
      r.put("requests_per_s", CatalogWriter.dec(x.requestsPerS()));
      r.put("ttft_s", CatalogWriter.dec(x.ttftS()));
      r.put("tpot_s", CatalogWriter.dec(x.tpotS()));
    }
  }
}
