package io.kstar.calibrate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.catalog.YamlDocument;
import io.kstar.input.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregate file: a {@link LogAggregate} as one JSON document (docs/aggregates.md).
 *
 * <pre>
 * {"format": "kstar-log-aggregate/1",
 *  "groups": [
 *   {"key": {"model": "m"},
 *    "samples": 2400, "correct_samples": 2400, "score_samples": 0, "cost_samples": 2400,
 *    "answer_samples": 0, "selected_samples": 0,
 *    "sums": {"in": …, "in2": …, "out": …, "out2": …, "in_out": …, "lat": …, "lat2": …, "in_lat": …,
 *             "out_lat": …, "cost": …, "in_cost": …, "out_cost": …},
 *    "question_columns": ["question", "n", "correct", "score_sum", "score_sq", "wrong_distinct", "vote_ties",
 *                         "selected_right"],
 *    "questions": [["q000", 8, 7, 0.0, 0.0, 0, 0, 0], …]}]}
 * </pre>
 *
 * Numbers are written in Java's shortest round-trip form, so a written and re-read aggregate is the
 * same to the bit. The writer uses no JSON library (the Spark job writes it on a classpath whose Jackson is
 * Spark's); the reader checks every key and value and names the key path of a bad one.
 */
public final class LogAggregateFile {
  private LogAggregateFile() {}

  public static final String FORMAT = "kstar-log-aggregate/1";
  public static final List<String> SUMS = List.of("in", "in2", "out", "out2", "in_out", "lat", "lat2", "in_lat",
      "out_lat", "cost", "in_cost", "out_cost");
  public static final List<String> COUNTS = List.of("samples", "correct_samples", "score_samples", "cost_samples",
      "answer_samples", "selected_samples", "token_samples", "latency_samples");
  /** Counts a file written before they existed may leave out: every record then carried the field. */
  static final java.util.Set<String> OPTIONAL_COUNTS = java.util.Set.of("token_samples", "latency_samples");
  /** The sums of {@link LogAggregate.Calls}, in the file's order (after "calls" and "cost_calls"). */
  public static final List<String> CALL_SUMS = List.of("p", "p2", "s2", "o", "o2", "p_o", "s_o", "y", "y2", "p_y", "s_y",
      "o_y");
  public static final List<String> QUESTION_COLUMNS = List.of("question", "n", "correct", "score_sum", "score_sq",
      "wrong_distinct", "vote_ties", "selected_right");

  public static void write(LogAggregate a, Writer w) throws IOException {
    w.write("{\"format\": \"" + FORMAT + "\",\n \"groups\": [");
    for (int gi = 0; gi < a.groups().size(); gi++) {
      LogAggregate.Group g = a.groups().get(gi);
      LogAggregate.Moments m = g.moments();
      w.write(gi == 0 ? "\n" : ",\n");
      w.write("  {\"key\": {");
      int i = 0;
      for (Map.Entry<String, String> e : g.key().entrySet()) {
        w.write((i++ == 0 ? "" : ", ") + quote(e.getKey()) + ": " + (e.getValue() == null ? "null" : quote(e.getValue())));
      }
      w.write("},\n   ");
      long[] counts = {m.samples(), m.correctSamples(), m.scoreSamples(), m.costSamples(), m.answerSamples(),
          m.selectedSamples(), m.tokenSamples(), m.latencySamples()};
      for (int c = 0; c < counts.length; c++) {
        w.write((c == 0 ? "" : ", ") + "\"" + COUNTS.get(c) + "\": " + counts[c]);
      }
      w.write(",\n   \"sums\": {");
      double[] sums = sums(m);
      for (int s = 0; s < sums.length; s++) {
        w.write((s == 0 ? "" : ", ") + "\"" + SUMS.get(s) + "\": " + number(sums[s]));
      }
      w.write("}");
      if (g.calls() != null) {
        LogAggregate.Calls c = g.calls();
        w.write(",\n   \"calls\": {\"calls\": " + c.calls() + ", \"cost_calls\": " + c.costCalls());
        double[] cs = callSums(c);
        for (int s = 0; s < cs.length; s++) {
          w.write(", \"" + CALL_SUMS.get(s) + "\": " + number(cs[s]));
        }
        w.write("}");
      }
      w.write(",\n   \"question_columns\": [");
      for (int c = 0; c < QUESTION_COLUMNS.size(); c++) {
        w.write((c == 0 ? "" : ", ") + "\"" + QUESTION_COLUMNS.get(c) + "\"");
      }
      w.write("],\n   \"questions\": [");
      for (int q = 0; q < g.questions().size(); q++) {
        LogAggregate.Question x = g.questions().get(q);
        w.write((q == 0 ? "\n    [" : ",\n    [") + quote(x.id()) + ", " + x.n() + ", " + x.correct() + ", "
            + number(x.scoreSum()) + ", " + number(x.scoreSq()) + ", " + x.wrongDistinct() + ", " + x.voteTies() + ", "
            + x.selectedRight() + "]");
      }
      w.write("]}");
    }
    w.write("]}\n");
  }

  public static void write(LogAggregate a, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(a, w);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  static double[] callSums(LogAggregate.Calls c) {
    return new double[] {c.sumP(), c.sumP2(), c.sumS2(), c.sumO(), c.sumO2(), c.sumPO(), c.sumSO(), c.sumY(), c.sumY2(),
        c.sumPY(), c.sumSY(), c.sumOY()};
  }

  static double[] sums(LogAggregate.Moments m) {
    return new double[] {m.sumIn(), m.sumIn2(), m.sumOut(), m.sumOut2(), m.sumInOut(), m.sumLat(), m.sumLat2(),
        m.sumInLat(), m.sumOutLat(), m.sumCost(), m.sumInCost(), m.sumOutCost()};
  }

  private static String number(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("a sum is not finite: " + v);
    }
    return Double.toString(v);
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether the file is an aggregate file: a JSON object whose first key is {@code format}, naming this format. */
  public static boolean isAggregate(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.getFactory().createParser(in)) {
      return p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
          && p.currentName().equals("format") && p.nextToken() == JsonToken.VALUE_STRING
          && p.getText().startsWith("kstar-log-aggregate/");
    } catch (IOException e) {
      return false;
    }
  }

  public static LogAggregate read(Path file) {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = JSON.readTree(in);
    } catch (IOException e) {
      throw InvalidInputException.of("LOGS", file, "is not a readable aggregate file (JSON): "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    YamlDocument doc = YamlDocument.of(file.toString(), root);
    Map<String, JsonNode> top = doc.mapping(root, "");
    doc.onlyKeys(top, "", new java.util.LinkedHashSet<>(List.of("format", "groups")));
    String format = doc.optionalText(top, "", "format");
    if (!FORMAT.equals(format)) {
      throw doc.error("format", format, "must be " + FORMAT);
    }
    JsonNode groups = top.get("groups");
    if (groups == null || !groups.isArray()) {
      throw doc.error("groups", null, "must be a list of groups");
    }
    List<LogAggregate.Group> out = new ArrayList<>();
    int gi = 0;
    for (Iterator<JsonNode> it = groups.elements(); it.hasNext(); gi++) {
      out.add(group(doc, it.next(), "groups[" + gi + "]"));
    }
    return new LogAggregate(out);
  }

  private static LogAggregate.Group group(YamlDocument doc, JsonNode node, String path) {
    Map<String, JsonNode> g = doc.mapping(node, path);
    java.util.Set<String> allowed = new java.util.LinkedHashSet<>(List.of("key", "sums", "calls", "question_columns",
        "questions"));
    allowed.addAll(COUNTS);
    doc.onlyKeys(g, path, allowed);
    Map<String, JsonNode> keyNode = doc.mapping(g.get("key"), path + ".key");
    Map<String, String> key = new LinkedHashMap<>();
    keyNode.forEach((k, v) -> key.put(k, v.isNull() ? null : v.asText()));
    if (key.get(LogAggregate.MODEL) == null) {
      throw doc.error(path + ".key.model", null, "is missing: every group names its model");
    }
    long[] counts = new long[COUNTS.size()];
    for (int c = 0; c < counts.length; c++) {
      counts[c] = OPTIONAL_COUNTS.contains(COUNTS.get(c)) && !g.containsKey(COUNTS.get(c)) ? counts[0]
          : whole(doc, g, path, COUNTS.get(c));
    }
    for (int c = 1; c < counts.length; c++) {
      if (counts[c] > counts[0]) {
        throw doc.error(path + "." + COUNTS.get(c), counts[c], "must be at most samples (" + counts[0] + ")");
      }
    }
    Map<String, JsonNode> s = doc.mapping(g.get("sums"), path + ".sums");
    doc.onlyKeys(s, path + ".sums", new java.util.LinkedHashSet<>(SUMS));
    double[] sums = new double[SUMS.size()];
    for (int i = 0; i < sums.length; i++) {
      sums[i] = doc.number(s, path + ".sums", SUMS.get(i));
    }
    JsonNode cols = g.get("question_columns");
    List<String> got = new ArrayList<>();
    if (cols != null && cols.isArray()) {
      cols.forEach(c -> got.add(c.asText()));
    }
    if (!got.equals(QUESTION_COLUMNS)) {
      throw doc.error(path + ".question_columns", got, "must be " + QUESTION_COLUMNS);
    }
    JsonNode qs = g.get("questions");
    if (qs == null || !qs.isArray()) {
      throw doc.error(path + ".questions", null, "must be a list of question rows");
    }
    List<LogAggregate.Question> questions = new ArrayList<>();
    long n = 0;
    for (int i = 0; i < qs.size(); i++) {
      String p = path + ".questions[" + i + "]";
      JsonNode r = qs.get(i);
      if (!r.isArray() || r.size() != QUESTION_COLUMNS.size() || !r.get(0).isTextual()) {
        throw doc.error(p, r.toString(), "must be a row [question, n, correct, score_sum, score_sq,"
            + " wrong_distinct, vote_ties, selected_right]");
      }
      int[] ints = new int[8];
      for (int c : new int[] {1, 2, 5, 6, 7}) {
        JsonNode v = r.get(c);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
          throw doc.error(p + "." + QUESTION_COLUMNS.get(c), v.toString(), "must be an integer >= 0");
        }
        ints[c] = v.intValue();
      }
      double[] dbl = new double[8];
      for (int c : new int[] {3, 4}) {
        JsonNode v = r.get(c);
        if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0) {
          throw doc.error(p + "." + QUESTION_COLUMNS.get(c), v.toString(), "must be a finite number >= 0");
        }
        dbl[c] = v.doubleValue();
      }
      if (ints[1] < 1 || ints[2] > ints[1]) {
        throw doc.error(p + ".correct", ints[2], "must be in [0, n] with n >= 1 (n = " + ints[1] + ")");
      }
      n += ints[1];
      questions.add(new LogAggregate.Question(r.get(0).asText(), ints[1], ints[2], dbl[3], dbl[4], ints[5], ints[6],
          ints[7]));
    }
    if (n != counts[0]) {
      throw doc.error(path + ".samples", counts[0], "must equal the questions' samples added up (" + n + ")");
    }
    LogAggregate.Moments m = new LogAggregate.Moments(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
        sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7], sums[8], sums[9], sums[10], sums[11],
        counts[6], counts[7]);
    return new LogAggregate.Group(key, m, questions, calls(doc, g, path, counts[0]));
  }

  /** The optional "calls" object: the sums over the calls the records named. */
  private static LogAggregate.Calls calls(YamlDocument doc, Map<String, JsonNode> g, String path, long samples) {
    if (!g.containsKey("calls") || g.get("calls").isNull()) {
      return null;
    }
    String p = path + ".calls";
    Map<String, JsonNode> c = doc.mapping(g.get("calls"), p);
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(List.of("calls", "cost_calls"));
    keys.addAll(CALL_SUMS);
    doc.onlyKeys(c, p, keys);
    long calls = whole(doc, c, p, "calls");
    long costCalls = whole(doc, c, p, "cost_calls");
    if (calls < 1 || calls > samples) {
      throw doc.error(p + ".calls", calls, "must be in [1, samples] (" + samples + ")");
    }
    if (costCalls > calls) {
      throw doc.error(p + ".cost_calls", costCalls, "must be at most calls (" + calls + ")");
    }
    double[] v = new double[CALL_SUMS.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = doc.number(c, p, CALL_SUMS.get(i));
    }
    return new LogAggregate.Calls(calls, costCalls, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
        v[11]);
  }

  private static long whole(YamlDocument doc, Map<String, JsonNode> map, String path, String key) {
    JsonNode v = map.get(key);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw doc.error(path + "." + key, v == null ? null : v.toString(), "must be an integer >= 0");
    }
    return v.longValue();
  }
}
