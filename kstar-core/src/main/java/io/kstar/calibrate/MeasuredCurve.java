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
 *
 * <p>The number of questions the curve was measured on (Q, which sets how noisy each accuracy is) may be
 * given in the datasets layout, optionally: per dataset, next to its methods,
 * {@code {"datasets": {NAME: {"questions": 500, METHOD: [...]}}}} (a key {@code questions} whose value is a
 * number is never a method), or once for every dataset at the top, {@code {"questions": 500, "datasets": ...}};
 * the per-dataset value wins. A plain list has no place for it: pass Q to the forecaster instead
 * ({@code --questions}), or let it be inferred from the granularity of the accuracies. Absent: null.
 */
public record MeasuredCurve(String dataset, String method, List<Point> points, Integer questions) {

  public record Point(int n, double accuracy, Double tokens) {}

  /** The key that carries the number of questions, at the top or per dataset. */
  public static final String QUESTIONS = "questions";

  public MeasuredCurve {
    points = List.copyOf(points);
    if (questions != null && questions < 1) {
      throw InvalidInputException.of(QUESTIONS, questions, "must be an integer >= 1");
    }
  }

  /** A curve without a number of questions. */
  public MeasuredCurve(String dataset, String method, List<Point> points) {
    this(dataset, method, points, null);
  }

  /** The same curve with other points (the number of questions kept). */
  public MeasuredCurve withPoints(List<Point> other) {
    return new MeasuredCurve(dataset, method, other, questions);
  }

  /**
   * The key path of point {@code i}'s {@code key} in the file layout, for error messages:
   * {@code datasets.NAME.METHOD[i].key}, or {@code [i].key} for a plain list (read as dataset and method "curve").
   */
  public String pointField(int i, String key) {
    String list = dataset.equals("curve") && method.equals("curve") ? "" : "datasets." + dataset + "." + method;
    return list + "[" + i + "]." + key;
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
    Integer everywhere = questions(doc, top, "");
    Map<String, JsonNode> datasets = doc.mapping(top.get("datasets"), "datasets");
    for (Map.Entry<String, JsonNode> d : datasets.entrySet()) {
      String dPath = "datasets." + d.getKey();
      Map<String, JsonNode> methods = doc.mapping(d.getValue(), dPath);
      Integer here = questions(doc, methods, dPath);
      Integer q = here != null ? here : everywhere;
      for (Map.Entry<String, JsonNode> m : methods.entrySet()) {
        if (m.getKey().equals(QUESTIONS) && m.getValue().isNumber()) {
          continue;
        }
        String path = dPath + "." + m.getKey();
        out.add(new MeasuredCurve(d.getKey(), m.getKey(), points(doc, m.getValue(), path), q));
      }
    }
    return out;
  }

  /** The optional {@code questions} number of a mapping (a non-number there is read as a method, as before). */
  private static Integer questions(YamlDocument doc, Map<String, JsonNode> map, String path) {
    JsonNode q = map.get(QUESTIONS);
    if (q == null || !q.isNumber()) {
      return null;
    }
    if (!q.isIntegralNumber() || !q.canConvertToInt() || q.intValue() < 1) {
      throw doc.error(YamlDocument.join(path, QUESTIONS), q.asText(), "must be an integer >= 1 (the questions the curve was measured on)");
    }
    return q.intValue();
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
        throw doc.error(p + ".n", n, "must be an integer >= 1");
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
      boolean noDataset = dataset != null && !known.containsKey(dataset);
      String hint = noDataset ? io.kstar.input.Suggest.hint(dataset, known.keySet())
          : io.kstar.input.Suggest.hint(method, all.stream().map(MeasuredCurve::method).distinct().toList());
      throw InvalidInputException.of(noDataset || method == null ? "dataset" : "method",
          noDataset || method == null ? dataset : method, "matches no curve; the file has " + known + hint);
    }
    return out;
  }

  /**
   * Generated tokens per sample, from tokens measured for all n samples together: the least-squares
   * slope through the origin, Σ n·tokens / Σ n². NaN when the curve has no tokens.
   */
  public double tokensPerSample() {
    double num = 0;
    double den = 0;
    for (Point p : points) {
      if (p.tokens() != null) {
        num += p.n() * p.tokens();
        den += (double) p.n() * p.n();
      }
    }
    return den == 0 ? Double.NaN : num / den;
  }
}
