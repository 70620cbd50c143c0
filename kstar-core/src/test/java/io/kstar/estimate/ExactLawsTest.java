package io.kstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.distribution.Marginal;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.policy.Policy;
import io.kstar.policy.Stopping;
import io.kstar.profile.ModelProfile;
import java.util.List;
import java.util.OptionalDouble;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The exact estimator's laws beyond the paper's batched mean, against independent computations:
 * the expected slowest of n normal sample times by Simpson's rule on n·z·φ(z)·Φ(z)^{n−1}, a rate limit's
 * admission time, the laws of total expectation and variance for a stopping request, and the bookkeeping
 * of {@link Curve} and {@link Draws}.
 */
class ExactLawsTest {

  /**
   * A profile whose one-sample time is exactly normal (lengths 30 sd from their clips): L_in ~ N(400, 20²),
   * L_out ~ N(900, 30²); T₁ = 1e-4·L_in + 2e-3·L_out has mean 1.84 s and sd √(0.002² + 0.06²) s.
   */
  static final ModelProfile M = ModelProfile.builder("m").name(null).prices(1e-6, 4e-6).speeds(1e-4, 2e-3)
      .inputTokens(400, 20).outputTokens(900, 30)
      .scores(0.6, 0.1).parallel(3).build();
  static final double T_MEAN = 1e-4 * 400 + 2e-3 * 900;
  static final double T_VAR = Math.pow(1e-4 * 20, 2) + Math.pow(2e-3 * 30, 2);

  /** {E[max of n standard normals], E[max²]} by composite Simpson on [−12, 12], 12 000 panels (h = 0.002). */
  static double[] maxOfNormals(int n) {
    NormalDistribution z = new NormalDistribution(0, 1);
    int panels = 12_000;
    double h = 24.0 / panels;
    double m1 = 0;
    double m2 = 0;
    for (int i = 0; i <= panels; i++) {
      double x = -12 + i * h;
      double w = i == 0 || i == panels ? 1 : i % 2 == 1 ? 4 : 2;
      double dens = n * z.density(x) * Math.pow(z.cumulativeProbability(x), n - 1);
      m1 += w * x * dens;
      m2 += w * x * x * dens;
    }
    return new double[] {m1 * h / 3, m2 * h / 3};
  }

  /**
   * batched-max: each round lasts as long as its slowest sample. k = 7 at P = 3 is two full rounds and
   * one of a single sample: E[T] = 3·μ + σ·(2·e₃ + e₁), e₁ = 0; Var T = σ²·(2·Var(max₃) + Var(max₁)).
   * Simpson's error, 24·h⁴·max|g⁗|/180 with h = 0.002 and |g⁗| ≲ 10, is below 3e-11; tolerance 1e-9.
   */
  @Test
  void batchedMaxIsTheSumOverRoundsOfTheExpectedSlowestSample() {
    ModelProfile m = M.withLatency(new LatencyModel(LatencyModel.BATCHED_MAX, 0, OptionalDouble.empty()));
    double sigma = Math.sqrt(T_VAR);
    double[] e3 = maxOfNormals(3);
    double[] e2 = maxOfNormals(2);
    Curve c = new ExactEstimator().estimate(m, 3, new int[] {3, 7, 8});
    CurvePoint p7 = c.at(7).orElseThrow();
    assertThat(p7.latency().mean()).isCloseTo(3 * T_MEAN + sigma * 2 * e3[0], within(1e-9));
    double var3 = e3[1] - e3[0] * e3[0];
    assertThat(p7.latency().std()).isCloseTo(sigma * Math.sqrt(2 * var3 + 1), within(1e-9));
    // k = 8: two full rounds and one of two samples
    CurvePoint p8 = c.at(8).orElseThrow();
    assertThat(p8.latency().mean()).isCloseTo(3 * T_MEAN + sigma * (2 * e3[0] + e2[0]), within(1e-9));
    assertThat(p8.latency().std()).isCloseTo(sigma * Math.sqrt(2 * var3 + e2[1] - e2[0] * e2[0]), within(1e-9));
    // one full round: no remainder term
    assertThat(c.at(3).orElseThrow().latency().mean()).isCloseTo(T_MEAN + sigma * e3[0], within(1e-9));
    assertThat(c.notes()).containsExactly("m: batched-max latency: the exact estimator takes one sample's time as"
        + " normal to compute the expected slowest sample of a round (a normal approximation)");
    // cost is the fixed-k sum whatever the latency model
    assertThat(p7.cost().mean()).isCloseTo(7 * (1e-6 * 400 + 4e-6 * 900), within(1e-15));
  }

