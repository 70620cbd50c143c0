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
 * @param beyond what the expected accuracy does beyond {@code dataUpToK}: follow the model
 *     ({@link Beyond#MODEL}), or hold at its value there ({@link Beyond#HOLD}: kstar does not count
 *     gains it has not measured; the replicates' continued growth still widens the interval)
 */
public record Calibration(String method, int dataUpToK, List<AccuracyModel> samples, Beyond beyond) {

  /** What the expected accuracy does beyond the data. */
  public enum Beyond {
    MODEL("model"),
    HOLD("hold");

    private final String id;

    Beyond(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Beyond parse(String field, String text) {
      for (Beyond b : values()) {
        if (b.id.equals(text)) {
          return b;
        }
      }
      throw InvalidInputException.of(field, "\"" + text + "\"", "must be one of [model, hold]");
    }
  }

  public Calibration(String method, int dataUpToK, List<AccuracyModel> samples) {
    this(method, dataUpToK, samples, Beyond.MODEL);
  }

  public Calibration {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(beyond, "beyond");
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

  public Calibration withBeyond(Beyond b) {
    return new Calibration(method, dataUpToK, samples, b);
  }

  /** The k at which the expected accuracy is read for a request of k samples. */
  public int accuracyK(int k) {
    return beyond == Beyond.HOLD ? Math.min(k, dataUpToK) : k;
  }

  /** True when k lies beyond the data. */
  public boolean extrapolates(int k) {
    return k > dataUpToK;
  }
}
