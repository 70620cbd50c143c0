package io.kstar.study;

import io.kstar.estimate.Estimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.plan.Confidence;
import io.kstar.profile.ModelProfile;
import io.kstar.select.SelectionContext;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a study is run: the estimator, the grid, overrides of k_max and P, the accuracy tolerance of
 * accuracy-max, the fixed k of the 1-D baseline and the reference model of the headline (by default
 * the model with the highest expected cost per sample, the catalog's "largest").
 */
public record StudyOptions(
    Estimator estimator,
    Grid.Kind grid,
    OptionalInt kMax,
    OptionalInt parallel,
    double accuracyTolerance,
    int baselineK,
    Optional<String> referenceModel,
    Confidence confidence,
    java.util.List<io.kstar.policy.Policy> policies) {

  public StudyOptions(Estimator estimator, Grid.Kind grid, OptionalInt kMax, OptionalInt parallel,
      double accuracyTolerance, int baselineK, Optional<String> referenceModel) {
    this(estimator, grid, kMax, parallel, accuracyTolerance, baselineK, referenceModel, Confidence.OFF);
  }

  /** The study under the fixed policy. */
  public StudyOptions(Estimator estimator, Grid.Kind grid, OptionalInt kMax, OptionalInt parallel,
      double accuracyTolerance, int baselineK, Optional<String> referenceModel, Confidence confidence) {
    this(estimator, grid, kMax, parallel, accuracyTolerance, baselineK, referenceModel, confidence,
        java.util.List.of(io.kstar.policy.Policy.FIXED));
  }

  public StudyOptions {
    Objects.requireNonNull(confidence, "confidence");
    policies = java.util.List.copyOf(new java.util.LinkedHashSet<>(policies));
    if (policies.isEmpty()) {
      throw InvalidInputException.of("policy", "[]", "must list at least one policy");
    }
    if (!(accuracyTolerance >= 0) || !Double.isFinite(accuracyTolerance)) {
      throw InvalidInputException.of("accuracy_tolerance", accuracyTolerance, "must be a finite number >= 0");
    }
    if (baselineK < 1 || baselineK > Grid.MAX_K) {
      throw InvalidInputException.of("baseline_k", baselineK, "must be an integer in [1, " + Grid.MAX_K + "]");
    }
    kMax.ifPresent(k -> {
      if (k < 1 || k > Grid.MAX_K) {
        throw InvalidInputException.of("k_max", k, "must be an integer in [1, " + Grid.MAX_K + "]");
      }
    });
    parallel.ifPresent(p -> {
      if (p < 1 || p > ModelProfile.MAX_PARALLEL) {
        throw InvalidInputException.of(
            "parallel", p, "must be an integer in [1, " + ModelProfile.MAX_PARALLEL + "]");
      }
    });
  }

  public static StudyOptions defaults(Estimator estimator) {
    return new StudyOptions(
        estimator, Grid.Kind.BATCH, OptionalInt.empty(), OptionalInt.empty(),
        SelectionContext.DEFAULT_ACCURACY_TOLERANCE, 1, Optional.empty());
  }
}
