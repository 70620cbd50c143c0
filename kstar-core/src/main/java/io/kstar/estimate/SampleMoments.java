package io.kstar.estimate;

import io.kstar.profile.ModelProfile;

/**
 * Exact mean and variance of one sample's cost C₁ = c_in·L_in + c_out·L_out and time
 * T₁ = t_in·L_in + t_out·L_out, with L_in = clip(N(μ_in, σ_in²), 1, 16·μ_in) and
 * L_out = clip(N(μ_out, σ_out²), 1, ∞): the bound L_out ≤ 16·L_in is left out, and
 * {@link #outputBoundMayBind()} says when that could change a digit. The moments of L_in and L_out
 * themselves ({@code in*}, {@code out*}) serve requests whose samples share a call's prompt.
 */
public record SampleMoments(
    double costMean, double costVar, double timeMean, double timeVar, boolean outputBoundMayBind,
    double tokensMean, double tokensVar, double inMean, double inVar, double outMean, double outVar) {

  /** The upper clip of an input length: 16 times its mean (the paper's bound). */
  public static double inputUpperBound(ModelProfile m) {
    return 16.0 * m.inputLength().mean();
  }

  public static SampleMoments of(ModelProfile m) {
    double[] in = m.inputLength().clippedMoments(1.0, inputUpperBound(m));
    double[] out = m.outputLength().clippedMoments(1.0, Double.POSITIVE_INFINITY);
    double eIn = in[0];
    double vIn = in[1];
    double eOut = out[0];
    double vOut = out[1];
    double costMean = m.cIn() * eIn + m.cOut() * eOut;
    double costVar = m.cIn() * m.cIn() * vIn + m.cOut() * m.cOut() * vOut;
    boolean ttft = m.latency().ttftDecode();
    double timeMean = ttft ? m.latency().ttftS() + m.tOut() * eOut : m.tIn() * eIn + m.tOut() * eOut;
    double timeVar = ttft ? m.tOut() * m.tOut() * vOut : m.tIn() * m.tIn() * vIn + m.tOut() * m.tOut() * vOut;
    // L_in is below its practical minimum with probability < 1e-32; the bound L_out <= 16 L_in binds
    // only if L_out can exceed 16 times that with probability above about 1e-15.
    boolean mayBind = m.outputLength().mayExceed(16.0 * m.inputLength().practicalMinimum());
    return new SampleMoments(costMean, costVar, timeMean, timeVar, mayBind, eIn + eOut, vIn + vOut, eIn, vIn, eOut,
        vOut);
  }
}
