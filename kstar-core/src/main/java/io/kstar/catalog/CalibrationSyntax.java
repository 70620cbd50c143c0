package io.kstar.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kstar.accuracy.AccuracyModel;
import io.kstar.input.InvalidInputException;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.ParameterValues;
import io.kstar.parameter.Shape;
import io.kstar.profile.Calibration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A profile's {@code calibration} section, the same in both catalog formats:
 *
 * <pre>
 * calibration:
 *   method: bootstrap over 300 questions
 *   data_up_to_k: 8
 *   beyond_data: model            # or hold
 *   parameters: [difficulty_alpha, difficulty_beta]
 *   accuracy_samples:
 *   - [0.61, 0.92]
 *   - [0.58, 0.97]
 * </pre>
 *
 * Each sample lists the accuracy model's declared parameters in the order {@code parameters} names
 * them (which must be the model's own); numbers keep the shortest decimal that reads back as the same
 * double, so a round trip is exact.
 */
final class CalibrationSyntax {
  private CalibrationSyntax() {}

  static final String KEY = "calibration";

  static Calibration read(YamlDocument doc, Map<String, JsonNode> model, String path, AccuracyModel accuracy) {
    JsonNode node = model.get(KEY);
    if (node == null || node.isNull()) {
      return null;
    }
    String p = YamlDocument.join(path, KEY);
    Map<String, JsonNode> m = doc.mapping(node, p);
    doc.onlyKeys(m, p, new LinkedHashSet<>(List.of("method", "data_up_to_k", "beyond_data", "parameters",
        "accuracy_samples")));
    String method = doc.optionalText(m, p, "method");
    Integer upTo = doc.optionalInt(m, p, "data_up_to_k");
    if (upTo == null) {
      throw doc.error(p + ".data_up_to_k", null, "is missing: the largest k the calibration data covered is required");
    }
    String beyond = doc.optionalText(m, p, "beyond_data");
    List<Parameter> params = accuracy.kind().parameters();
    List<String> names = params.stream().map(Parameter::name).toList();
    JsonNode declared = m.get("parameters");
    if (declared == null || !declared.isArray()) {
      throw doc.error(p + ".parameters", YamlDocument.describe(declared), "must list the accuracy model's parameters " + names);
    }
    List<String> given = new ArrayList<>();
    declared.forEach(x -> given.add(x.asText()));
    if (!given.equals(names)) {
      throw doc.error(p + ".parameters", given, "must be the " + accuracy.id() + " model's parameters, in order: " + names);
    }
    JsonNode rows = m.get("accuracy_samples");
    if (rows == null || !rows.isArray() || rows.size() < 2) {
      throw doc.error(p + ".accuracy_samples", YamlDocument.describe(rows), "must be a list of at least 2 replicates");
    }
    List<AccuracyModel> samples = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String rp = p + ".accuracy_samples[" + i + "]";
      JsonNode row = rows.get(i);
      if (!row.isArray() || row.size() != params.size()) {
        throw doc.error(rp, YamlDocument.describe(row), "must be a list of " + params.size() + " numbers " + names);
      }
      ParameterValues.Builder v = ParameterValues.builder();
      for (int j = 0; j < params.size(); j++) {
        JsonNode x = row.get(j);
        boolean whole = params.get(j).shape() == Shape.INTEGER;
        if (!x.isNumber() || (whole && !x.isIntegralNumber())) {
          throw doc.error(rp + "[" + j + "]", YamlDocument.describe(x), whole ? "must be an integer" : "must be a number");
        }
        v.number(params.get(j).name(), x.doubleValue());
      }
      try {
        samples.add((AccuracyModel) accuracy.kind().create(v.build()));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(doc.source(), rp + " (" + e.field() + ")", e.value().orElse(null), e.allowed());
      }
    }
    try {
      return new Calibration(method == null ? "" : method, upTo, samples,
          beyond == null ? Calibration.Beyond.MODEL : Calibration.Beyond.parse("beyond_data", beyond));
    } catch (InvalidInputException e) {
      throw e.under(p).in(doc.source());
    }
  }

  static void write(ObjectNode n, Calibration c) {
    ObjectNode o = n.putObject(KEY);
    o.put("method", c.method());
    o.put("data_up_to_k", c.dataUpToK());
    o.put("beyond_data", c.beyond().id());
    List<Parameter> params = c.samples().get(0).kind().parameters();
    ArrayNode names = o.putArray("parameters");
    params.forEach(x -> names.add(x.name()));
    ArrayNode rows = o.putArray("accuracy_samples");
    for (AccuracyModel s : c.samples()) {
      ArrayNode row = rows.addArray();
      for (Parameter x : params) {
        double v = s.values().number(x.name());
        if (x.shape() == Shape.INTEGER) {
          row.add((int) v);
        } else {
          row.add(CatalogWriter.dec(v));
        }
      }
    }
  }
}
