package io.kstar.policy;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.Scores;
import io.kstar.accuracy.Voting;
import io.kstar.distribution.Marginal;
import io.kstar.distribution.Normal;
import io.kstar.input.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.analysis.integration.gauss.LegendreRuleFactory;
import org.hipparchus.special.Beta;
import org.hipparchus.util.CombinatoricsUtils;
import org.hipparchus.util.Pair;

/**
 * The exact law of an adaptive stopping {@link Policy} for one accuracy model at parallelism P
 * (docs/semantics.md §3.5): the distribution of the round R at which a request stops (it draws
 * N = min(R·P, k) samples) and the distribution of its accuracy. Survival S(r) = P(R > r):
 *
 * <ul>
 *   <li>until-pass: S(r) = P(no correct sample among r·P) = 1 − pass@(rP); accuracy = pass@k, since
 *       stopping cannot change whether some sample passes;
 *   <li>until-decided: S(r) = P(the vote is not decided after n = rP samples), decided meaning that the
 *       leader is ahead of every other answer by more than the k − n samples left ({@link VoteSplits});
 *       decided is absorbing and fixes the winner, so accuracy = majority vote at k;
 *   <li>until-lead (wrong_answers = 1): a walk on the vote difference, path counts × Beta weights;
 *   <li>until-score: S(r) = F(τ⁻)^{rP}; accuracy mixes the best of a stopping round given that it
 *       reaches τ with the best of k given that none did, each exact.
 * </ul>
 *
 * One instance serves every k of a curve (it keeps its tables); not thread-safe.
 */
public final class Stopping {

  /**
   * @param pRound P(R = r) at index r − 1, r = 1..⌈k/P⌉
   * @param samples N = min(r·P, k) at index r − 1
   */
  public record Outcome(double[] pRound, int[] samples, double accuracyMean, double accuracyStd, Marginal accuracy) {

    public double samplesMean() {
      double s = 0;
      for (int i = 0; i < pRound.length; i++) {
        s += pRound[i] * samples[i];
      }
      return s;
    }

    public double roundsMean() {
      double s = 0;
      for (int i = 0; i < pRound.length; i++) {
        s += pRound[i] * (i + 1);
      }
      return s;
    }
  }

  private final Policy policy;
  private final AccuracyModel model;
  private final int parallel;
  private VoteSplits votes;
  private ScoreLaw scores;

  private Stopping(Policy policy, AccuracyModel model, int parallel) {
    this.policy = policy;
    this.model = model;
    this.parallel = parallel;
  }

  /** The law of {@code policy} for {@code model} at parallelism {@code parallel}; refuses a policy that does not apply. */
  public static Stopping of(Policy policy, String modelId, AccuracyModel model, int parallel) {
    policy.check(modelId, model);
    if (policy.rule() == Policy.Rule.UNTIL_LEAD && ((Voting) model).wrongAnswers() != 1) {
      throw InvalidInputException.of("estimator", "exact", "the exact estimator computes until-lead for wrong_answers = 1"
          + " (model " + modelId + " has " + ((Voting) model).wrongAnswers() + "); use --estimator monte-carlo");
    }
    return new Stopping(policy, model, parallel);
  }

  /** The law at cap {@code k}, with accuracy read at cap {@code accuracyK} (a calibration held beyond its data). */
  public Outcome at(int k, int accuracyK) {
    int rounds = (k + parallel - 1) / parallel;
    double[] survival = new double[rounds + 1]; // S(0..R): S(0) = 1, S(R) = 0
    survival[0] = 1;
    double accMean;
    double accStd;
    Marginal acc;
    switch (policy.rule()) {
      case UNTIL_PASS -> {
        for (int r = 1; r < rounds; r++) {
          survival[r] = 1 - model.mean(r * parallel);
        }
        double q = model.mean(accuracyK);
        acc = new Marginal.Bernoulli(q);
        accMean = q;
        accStd = Math.sqrt(q * (1 - q));
      }
      case UNTIL_DECIDED -> {
        VoteSplits v = votes(k);
        for (int r = 1; r < rounds; r++) {
          int n = r * parallel;
          survival[r] = Math.max(0, 1 - v.decided(n, k - n + 1));
        }
        double q = model.mean(accuracyK);
        acc = new Marginal.Bernoulli(q);
        accMean = q;
        accStd = Math.sqrt(q * (1 - q));
      }
      case UNTIL_LEAD -> {
        double[][] walk = leadWalk(k);
        double[] pr = walk[0];
        double run = 1;
        for (int r = 1; r < rounds; r++) {
          run -= pr[r - 1];
          survival[r] = Math.max(0, run);
        }
        // accuracy at the cap it is read at: the same walk unless a held calibration caps it lower
        double q = Math.min(1, Math.max(0, (accuracyK == k ? walk : leadWalk(accuracyK))[1][0]));
        acc = new Marginal.Bernoulli(q);
        accMean = q;
        accStd = Math.sqrt(q * (1 - q));
      }
      case UNTIL_SCORE -> {
        ScoreLaw s = scores();
        for (int r = 1; r < rounds; r++) {
          survival[r] = s.noneAtLeast(r * parallel);
        }
        double[] m = new double[2];
        acc = s.accuracy(accuracyK, parallel, m);
        accMean = m[0];
        accStd = Math.sqrt(Math.max(0, m[1] - m[0] * m[0]));
      }
      default -> throw new IllegalStateException("fixed k is not a stopping policy");
    }
    double[] p = new double[rounds];
    int[] n = new int[rounds];
    for (int r = 1; r <= rounds; r++) {
      p[r - 1] = Math.max(0, survival[r - 1] - survival[r]);
      n[r - 1] = Math.min(r * parallel, k);
    }
    return new Outcome(p, n, accMean, accStd, acc);
  }