  /**
   * ttft-decode: a sample takes ttft_s + t_out·L_out (input time replaced by the first token's), so
   * T₁ = 0.7 + 2e-3·L_out: mean 2.5 s, sd 0.06 s; rounds by their slowest sample. The latency floor of
   * the normal approximation is ⌈k/P⌉ rounds of the fastest possible sample, ttft_s + t_out.
   */
  @Test
  void ttftDecodeReplacesInputTimeByTheFirstToken() {
    ModelProfile m = M.withLatency(new LatencyModel(LatencyModel.TTFT_DECODE, 0.7, OptionalDouble.empty()));
    SampleMoments s = SampleMoments.of(m);
    assertThat(s.timeMean()).isCloseTo(0.7 + 2e-3 * 900, within(1e-12));
    assertThat(s.timeVar()).isCloseTo(Math.pow(2e-3 * 30, 2), within(1e-15));
    double[] e3 = maxOfNormals(3);
    CurvePoint p = new ExactEstimator().estimate(m, 3, new int[] {6}).points().get(0);
    assertThat(p.latency().mean()).isCloseTo(2 * (2.5 + 0.06 * e3[0]), within(1e-9));
    // the q-quantile of the normal approximation, floored at 2 rounds × (0.7 + 0.002) s
    Marginal.NormalApprox d = (Marginal.NormalApprox) p.latency().distribution();
    assertThat(d.floor()).isCloseTo(2 * (0.7 + 2e-3), within(1e-12));
    ModelProfile slowStart = M.withLatency(new LatencyModel(LatencyModel.TTFT_DECODE, 30, OptionalDouble.empty()));
    assertThat(((Marginal.NormalApprox) new ExactEstimator().estimate(slowStart, 3, new int[] {4}).points().get(0)
        .latency().distribution()).floor()).isCloseTo(2 * (30 + 2e-3), within(1e-12));
  }

