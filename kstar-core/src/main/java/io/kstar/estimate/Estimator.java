package io.kstar.estimate;

import io.kstar.profile.ModelProfile;
import java.util.List;

/** Computes per-k statistics of cost, latency and accuracy (docs/semantics.md §3). */
public interface Estimator {

  /** A model, its parallelism and the k values to evaluate (strictly increasing, each ≥ 1). */
  record Job(ModelProfile model, int parallel, int[] ks) {}

  /** The estimator's name in outputs: {@code exact} or {@code monte-carlo}. */
  String name();

  Curve estimate(ModelProfile model, int parallel, int[] ks);

  /** Several curves at once; implementations may share work or threads across them. */
  default List<Curve> estimateAll(List<Job> jobs) {
    return jobs.stream().map(j -> estimate(j.model(), j.parallel(), j.ks())).toList();
  }
}
