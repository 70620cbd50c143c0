package io.kstar.serving;

import io.kstar.input.InvalidInputException;
import io.kstar.parameter.Range;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A replica's latency as a function of its load, as a serving sweep measured it: mean time to first token
 * and mean time per output token at two or more achieved request rates, the token mix every request of the
 * sweep had ({@code measured_with}), the replica's capacity (the requests per second of that mix it sustains
 * at most: its saturation throughput), the {@link LoadFit} that reads the curve between and beyond the rates
 * and, optionally, what one replica costs per hour.
 *
 * <p><b>Load in tokens.</b> Another workload loads the replica by the tokens it makes it process: prefill
 * tokens plus decode tokens per second, counted alike (both cost about two FLOPs per parameter). The
 * utilisation is ρ = tokens/s ÷ (capacity × tokens of one sweep request); the sweep's own rates sit at
 * ρ_i = rate_i ÷ capacity. A prompt shared by the n samples of one call is prefilled once, and a cached prompt
 * once per request. <b>Latency under load</b> is the profile's own latency with its time to first token
 * (prefill) and its time per output token multiplied by the curve's slowdown at ρ, TTFT(ρ)/TTFT(0) and
 * TPOT(ρ)/TPOT(0): with no traffic the profile is unchanged.
 *
 * @param source where the sweep came from (free text; may be empty)
 */
public record LoadCurve(double mixInputTokens, double mixOutputTokens, double capacityRps, List<LoadPoint> points,
    LoadFit fit, OptionalDouble replicaUsdPerHour, String source) {

  public static final Range TOKENS = Range.between(0, 1e9, " (tokens)");
  public static final Range OUTPUT_TOKENS = Range.between(1, 1e9, " (tokens; a request decodes at least one)");
  public static final Range CAPACITY = Range.positiveAtMost(1e9, " (requests per second)");
  public static final Range USD_PER_HOUR = Range.between(0, 1e9, " (USD per replica-hour)");

  public LoadCurve {
    TOKENS.check("serving.measured_with.input_tokens", mixInputTokens);
    OUTPUT_TOKENS.check("serving.measured_with.output_tokens", mixOutputTokens);
    CAPACITY.check("serving.capacity_rps", capacityRps);
    Objects.requireNonNull(fit, "fit");
    Objects.requireNonNull(replicaUsdPerHour, "replicaUsdPerHour");
    replicaUsdPerHour.ifPresent(v -> USD_PER_HOUR.check("serving.replica_usd_per_hour", v));
    source = source == null ? "" : source;
    points = List.copyOf(points);
    if (points.size() < 2) {
      throw InvalidInputException.of("serving.load", points.size() + " rate" + (points.size() == 1 ? "" : "s"),
          "a load curve needs at least 2 measured rates (one rate gives a fixed latency: set the profile's speeds"
              + " instead)");
    }
    for (int i = 1; i < points.size(); i++) {
      double prev = points.get(i - 1).requestsPerS();
      if (!(points.get(i).requestsPerS() > prev)) {
        throw InvalidInputException.of("serving.load[" + i + "].requests_per_s",
            fmt(points.get(i).requestsPerS()), "rates must be strictly increasing: must be above the previous"
                + " rate, " + fmt(prev));
      }
    }
    double last = points.get(points.size() - 1).requestsPerS();
    if (!(capacityRps > last)) {
      throw InvalidInputException.of("serving.capacity_rps", fmt(capacityRps),
          "must be above every measured rate (a curve's rates are below saturation); the highest is " + fmt(last));
    }
    if (fit == LoadFit.QUEUEING && (LoadFit.QUEUEING.fit(rho(points, capacityRps), ttfts(points)).isEmpty()
        || LoadFit.QUEUEING.fit(rho(points, capacityRps), tpots(points)).isEmpty())) {
      throw InvalidInputException.of("serving.fit", fit.id(), "the queueing shape does not fit these rates (its"
          + " intercept would not be positive): use interpolation");
    }
  }

  /** A curve without price or source. */
  public LoadCurve(double mixInputTokens, double mixOutputTokens, double capacityRps, List<LoadPoint> points,
      LoadFit fit) {
    this(mixInputTokens, mixOutputTokens, capacityRps, points, fit, OptionalDouble.empty(), "");
  }

  public LoadCurve withReplicaUsdPerHour(OptionalDouble usd) {
    return new LoadCurve(mixInputTokens, mixOutputTokens, capacityRps, points, fit, usd, source);
  }

  public LoadCurve withFit(LoadFit f) {
    return new LoadCurve(mixInputTokens, mixOutputTokens, capacityRps, points, f, replicaUsdPerHour, source);
  }

  /** The tokens one request of the sweep made the replica process. */
  public double tokensPerRequest() {
    return mixInputTokens + mixOutputTokens;
  }

  /** The replica's capacity in tokens per second (prefill and decode alike). */
  public double capacityTokensPerS() {
    return capacityRps * tokensPerRequest();
  }

  /** The utilisation of each measured rate, rate ÷ capacity. */
  public double[] rho() {
    return rho(points, capacityRps);
  }

  /** The utilisation of the highest measured rate: beyond it the curve is extrapolated. */
  public double lastMeasuredRho() {
    return points.get(points.size() - 1).requestsPerS() / capacityRps;
  }

  /** Time to first token against utilisation, as the fit reads it. */
  public LoadFit.Shape ttft() {
    return fit.fit(rho(), ttfts(points)).orElseThrow();
  }

  /** Time per output token against utilisation, as the fit reads it. */
  public LoadFit.Shape tpot() {
    return fit.fit(rho(), tpots(points)).orElseThrow();
  }

  /** How much slower a replica at utilisation ρ in [0, 1) serves than an idle one. */
  public record Slowdown(double ttft, double tpot, boolean extrapolated) {
    public static final Slowdown NONE = new Slowdown(1, 1, false);

    public boolean none() {
      return ttft == 1 && tpot == 1;
    }
  }

  /** The slowdown at utilisation ρ in [0, 1). */
  public Slowdown slowdown(double rho) {
    if (!(rho >= 0 && rho < 1)) {
      throw new IllegalArgumentException("utilisation " + rho + " is not in [0, 1)");
    }
    LoadFit.Shape t = ttft();
    LoadFit.Shape d = tpot();
    return new Slowdown(t.at(rho) / t.idle(), d.at(rho) / d.idle(), rho > lastMeasuredRho());
  }

  static double[] rho(List<LoadPoint> points, double capacity) {
    return points.stream().mapToDouble(p -> p.requestsPerS() / capacity).toArray();
  }

  static double[] ttfts(List<LoadPoint> points) {
    return points.stream().mapToDouble(LoadPoint::ttftS).toArray();
  }

  static double[] tpots(List<LoadPoint> points) {
    return points.stream().mapToDouble(LoadPoint::tpotS).toArray();
  }

  private static String fmt(double v) {
    return io.kstar.input.Check.fmt(v);
  }
}
