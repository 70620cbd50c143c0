package io.kstar.estimate;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.distribution.Marginal;
import io.kstar.distribution.Normal;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.policy.Policy;
import io.kstar.policy.Stopping;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.RequestShape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Expectations without sampling noise (docs/semantics.md §3). Cost and latency: closed forms from the clipped
 * normal; E[C(k)] = k·E[C₁], sd = √k·sd(C₁); E[T(k)] = ⌈k/P⌉·E[T₁], sd = ⌈k/P⌉·sd(T₁)/√k.
 * Accuracy: {@link BestOfK}. Quantiles of A(k) are exact; those of the sums C(k) and T(k) use a
 * normal approximation (mean ± 1.959964·sd, never below the smallest possible value), and the
 * curve says so.
 */
public final class ExactEstimator implements Estimator {

  public static final String NAME = "exact";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Curve estimate(Job job) {
    ModelProfile m = job.model();
    int parallel = job.parallel();
    int[] ks = job.ks();
    Policy policy = job.policy();
    SampleMoments s = SampleMoments.of(m);
    AccuracyModel acc = m.accuracy();
    if (ks.length > 0 && m.accuracyK(ks[ks.length - 1]) > acc.maxExactK()) {
      throw InvalidInputException.of("k_max", ks[ks.length - 1],
          "the exact estimator computes the " + acc.id() + " model up to k = " + acc.maxExactK()
              + "; use the monte-carlo estimator beyond");
    }
    double minSampleCost = m.cIn() + m.cOut();
    double minSampleTime = m.latency().ttftDecode()
        ? m.latency().ttftS() + m.tOut() : m.tIn() + m.tOut();
    Calls calls = new Calls(m, s, parallel);
    List<CurvePoint> points = new ArrayList<>(ks.length);
    if (policy.isFixed()) {
      for (int k : ks) {
        checkInterrupt();
        points.add(point(s, acc, m.latency(), parallel, k, m.accuracyK(k), minSampleCost, minSampleTime, calls)
            .withExpectationsOf(m));
      }
    } else {
      Stopping stopping = Stopping.of(policy, m.id(), acc, parallel);
      for (int k : ks) {
        checkInterrupt();
        Stopping.Outcome o = stopping.at(k, m.accuracyK(k));
        CurvePoint p = stopped(s, m.latency(), parallel, k, o, minSampleCost, minSampleTime, calls);
        points.add(p.withExpected(Expected.of(m, k, p.cost().mean(), p.latency().mean(), p.accuracy().mean(),
            accuracyUnder(policy, m.id(), parallel))));
      }
    }
    List<String> notes = new ArrayList<>(Expected.notes(m, ks));
    if (m.latency().roundsByMax()) {
      notes.add(m.id() + ": " + m.latency().id() + " latency: the exact estimator takes one sample's time as normal to"
          + " compute the expected slowest sample of a round (a normal approximation)");
    }
    if (m.latency().rateLimitTpm().isPresent()) {
      notes.add(m.id() + ": the tokens-per-minute limit is applied to expectations by the exact estimator and to each"
          + " request by Monte Carlo");
    }
    if (s.outputBoundMayBind()) {
      notes.add(
          m.id()
              + ": the exact estimator leaves out the bound L_out <= 16*L_in, which may bind for this"
              + " profile; use --estimator monte-carlo for it");
    }
    return new Curve(m.id(), parallel, NAME, QuantileMethod.EXACT_ACCURACY_NORMAL_APPROX_SUMS, points, notes, policy);
  }

  /**
   * E[A] of a calibration replicate under {@code policy}: the model's own mean where the policy leaves
   * accuracy as it is (until-pass, until-decided), the policy's exact accuracy otherwise.
   */
  static Expected.AccuracyAt accuracyUnder(Policy policy, String id, int parallel) {
    return switch (policy.rule()) {
      case FIXED, UNTIL_PASS, UNTIL_DECIDED -> (model, k) -> model.mean(k);
      // a replicate the exact law cannot take (until-lead with more than one wrong answer) is left out (NaN)
      default -> (model, k) -> {
        try {
          return Stopping.of(policy, id, model, parallel).at(k, k).accuracyMean();
        } catch (io.kstar.input.InvalidInputException e) {
          return Double.NaN;
        }
      };
    };
  }

