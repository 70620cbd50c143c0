package io.kstar.estimate;

import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import java.util.List;

/** Computes per-k statistics of cost, latency and accuracy (docs/semantics.md §3). */
public interface Estimator {

  /** A model, its parallelism, the caps k to evaluate (strictly increasing, each ≥ 1) and the stopping policy. */
  record Job(ModelProfile model, int parallel, int[] ks, Policy policy) {
    public Job(ModelProfile model, int parallel, int[] ks) {
      this(model, parallel, ks, Policy.FIXED);
    }
  }

  /** The estimator's name in outputs: {@code exact} or {@code monte-carlo}. */
  String name();

  Curve estimate(Job job);

  /** The fixed policy's curve. */
  default Curve estimate(ModelProfile model, int parallel, int[] ks) {
    return estimate(new Job(model, parallel, ks));
  }

  /** Several curves at once; implementations may share work or threads across them. */
  default List<Curve> estimateAll(List<Job> jobs) {
    return jobs.stream().map(this::estimate).toList();
  }
}
