package io.kstar.calibrate.format;

import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Parts of a profile fitted to a serving benchmark or to providers' usage records: lognormal input and
 * output lengths (mean and sd of the observed lengths: the lognormal with those moments), and, when the
 * source times tokens, the {@code ttft-decode} latency model's time to first token and decode time per
 * output token. Null parts were not measured.
 *
 * @param requests the requests the fit used
 * @param skipped requests left out (failed, or with no output)
 */
public record ServingFit(String source, String model, int requests, int skipped, LengthModel.LogNormalLength input,
    LengthModel.LogNormalLength output, Double ttftS, Double tOut, Integer samplesPerRequest) {

  /** A fit that says nothing of samples per request. */
  public ServingFit(String source, String model, int requests, int skipped, LengthModel.LogNormalLength input,
      LengthModel.LogNormalLength output, Double ttftS, Double tOut) {
    this(source, model, requests, skipped, input, output, ttftS, tOut, null);
  }

  /** The ttft-decode latency model, when the source timed the first token; else null. */
  public LatencyModel latency() {
    return ttftS == null ? null : new LatencyModel(LatencyModel.TTFT_DECODE, ttftS, OptionalDouble.empty());
  }

  /** The lognormal with the mean and sample sd of the values (n − 1; sd 0 for one value). */
  static LengthModel.LogNormalLength lognormal(List<Double> v) {
    double m = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double ss = v.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
    return new LengthModel.LogNormalLength(Math.max(1, m), v.size() < 2 ? 0 : Math.sqrt(ss / (v.size() - 1)));
  }

  /** One line for the user: what was fitted from how many requests. */
  public String describe() {
    StringBuilder b = new StringBuilder(source + ": " + requests + " requests" + (skipped > 0 ? " (" + skipped
        + " failed or empty, left out)" : "") + "; input tokens lognormal " + fmt(input.mean()) + " ± " + fmt(input.sd())
        + ", output tokens lognormal " + fmt(output.mean()) + " ± " + fmt(output.sd()));
    if (samplesPerRequest != null && samplesPerRequest > 1) {
      b.append("; ").append(samplesPerRequest).append(" samples per request (choices): the prompt is billed once per"
          + " request");
    }
    if (ttftS != null) {
      b.append("; latency ttft-decode: TTFT ").append(fmt(ttftS)).append(" s, t_out ").append(fmt(tOut)).append(" s per token");
    }
    return b.toString();
  }

  static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.6g", v);
  }
}
