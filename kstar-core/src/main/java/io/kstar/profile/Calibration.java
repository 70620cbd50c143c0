package io.kstar.profile;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.input.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * What a calibration knows and does not know about a profile's accuracy model: replicates of the model
 * drawn from its fit's uncertainty (bootstrap or simulation, each the same kind as the profile's
 * model), how they were obtained, and the largest k (samples per question, or N of a curve) the data
 * covered. Beyond {@code dataUpToK} a plan extrapolates, and says so.
 *
 * @param method how the replicates were obtained, for outputs ("bootstrap over 300 questions")
 * @param dataUpToK the largest k the calibration data covered
 * @param samples replicates of the accuracy model (at least 2)
 */
public record Calibration(String method, int dataUpToK, List<AccuracyModel> samples) {

  public Calibration {
    Objects.requireNonNull(method, "method");
    samples = List.copyOf(samples);
    if (dataUpToK < 1) {
      throw InvalidInputException.of("data_up_to_k", dataUpToK, "must be an integer >= 1");
    }
    if (samples.size() < 2) {
      throw InvalidInputException.of("accuracy_samples", samples.size(), "must hold at least 2 replicates");
    }
    var kind = samples.get(0).kind();
    for (AccuracyModel m : samples) {
      if (m.kind() != kind) {
        throw InvalidInputException.of("accuracy_samples", m.id(), "every replicate must be a " + kind.id() + " model");
      }
    }
  }
}
