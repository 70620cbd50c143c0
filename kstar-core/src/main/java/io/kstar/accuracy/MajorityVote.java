package io.kstar.accuracy;

import io.kstar.parameter.ModelKind;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.ParameterValues;
import io.kstar.parameter.Range;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.hipparchus.special.Beta;
import org.hipparchus.util.CombinatoricsUtils;

/**
 * Majority vote (self-consistency): k samples of a question with success probability p ~ Beta(α, β);
 * a wrong sample gives one of m wrong answers, uniformly; the most frequent answer wins, ties broken at
 * random. Exactly,
 *
 * <pre>E[A(k)] = Σ_c C(k, c) · B(α + c, β + k − c) / B(α, β) · g(c, k − c)</pre>
 *
 * where g(c, n) is the probability that c correct votes win against n wrong votes spread over m
 * answers: every wrong answer has fewer than c votes, or j of them tie with c and the correct answer
 * wins the draw with probability 1/(j + 1). g is computed by splitting the n wrong votes box by box
 * (binomially), with m = 1 reducing to [c > n] + ½[c = n]. The work grows as k³·m², so the exact
 * estimator stops at k = {@value #MAX_EXACT_K}; Monte Carlo has no such limit. An interrupt of the
 * computing thread stops the sums with a {@link CancellationException}.
 */
public record MajorityVote(BetaDifficulty difficulty, int wrongAnswers) implements BernoulliOutcome, Voting {
  public static final String ID = "majority-vote";
  public static final int MAX_EXACT_K = 256;
  private static final ConcurrentHashMap<Long, Double> WIN = new ConcurrentHashMap<>();
  /**
   * Entries of the win-probability cache kept at most (about 20 MB at some 80 bytes an entry; every k up
   * to {@value #MAX_EXACT_K} for one m needs about 33 000).
   */
  static final int MAX_CACHED = 250_000;

  /**
   * The predicted work of the exact estimator at k, in units of about 10 ns on this project's machines
   * (measured: k = 128, m = 50 over every k took 57 s; m = 8, 7.8 s): k³·m for the sum over c of the
   * box-by-box vote split. A service refuses work beyond its time limit before starting it.
   */
  public static double exactWork(int k, int m) {
    return (double) k * k * k * m;
  }

  public static final Parameter WRONG_ANSWERS = Parameter.number("wrong_answers", "wrong_answers", "wrong_answers",
      "answers", Range.integers(1, 64), "how many distinct wrong answers a wrong sample spreads over").withDefault(1);
  public static final ModelKind<MajorityVote> KIND = ModelKind.of(ID,
          "self-consistency: the most frequent of k answers wins, ties broken at random",
          List.of(BetaDifficulty.ALPHA, BetaDifficulty.BETA, WRONG_ANSWERS),
          v -> new MajorityVote(BetaDifficulty.of(v), v.integer(WRONG_ANSWERS.name())))
      .withFriendlyTag("difficulty.distribution", "beta")
      .withCapabilities(AccuracyModels.VOTES);

  public MajorityVote {
    WRONG_ANSWERS.check(wrongAnswers);
  }

  @Override
  public double exactWork(int k) {
    return exactWork(k, wrongAnswers);
  }

  @Override
  public ModelKind<MajorityVote> kind() {
    return KIND;
  }

  @Override
  public ParameterValues values() {
    return difficulty.values().number(WRONG_ANSWERS.name(), wrongAnswers).build();
  }

  @Override
  public int maxExactK() {
    return MAX_EXACT_K;
  }