  private VoteSplits votes(int k) {
    if (votes == null || votes.kMax < k) {
      Voting mv = (Voting) model;
      votes = new VoteSplits(mv.difficulty(), mv.wrongAnswers(), Math.max(k, votes == null ? 0 : 2 * votes.kMax));
    }
    return votes;
  }

  private ScoreLaw scores() {
    if (scores == null) {
      Scores g = (Scores) model;
      scores = new ScoreLaw(g.scoreMean(), g.scoreStd(), policy.scoreThreshold());
    }
    return scores;
  }

  /**
   * until-lead with one wrong answer: rounds of P, stop when |correct − wrong| ≥ d, else the majority at
   * k (ties at random). Returns {P(stop at round r)}, {accuracy}.
   */
  private double[][] leadWalk(int k) {
    Voting mv = (Voting) model;
    BetaDifficulty b = mv.difficulty();
    int d = policy.margin();
    int rounds = (k + parallel - 1) / parallel;
    double logB = Beta.logBeta(b.alpha(), b.beta());
    double[] paths = {1.0}; // paths[c]: sequences of n samples, c correct, not stopped at an earlier round
    int n = 0;
    double[] stop = new double[rounds];
    double correct = 0;
    for (int r = 1; r <= rounds; r++) {
      int step = Math.min(parallel, k - n);
      int m = n + step;
      double[] next = new double[m + 1];
      for (int c = 0; c < paths.length; c++) {
        if (paths[c] == 0) {
          continue;
        }
        for (int j = 0; j <= step; j++) {
          next[c + j] += paths[c] * Math.exp(CombinatoricsUtils.binomialCoefficientLog(step, j));
        }
      }
      n = m;
      for (int c = 0; c <= n; c++) {
        if (next[c] == 0) {
          continue;
        }
        int lead = 2 * c - n;
        double pr = next[c] * Math.exp(Beta.logBeta(b.alpha() + c, b.beta() + n - c) - logB);
        if (r == rounds) {
          stop[r - 1] += pr;
          correct += pr * (lead > 0 ? 1 : lead == 0 ? 0.5 : 0);
        } else if (Math.abs(lead) >= d) {
          stop[r - 1] += pr;
          if (lead > 0) {
            correct += pr;
          }
          next[c] = 0;
        }
      }
      paths = next;
    }
    return new double[][] {stop, {correct}};
  }

  /**
   * Probabilities that n votes (c correct, the rest spread uniformly over m wrong answers) are decided by
   * a lead of at least d: P(every one of b boxes holds ≤ t of N uniformly thrown votes) is tabulated for
   * b = m − 1 and m by splitting the votes box by box (binomially), O(m·k³) once per curve.
   */
  static final class VoteSplits {
    final int kMax;
    private final BetaDifficulty difficulty;
    private final int m;
    private final double[][] allUnderM; // [t][N]: m boxes
    private final double[][] allUnderRest; // [t][N]: m − 1 boxes
    private final double[][] pmfM; // [N][x]: Binomial(N, 1/m)
    private final double logB;
    private final Map<Long, Double> cache = new HashMap<>();