  /**
   * A tokens-per-minute limit R admits k requests' tokens in k·E[L_in + L_out]/(R/60) seconds; when that
   * is longer than the rounds take, it is the latency (sd √(k·Var(L_in + L_out))/(R/60)), else the
   * rounds' latency stands.
   */
  @Test
  void aRateLimitBindsWhenItNeedsLongerThanTheRounds() {
    double tokens = 400 + 900;
    double tokensVar = 20 * 20 + 30 * 30;
    ModelProfile tight = M.withLatency(new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.of(6000)));
    CurvePoint p = new ExactEstimator().estimate(tight, 3, new int[] {6}).points().get(0);
    assertThat(p.latency().mean()).isCloseTo(6 * tokens / 100, within(1e-9));
    assertThat(p.latency().std()).isCloseTo(Math.sqrt(6 * tokensVar) / 100, within(1e-12));
    // a loose limit: the rounds take longer (2 rounds × 1.84 s) than admission (7 800/1e6·60 = 0.47 s)
    ModelProfile loose = M.withLatency(new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.of(1e6)));
    CurvePoint q = new ExactEstimator().estimate(loose, 3, new int[] {6}).points().get(0);
    assertThat(q.latency().mean()).isCloseTo(2 * T_MEAN, within(1e-12));
    assertThat(q.latency().std()).isCloseTo(2 * Math.sqrt(T_VAR / 6), within(1e-12));
    assertThat(new ExactEstimator().estimate(loose, 3, new int[] {6}).notes()).containsExactly("m: the tokens-per-minute"
        + " limit is applied to expectations by the exact estimator and to each request by Monte Carlo");
    assertThat(new ExactEstimator().estimate(M, 3, new int[] {6}).notes()).isEmpty();
  }

  /**
   * A stopping request's cost is the sum of N sample costs, N independent of them: by the laws of total
   * expectation and variance, E[C] = E[N]·E[C₁] and Var C = E[N]·Var C₁ + Var N·E[C₁]². Its batched-mean
   * latency, R rounds of the mean sample of N: E[T] = E[R]·E[T₁], Var T = Σ_r P(R = r)·r²·Var T₁/n_r + Var R·E[T₁]².
   */
  @Test
  void aStoppingRequestsCostAndLatencyFollowTheLawsOfTotalExpectationAndVariance() {
    ModelProfile m = M.withAccuracy(new PassAtK(new BetaDifficulty(0.7, 1.3)));
    SampleMoments s = SampleMoments.of(m);
    int parallel = 3;
    int k = 10;
    Stopping.Outcome o = Stopping.of(Policy.UNTIL_PASS, "m", m.accuracy(), parallel).at(k, k);
    double en = 0;
    double en2 = 0;
    double er = 0;
    double er2 = 0;
    double within = 0;
    for (int r = 1; r <= o.pRound().length; r++) {
      double w = o.pRound()[r - 1];
      int n = o.samples()[r - 1];
      en += w * n;
      en2 += w * n * n;
      er += w * r;
      er2 += w * r * r;
      within += w * r * r * s.timeVar() / n;
    }
    CurvePoint p = new ExactEstimator().estimate(new Estimator.Job(m, parallel, new int[] {k}, Policy.UNTIL_PASS))
        .points().get(0);
    assertThat(p.cost().mean()).isCloseTo(en * s.costMean(), within(1e-15));
    double costVar = en * s.costVar() + (en2 - en * en) * s.costMean() * s.costMean();
    assertThat(p.cost().std()).isCloseTo(Math.sqrt(costVar), within(1e-15));
    assertThat(p.latency().mean()).isCloseTo(er * s.timeMean(), within(1e-12));
    double timeVar = within + (er2 - er * er) * s.timeMean() * s.timeMean();
    assertThat(p.latency().std()).isCloseTo(Math.sqrt(timeVar), within(1e-12));
    // the draws: E[N], sd N, E[R] of the law
    assertThat(p.draws().samples().mean()).isCloseTo(en, within(1e-12));
    assertThat(p.draws().samples().std()).isCloseTo(Math.sqrt(en2 - en * en), within(1e-12));
    assertThat(p.draws().rounds().mean()).isCloseTo(er, within(1e-12));
    // the cost law is the mixture over rounds of normals floored at n cheapest samples
    Marginal.Mixture cost = (Marginal.Mixture) p.cost().distribution();
    assertThat(cost.weights()).containsExactly(o.pRound());
    for (int r = 1; r <= o.pRound().length; r++) {
      Marginal.NormalApprox part = (Marginal.NormalApprox) cost.parts().get(r - 1);
      int n = o.samples()[r - 1];
      assertThat(part.mean()).isCloseTo(n * s.costMean(), within(1e-15));
      assertThat(part.sd()).isCloseTo(Math.sqrt(n * s.costVar()), within(1e-15));
      assertThat(part.floor()).isCloseTo(n * (1e-6 + 4e-6), within(1e-18));
      Marginal.NormalApprox time = (Marginal.NormalApprox) ((Marginal.Mixture) p.latency().distribution()).parts().get(r - 1);
      assertThat(time.floor()).isCloseTo(r * (1e-4 + 2e-3), within(1e-15));
    }
    assertThat(p.accuracy().mean()).isCloseTo(m.accuracy().mean(k), within(1e-14));
    assertThat(p.accuracy().std()).isCloseTo(o.accuracyStd(), within(1e-15));
    assertThat(p.accuracy().p025()).isEqualTo(0.0);
    assertThat(p.accuracy().p975()).isEqualTo(1.0);
  }

  /** The fixed policy's sums are floored at k cheapest samples (one token in, one out) and ⌈k/P⌉ fastest rounds. */
  @Test
  void theNormalApproximationOfASumIsFlooredAtItsSmallestPossibleValue() {
    // L_out ~ N(3, 100²) clipped at 1: mostly 1, with a long tail: the normal approximation would go negative
    ModelProfile wide = ModelProfile.builder("w").name(null).prices(1e-6, 4e-6).speeds(1e-4, 2e-3)
        .inputTokens(2, 0).outputTokens(3, 100)
        .scores(0.6, 0.1).parallel(2).build();
    CurvePoint p = new ExactEstimator().estimate(wide, 2, new int[] {3}).points().get(0);
    assertThat(p.cost().p025()).isEqualTo(3 * (1e-6 + 4e-6));
    assertThat(p.latency().p025()).isCloseTo(2 * (1e-4 + 2e-3), within(1e-18));
    assertThat(p.cost().p975()).isGreaterThan(p.cost().mean());
  }

  @Test
  void theExactEstimatorRefusesKBeyondWhatItComputes() {
    ModelProfile votes = M.withAccuracy(new MajorityVote(new BetaDifficulty(2, 1), 2));
    assertThatThrownBy(() -> new ExactEstimator().estimate(votes, 1, new int[] {4, 257}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("k_max = 257: the exact estimator computes the majority-vote model up to k = 256; use the"
            + " monte-carlo estimator beyond");
    assertThat(new ExactEstimator().estimate(votes, 1, new int[] {4, 256}).points()).hasSize(2);
    assertThat(new ExactEstimator().estimate(votes, 1, new int[0]).points()).isEmpty();
    assertThat(new ExactEstimator().name()).isEqualTo("exact");
  }

  /** A calibration replicate's E[A] under each policy: the model's own where stopping keeps it, the law's otherwise. */
  @Test
  void replicatesAreReadUnderThePolicy() {
    PassAtK pass = new PassAtK(new BetaDifficulty(0.7, 1.3));
    for (Policy p : List.of(Policy.FIXED, Policy.UNTIL_PASS, Policy.UNTIL_DECIDED)) {
      assertThat(ExactEstimator.accuracyUnder(p, "m", 2).mean(pass, 9)).isEqualTo(pass.mean(9));
    }
    GaussianBestOfK g = new GaussianBestOfK(0.6, 0.1);
    assertThat(ExactEstimator.accuracyUnder(Policy.untilScore(0.7), "m", 2).mean(g, 9))
        .isEqualTo(Stopping.of(Policy.untilScore(0.7), "m", g, 2).at(9, 9).accuracyMean());
    MajorityVote one = new MajorityVote(new BetaDifficulty(2, 1), 1);
    assertThat(ExactEstimator.accuracyUnder(Policy.untilLead(2), "m", 2).mean(one, 9))
        .isEqualTo(Stopping.of(Policy.untilLead(2), "m", one, 2).at(9, 9).accuracyMean());
    // a replicate the exact law cannot take is left out
    assertThat(ExactEstimator.accuracyUnder(Policy.untilLead(2), "m", 2).mean(new MajorityVote(new BetaDifficulty(2, 1), 3), 9))
        .isNaN();
  }

  @Test
  void aCurveFindsItsPointsByK() {
    int[] ks = {1, 3, 5, 8, 13, 21};
    Curve c = new ExactEstimator().estimate(M, 3, ks);
    for (int k : ks) {
      assertThat(c.at(k).orElseThrow().k()).isEqualTo(k);
    }
    for (int k : new int[] {0, 2, 4, 6, 9, 20, 22}) {
      assertThat(c.at(k)).as("k=%d", k).isEmpty();
    }
    assertThat(c.select(new int[] {13, 1})).extracting(CurvePoint::k).containsExactly(13, 1);
    assertThatThrownBy(() -> c.select(new int[] {2})).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k = 2 not on the curve");
    assertThat(c.policy()).isEqualTo(Policy.FIXED);
    assertThat(c.parallel()).isEqualTo(3);
    assertThat(c.estimator()).isEqualTo("exact");
    assertThat(new Curve("x", 1, "e", QuantileMethod.SIMULATED, List.of(), List.of()).at(1)).isEmpty();
    assertThatThrownBy(() -> new Curve("x", 1, "e", QuantileMethod.SIMULATED, List.of(), List.of(), null))
        .isInstanceOf(NullPointerException.class);
    assertThat(QuantileMethod.SIMULATED.description()).isEqualTo("empirical, from simulated requests");
  }

  /** Draws: k and ⌈k/P⌉ exactly under fixed k; under a law, its moments and its smallest 2.5 % / 97.5 % points. */
  @Test
  void drawsAreTheMomentsAndQuantilesOfTheRoundLaw() {
    Draws f = Draws.fixed(7, 3);
    assertThat(f.samples()).isEqualTo(new Draws.Spread(7, 0, 7, 7));
    assertThat(f.rounds()).isEqualTo(new Draws.Spread(3, 0, 3, 3));
    Marginal none = new Marginal.Bernoulli(0.5);
    // P(R = 1, 2, 3) = 0.025, 0.5, 0.475; N = 3, 6, 7
    Draws d = Draws.of(new Stopping.Outcome(new double[] {0.025, 0.5, 0.475}, new int[] {3, 6, 7}, 0.5, 0.5, none));
    double en = 0.025 * 3 + 0.5 * 6 + 0.475 * 7;
    double en2 = 0.025 * 9 + 0.5 * 36 + 0.475 * 49;
    assertThat(d.samples().mean()).isCloseTo(en, within(1e-12));
    assertThat(d.samples().std()).isCloseTo(Math.sqrt(en2 - en * en), within(1e-12));
    assertThat(d.samples().p025()).isEqualTo(3); // the CDF reaches 0.025 at N = 3
    assertThat(d.samples().p975()).isEqualTo(7);
    assertThat(d.rounds().mean()).isCloseTo(0.025 + 1.0 + 0.475 * 3, within(1e-12));
    assertThat(d.rounds().p025()).isEqualTo(1);
    Draws later = Draws.of(new Stopping.Outcome(new double[] {0.02, 0.96, 0.02}, new int[] {3, 6, 7}, 0.5, 0.5, none));
    assertThat(later.samples().p025()).isEqualTo(6);
    assertThat(later.samples().p975()).isEqualTo(6);
    // a law whose probabilities fall short of 1 by rounding still has quantiles: the last value
    Draws shortOf = Draws.of(new Stopping.Outcome(new double[] {0.5, 0.4}, new int[] {2, 4}, 0.5, 0.5, none));
    assertThat(shortOf.samples().p975()).isEqualTo(4);
    Statistic n = Statistic.of(5, 1, 0.1, new Marginal.NormalApprox(5, 1, 0));
    Statistic r = Statistic.of(2, 0.5, 0.05, new Marginal.NormalApprox(2, 0.5, 0));
    Draws sim = Draws.of(n, r);
    assertThat(sim.samples()).isEqualTo(new Draws.Spread(5, 1, n.p025(), n.p975()));
    assertThat(sim.rounds()).isEqualTo(new Draws.Spread(2, 0.5, r.p025(), r.p975()));
  }
}
