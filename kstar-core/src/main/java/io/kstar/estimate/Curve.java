package io.kstar.estimate;

import io.kstar.policy.Policy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Per-k statistics of one model at parallelism P under one stopping policy, as one estimator computed
 * them. Points are in increasing k (the cap). {@code notes} say where the estimator approximated something that could change a
 * reported digit.
 */
public record Curve(
    String modelId,
    int parallel,
    String estimator,
    QuantileMethod quantileMethod,
    List<CurvePoint> points,
    List<String> notes,
    Policy policy) {

  public Curve {
    points = List.copyOf(points);
    notes = List.copyOf(notes);
    java.util.Objects.requireNonNull(policy, "policy");
  }

  /** A curve under the fixed policy. */
  public Curve(String modelId, int parallel, String estimator, QuantileMethod quantileMethod, List<CurvePoint> points,
      List<String> notes) {
    this(modelId, parallel, estimator, quantileMethod, points, notes, Policy.FIXED);
  }

  public Optional<CurvePoint> at(int k) {
    int lo = 0;
    int hi = points.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int mk = points.get(mid).k();
      if (mk == k) {
        return Optional.of(points.get(mid));
      } else if (mk < k) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return Optional.empty();
  }

  /** The points whose k is in {@code ks}, in the order of {@code ks}. */
  public List<CurvePoint> select(int[] ks) {
    return Arrays.stream(ks)
        .mapToObj(k -> at(k).orElseThrow(() -> new IllegalArgumentException("k = " + k + " not on the curve")))
        .toList();
  }
}