    VoteSplits(BetaDifficulty difficulty, int m, int kMax) {
      this.difficulty = difficulty;
      this.m = m;
      this.kMax = kMax;
      this.logB = Beta.logBeta(difficulty.alpha(), difficulty.beta());
      int size = kMax + 1;
      double[][] g = new double[size][size]; // b = 0: all under t iff N = 0
      for (int t = 0; t < size; t++) {
        g[t][0] = 1;
      }
      double[][] rest = g;
      double[][] pmf = null;
      for (int box = 1; box <= m; box++) {
        if (Thread.currentThread().isInterrupted()) {
          throw new java.util.concurrent.CancellationException("vote splits interrupted");
        }
        pmf = binomialTable(size, 1.0 / box);
        double[][] h = new double[size][size];
        for (int t = 0; t < size; t++) {
          double[] prev = g[t];
          double[] cur = h[t];
          for (int nn = 0; nn < size; nn++) {
            if (nn <= t && box == 1) {
              cur[nn] = 1;
              continue;
            }
            double s = 0;
            double[] row = pmf[nn];
            for (int x = 0, hi = Math.min(nn, t); x <= hi; x++) {
              s += row[x] * prev[nn - x];
            }
            cur[nn] = Math.min(1, s);
          }
        }
        rest = g;
        g = h;
      }
      this.allUnderM = g;
      this.allUnderRest = rest;
      this.pmfM = pmf;
    }

    private static double[][] binomialTable(int size, double q) {
      double[][] t = new double[size][];
      double lq = Math.log(q);
      double l1q = Math.log1p(-q);
      for (int nn = 0; nn < size; nn++) {
        t[nn] = new double[nn + 1];
        for (int x = 0; x <= nn; x++) {
          if (q >= 1) {
            t[nn][x] = x == nn ? 1 : 0;
          } else {
            t[nn][x] = Math.exp(CombinatoricsUtils.binomialCoefficientLog(nn, x) + x * lq + (nn - x) * l1q);
          }
        }
      }
      return t;
    }

    /** P(after n votes the leading answer is ahead of every other by at least d). */
    double decided(int n, int d) {
      long key = ((long) n << 32) | d;
      Double hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
      double sum = 0;
      for (int c = 0; c <= n; c++) {
        double w = Math.exp(CombinatoricsUtils.binomialCoefficientLog(n, c)
            + Beta.logBeta(difficulty.alpha() + c, difficulty.beta() + n - c) - logB);
        if (w == 0) {
          continue;
        }
        int wrong = n - c;
        double correctLeads = c - d >= 0 ? allUnderM[Math.min(c - d, kMax)][wrong] : 0;
        double wrongLeads = 0;
        for (int x = c + d; x <= wrong; x++) {
          wrongLeads += pmfM[wrong][x] * allUnderRest[x - d][wrong - x];
        }
        sum += w * (correctLeads + m * wrongLeads);
      }
      double out = Math.min(1, sum);
      cache.put(key, out);
      return out;
    }
  }

  /**
   * The paper's score X = clip(N(μ, σ²), 0, 1) against a threshold τ: F(τ⁻) = P(X < τ), and the
   * moments of the best sample of a stopping round given that it reaches τ, and of the best of k given
   * that none did, by composite Gauss–Legendre quadrature (16 nodes per panel at most min(σ, 1/16)
   * wide) on [0, τ] and [τ, 1] within μ − 9σ … μ + 10σ (outside, F is 0 or 1 to double precision).
   */
  static final class ScoreLaw {
    private static final int NODES = 16;
    private static final double[] UNIT_X = new double[NODES];
    private static final double[] UNIT_W = new double[NODES];

    static {
      Pair<double[], double[]> rule = new LegendreRuleFactory().getRule(NODES);
      for (int j = 0; j < NODES; j++) {
        UNIT_X[j] = 0.5 * (rule.getFirst()[j] + 1.0);
        UNIT_W[j] = 0.5 * rule.getSecond()[j];
      }
    }

    private final double mu;
    private final double sigma;
    private final double tau;
    private final double logBelow; // log F(τ⁻)
    private final double[][] lowNodes; // {x, w, log F(x)} on [0, τ)
    private final double[][] highNodes; // on [τ, 1)
    private final double lowFlat; // length of [0, τ) below μ − 9σ (F = 0 there)
    private final double highFlat; // length of [τ, 1) below μ − 9σ

    ScoreLaw(double mu, double sigma, double tau) {
      this.mu = mu;
      this.sigma = sigma;
      this.tau = tau;
      this.logBelow = logCdf(Math.nextDown(tau));
      double lo = sigma == 0 ? mu : mu - 9 * sigma;
      double hi = sigma == 0 ? mu : mu + 10 * sigma;
      lowFlat = Math.max(0, Math.min(tau, lo) - 0);
      highFlat = Math.max(0, Math.min(1, lo) - tau);
      lowNodes = nodes(Math.max(0, lo), Math.min(tau, hi));
      highNodes = nodes(Math.max(tau, lo), Math.min(1, hi));
    }

