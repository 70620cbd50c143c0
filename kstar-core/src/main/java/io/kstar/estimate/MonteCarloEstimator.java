package io.kstar.estimate;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.MajorityVote;
import io.kstar.distribution.Marginal;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.RequestShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleConsumer;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Simulated requests (docs/semantics.md §3), seeded and reproducible.
 *
 * <ul>
 *   <li><b>Common random numbers.</b> One trial draws samples 1..k_max once and reads every k of the
 *       grid off the running prefix (sum of costs, sum of times, best score), so work grows as
 *       trials × k_max. Trial t draws from its own generator (xoshiro256++ seeded by SplitMix64 from
 *       the seed and t) in a fixed order (L_in, L_out, A), whatever the model: every model and every k
 *       sees the same standard normals, so differences between them carry little noise.
 *   <li><b>Same bytes on any number of threads.</b> Trials are cut into chunks whose bounds depend only
 *       on the trial count; each chunk's sums are kept apart and added in chunk order; histograms are
 *       integer counts, whose sum does not depend on order.
 *   <li><b>Bounded memory.</b> Per k and quantity: shifted sums (for mean and sd), a histogram of
 *       {@value #BINS} bins over the exact mean ± {@value #RANGE_SD} sd (clipped to the support) for
 *       the quantiles, and the minimum and maximum. Nothing grows with trials beyond at most
 *       {@value #MAX_CHUNKS} chunk sums.
 *   <li><b>Cancellable.</b> An interrupt of the calling thread stops every worker at its next chunk;
 *       the call waits for them and throws a {@link CancellationException}, so no worker outlives it.
 * </ul>
 */
public final class MonteCarloEstimator implements Estimator {

  public static final String NAME = "monte-carlo";
  public static final int MIN_TRIALS = 2;
  public static final int MAX_TRIALS = 100_000_000;
  public static final int DEFAULT_TRIALS = 2000;
  public static final long DEFAULT_SEED = 42L;

  static final int BINS = 1024;
  static final double RANGE_SD = 8.0;
  static final int MIN_CHUNK = 256;
  static final int MAX_CHUNKS = 512;
  private static final int Q = 3; // cost, latency, accuracy
  private static final int Q_STOPPING = 5; // and, under a stopping policy, samples and rounds

  private final int trials;
  private final long seed;
  private final int threads;
  private final DoubleConsumer progress;

  public MonteCarloEstimator(int trials, long seed, int threads) {
    if (trials < MIN_TRIALS || trials > MAX_TRIALS) {
      throw InvalidInputException.of(
          "trials", trials, "must be an integer in [" + MIN_TRIALS + ", " + MAX_TRIALS + "]");
    }
    if (threads < 1 || threads > 1024) {
      throw InvalidInputException.of("threads", threads, "must be an integer in [1, 1024]");
    }
    this.trials = trials;
    this.seed = seed;
    this.threads = threads;
    this.progress = null;
  }

  private MonteCarloEstimator(MonteCarloEstimator o, DoubleConsumer progress) {
    this.trials = o.trials;
    this.seed = o.seed;
    this.threads = o.threads;
    this.progress = progress;
  }

  /**
   * The same estimator, reporting the share of work done (0..1) to {@code listener} as chunks finish,
   * from the worker threads (the listener must be thread-safe). Results do not change.
   */
  public MonteCarloEstimator withProgress(DoubleConsumer listener) {
    return new MonteCarloEstimator(this, listener);
  }

  public int trials() {
    return trials;
  }

  public long seed() {
    return seed;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Curve estimate(Job job) {
    return estimateAll(List.of(job)).get(0);
  }

  @Override
  public List<Curve> estimateAll(List<Job> jobs) {
    int chunks = chunkCount(trials);
    checkMemory(jobs, chunks);
    List<Prepared> prepared = new ArrayList<>(jobs.size());
    for (Job j : jobs) {
      prepared.add(new Prepared(j, chunks));
    }
    int tasks = prepared.size() * chunks;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean stop = new AtomicBoolean();
    int workers = Math.min(threads, Math.max(1, tasks));
    Worker[] ws = new Worker[workers];
    Thread[] ts = new Thread[workers];
    for (int w = 0; w < workers; w++) {
      ws[w] = new Worker(prepared, chunks, next, tasks, done, stop);
      ts[w] = new Thread(ws[w], "kstar-mc-" + w);
      ts[w].setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
    }
    if (workers == 1) {
      ws[0].run();
    } else {
      for (Thread t : ts) {
        t.start();
      }
      boolean interrupted = false;
      for (Thread t : ts) {
        while (true) {
          try {
            t.join();
            break;
          } catch (InterruptedException e) {
            // cancelled: the workers stop at their next chunk, and are waited for, so none outlives the call
            interrupted = true;
            stop.set(true);
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (stop.get() || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("Monte Carlo run interrupted");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Monte Carlo worker failed", failure.get());
    }
    List<Curve> curves = new ArrayList<>(prepared.size());
    for (int j = 0; j < prepared.size(); j++) {
      curves.add(prepared.get(j).merge(ws, j));
    }
    return curves;
  }

  static int chunkCount(int trials) {
    return Math.max(1, Math.min(MAX_CHUNKS, (trials + MIN_CHUNK - 1) / MIN_CHUNK));
  }

  private void checkMemory(List<Job> jobs, int chunks) {
    long points = 0;
    for (Job j : jobs) {
      points += (long) j.ks().length * (j.policy().isFixed() ? Q
          : j.model().requests().isDefault() ? Q_STOPPING : Q_STOPPING + 1);
    }
    long bytes = points * ((long) (BINS + 2) * 4L * (threads + 2) + (long) chunks * 16L + 64L);
    long allowed = Runtime.getRuntime().maxMemory() / 2;
    if (bytes > allowed) {
      throw InvalidInputException.of(
          "k_max",
          jobs.get(0).ks()[jobs.get(0).ks().length - 1],
          "gives "
              + points
              + " grid points whose Monte Carlo accumulators need "
              + (bytes >> 20)
              + " MiB, more than the "
              + (allowed >> 20)
              + " MiB allowed: lower k_max, use the batch grid or the exact estimator");
    }
  }

  /** First trial of chunk c. */
  private int chunkStart(int c, int chunks) {
    return (int) ((long) trials * c / chunks);
  }

  /** The generator of trial t: SplitMix64 from (seed, t) fills xoshiro256++'s 256-bit state (public for the benchmarks' ceiling). */
  public static XoShiRo256PlusPlus generator(long seed, long trial) {
    long s = mix64(seed ^ 0x6A09E667F3BCC908L) + trial * 0x9E3779B97F4A7C15L;
    long[] state = new long[4];
    for (int i = 0; i < 4; i++) {
      s += 0x9E3779B97F4A7C15L;
      state[i] = mix64(s);
    }
    return new XoShiRo256PlusPlus(state);
  }

  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** One job with its per-k shifts and histogram ranges, and its chunk sums. */
  private final class Prepared {
    final ModelProfile m;
    final int parallel;
    final int[] ks;
    final Policy policy;
    final int q; // quantities per k
    final double[] shift; // [g*Q + q]: exact mean, to keep the sums small
    final double[] lo;
    final double[] width;
    final double[] invWidth; // 1/width, +inf for a point mass
    final double[][] chunkSums; // [chunk][(g*Q + q)*2 + {0: Σd, 1: Σd²}]

    Prepared(Job job, int chunks) {
      this.m = job.model();
      this.parallel = job.parallel();
      this.ks = job.ks().clone();
      this.policy = job.policy();
      this.q = policy.isFixed() ? Q : m.requests().isDefault() ? Q_STOPPING : Q_STOPPING + 1;
      policy.check(m.id(), m.accuracy());
      for (int i = 0; i < ks.length; i++) {
        if (ks[i] < 1 || (i > 0 && ks[i] <= ks[i - 1])) {
          throw new IllegalArgumentException("ks must be strictly increasing and >= 1");
        }
      }
      int g = ks.length;
      shift = new double[g * q];
      lo = new double[g * q];
      width = new double[g * q];
      invWidth = new double[g * q];
      // histogram ranges from the exact mean and sd of each quantity (accuracy: the Gaussian model's
      // exact ones; the Bernoulli models' outcomes are 0 or 1, so their range is [0, 1])
      SampleMoments sm = SampleMoments.of(m);
      ExactEstimator.Calls exact = new ExactEstimator.Calls(m, sm, parallel);
      // the profile's Gaussian model keeps its quadrature nodes: reuse them
      boolean scores = m.accuracy().kind() == GaussianBestOfK.KIND;
      for (int i = 0; i < g; i++) {
        int k = ks[i];
        double[] t = exact.latency(m.latency(), k);
        double[] c = exact.cost(k);
        if (q == Q) {
          range(i * q, c[0], c[1], 0, Double.POSITIVE_INFINITY);
          range(i * q + 1, t[0], t[1], 0, Double.POSITIVE_INFINITY);
        } else {
          // a stopping request draws 1..k samples: the range runs from 0 to the fixed k's upper end
          span(i * q, 0.5 * c[0], 0, c[0] + RANGE_SD * c[1]);
          span(i * q + 1, 0.5 * t[0], 0, t[0] + RANGE_SD * t[1]);
          span(i * q + 3, 0.5 * (k + 1), 0.5, k + 0.5);
          int rounds = (k + parallel - 1) / parallel;
          span(i * q + 4, 0.5 * (rounds + 1), 0.5, rounds + 0.5);
          if (q > Q_STOPPING) {
            int calls = m.requests().calls(k, parallel);
            span(i * q + 5, 0.5 * (calls + 1), 0.5, calls + 0.5);
          }
        }
        if (scores && q == Q) {
          double[] a = m.accuracy().meanAndStd(m.accuracyK(k));
          range(i * q + 2, a[0], a[1], 0, 1);
        } else {
          shift[i * q + 2] = 0.5;
          lo[i * q + 2] = 0;
          width[i * q + 2] = 1.0 / BINS;
          invWidth[i * q + 2] = BINS;
        }
      }
      chunkSums = new double[chunks][];
    }

    private void span(int idx, double center, double a, double b) {
      shift[idx] = center;
      lo[idx] = a;
      width[idx] = (b - a) / BINS;
      invWidth[idx] = 1.0 / width[idx];
    }

    private void range(int idx, double mean, double sd, double floor, double ceiling) {
      shift[idx] = mean;
      double a = Math.max(floor, mean - RANGE_SD * sd);
      double b = Math.min(ceiling, mean + RANGE_SD * sd);
      lo[idx] = a;
      width[idx] = b > a ? (b - a) / BINS : 0.0;
      invWidth[idx] = b > a ? 1.0 / width[idx] : Double.POSITIVE_INFINITY;
    }

    Curve merge(Worker[] ws, int job) {
      int g = ks.length;
      double[] s = new double[g * q * 2];
      for (double[] c : chunkSums) {
        for (int i = 0; i < s.length; i++) {
          s[i] += c[i];
        }
      }
      int[] hist = new int[g * q * (BINS + 2)];
      double[] min = new double[g * q];
      double[] max = new double[g * q];
      Arrays.fill(min, Double.POSITIVE_INFINITY);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (Worker w : ws) {
        WorkerState st = w.states[job];
        if (st == null) {
          continue;
        }
        for (int i = 0; i < hist.length; i++) {
          hist[i] += st.hist[i];
        }
        for (int i = 0; i < min.length; i++) {
          min[i] = Math.min(min[i], st.min[i]);
          max[i] = Math.max(max[i], st.max[i]);
        }
      }
      List<CurvePoint> points = new ArrayList<>(g);
      for (int i = 0; i < g; i++) {
        if (q == Q) {
          points.add(
              new CurvePoint(
                  ks[i],
                  stat(s, hist, min, max, i * Q),
                  stat(s, hist, min, max, i * Q + 1),
                  stat(s, hist, min, max, i * Q + 2),
                  Draws.fixed(ks[i], parallel, m.requests())).withExpectationsOf(m));
        } else {
          Draws draws = q > Q_STOPPING
              ? Draws.of(stat(s, hist, min, max, i * q + 3), stat(s, hist, min, max, i * q + 4),
                  stat(s, hist, min, max, i * q + 5))
              : Draws.of(stat(s, hist, min, max, i * q + 3), stat(s, hist, min, max, i * q + 4));
          CurvePoint cp = new CurvePoint(ks[i], stat(s, hist, min, max, i * q), stat(s, hist, min, max, i * q + 1),
              stat(s, hist, min, max, i * q + 2), draws);
          points.add(cp.withExpected(Expected.of(m, ks[i], cp.cost().mean(), cp.latency().mean(),
              cp.accuracy().mean(), ExactEstimator.accuracyUnder(policy, m.id(), parallel))));
        }
      }
      return new Curve(m.id(), parallel, NAME, QuantileMethod.SIMULATED, points, Expected.notes(m, ks), policy);
    }

    private Statistic stat(double[] s, int[] hist, double[] min, double[] max, int idx) {
      double n = trials;
      double s1 = s[idx * 2];
      double s2 = s[idx * 2 + 1];
      double mean = shift[idx] + s1 / n;
      double var = Math.max(0.0, (s2 - s1 * s1 / n) / (n - 1));
      double sd = Math.sqrt(var);
      int base = idx * (BINS + 2);
      Marginal.Histogram dist = new Marginal.Histogram(
          lo[idx], width[idx], Arrays.copyOfRange(hist, base, base + BINS + 2), trials, min[idx], max[idx]);
      return Statistic.of(mean, sd, sd / Math.sqrt(n), dist);
    }
  }

  /** What one worker accumulates for one job: histogram counts, minimum and maximum. */
  private static final class WorkerState {
    final int[] hist;
    final double[] min;
    final double[] max;

    WorkerState(int slots) {
      hist = new int[slots * (BINS + 2)];
      min = new double[slots];
      max = new double[slots];
      Arrays.fill(min, Double.POSITIVE_INFINITY);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }
  }

  private final class Worker implements Runnable {
    final List<Prepared> jobs;
    final int chunks;
    final AtomicInteger next;
    final int tasks;
    final AtomicInteger done;
    final WorkerState[] states;
    final AtomicBoolean stop;

    Worker(List<Prepared> jobs, int chunks, AtomicInteger next, int tasks, AtomicInteger done, AtomicBoolean stop) {
      this.jobs = jobs;
      this.chunks = chunks;
      this.next = next;
      this.tasks = tasks;
      this.done = done;
      this.states = new WorkerState[jobs.size()];
      this.stop = stop;
    }

    @Override
    public void run() {
      for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
        // cancellation: the caller's flag, or an interrupt of the thread running this worker (one worker runs in the caller's)
        if (stop.get() || Thread.currentThread().isInterrupted()) {
          return;
        }
        int job = t / chunks;
        int chunk = t % chunks;
        Prepared p = jobs.get(job);
        if (states[job] == null) {
          states[job] = new WorkerState(p.ks.length * p.q);
        }
        p.chunkSums[chunk] = simulate(p, states[job], chunkStart(chunk, chunks), chunkStart(chunk + 1, chunks));
        int finished = done.incrementAndGet();
        if (progress != null) {
          progress.accept((double) finished / tasks);
        }
      }
    }
  }

  /** Trials [from, to) of one job: returns the chunk's shifted sums and fills the worker's histograms. */
  private double[] simulate(Prepared p, WorkerState st, int from, int to) {
    final ModelProfile m = p.m;
    final int[] ks = p.ks;
    final int g = ks.length;
    final int kMax = ks[g - 1];
    // the paper's profile (clipped-normal lengths, checked below): mean and sd are μ and σ
    final double muIn = m.inputLength().mean();
    final double sdIn = m.inputLength().sd();
    final double maxIn = SampleMoments.inputUpperBound(m);
    final double muOut = m.outputLength().mean();
    final double sdOut = m.outputLength().sd();
    // the hot loop inlines the paper's Gaussian scores; other accuracy models run their own trial
    final GaussianBestOfK scores =
        m.accuracy() instanceof GaussianBestOfK gm ? gm : null;
    final double muA = scores == null ? 0 : scores.scoreMean();
    final double sdA = scores == null ? 0 : scores.scoreStd();
    final double cIn = m.cIn();
    final double cOut = m.cOut();
    final double tIn = m.tIn();
    final double tOut = m.tOut();
    final int parallel = p.parallel;
    final double[] shift = p.shift;
    final double[] lo = p.lo;
    final double[] invWidth = p.invWidth;
    final int[] hist = st.hist;
    final double[] min = st.min;
    final double[] max = st.max;
    final double[] sums = new double[g * Q * 2];
    final AccuracyModel model = m.accuracy();
    final boolean gaussian = scores != null;
    // a calibration that holds beyond its data stops counting samples' accuracy there (draws continue)
    final int holdK = m.accuracyK(Integer.MAX_VALUE);
    if (!p.policy.isFixed()) {
      return simulateStopping(p, st, from, to);
    }
    if (!m.paperLengthsAndLatency() || !m.requests().isDefault()) {
      return simulateGeneral(p, st, from, to);
    }
    for (int trial = from; trial < to; trial++) {
      XoShiRo256PlusPlus rng = generator(seed, trial);
      ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
      AccuracyModel.Trial questions = gaussian ? null : model.trial(rng);
      double sumC = 0;
      double sumT = 0;
      double best = 0;
      int gi = 0;
      int nextK = ks[0];
      for (int i = 1; i <= kMax; i++) {
        double lin = muIn + sdIn * z.sample();
        lin = lin < 1.0 ? 1.0 : (lin > maxIn ? maxIn : lin);
        double lout = muOut + sdOut * z.sample();
        double maxOut = 16.0 * lin;
        lout = lout < 1.0 ? 1.0 : (lout > maxOut ? maxOut : lout);
        double za = z.sample();
        sumC += cIn * lin + cOut * lout;
        sumT += tIn * lin + tOut * lout;
        if (gaussian) {
          double a = muA + sdA * za;
          a = a < 0.0 ? 0.0 : (a > 1.0 ? 1.0 : a);
          if (a > best && i <= holdK) {
            best = a;
          }
        } else {
          double a = questions.next(za, rng);
          if (i <= holdK) {
            best = a;
          }
        }
        if (i == nextK) {
          int rounds = (i + parallel - 1) / parallel;
          int idx = gi * Q;
          record(idx, sumC, shift, lo, invWidth, sums, hist, min, max);
          record(idx + 1, rounds * (sumT / i), shift, lo, invWidth, sums, hist, min, max);
          record(idx + 2, best, shift, lo, invWidth, sums, hist, min, max);
          gi++;
          nextK = gi < g ? ks[gi] : Integer.MAX_VALUE;
        }
      }
    }
    return sums;
  }

  /**
   * Trials [from, to) for profiles beyond the paper's: lognormal or empirical lengths, rounds that last
   * as long as their slowest sample (batched-max, ttft-decode), a tokens-per-minute limit. Same draw
   * order per sample (input length, output length, quality), so common random numbers still hold.
   */
  private double[] simulateGeneral(Prepared p, WorkerState st, int from, int to) {
    final ModelProfile m = p.m;
    final int[] ks = p.ks;
    final int g = ks.length;
    final int kMax = ks[g - 1];
    final LengthModel inModel = m.inputLength();
    final LengthModel outModel = m.outputLength();
    final LatencyModel lat = m.latency();
    final boolean byMax = lat.roundsByMax();
    final boolean ttft = lat.ttftDecode();
    final double perSecond = lat.rateLimitTpm().isPresent() ? lat.rateLimitTpm().getAsDouble() / 60.0 : 0;
    final double maxIn = SampleMoments.inputUpperBound(m);
    final int parallel = p.parallel;
    final double[] sums = new double[g * Q * 2];
    final AccuracyModel model = m.accuracy();
    final int holdK = m.accuracyK(Integer.MAX_VALUE);
    final RequestShape shape = m.requests();
    final double firstIn = m.prices().firstCallInput(shape);
    final double laterIn = m.prices().laterCallInput(shape);
    for (int trial = from; trial < to; trial++) {
      XoShiRo256PlusPlus rng = generator(seed, trial);
      ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
      AccuracyModel.Trial questions = model.trial(rng);
      double sumC = 0;
      double sumT = 0;
      double doneRounds = 0;
      double roundMax = 0;
      double tokens = 0;
      double best = 0;
      int gi = 0;
      int nextK = ks[0];
      double lin = 0;
      int calls = 0;
      for (int i = 1; i <= kMax; i++) {
        // a sample that opens a call draws the call's prompt (every sample, with one sample per call)
        boolean opens = shape.opensCall(i, parallel);
        if (opens) {
          lin = inModel.sample(z.sample(), rng);
          lin = lin < 1.0 ? 1.0 : (lin > maxIn ? maxIn : lin);
        }
        double lout = outModel.sample(z.sample(), rng);
        double maxOut = 16.0 * lin;
        lout = lout < 1.0 ? 1.0 : (lout > maxOut ? maxOut : lout);
        double a = questions.next(z.sample(), rng);
        if (i <= holdK) {
          best = a;
        }
        sumC += (opens ? (calls++ == 0 ? firstIn : laterIn) * lin : 0) + m.cOut() * lout;
        double ti = ttft ? lat.ttftS() + m.tOut() * lout : m.tIn() * lin + m.tOut() * lout;
        sumT += ti;
        tokens += (opens ? lin : 0) + lout;
        if (ti > roundMax) {
          roundMax = ti;
        }
        boolean roundEnds = i % parallel == 0;
        if (roundEnds) {
          doneRounds += roundMax;
        }
        if (i == nextK) {
          double t;
          if (byMax) {
            t = doneRounds + (roundEnds ? 0 : roundMax);
          } else {
            t = ((i + parallel - 1) / parallel) * (sumT / i);
          }
          if (perSecond > 0) {
            t = Math.max(t, tokens / perSecond);
          }
          int idx = gi * Q;
          record(idx, sumC, p.shift, p.lo, p.invWidth, sums, st.hist, st.min, st.max);
          record(idx + 1, t, p.shift, p.lo, p.invWidth, sums, st.hist, st.min, st.max);
          record(idx + 2, best, p.shift, p.lo, p.invWidth, sums, st.hist, st.min, st.max);
          gi++;
          nextK = gi < g ? ks[gi] : Integer.MAX_VALUE;
        }
        if (roundEnds) {
          roundMax = 0;
        }
      }
    }
    return sums;
  }

  /**
   * Trials [from, to) under a stopping policy. Each trial draws samples 1..k_max once, in the same order
   * as {@link #simulateGeneral} (input length, output length, the accuracy model's draws), so the fixed
   * policy and every stopping policy see the same requests; then each cap k of the grid reads where the
   * rule stops it (N samples) off the trial's running sums: cost and latency of the first N samples,
   * and the answer the rule gives. A calibration held beyond its data reads accuracy at min(k, that k).
   */
  private double[] simulateStopping(Prepared p, WorkerState st, int from, int to) {
    final ModelProfile m = p.m;
    final int[] ks = p.ks;
    final int g = ks.length;
    final int q = p.q;
    final int kMax = ks[g - 1];
    final LengthModel inModel = m.inputLength();
    final LengthModel outModel = m.outputLength();
    final LatencyModel lat = m.latency();
    final boolean byMax = lat.roundsByMax();
    final boolean ttft = lat.ttftDecode();
    final double perSecond = lat.rateLimitTpm().isPresent() ? lat.rateLimitTpm().getAsDouble() / 60.0 : 0;
    final double maxIn = SampleMoments.inputUpperBound(m);
    final int parallel = p.parallel;
    final double[] sums = new double[g * q * 2];
    final AccuracyModel model = m.accuracy();
    final int holdK = m.accuracyK(Integer.MAX_VALUE);
    final Policy.Rule rule = p.policy.rule();
    final int margin = p.policy.margin();
    final double tau = p.policy.scoreThreshold();
    final GaussianBestOfK gauss = rule == Policy.Rule.UNTIL_SCORE ? (GaussianBestOfK) model : null;
    final boolean votes = rule == Policy.Rule.UNTIL_DECIDED || rule == Policy.Rule.UNTIL_LEAD;
    final RequestShape shape = m.requests();
    final double firstIn = m.prices().firstCallInput(shape);
    final double laterIn = m.prices().laterCallInput(shape);
    final double[] cost = new double[kMax + 1]; // running sums after sample i
    final double[] time = new double[kMax + 1]; // latency of a request that stops after sample i
    final double[] answer = new double[kMax + 1]; // the accuracy model's A of the first i samples
    final int[] lead = new int[kMax + 1];
    final boolean[] correctLeads = new boolean[kMax + 1];
    for (int trial = from; trial < to; trial++) {
      XoShiRo256PlusPlus rng = generator(seed, trial);
      ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
      AccuracyModel.Trial questions = model.trial(rng);
      MajorityVote.VoteTrial ballot = votes ? (MajorityVote.VoteTrial) questions : null;
      double sumC = 0;
      double sumT = 0;
      double doneRounds = 0;
      double roundMax = 0;
      double tokens = 0;
      double best = 0;
      int firstHit = Integer.MAX_VALUE; // first correct sample (until-pass) or score >= tau (until-score)
      int firstLead = Integer.MAX_VALUE; // first round end with a lead >= margin (until-lead)
      double lin = 0;
      int calls = 0;
      for (int i = 1; i <= kMax; i++) {
        boolean opens = shape.opensCall(i, parallel);
        if (opens) {
          lin = inModel.sample(z.sample(), rng);
          lin = lin < 1.0 ? 1.0 : (lin > maxIn ? maxIn : lin);
        }
        double lout = outModel.sample(z.sample(), rng);
        double maxOut = 16.0 * lin;
        lout = lout < 1.0 ? 1.0 : (lout > maxOut ? maxOut : lout);
        double za = z.sample();
        double a;
        if (gauss != null) {
          double score = gauss.scoreMean() + gauss.scoreStd() * za;
          score = score < 0.0 ? 0.0 : (score > 1.0 ? 1.0 : score);
          if (score >= tau && firstHit == Integer.MAX_VALUE) {
            firstHit = i;
          }
          best = Math.max(best, score);
          a = best;
        } else {
          a = questions.next(za, rng);
          if (rule == Policy.Rule.UNTIL_PASS && a == 1 && firstHit == Integer.MAX_VALUE) {
            firstHit = i;
          }
        }
        answer[i] = a;
        if (ballot != null) {
          lead[i] = ballot.lead();
          correctLeads[i] = ballot.correctLeads();
        }
        sumC += (opens ? (calls++ == 0 ? firstIn : laterIn) * lin : 0) + m.cOut() * lout;
        double ti = ttft ? lat.ttftS() + m.tOut() * lout : m.tIn() * lin + m.tOut() * lout;
        sumT += ti;
        tokens += (opens ? lin : 0) + lout;
        if (ti > roundMax) {
          roundMax = ti;
        }
        boolean roundEnds = i % parallel == 0;
        if (roundEnds) {
          doneRounds += roundMax;
          if (rule == Policy.Rule.UNTIL_LEAD && firstLead == Integer.MAX_VALUE && lead[i] >= margin) {
            firstLead = i;
          }
        }
        double t = byMax ? doneRounds + (roundEnds ? 0 : roundMax) : ((i + parallel - 1) / parallel) * (sumT / i);
        if (perSecond > 0) {
          t = Math.max(t, tokens / perSecond);
        }
        cost[i] = sumC;
        time[i] = t;
        if (roundEnds) {
          roundMax = 0;
        }
      }
      for (int gi = 0; gi < g; gi++) {
        int k = ks[gi];
        int kA = Math.min(k, holdK);
        int n = stop(rule, k, parallel, firstHit, firstLead, margin, lead);
        int nA = kA == k ? n : stop(rule, kA, parallel, firstHit, firstLead, margin, lead);
        double acc;
        if (rule == Policy.Rule.UNTIL_LEAD && nA < kA) {
          acc = correctLeads[nA] ? 1 : 0;
        } else if (rule == Policy.Rule.UNTIL_SCORE) {
          acc = answer[nA];
        } else {
          acc = answer[kA]; // until-pass, until-decided: the answer at the cap, whatever the stop
        }
        int idx = gi * q;
        record(idx, cost[n], p.shift, p.lo, p.invWidth, sums, st.hist, st.min, st.max);
        record(idx + 1, time[n], p.shift, p.lo, p.invWidth, sums, st.hist, st.min, st.max);
        record(idx + 2, acc, p.shift, p.lo, p.invWidth, sums, st.hist, st.min, st.max);
        record(idx + 3, n, p.shift, p.lo, p.invWidth, sums, st.hist, st.min, st.max);
        record(idx + 4, (n + parallel - 1) / parallel, p.shift, p.lo, p.invWidth, sums, st.hist, st.min, st.max);
        if (q > Q_STOPPING) {
          record(idx + 5, shape.calls(n, parallel), p.shift, p.lo, p.invWidth, sums, st.hist, st.min, st.max);
        }
      }
    }
    return sums;
  }

  /** Samples drawn by a request capped at k: the end of the round where the rule stops it, else k. */
  private static int stop(Policy.Rule rule, int k, int parallel, int firstHit, int firstLead, int margin, int[] lead) {
    switch (rule) {
      case UNTIL_PASS, UNTIL_SCORE -> {
        if (firstHit > k) {
          return k;
        }
        return Math.min(k, (firstHit + parallel - 1) / parallel * parallel);
      }
      case UNTIL_LEAD -> {
        return Math.min(k, firstLead);
      }
      case UNTIL_DECIDED -> {
        for (int n = parallel; n < k; n += parallel) {
          if (lead[n] > k - n) {
            return n;
          }
        }
        return k;
      }
      default -> {
        return k;
      }
    }
  }

  /** One simulated value of quantity slot {@code idx}: shifted sums, histogram count, extremes. */
  private static void record(int idx, double v, double[] shift, double[] lo, double[] invWidth, double[] sums,
      int[] hist, double[] min, double[] max) {
    double d = v - shift[idx];
    sums[idx * 2] += d;
    sums[idx * 2 + 1] += d * d;
    int slot;
    double pos = (v - lo[idx]) * invWidth[idx];
    if (pos < 0) {
      slot = 0;
    } else if (!(pos < BINS)) {
      slot = BINS + 1; // at or past the end; also a point mass at lo, where pos = 0·inf = NaN
    } else {
      slot = (int) pos + 1;
    }
    hist[idx * (BINS + 2) + slot]++;
    if (v < min[idx]) {
      min[idx] = v;
    }
    if (v > max[idx]) {
      max[idx] = v;
    }
  }
}
