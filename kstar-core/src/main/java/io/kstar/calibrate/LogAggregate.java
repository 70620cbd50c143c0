package io.kstar.calibrate;

import io.kstar.input.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sufficient statistics of per-sample records for {@link LogCalibration}: what a fit needs, and all it
 * needs, so that records can be aggregated where they live (in the JVM, in DuckDB, in Spark) and fitted
 * elsewhere. Its size grows with the number of questions, not of records.
 *
 * <p>Per group (a model, or a model and the values of further columns): the sample counts, the sums
 * and cross-products that the lengths' moments and the two least-squares fits (latency and cost on input
 * and output tokens, no intercept) are functions of, and per question its {@link Question} row. The
 * file format is {@link LogAggregateFile}; docs/aggregates.md documents it.
 *
 * <p>Canonical order: groups by their key, questions by id ({@link String#compareTo}); the bootstrap draws
 * questions in this order, so that the same log gives the same replicates whatever engine aggregated it.
 */
public record LogAggregate(List<Group> groups) {

  /** The grouping column that is always present. */
  public static final String MODEL = "model";

  public LogAggregate {
    groups = groups.stream().sorted(Comparator.comparing(g -> g.key().toString())).toList();
  }

  /**
   * Sums over a group's records. {@code costSamples}, {@code answerSamples} and {@code selectedSamples}
   * count the records that carry the field; the cost sums are over those records. {@code tokenSamples} counts
   * the records with both token counts, {@code latencySamples} those with a latency: a record without them adds
   * 0 to the sums they enter, so the lengths and times are fitted only when every record carries them.
   */
  public record Moments(long samples, long correctSamples, long scoreSamples, long costSamples, long answerSamples,
      long selectedSamples, double sumIn, double sumIn2, double sumOut, double sumOut2, double sumInOut, double sumLat,
      double sumLat2, double sumInLat, double sumOutLat, double sumCost, double sumInCost, double sumOutCost,
      long tokenSamples, long latencySamples) {

    /** Sums of records that all carry their token counts and latency. */
    public Moments(long samples, long correctSamples, long scoreSamples, long costSamples, long answerSamples,
        long selectedSamples, double sumIn, double sumIn2, double sumOut, double sumOut2, double sumInOut, double sumLat,
        double sumLat2, double sumInLat, double sumOutLat, double sumCost, double sumInCost, double sumOutCost) {
      this(samples, correctSamples, scoreSamples, costSamples, answerSamples, selectedSamples, sumIn, sumIn2, sumOut,
          sumOut2, sumInOut, sumLat, sumLat2, sumInLat, sumOutLat, sumCost, sumInCost, sumOutCost, samples, samples);
    }
  }

  /**
   * One question: {@code n} samples, {@code correct} of them right (0 for logs of scores), the sum of
   * the scores and of their squares (0 for logs of correct flags), {@code wrongDistinct} distinct
   * answers among the wrong samples, {@code voteTies} how many answers share the top vote count when a
   * right answer is among them (0 when none is: the majority vote over all samples is wrong; 1/voteTies is
   * the chance that it is right, ties broken at random), and {@code selectedRight} 1 when a sample the
   * selector picked is right.
   */
  public record Question(String id, int n, int correct, double scoreSum, double scoreSq, int wrongDistinct,
      int voteTies, int selectedRight) {}

  /**
   * Sums over a group's calls, when its records name them ({@code request_id}; a record without one is a call
   * of its own): {@code calls}; per call its prompt tokens p (its records' input tokens, the smallest), the input tokens
   * of its records added up s (p times its samples, if every sample is billed its prompt), its output tokens o
   * and, over calls whose records all carry a cost, its cost y (the records' costs added up). The two billing
   * shapes are least squares of y on (p, o), a prompt billed once per call, and on (s, o), once per sample.
   */
  public record Calls(long calls, long costCalls, double sumP, double sumP2, double sumS2, double sumO, double sumO2,
      double sumPO, double sumSO, double sumY, double sumY2, double sumPY, double sumSY, double sumOY) {}

  /**
   * One profile's statistics: the values of the grouping columns ({@code model} first), sums, questions, and
   * the calls' sums when the records name their calls (else null).
   */
  public record Group(Map<String, String> key, Moments moments, List<Question> questions, Calls calls) {
    public Group {
      key = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(key));
      questions = questions.stream().sorted(Comparator.comparing(Question::id)).toList();
    }

    /** A group whose records do not name their calls. */
    public Group(Map<String, String> key, Moments moments, List<Question> questions) {
      this(key, moments, questions, null);
    }

    public String model() {
      return key.get(MODEL);
    }
  }

  /**
   * The group of model {@code model} (null: the only model) whose other key columns have the values of
   * {@code where} (a column not named: any value, but then only one group may match).
   */
  public Group select(String model, Map<String, String> where) {
    List<Group> match = groups.stream()
        .filter(g -> model == null || model.equals(g.model()))
        .filter(g -> where.entrySet().stream().allMatch(e -> e.getValue().equals(g.key().get(e.getKey()))))
        .toList();
    if (match.isEmpty() && model != null && groups.stream().noneMatch(g -> model.equals(g.model()))) {
      throw InvalidInputException.of("log_model", model, "matches no record; the logs have "
          + groups.stream().map(Group::model).distinct().toList());
    }
    if (match.isEmpty()) {
      throw InvalidInputException.of("group", where, "matches no group; the aggregates have " + keys(groups));
    }
    if (match.size() > 1) {
      List<String> models = match.stream().map(Group::model).distinct().toList();
      if (models.size() > 1) {
        throw InvalidInputException.of("log_model", null, "is required: the logs hold several models " + models);
      }
      throw InvalidInputException.of("group", where.isEmpty() ? null : where, "is required: the aggregates hold"
          + " several groups " + keys(match) + "; name one (--group COLUMN=VALUE)");
    }
    return match.get(0);
  }

  private static List<Map<String, String>> keys(List<Group> groups) {
    return groups.stream().map(Group::key).toList();
  }

  /** Aggregates records in one pass; memory grows with questions (and distinct answers), not records. */
  public static final class Builder {
    private final List<String> groupBy;
    private final Map<List<String>, GroupBuilder> groups = new LinkedHashMap<>();

    /** Groups by model only. */
    public Builder() {
      this(List.of());
    }

    /** Groups by model and by the named extra columns (their values are taken from {@link #add}'s map). */
    public Builder(List<String> groupBy) {
      this.groupBy = List.copyOf(groupBy);
    }

    public Builder add(LogRecords.Sample s) {
      return add(s, Map.of());
    }

    public Builder addAll(Iterable<LogRecords.Sample> records) {
      records.forEach(this::add);
      return this;
    }

    public Builder add(LogRecords.Sample s, Map<String, String> columns) {
      List<String> key = new ArrayList<>();
      key.add(s.model());
      groupBy.forEach(c -> key.add(columns.get(c)));
      groups.computeIfAbsent(key, k -> new GroupBuilder()).add(s);
      return this;
    }

    public LogAggregate build() {
      List<Group> out = new ArrayList<>();
      groups.forEach((k, g) -> {
        Map<String, String> key = new LinkedHashMap<>();
        key.put(MODEL, k.get(0));
        for (int i = 0; i < groupBy.size(); i++) {
          key.put(groupBy.get(i), k.get(i + 1));
        }
        out.add(g.build(key));
      });
      return new LogAggregate(out);
    }
  }

  private static final class GroupBuilder {
    long samples;
    long correctSamples;
    long scoreSamples;
    long costSamples;
    long answerSamples;
    long selectedSamples;
    long tokenSamples;
    long latencySamples;
    double in;
    double in2;
    double out;
    double out2;
    double inOut;
    double lat;
    double lat2;
    double inLat;
    double outLat;
    double cost;
    double inCost;
    double outCost;
    final Map<String, QuestionBuilder> questions = new HashMap<>();
    /**
     * request id → {p, s, o, y, records without a cost}: the calls that records name (memory grows with those
     * calls); a record that names none is a call of its own, added straight to {@link #single}
     */
    final Map<String, double[]> calls = new HashMap<>();
    /** the sums of {@link Calls} over the records that name no call, each a call of its own */
    final double[] single = new double[14];

    void add(LogRecords.Sample s) {
      samples++;
      // a record without token counts (or a latency) adds 0 where they enter; the counts say whether all had them
      boolean tokens = s.hasTokens();
      double x1 = tokens ? s.inputTokens() : 0;
      double x2 = tokens ? s.outputTokens() : 0;
      double y = s.hasLatency() ? s.latencyS() : 0;
      if (tokens) {
        tokenSamples++;
      }
      if (s.hasLatency()) {
        latencySamples++;
      }
      if (s.requestId() != null) {
        double[] c = calls.computeIfAbsent(s.requestId(), k -> new double[] {x1, 0, 0, 0, 0});
        c[0] = Math.min(c[0], x1); // every record carries the call's prompt; the smallest, as DuckDB takes
        c[1] += x1;
        c[2] += x2;
        if (s.costUsd() != null) {
          c[3] += s.costUsd();
        } else {
          c[4]++;
        }
      } else {
        fold(single, x1, x1, x2, s.costUsd() == null ? 0 : s.costUsd(), s.costUsd() != null);
      }
      in += x1;
      in2 += x1 * x1;
      out += x2;
      out2 += x2 * x2;
      inOut += x1 * x2;
      lat += y;
      lat2 += y * y;
      inLat += x1 * y;
      outLat += x2 * y;
      if (s.costUsd() != null) {
        costSamples++;
        cost += s.costUsd();
        inCost += x1 * s.costUsd();
        outCost += x2 * s.costUsd();
      }
      if (s.correct() != null) {
        correctSamples++;
      }
      if (s.score() != null) {
        scoreSamples++;
      }
      if (s.answer() != null) {
        answerSamples++;
      }
      if (s.selected() != null) {
        selectedSamples++;
      }
      questions.computeIfAbsent(s.question(), q -> new QuestionBuilder()).add(s);
    }

    Group build(Map<String, String> key) {
      List<Question> qs = new ArrayList<>();
      questions.forEach((id, q) -> qs.add(q.build(id)));
      return new Group(key, new Moments(samples, correctSamples, scoreSamples, costSamples, answerSamples,
          selectedSamples, in, in2, out, out2, inOut, lat, lat2, inLat, outLat, cost, inCost, outCost, tokenSamples,
          latencySamples), qs,
          calls.isEmpty() ? null : callSums());
    }

    /** Adds one call (prompt p, its records' inputs s, outputs o, cost y when {@code costed}) to the sums t. */
    private static void fold(double[] t, double p, double sIn, double o, double y, boolean costed) {
      t[0]++;
      t[2] += p;
      t[3] += p * p;
      t[4] += sIn * sIn;
      t[5] += o;
      t[6] += o * o;
      t[7] += p * o;
      t[8] += sIn * o;
      if (costed) {
        t[1]++;
        t[9] += y;
        t[10] += y * y;
        t[11] += p * y;
        t[12] += sIn * y;
        t[13] += o * y;
      }
    }

    private Calls callSums() {
      double[] t = single.clone();
      // in a stable order (the ids'), so that the sums are the same bits whatever order the records came in
      calls.keySet().stream().sorted().forEach(id -> {
        double[] c = calls.get(id);
        fold(t, c[0], c[1], c[2], c[3], c[4] == 0);
      });
      return new Calls((long) t[0], (long) t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12],
          t[13]);
    }
  }

  private static final class QuestionBuilder {
    int n;
    int correct;
    double scoreSum;
    double scoreSq;
    int selectedRight;
    final Set<String> wrong = new HashSet<>();
    /** answer → {votes, 1 when some sample giving it is right} */
    final Map<String, int[]> votes = new TreeMap<>();

    void add(LogRecords.Sample s) {
      n++;
      boolean right = Boolean.TRUE.equals(s.correct());
      if (right) {
        correct++;
      }
      if (s.score() != null) {
        scoreSum += s.score();
        scoreSq += s.score() * s.score();
      }
      if (right && Boolean.TRUE.equals(s.selected())) {
        selectedRight = 1;
      }
      if (s.answer() != null) {
        if (Boolean.FALSE.equals(s.correct())) {
          wrong.add(s.answer());
        }
        int[] v = votes.computeIfAbsent(s.answer(), a -> new int[2]);
        v[0]++;
        if (right) {
          v[1] = 1;
        }
      }
    }

    Question build(String id) {
      int top = votes.values().stream().mapToInt(v -> v[0]).max().orElse(0);
      int ties = (int) votes.values().stream().filter(v -> v[0] == top).count();
      boolean rightOnTop = votes.values().stream().anyMatch(v -> v[0] == top && v[1] == 1);
      return new Question(id, n, correct, scoreSum, scoreSq, wrong.size(), rightOnTop ? ties : 0, selectedRight);
    }
  }
}
