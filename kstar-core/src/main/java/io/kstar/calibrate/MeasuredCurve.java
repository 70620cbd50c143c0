package io.kstar.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.catalog.YamlDocument;
import io.kstar.input.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An accuracy-against-N table from an evaluation harness or a paper: points (n, accuracy[, tokens]),
 * tokens being the total generated for all n samples of a question. Read from the layout of the
 * OptScale curves ({@code {"datasets": {NAME: {METHOD: [{"n", "accuracy", "tokens"}]}}}}) or from a
 * plain list ({@code [{"n", "accuracy", "tokens"}]}, JSON or YAML).
 */
public record MeasuredCurve(String dataset, String method, List<Point> points) {

  public record Point(int n, double accuracy, Double tokens) {}

  public MeasuredCurve {
    points = List.copyOf(points);
  }

  /** Every (dataset, method) curve in the file, in file order. */
  public static List<MeasuredCurve> read(Path file) {
    YamlDocument doc = YamlDocument.read(file, "curve");
    JsonNode root = doc.root();
    List<MeasuredCurve> out = new ArrayList<>();
    if (root.isArray()) {
      out.add(new MeasuredCurve("curve", "curve", points(doc, root, "")));
      return out;
    }
    Map<String, JsonNode> top = doc.mapping(root, "");
    Map<String, JsonNode> datasets = doc.mapping(top.get("datasets"), "datasets");
    for (Map.Entry<String, JsonNode> d : datasets.entrySet()) {
      Map<String, JsonNode> methods = doc.mapping(d.getValue(), "datasets." + d.getKey());
      for (Map.Entry<String, JsonNode> m : methods.entrySet()) {
        String path = "datasets." + d.getKey() + "." + m.getKey();
        out.add(new MeasuredCurve(d.getKey(), m.getKey(), points(doc, m.getValue(), path)));
      }
    }
    return out;
  }

  private static List<Point> points(YamlDocument doc, JsonNode list, String path) {
    if (!list.isArray() || list.isEmpty()) {
      throw doc.error(path.isEmpty() ? "(document)" : path, null, "must be a non-empty list of {n, accuracy[, tokens]}");
    }
    List<Point> out = new ArrayList<>();
    int i = 0;
    for (Iterator<JsonNode> it = list.elements(); it.hasNext(); i++) {
      String p = (path.isEmpty() ? "" : path) + "[" + i + "]";
      Map<String, JsonNode> m = doc.mapping(it.next(), p);
      doc.onlyKeys(m, p, new java.util.LinkedHashSet<>(List.of("n", "accuracy", "tokens")));
      Integer n = doc.optionalInt(m, p, "n");
      if (n == null || n < 1) {
        throw doc.error(p + ".n", n, "must be a whole number >= 1");
      }
      double a = doc.number(m, p, "accuracy");
      if (!(a >= 0 && a <= 1)) {
        throw doc.error(p + ".accuracy", a, "must be a number in [0, 1]");
      }
      Double tokens = m.containsKey("tokens") ? Double.valueOf(doc.number(m, p, "tokens")) : null;
      if (tokens != null && !(tokens >= 0 && Double.isFinite(tokens))) {
        throw doc.error(p + ".tokens", tokens, "must be a finite number >= 0");
      }
      out.add(new Point(n, a, tokens));
    }
    return out;
  }

  /** Chooses curves by dataset and method names (null: any). */
  public static List<MeasuredCurve> select(List<MeasuredCurve> all, String dataset, String method) {
    List<MeasuredCurve> out = new ArrayList<>();
    for (MeasuredCurve c : all) {
      if ((dataset == null || c.dataset().equals(dataset)) && (method == null || c.method().equals(method))) {
        out.add(c);
      }
    }
    if (out.isEmpty()) {
      Map<String, List<String>> known = new LinkedHashMap<>();
      all.forEach(c -> known.computeIfAbsent(c.dataset(), k -> new ArrayList<>()).add(c.method()));
      throw InvalidInputException.of(dataset != null ? "dataset" : "method", dataset != null ? dataset : method,
          "matches no curve; the file has " + known);
    }
    return out;
  }
}