    private double logCdf(double x) {
      if (x < 0) {
        return Double.NEGATIVE_INFINITY;
      }
      if (x >= 1) {
        return 0;
      }
      if (sigma == 0) {
        return x >= mu ? 0 : Double.NEGATIVE_INFINITY;
      }
      return Normal.logCdf((x - mu) / sigma);
    }

    private double[][] nodes(double a, double b) {
      if (!(b > a) || sigma == 0) {
        return new double[3][0];
      }
      double panel = Math.min(sigma, 1.0 / 16);
      int panels = (int) Math.ceil((b - a) / panel - 1e-9);
      double width = (b - a) / panels;
      double[][] out = new double[3][panels * NODES];
      for (int p = 0; p < panels; p++) {
        for (int j = 0; j < NODES; j++) {
          int i = p * NODES + j;
          out[0][i] = a + width * (p + UNIT_X[j]);
          out[1][i] = width * UNIT_W[j];
          out[2][i] = logCdf(out[0][i]);
        }
      }
      return out;
    }

    /** P(none of n samples reaches τ) = F(τ⁻)^n. */
    double noneAtLeast(int n) {
      return Math.exp(n * logBelow);
    }

    private final Map<Integer, double[]> atLeastCache = new HashMap<>();

    /** {E[max_n | max_n ≥ τ], E[max_n² | ·]}. */
    private double[] atLeast(int n) {
      return atLeastCache.computeIfAbsent(n, this::atLeastOf);
    }

    private double[] atLeastOf(int n) {
      // X ≥ τ: X = τ + ∫_τ^1 1{X > x} dx; P(X > x | X ≥ τ) = (1 − F(x)^n) / (1 − F(τ⁻)^n)
      double norm = -Math.expm1(n * logBelow);
      double i1 = highFlat;
      double i2 = flatSquare(tau, highFlat);
      double[][] q = highNodes;
      for (int i = 0; i < q[0].length; i++) {
        double g = -Math.expm1(n * q[2][i]) * q[1][i];
        i1 += g;
        i2 += 2 * q[0][i] * g;
      }
      return new double[] {tau + i1 / norm, tau * tau + i2 / norm};
    }

    /** {E[max_k | max_k < τ], E[max_k² | ·]}. */
    private double[] below(int k) {
      // P(X > x | X < τ) = 1 − (F(x) / F(τ⁻))^k on [0, τ)
      double i1 = lowFlat;
      double i2 = flatSquare(0, lowFlat);
      double[][] q = lowNodes;
      for (int i = 0; i < q[0].length; i++) {
        double g = -Math.expm1(k * (q[2][i] - logBelow)) * q[1][i];
        i1 += g;
        i2 += 2 * q[0][i] * g;
      }
      return new double[] {i1, i2};
    }

    private static double flatSquare(double from, double length) {
      return (from + length) * (from + length) - from * from;
    }

    /** The accuracy of a request capped at k: its distribution, and {E[A], E[A²]} into {@code moments}. */
    Marginal accuracy(int k, int parallel, double[] moments) {
      if (sigma == 0) {
        moments[0] = mu;
        moments[1] = mu * mu;
        return new Marginal.BestOfKScore(mu, 0, 1);
      }
      int rounds = (k + parallel - 1) / parallel;
      List<Marginal> parts = new ArrayList<>();
      List<Double> weights = new ArrayList<>();
      double m1 = 0;
      double m2 = 0;
      // a request that stops at round r answers the best of that round's n samples given that it reaches τ:
      // the law depends on n only (P for every full round, the rest for a partial last one), so the
      // rounds' weights are summed per n and the mixture has at most three parts
      java.util.TreeMap<Integer, Double> byN = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
      for (int r = 1; r <= rounds; r++) {
        int n = Math.min(parallel, k - (r - 1) * parallel);
        double w = (r == 1 ? 1 : Math.exp((r - 1) * parallel * logBelow)) * -Math.expm1(n * logBelow);
        if (w > 0) {
          double[] e = atLeast(n);
          m1 += w * e[0];
          m2 += w * e[1];
          byN.merge(n, w, Double::sum);
        }
      }
      byN.forEach((n, w) -> {
        parts.add(Marginal.Truncated.of(new Marginal.BestOfKScore(mu, sigma, n), tau, true));
        weights.add(w);
      });
      double none = noneAtLeast(k);
      if (none > 0) {
        double[] e = below(k);
        m1 += none * e[0];
        m2 += none * e[1];
        parts.add(Marginal.Truncated.of(new Marginal.BestOfKScore(mu, sigma, k), tau, false));
        weights.add(none);
      }
      moments[0] = m1;
      moments[1] = m2;
      double[] ws = weights.stream().mapToDouble(Double::doubleValue).toArray();
      return parts.size() == 1 ? parts.get(0) : new Marginal.Mixture(ws, parts, "exact");
    }
  }
}
