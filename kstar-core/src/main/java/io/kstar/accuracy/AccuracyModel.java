package io.kstar.accuracy;

import io.kstar.distribution.Marginal;
import io.kstar.parameter.Parameterised;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * How the accuracy of one request depends on k. Each model has an exact estimator ({@link #mean(int)},
 * {@link #std(int)}, {@link #distribution(int)}) and a Monte Carlo one ({@link #trial}), which agree in
 * tests, and declares its kind and parameters ({@link Parameterised}); the registry is
 * {@link AccuracyModels#REGISTRY}.
 *
 * <ul>
 *   <li>{@link GaussianBestOfK} — the paper's: the best of k quality scores clip(N(μ, σ²), 0, 1);
 *   <li>{@link PassAtK} — an oracle verifier: the request is answered when any of k samples is correct,
 *       the question's success probability p ~ Beta(α, β);
 *   <li>{@link MajorityVote} — self-consistency: the most frequent of k answers, wrong answers spread
 *       over m alternatives, ties broken at random;
 *   <li>{@link SelectorBestOfK} — best-of-k with an imperfect selector (a reward model) that picks a
 *       correct sample, when some but not all are correct, with probability s.
 * </ul>
 *
 * Two families: a continuous score ({@link GaussianBestOfK}) and a right-or-wrong outcome
 * ({@link BernoulliOutcome}, open to new models).
 */
public sealed interface AccuracyModel extends Parameterised permits GaussianBestOfK, BernoulliOutcome {

  /** E[A(k)]. */
  double mean(int k);

  /** sd of A(k) for one request. */
  double std(int k);

  /** {E[A(k)], sd of A(k)} at once (both families compute them together). */
  double[] meanAndStd(int k);

  /** The distribution of A(k) for one request. */
  Marginal distribution(int k);

  /** Largest k the exact estimator computes for this model (beyond it, use Monte Carlo). */
  default int maxExactK() {
    return Integer.MAX_VALUE;
  }

  /**
   * The exact estimator's work at k beyond one grid point's, in units of about 10 ns (a service refuses work
   * predicted past its time limit before starting it): 0 for a model with closed forms.
   */
  default double exactWork(int k) {
    return 0;
  }

  /** One simulated request: draws its question (if the model has one) from {@code rng}. */
  Trial trial(UniformRandomProvider rng);

  /** A request being simulated: one sample at a time, returning A of the prefix so far. */
  interface Trial {
    /**
     * @param z the standard normal the simulator drew for this sample's quality (used by the Gaussian
     *     model; the others draw uniforms from the generator)
     */
    double next(double z, UniformRandomProvider rng);
  }
}
