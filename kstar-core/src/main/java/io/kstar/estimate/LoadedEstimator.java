package io.kstar.estimate;

import io.kstar.distribution.Marginal;
import io.kstar.latency.LatencyModel;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Speeds;
import io.kstar.serving.Load;
import io.kstar.serving.LoadCurve;
import io.kstar.serving.Traffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Another estimator's curves at a traffic (docs/serving.md). A request of point k draws E[samples] samples in
 * E[calls] calls; it makes a replica process E[calls] × E[L_in] prefill tokens (E[L_in] once when the prompt is
 * cached) and E[samples] × E[L_out] decode tokens, so R requests/s spread over N replicas load each at
 * ρ = R × tokens ÷ (N × capacity in tokens/s) ({@link LoadCurve}). At ρ &lt; 1 the point's latency is the base
 * estimator's, for the profile with its time to first token and time per output token slowed down by the curve
 * at ρ; at ρ ≥ 1 the queue grows without bound: the point is {@code saturated}, its latency +∞, infeasible under
 * any latency budget. Cost and accuracy do not change with load; a price per replica-hour adds
 * N × price ÷ (3600 × R) to every request's cost. {@code replicas} auto takes, for each point, the fewest
 * replicas under capacity whose latency meets the latency bound (when one is set, {@link #within}); latency
 * never rises as replicas are added, so the search is a bisection. A model without a load curve is left as it is.
 */
public final class LoadedEstimator implements Estimator {

  /** A latency a point must meet for {@code replicas} auto: its mean, or its q-quantile, at most {@code maxS}. */
  public record LatencyBound(double maxS, OptionalDouble quantile) {
    double of(Statistic s) {
      return quantile.isPresent() ? s.distribution().quantile(quantile.getAsDouble()) : s.mean();
    }
  }

  private final Estimator base;
  private final Traffic traffic;
  private final LatencyBound bound;

  public LoadedEstimator(Estimator base, Traffic traffic) {
    this(base, traffic, null);
  }

  private LoadedEstimator(Estimator base, Traffic traffic, LatencyBound bound) {
    this.base = java.util.Objects.requireNonNull(base, "base");
    this.traffic = java.util.Objects.requireNonNull(traffic, "traffic");
    this.bound = bound;
  }

  /** {@code e} with the latency bound {@code replicas} auto must meet, when {@code e} models traffic; else {@code e}. */
  public static Estimator within(Estimator e, double maxLatencyS, OptionalDouble quantile) {
    return e instanceof LoadedEstimator l ? new LoadedEstimator(l.base, l.traffic,
        new LatencyBound(maxLatencyS, quantile)) : e;
  }

  public Traffic traffic() {
    return traffic;
  }

  public Estimator base() {
    return base;
  }

  @Override
  public String name() {
    return base.name();
  }

  @Override
  public Curve estimate(Job job) {
    return estimateAll(List.of(job)).get(0);
  }

  @Override
  public List<Curve> estimateAll(List<Job> jobs) {
    List<Curve> curves = base.estimateAll(jobs);
    List<Curve> out = new ArrayList<>(curves.size());
    for (int i = 0; i < jobs.size(); i++) {
      out.add(load(jobs.get(i), curves.get(i)));
    }
    return out;
  }

  private Curve load(Job job, Curve c) {
    ModelProfile m = job.model();
    List<String> notes = new ArrayList<>(c.notes());
    if (m.servingCurve().isEmpty()) {
      notes.add(m.id() + ": no load curve (serving) in its profile: traffic leaves its latency as it is");
      return new Curve(c.modelId(), c.parallel(), c.estimator(), c.quantileMethod(), c.points(), notes, c.policy());
    }
    LoadCurve lc = m.servingCurve().get();
    List<CurvePoint> points = new ArrayList<>(c.points().size());
    TreeSet<Integer> saturated = new TreeSet<>();
    TreeSet<Integer> extrapolated = new TreeSet<>();
    for (CurvePoint p : c.points()) {
      CurvePoint q = loadPoint(job, lc, p);
      points.add(q);
      if (q.load().saturated()) {
        saturated.add(q.k());
      } else if (q.load().extrapolated()) {
        extrapolated.add(q.k());
      }
    }
    String arm = "P = " + c.parallel() + (c.policy().isFixed() ? "" : ", " + c.policy().label());
    if (!saturated.isEmpty()) {
      notes.add(m.id() + " (" + arm + "): k = " + ks(saturated) + " at or past capacity at " + num(traffic.requestsPerS())
          + " requests/s on " + (traffic.replicas().isPresent() ? traffic.replicas().getAsInt() + " replica"
          + (traffic.replicas().getAsInt() == 1 ? "" : "s") : "the replicas chosen")
          + ": one replica serves at most " + num(lc.capacityTokensPerS()) + " tokens/s (" + num(lc.capacityRps())
          + " requests/s of " + num(lc.mixInputTokens()) + " in + " + num(lc.mixOutputTokens()) + " out); infeasible"
          + " (give more replicas, or replicas auto)");
    }
    if (!extrapolated.isEmpty()) {
      notes.add(m.id() + " (" + arm + "): k = " + ks(extrapolated) + " load a replica beyond the highest measured"
          + " utilisation (" + num(lc.lastMeasuredRho()) + "): latency extrapolated by the " + lc.fit().id() + " fit");
    }
    return new Curve(c.modelId(), c.parallel(), c.estimator(), c.quantileMethod(), points, notes, c.policy());
  }

  /** The utilisation point p puts on one replica: tokens per second over the replica's capacity. */
  static double utilisationOnOne(ModelProfile m, LoadCurve lc, CurvePoint p, double requestsPerS) {
    Draws d = p.draws();
    double prefills = m.requests().promptCache() ? Math.min(1, d.calls().mean()) : d.calls().mean();
    double tokens = prefills * m.inputLength().mean() + d.samples().mean() * m.outputLength().mean();
    return requestsPerS * tokens / lc.capacityTokensPerS();
  }

  private CurvePoint loadPoint(Job job, LoadCurve lc, CurvePoint p) {
    ModelProfile m = job.model();
    double rate = traffic.requestsPerS();
    double one = utilisationOnOne(m, lc, p, rate);
    int smallest = (int) Math.min(Traffic.MAX_REPLICAS, Math.floor(one) + 1);
    int r;
    if (traffic.replicas().isPresent()) {
      r = traffic.replicas().getAsInt();
    } else if (bound == null || smallest >= Traffic.MAX_REPLICAS) {
      r = smallest;
    } else {
      r = fewestMeeting(job, lc, p, one, smallest);
    }
    double rho = one / r;
    double replicaCost = lc.replicaUsdPerHour().isPresent() ? r * lc.replicaUsdPerHour().getAsDouble() / (3600 * rate) : 0;
    Statistic latency = rho < 1 ? latencyAt(job, lc, p, rho) : null;
    if (latency == null) {
      Load load = new Load(rate, r, rho, false, true, replicaCost);
      Statistic inf = new Statistic(Double.POSITIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0,
          new Marginal.NormalApprox(Double.POSITIVE_INFINITY, 0, 0));
      return withLoad(p, inf, load);
    }
    Load load = new Load(rate, r, rho, rho > lc.lastMeasuredRho(), false, replicaCost);
    return withLoad(p, latency, load);
  }

  /** The point's latency statistic with each replica at utilisation ρ in [0, 1); null when it is beyond any budget. */
  private Statistic latencyAt(Job job, LoadCurve lc, CurvePoint p, double rho) {
    LoadCurve.Slowdown s = lc.slowdown(rho);
    if (s.none()) {
      return p.latency();
    }
    ModelProfile m = job.model();
    double tIn = m.tIn() * s.ttft();
    double tOut = m.tOut() * s.tpot();
    double ttft = m.latency().ttftS() * s.ttft();
    if (!Speeds.T_IN.range().admits(tIn) || !Speeds.T_OUT.range().admits(tOut)
        || !LatencyModel.TTFT_S.range().admits(ttft)) {
      return null; // more than 100 s per token or an hour to the first: as good as saturated
    }
    ModelProfile slowed = m.withSpeeds(new Speeds(tIn, tOut))
        .withLatency(new LatencyModel(m.latency().kind(), ttft, m.latency().rateLimitTpm()));
    return base.estimate(new Job(slowed, job.parallel(), new int[] {p.k()}, job.policy())).points().get(0).latency();
  }

  /**
   * Whether point {@code p} meets the latency bound replicas auto was asked to meet (true without one): with
   * auto, a k that no number of replicas brings under the bound is shown on the fewest under capacity, and
   * must not count as meeting it.
   */
  public boolean meetsBound(CurvePoint p) {
    return bound == null || (!p.saturated() && meets(p.latency()));
  }

  private boolean meets(Statistic s) {
    return s != null && bound.of(s) <= bound.maxS();
  }

  /** The fewest replicas from {@code smallest} on whose latency meets the bound; {@code smallest} when none does. */
  private int fewestMeeting(Job job, LoadCurve lc, CurvePoint p, double one, int smallest) {
    if (meets(latencyAt(job, lc, p, one / smallest))) {
      return smallest;
    }
    if (!meets(p.latency())) {
      return smallest; // not even an idle replica meets it: more replicas cannot help
    }
    long lo = smallest; // fails
    long hi = smallest;
    do {
      hi = Math.min(Traffic.MAX_REPLICAS, hi * 2);
      if (meets(latencyAt(job, lc, p, one / hi))) {
        break;
      }
      lo = hi;
    } while (hi < Traffic.MAX_REPLICAS);
    if (lo == hi) {
      return smallest;
    }
    while (hi - lo > 1) {
      long mid = (lo + hi) >>> 1;
      if (meets(latencyAt(job, lc, p, one / mid))) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return (int) hi;
  }

  private static CurvePoint withLoad(CurvePoint p, Statistic latency, Load load) {
    Statistic cost = shift(p.cost(), load.replicaCostUsd());
    Expected e = p.expected();
    Interval c = e.cost();
    Interval costE = load.replicaCostUsd() == 0 ? c
        : new Interval(c.mean() + load.replicaCostUsd(), c.p05() + load.replicaCostUsd(), c.p95() + load.replicaCostUsd());
    Expected expected = new Expected(costE, latency == p.latency() ? e.latency() : Interval.exact(latency.mean()),
        e.accuracy(), e.extrapolated(), e.accuracyReplicates());
    return new CurvePoint(p.k(), cost, latency, p.accuracy(), expected, p.draws(), load);
  }

  private static Statistic shift(Statistic s, double by) {
    if (by == 0) {
      return s;
    }
    return new Statistic(s.mean() + by, s.std(), s.p025() + by, s.p975() + by, s.stderr(),
        new Marginal.Shifted(s.distribution(), by));
  }

  private static String ks(TreeSet<Integer> ks) {
    return ks.size() <= 6 ? ks.toString().replaceAll("[\\[\\]]", "") : ks.first() + " … " + ks.last() + " (" + ks.size() + " values of k)";
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
  }
}