  @Override
  public double mean(int k) {
    if (k > MAX_EXACT_K) {
      throw new IllegalArgumentException("exact majority vote is computed up to k = " + MAX_EXACT_K);
    }
    double logB = Beta.logBeta(difficulty.alpha(), difficulty.beta());
    double sum = 0;
    for (int c = 1; c <= k; c++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("exact majority vote interrupted");
      }
      double w = Math.exp(CombinatoricsUtils.binomialCoefficientLog(k, c)
          + Beta.logBeta(difficulty.alpha() + c, difficulty.beta() + k - c) - logB);
      sum += w * win(c, k - c, wrongAnswers);
    }
    return Math.min(1, sum);
  }

  /**
   * g(c, n): the probability that c correct votes beat n wrong votes over m answers (ties at random); cached.
   * Public for the curve forecaster, which evaluates E[A(k)] for every k at once (Pólya-urn recursion).
   */
  public static double win(int c, int n, int m) {
    if (c == 0) {
      return 0;
    }
    long key = ((long) c << 40) | ((long) n << 10) | m;
    Double cached = WIN.get(key);
    if (cached != null) {
      return cached;
    }
    // dp[r][j]: probability that the boxes so far left r wrong votes unplaced, all below c except j at c
    double[][] dp = new double[n + 1][m + 1];
    dp[n][0] = 1;
    for (int box = 0; box < m; box++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("exact majority vote interrupted"); // nothing half-done is cached
      }
      double[][] next = new double[n + 1][m + 1];
      int boxesLeft = m - box;
      for (int r = 0; r <= n; r++) {
        for (int j = 0; j <= box; j++) {
          double pr = dp[r][j];
          if (pr == 0) {
            continue;
          }
          if (boxesLeft == 1) {
            // the last box takes every remaining vote
            if (r < c) {
              next[0][j] += pr;
            } else if (r == c) {
              next[0][j + 1] += pr;
            }
            continue;
          }
          double q = 1.0 / boxesLeft;
          for (int w = 0; w <= Math.min(r, c); w++) {
            double pw = binomial(r, w, q);
            if (w < c) {
              next[r - w][j] += pr * pw;
            } else {
              next[r - w][j + 1] += pr * pw;
            }
          }
        }
      }
      dp = next;
    }
    double g = 0;
    for (int j = 0; j <= m; j++) {
      g += dp[0][j] / (j + 1);
    }
    if (WIN.size() >= MAX_CACHED) {
      WIN.clear(); // bounded: a long-running service never grows it past this
    }
    WIN.put(key, g);
    return g;
  }

  /** Entries in the win-probability cache now (for the test of its bound). */
  static int cachedEntries() {
    return WIN.size();
  }

  /** P(Binomial(n, q) = w), for q = 1/boxesLeft ≤ ½ (the last box, q = 1, is handled before). */
  private static double binomial(int n, int w, double q) {
    return Math.exp(CombinatoricsUtils.binomialCoefficientLog(n, w) + w * Math.log(q) + (n - w) * Math.log1p(-q));
  }

  @Override
  public Trial trial(UniformRandomProvider rng) {
    return voteTrial(rng);
  }

  /** A simulated request that also tells the state of the vote (for adaptive stopping). */
  public VoteTrial voteTrial(UniformRandomProvider rng) {
    return new VoteTrial(ChengBetaSampler.of(rng, difficulty.alpha(), difficulty.beta()).sample(), wrongAnswers);
  }

  /**
   * The votes of one simulated request: per sample one uniform picks the answer (correct below p, else
   * one of the m wrong answers) and one more breaks a tie at the top, as {@link #trial} always drew them.
   */
  public static final class VoteTrial implements Trial {
    private final double p;
    private final int m;
    private final int[] votes; // votes[0]: the correct answer
    private int top;
    private int second;
    private boolean correctLeads;

    VoteTrial(double p, int m) {
      this.p = p;
      this.m = m;
      this.votes = new int[m + 1];
    }

    @Override
    public double next(double z, UniformRandomProvider r) {
      double u = r.nextDouble();
      if (u < p) {
        votes[0]++;
      } else {
        int a = 1 + (int) Math.min(m - 1, Math.floor((u - p) / (1 - p) * m));
        votes[a]++;
      }
      int best = 0;
      int next = 0;
      for (int v : votes) {
        if (v > best) {
          next = best;
          best = v;
        } else if (v > next) {
          next = v;
        }
      }
      top = best;
      second = next;
      correctLeads = votes[0] == top && top > second;
      double tieDraw = r.nextDouble();
      if (votes[0] < top) {
        return 0;
      }
      int tied = 0;
      for (int v : votes) {
        if (v == top) {
          tied++;
        }
      }
      return tieDraw * tied < 1 ? 1 : 0;
    }

    /** Votes of the leading answer minus those of the next (0 on a tie at the top). */
    public int lead() {
      return top - second;
    }

    /** True when the correct answer alone leads. */
    public boolean correctLeads() {
      return correctLeads;
    }
  }
}