  /**
   * One capped request under a stopping policy: cost and latency are the fixed-k laws at N = min(rP, k)
   * samples, mixed over the round r the request stops at (each a normal approximation, as for fixed k);
   * accuracy is the policy's exact law.
   */
  static CurvePoint stopped(SampleMoments s, LatencyModel latencyModel, int parallel, int k, Stopping.Outcome o,
      double minSampleCost, double minSampleTime, Calls calls) {
    double[] w = o.pRound();
    List<Marginal> costs = new ArrayList<>(w.length);
    List<Marginal> times = new ArrayList<>(w.length);
    double c1 = 0;
    double c2 = 0;
    double t1 = 0;
    double t2 = 0;
    for (int r = 1; r <= w.length; r++) {
      int n = o.samples()[r - 1];
      double[] c = calls.cost(n);
      double cm = c[0];
      double cs = c[1];
      double[] t = calls.latency(latencyModel, n);
      costs.add(new Marginal.NormalApprox(cm, cs, calls.minCost(n, minSampleCost)));
      times.add(new Marginal.NormalApprox(t[0], t[1], r * minSampleTime));
      c1 += w[r - 1] * cm;
      c2 += w[r - 1] * (cs * cs + cm * cm);
      t1 += w[r - 1] * t[0];
      t2 += w[r - 1] * (t[1] * t[1] + t[0] * t[0]);
    }
    String method = "normal approximation, mixed over the stopping round";
    Statistic cost = Statistic.of(c1, Math.sqrt(Math.max(0, c2 - c1 * c1)), 0, new Marginal.Mixture(w, costs, method));
    Statistic latency = Statistic.of(t1, Math.sqrt(Math.max(0, t2 - t1 * t1)), 0, new Marginal.Mixture(w, times, method));
    Statistic accuracy = Statistic.of(o.accuracyMean(), o.accuracyStd(), 0, o.accuracy());
    return new CurvePoint(k, cost, latency, accuracy, Draws.of(o, calls.shape(), parallel));
  }

