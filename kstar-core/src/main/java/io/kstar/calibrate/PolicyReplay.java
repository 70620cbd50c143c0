package io.kstar.calibrate;

import io.kstar.distribution.SampleQuantile;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.ExactEstimator;
import io.kstar.input.InvalidInputException;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A stopping policy replayed on logged samples, beside what the calibrated profile predicts for it.
 * Each question with at least k logged samples is served {@code orders} times: its samples in a random
 * order (seeded), the first k of them drawn in rounds of P until the policy stops. Per question the
 * realised samples, rounds, cost and accuracy are averaged over the orders, then over questions;
 * 90 % intervals come from resampling the questions (the bootstrap). The prediction is the exact
 * estimator's for the profile under the same policy, P and k.
 *
 * <p>What the records must carry: until-pass and fixed on a right-or-wrong profile, {@code correct};
 * until-decided and until-lead, {@code answer} and {@code correct}; until-score, {@code score}.
 * Cost is the record's {@code cost_usd}, else its tokens at the profile's prices.
 */
public final class PolicyReplay {
  private PolicyReplay() {}

  /** One quantity: the replayed mean, its 90 % bootstrap interval and the profile's prediction. */
  public record Estimate(String name, double replayed, double p05, double p95, double predicted) {
    public boolean predictionInside() {
      return predicted >= p05 && predicted <= p95;
    }
  }

  public record Result(String model, Policy policy, int parallel, int k, int questions, int skippedQuestions,
      int orders, int bootstrap, long seed, List<Estimate> estimates) {}

  public static final int DEFAULT_ORDERS = 50;

  public static Result run(List<LogRecords.Sample> samples, ModelProfile profile, Policy policy, int parallel, int k,
      int orders, int bootstrap, long seed) {
    if (k < 1) {
      throw InvalidInputException.of("replay_k", k, "must be an integer >= 1");
    }
    if (parallel < 1 || parallel > ModelProfile.MAX_PARALLEL) {
      throw InvalidInputException.of("replay_parallel", parallel, "must be an integer in [1, " + ModelProfile.MAX_PARALLEL + "]");
    }
    if (orders < 1 || orders > 100_000) {
      throw InvalidInputException.of("replay_orders", orders, "must be an integer in [1, 100000]");
    }
    if (bootstrap < 2 || bootstrap > 100_000) {
      throw InvalidInputException.of("bootstrap", bootstrap, "must be an integer in [2, 100000] to replay a policy");
    }
    policy.check(profile.id(), profile.accuracy());
    boolean votes = policy.rule() == Policy.Rule.UNTIL_DECIDED || policy.rule() == Policy.Rule.UNTIL_LEAD
        || (policy.isFixed() && profile.accuracy().kind().can(io.kstar.accuracy.AccuracyModels.VOTES));
    boolean scores = policy.rule() == Policy.Rule.UNTIL_SCORE
        || (policy.isFixed() && profile.accuracy().kind().can(io.kstar.accuracy.AccuracyModels.SCORES));
    Map<String, List<LogRecords.Sample>> byQuestion = new LinkedHashMap<>();
    for (LogRecords.Sample s : samples) {
      byQuestion.computeIfAbsent(s.question(), q -> new ArrayList<>()).add(s);
    }
    List<double[]> perQuestion = new ArrayList<>(); // {samples, rounds, cost, accuracy}
    int skipped = 0;
    int q = 0;
    for (Map.Entry<String, List<LogRecords.Sample>> e : byQuestion.entrySet()) {
      List<LogRecords.Sample> list = e.getValue();
      if (list.size() < k) {
        skipped++;
        continue;
      }
      for (LogRecords.Sample s : list) {
        require(s, votes, scores, policy);
      }
      UniformRandomProvider rng = io.kstar.estimate.MonteCarloEstimator.generator(seed, q++);
      double[] sum = new double[4];
      int[] order = new int[list.size()];
      for (int o = 0; o < orders; o++) {
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) { // Fisher–Yates
          int j = rng.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        double[] one = serve(list, order, profile, policy, parallel, k, rng);
        for (int i = 0; i < 4; i++) {
          sum[i] += one[i];
        }
      }
      for (int i = 0; i < 4; i++) {
        sum[i] /= orders;
      }
      perQuestion.add(sum);
    }
    if (perQuestion.isEmpty()) {
      throw InvalidInputException.of("replay_k", k, "no question of the logs has " + k + " samples to replay; the most"
          + " any has is " + byQuestion.values().stream().mapToInt(List::size).max().orElse(0));
    }
    CurvePoint predicted = new ExactEstimator().estimate(new Estimator.Job(profile, parallel, new int[] {k}, policy))
        .points().get(0);
    double[] prediction = {predicted.draws().samples().mean(), predicted.draws().rounds().mean(),
        predicted.cost().mean(), predicted.accuracy().mean()};
    String[] names = {"samples", "rounds", "cost_usd", "accuracy"};
    UniformRandomProvider boot = io.kstar.estimate.MonteCarloEstimator.generator(seed, -1);
    int n = perQuestion.size();
    double[][] means = new double[4][bootstrap];
    for (int b = 0; b < bootstrap; b++) {
      double[] s = new double[4];
      for (int i = 0; i < n; i++) {
        double[] pq = perQuestion.get(boot.nextInt(n));
        for (int j = 0; j < 4; j++) {
          s[j] += pq[j];
        }
      }
      for (int j = 0; j < 4; j++) {
        means[j][b] = s[j] / n;
      }
    }
    List<Estimate> out = new ArrayList<>();
    for (int j = 0; j < 4; j++) {
      double m = 0;
      for (double[] pq : perQuestion) {
        m += pq[j];
      }
      out.add(new Estimate(names[j], m / n, SampleQuantile.of(means[j], 0.05), SampleQuantile.of(means[j], 0.95),
          prediction[j]));
    }
    String logged = samples.stream().map(LogRecords.Sample::model).filter(java.util.Objects::nonNull).findFirst()
        .orElse(profile.id());
    return new Result(logged, policy, parallel, k, n, skipped, orders, bootstrap, seed, out);
  }

