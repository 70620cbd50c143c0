package io.kstar.profile;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.input.Check;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import java.util.Objects;
import java.util.Optional;

/**
 * One model's profile, composed of its parts: prices and per-token times, the input and output
 * length models, the accuracy model, the latency model and the default parallelism P. Every part is
 * required; a change is a wither, so no part can be dropped on the way. {@link Figures} reads and
 * changes single figures ({@code c_in}, {@code mu_Lout}, {@code difficulty_alpha}, …) by name.
 * {@code calibration} is null for a profile whose figures are taken as known (the paper's); a
 * calibrated profile carries replicates of its accuracy model and the range of k its data covered.
 */
public record ModelProfile(
    String id,
    String name,
    Prices prices,
    Speeds speeds,
    LengthModel inputLength,
    LengthModel outputLength,
    AccuracyModel accuracy,
    LatencyModel latency,
    int defaultParallel,
    Calibration calibration) {

  /** Largest P accepted; beyond it nothing about the model changes in a meaningful grid. */
  public static final int MAX_PARALLEL = 1 << 20;

  public ModelProfile {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw InvalidInputException.of("id", "\"" + id + "\"", "a model id must not be blank");
    }
    name = name == null || name.isBlank() ? id : name;
    Objects.requireNonNull(prices, "prices");
    Objects.requireNonNull(speeds, "speeds");
    Objects.requireNonNull(inputLength, "inputLength");
    Objects.requireNonNull(outputLength, "outputLength");
    Objects.requireNonNull(accuracy, "accuracy");
    Objects.requireNonNull(latency, "latency");
    Check.intInRange("default_parallel", defaultParallel, 1, MAX_PARALLEL);
    if (calibration != null && calibration.samples().get(0).kind() != accuracy.kind()) {
      throw InvalidInputException.of("calibration.accuracy_samples", calibration.samples().get(0).id(),
          "must be replicates of the profile's accuracy model, " + accuracy.id());
    }
  }

  /** A profile without calibration: every part given. */
  public ModelProfile(String id, String name, Prices prices, Speeds speeds, LengthModel inputLength,
      LengthModel outputLength, AccuracyModel accuracy, LatencyModel latency, int defaultParallel) {
    this(id, name, prices, speeds, inputLength, outputLength, accuracy, latency, defaultParallel, null);
  }

  public Optional<Calibration> calibrated() {
    return Optional.ofNullable(calibration);
  }

  /** The k at which accuracy is read for k samples: k, or the edge of the data when the calibration holds there. */
  public int accuracyK(int k) {
    return calibration == null ? k : calibration.accuracyK(k);
  }

  /**
   * The paper's profile (the flat catalog fields): clipped-normal lengths, Gaussian best-of-k scores and
   * batched-mean latency, every part given.
   */
  public static ModelProfile paper(String id, String name, double cIn, double cOut, double tIn, double tOut,
      double muLin, double sigmaLin, double muLout, double sigmaLout, double accMean, double accStd,
      int defaultParallel) {
    return new ModelProfile(id, name, new Prices(cIn, cOut), new Speeds(tIn, tOut),
        inputLength(muLin, sigmaLin), outputLength(muLout, sigmaLout), new GaussianBestOfK(accMean, accStd),
        LatencyModel.DEFAULT, defaultParallel);
  }

  private static LengthModel inputLength(double mu, double sigma) {
    try {
      return new LengthModel.ClippedNormalLength(mu, sigma);
    } catch (InvalidInputException e) {
      throw InvalidInputException.of(e.field().equals("mean") ? "mu_Lin" : "sigma_Lin", e.value().orElse(null), e.allowed());
    }
  }

  private static LengthModel outputLength(double mu, double sigma) {
    try {
      return new LengthModel.ClippedNormalLength(mu, sigma);
    } catch (InvalidInputException e) {
      throw InvalidInputException.of(e.field().equals("mean") ? "mu_Lout" : "sigma_Lout", e.value().orElse(null), e.allowed());
    }
  }

  public double cIn() {
    return prices.inputUsdPerToken();
  }

  public double cOut() {
    return prices.outputUsdPerToken();
  }

  public double tIn() {
    return speeds.inputSPerToken();
  }

  public double tOut() {
    return speeds.outputSPerToken();
  }

  public ModelProfile withId(String newId) {
    return new ModelProfile(newId, name.equals(id) ? newId : name, prices, speeds, inputLength, outputLength,
        accuracy, latency, defaultParallel, calibration);
  }

  public ModelProfile withName(String newName) {
    return new ModelProfile(id, newName, prices, speeds, inputLength, outputLength, accuracy, latency, defaultParallel, calibration);
  }

  public ModelProfile withPrices(Prices p) {
    return new ModelProfile(id, name, p, speeds, inputLength, outputLength, accuracy, latency, defaultParallel, calibration);
  }

  public ModelProfile withSpeeds(Speeds s) {
    return new ModelProfile(id, name, prices, s, inputLength, outputLength, accuracy, latency, defaultParallel, calibration);
  }

  public ModelProfile withInputLength(LengthModel in) {
    return new ModelProfile(id, name, prices, speeds, in, outputLength, accuracy, latency, defaultParallel, calibration);
  }

  public ModelProfile withOutputLength(LengthModel out) {
    return new ModelProfile(id, name, prices, speeds, inputLength, out, accuracy, latency, defaultParallel, calibration);
  }

  /** The same profile with another accuracy model; a calibration of another kind of model no longer applies and is dropped. */
  public ModelProfile withAccuracy(AccuracyModel model) {
    Calibration c = calibration != null && calibration.samples().get(0).kind() == model.kind() ? calibration : null;
    return new ModelProfile(id, name, prices, speeds, inputLength, outputLength, model, latency, defaultParallel, c);
  }

  public ModelProfile withLatency(LatencyModel model) {
    return new ModelProfile(id, name, prices, speeds, inputLength, outputLength, accuracy, model, defaultParallel, calibration);
  }

  public ModelProfile withDefaultParallel(int p) {
    return new ModelProfile(id, name, prices, speeds, inputLength, outputLength, accuracy, latency, p, calibration);
  }

  public ModelProfile withCalibration(Calibration c) {
    return new ModelProfile(id, name, prices, speeds, inputLength, outputLength, accuracy, latency, defaultParallel, c);
  }

  /** True for the paper's models throughout: clipped-normal lengths and batched-mean latency. */
  public boolean paperLengthsAndLatency() {
    return inputLength.kind() == LengthModel.ClippedNormalLength.KIND
        && outputLength.kind() == LengthModel.ClippedNormalLength.KIND
        && latency.isDefault();
  }
}