  /** A cancelled request's thread is interrupted: its estimate stops at the next point. */
  static void checkInterrupt() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("exact estimate interrupted");
    }
  }

  /**
   * {E[T(k)], sd} for the latency model. batched-mean: ⌈k/P⌉·E[T₁], sd ⌈k/P⌉·sd(T₁)/√k. Rounds by
   * their slowest sample (batched-max, ttft-decode): Σ over rounds of E[max of the round's samples],
   * one sample's time taken as normal, so E = rounds·μ + σ·(full·e_P + e_r) with e_n the expected
   * maximum of n standard normals (a normal approximation, noted in the output). A tokens-per-minute
   * limit R: max(that, 60·k·E[tokens]/R), applied to expectations.
   */
  public static double[] latency(SampleMoments s, LatencyModel model, int parallel, int k) {
    double[] t = rounds(s, model, parallel, k);
    if (model.rateLimitTpm().isPresent()) {
      double perSecond = model.rateLimitTpm().getAsDouble() / 60.0;
      double admitted = k * s.tokensMean() / perSecond;
      if (admitted > t[0]) {
        t[0] = admitted;
        t[1] = Math.sqrt(k * s.tokensVar()) / perSecond;
      }
    }
    return t;
  }

  /** {E[T(k)], sd} of the rounds alone, before any tokens-per-minute limit. */
  static double[] rounds(SampleMoments s, LatencyModel model, int parallel, int k) {
    double rounds = Math.ceil((double) k / parallel);
    double mean;
    double sd;
    if (!model.roundsByMax()) {
      mean = rounds * s.timeMean();
      sd = rounds * Math.sqrt(s.timeVar() / k);
    } else {
      int full = k / parallel;
      int rest = k % parallel;
      double sigma = Math.sqrt(s.timeVar());
      double[] mp = Normal.maxMoments(parallel);
      double[] mr = Normal.maxMoments(rest);
      mean = rounds * s.timeMean() + sigma * (full * mp[0] + mr[0]);
      double var = s.timeVar() * (full * (mp[1] - mp[0] * mp[0]) + (rest > 0 ? mr[1] - mr[0] * mr[0] : 0));
      sd = Math.sqrt(Math.max(0, var));
    }
    return new double[] {mean, sd};
  }

  static CurvePoint point(SampleMoments s, AccuracyModel acc,
      LatencyModel latencyModel, int parallel, int k, int accuracyK, double minSampleCost,
      double minSampleTime, Calls calls) {
    double rounds = Math.ceil((double) k / parallel);
    double[] c = calls.cost(k);
    double cMean = c[0];
    double cStd = c[1];
    double[] t = calls.latency(latencyModel, k);
    double tMean = t[0];
    double tStd = t[1];
    double[] a = acc.meanAndStd(accuracyK);
    double aMean = a[0];
    double aStd = a[1];
    Statistic cost = Statistic.of(cMean, cStd, 0, new Marginal.NormalApprox(cMean, cStd, calls.minCost(k, minSampleCost)));
    Statistic latency = Statistic.of(tMean, tStd, 0, new Marginal.NormalApprox(tMean, tStd, rounds * minSampleTime));
    Statistic accuracy = Statistic.of(aMean, aStd, 0, acc.distribution(accuracyK));
    return new CurvePoint(k, cost, latency, accuracy, Draws.fixed(k, parallel, calls.shape()));
  }

  /**
   * Cost and latency of a request whose samples share calls ({@link RequestShape}): each call reads its
   * prompt once, at the first call's price (the cache-write price when the prompt is cached) or, after it,
   * the cached-input price; each sample writes its own output. For N samples in c calls,
   * E[C] = E[L_in]·(c_first + (c − 1)·c_later) + N·c_out·E[L_out], Var[C] = Var[L_in]·(c_first² +
   * (c − 1)·c_later²) + N·c_out²·Var[L_out] (calls draw their prompts independently, as samples do in the
   * paper's model). Latency: a sample's time is its call's prefill plus its own decode, so the mean is the
   * paper's and the spread of a round's mean grows with the samples that share a prompt:
   * Var[mean of N sample times] = (t_in²·Var[L_in]·Σ_calls m_j² + N·t_out²·Var[L_out]) / N² for calls of
   * m_j samples. A tokens-per-minute limit counts each call's prompt once. The paper's shape (one sample per
   * call, no cache) takes the paper's formulas, operation for operation.
   */
  static final class Calls {
    private final ModelProfile m;
    private final SampleMoments s;
    private final int parallel;
    private final RequestShape shape;
    private final double first;
    private final double later;

    Calls(ModelProfile m, SampleMoments s, int parallel) {
      this.m = m;
      this.s = s;
      this.parallel = parallel;
      this.shape = m.requests();
      this.first = m.prices().firstCallInput(shape);
      this.later = m.prices().laterCallInput(shape);
    }

    RequestShape shape() {
      return shape;
    }

    /** {mean, sd} of the cost of a request of N samples. */
    double[] cost(int n) {
      if (shape.isDefault()) {
        return new double[] {n * s.costMean(), Math.sqrt(n * s.costVar())};
      }
      int c = shape.calls(n, parallel);
      double in1 = c == 0 ? 0 : first + (c - 1) * later;
      double in2 = c == 0 ? 0 : first * first + (c - 1) * later * later;
      double mean = s.inMean() * in1 + n * m.cOut() * s.outMean();
      double var = s.inVar() * in2 + n * m.cOut() * m.cOut() * s.outVar();
      return new double[] {mean, Math.sqrt(Math.max(0, var))};
    }

    /** The least a request of N samples can cost (every length at its floor of one token). */
    double minCost(int n, double minSampleCost) {
      if (shape.isDefault()) {
        return n * minSampleCost;
      }
      int c = shape.calls(n, parallel);
      return (c == 0 ? 0 : Math.min(first, later) * c) + n * m.cOut();
    }

    /** {E[T], sd} of a request of N samples. */
    double[] latency(LatencyModel model, int n) {
      if (shape.isDefault()) {
        return ExactEstimator.latency(s, model, parallel, n);
      }
      double[] t = ExactEstimator.rounds(s, model, parallel, n);
      if (!model.roundsByMax()) {
        double rounds = Math.ceil((double) n / parallel);
        double tIn = model.ttftDecode() ? 0 : m.tIn();
        double var = (tIn * tIn * s.inVar() * sharedSquares(n) + n * m.tOut() * m.tOut() * s.outVar()) / ((double) n * n);
        t[1] = rounds * Math.sqrt(Math.max(0, var));
      }
      if (model.rateLimitTpm().isPresent()) {
        double perSecond = model.rateLimitTpm().getAsDouble() / 60.0;
        int c = shape.calls(n, parallel);
        double admitted = (c * s.inMean() + n * s.outMean()) / perSecond;
        if (admitted > t[0]) {
          t[0] = admitted;
          t[1] = Math.sqrt(c * s.inVar() + n * s.outVar()) / perSecond;
        }
      }
      return t;
    }

    /** Σ over the calls of N samples of (samples in the call)². */
    private double sharedSquares(int n) {
      int per = shape.samplesPerRequest();
      int rounds = (n + parallel - 1) / parallel;
      int last = n - (rounds - 1) * parallel;
      return (rounds - 1) * squares(parallel, per) + squares(last, per);
    }

    private static double squares(int samples, int per) {
      int full = samples / per;
      int rest = samples % per;
      return (double) full * per * per + (double) rest * rest;
    }
  }
}