  private static void require(LogRecords.Sample s, boolean votes, boolean scores, Policy policy) {
    if (scores) {
      if (s.score() == null) {
        throw InvalidInputException.of("line " + s.line() + ".score", null, "is needed to replay " + policy.label());
      }
      return;
    }
    if (s.correct() == null) {
      throw InvalidInputException.of("line " + s.line() + ".correct", null, "is needed to replay " + policy.label());
    }
    if (votes && s.answer() == null) {
      throw InvalidInputException.of("line " + s.line() + ".answer", null, "is needed to replay " + policy.label()
          + " (the vote counts answers)");
    }
  }

  /** One request: the first k samples of {@code order}, in rounds of P, until the policy stops. {N, R, C, A}. */
  private static double[] serve(List<LogRecords.Sample> list, int[] order, ModelProfile profile, Policy policy,
      int parallel, int k, UniformRandomProvider rng) {
    Map<String, Integer> votes = new HashMap<>();
    Map<String, Boolean> rightAnswer = new HashMap<>();
    double cost = 0;
    boolean anyCorrect = false;
    double best = 0;
    int n = 0;
    boolean stopped = false;
    double answeredRight = Double.NaN;
    while (n < k && !stopped) {
      int roundEnd = Math.min(k, n + parallel);
      for (; n < roundEnd; n++) {
        LogRecords.Sample s = list.get(order[n]);
        // a record without its cost is priced by its tokens, or by the profile's mean lengths when it has none
        cost += s.costUsd() != null ? s.costUsd() : s.hasTokens()
            ? profile.cIn() * s.inputTokens() + profile.cOut() * s.outputTokens()
            : profile.cIn() * profile.inputLength().mean() + profile.cOut() * profile.outputLength().mean();
        if (s.correct() != null && s.correct()) {
          anyCorrect = true;
        }
        if (s.score() != null) {
          best = Math.max(best, s.score());
        }
        if (s.answer() != null) {
          votes.merge(s.answer(), 1, Integer::sum);
          rightAnswer.putIfAbsent(s.answer(), Boolean.TRUE.equals(s.correct()));
        }
      }
      if (n >= k) {
        break;
      }
      switch (policy.rule()) {
        case UNTIL_PASS -> stopped = anyCorrect;
        case UNTIL_SCORE -> stopped = best >= policy.scoreThreshold();
        case UNTIL_DECIDED, UNTIL_LEAD -> {
          int[] top = topTwo(votes);
          stopped = policy.rule() == Policy.Rule.UNTIL_DECIDED ? top[0] - top[1] > k - n : top[0] - top[1] >= policy.margin();
        }
        default -> stopped = false;
      }
    }
    double accuracy;
    var kind = profile.accuracy().kind();
    if (policy.rule() == Policy.Rule.UNTIL_SCORE || (policy.isFixed() && kind.can(io.kstar.accuracy.AccuracyModels.SCORES))) {
      accuracy = best;
    } else if (!votes.isEmpty() && (policy.rule() == Policy.Rule.UNTIL_DECIDED || policy.rule() == Policy.Rule.UNTIL_LEAD
        || (policy.isFixed() && kind.can(io.kstar.accuracy.AccuracyModels.VOTES)))) {
      int top = topTwo(votes)[0];
      List<String> leaders = votes.entrySet().stream().filter(e -> e.getValue() == top).map(Map.Entry::getKey).sorted()
          .toList();
      String winner = leaders.get(leaders.size() == 1 ? 0 : rng.nextInt(leaders.size()));
      accuracy = rightAnswer.get(winner) ? 1 : 0;
    } else {
      accuracy = anyCorrect ? 1 : 0; // pass@k: a verifier accepts any correct sample
    }
    return new double[] {n, (n + parallel - 1) / parallel, cost, accuracy};
  }

  private static int[] topTwo(Map<String, Integer> votes) {
    int a = 0;
    int b = 0;
    for (int v : votes.values()) {
      if (v > a) {
        b = a;
        a = v;
      } else if (v > b) {
        b = v;
      }
    }
    return new int[] {a, b};
  }
}
