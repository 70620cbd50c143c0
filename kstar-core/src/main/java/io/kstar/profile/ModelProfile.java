package io.kstar.profile;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.input.Check;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import io.kstar.serving.LoadCurve;
import java.util.Objects;
import java.util.Optional;

/**
 * One model's profile, composed of its parts: prices and per-token times, the input and output
 * length models, the accuracy model, the latency model, the request shape (samples per call, prompt
 * cache), the default parallelism P and, for a self-hosted model, the replica's load curve ({@code serving},
 * null when the profile has none). Every other part is
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
    RequestShape requests,
    int defaultParallel,
    Calibration calibration,
    LoadCurve serving) {

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
    Objects.requireNonNull(requests, "requests");
    Check.intInRange("default_parallel", defaultParallel, 1, MAX_PARALLEL);
    if (calibration != null && calibration.samples().get(0).kind() != accuracy.kind()) {
      throw InvalidInputException.of("calibration.accuracy_samples", calibration.samples().get(0).id(),
          "must be replicates of the profile's accuracy model, " + accuracy.id());
    }
  }

  /** A profile of a model served by others, or whose load is not modelled: no load curve. */
  public ModelProfile(String id, String name, Prices prices, Speeds speeds, LengthModel inputLength,
      LengthModel outputLength, AccuracyModel accuracy, LatencyModel latency, RequestShape requests,
      int defaultParallel, Calibration calibration) {
    this(id, name, prices, speeds, inputLength, outputLength, accuracy, latency, requests, defaultParallel,
        calibration, null);
  }

  /** A profile without calibration, one sample per call: every other part given. */
  public ModelProfile(String id, String name, Prices prices, Speeds speeds, LengthModel inputLength,
      LengthModel outputLength, AccuracyModel accuracy, LatencyModel latency, int defaultParallel) {
    this(id, name, prices, speeds, inputLength, outputLength, accuracy, latency, RequestShape.DEFAULT, defaultParallel,
        null);
  }

  /** A profile of the paper's request shape (one sample per call, no prompt cache). */
  public ModelProfile(String id, String name, Prices prices, Speeds speeds, LengthModel inputLength,
      LengthModel outputLength, AccuracyModel accuracy, LatencyModel latency, int defaultParallel,
      Calibration calibration) {
    this(id, name, prices, speeds, inputLength, outputLength, accuracy, latency, RequestShape.DEFAULT, defaultParallel,
        calibration);
  }

  public Optional<Calibration> calibrated() {
    return Optional.ofNullable(calibration);
  }

  /** The k at which accuracy is read for k samples: k, or the edge of the data when the calibration holds there. */
  public int accuracyK(int k) {
    return calibration == null ? k : calibration.accuracyK(k);
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

  /** A builder of a profile by named parts ({@code builder("m").prices(1e-6, 4e-6).speeds(...)...build()}). */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * A profile by named parts, for code and tests that build one by hand: prices, speeds, both lengths and
   * the accuracy model are required; the name defaults to the id, the latency model to the paper's, P to 1,
   * and there is no calibration unless one is given.
   */
  public static final class Builder {
    private final String id;
    private String name;
    private Prices prices;
    private Speeds speeds;
    private LengthModel input;
    private LengthModel output;
    private AccuracyModel accuracy;
    private LatencyModel latency = LatencyModel.DEFAULT;
    private RequestShape requests = RequestShape.DEFAULT;
    private int parallel = 1;
    private Calibration calibration;
    private LoadCurve serving;

    private Builder(String id) {
      this.id = id;
    }

    public Builder name(String n) {
      this.name = n;
      return this;
    }

    public Builder prices(Prices p) {
      this.prices = p;
      return this;
    }

    /** USD per input and per output token. */
    public Builder prices(double cIn, double cOut) {
      return prices(new Prices(cIn, cOut));
    }

    public Builder speeds(Speeds s) {
      this.speeds = s;
      return this;
    }

    /** Seconds per input and per output token. */
    public Builder speeds(double tIn, double tOut) {
      return speeds(new Speeds(tIn, tOut));
    }

    public Builder inputLength(LengthModel m) {
      this.input = m;
      return this;
    }

    /** Clipped-normal input tokens ({@code mu_Lin}, {@code sigma_Lin}). */
    public Builder inputTokens(double mean, double sd) {
      return inputLength(ModelProfile.inputLength(mean, sd));
    }

    public Builder outputLength(LengthModel m) {
      this.output = m;
      return this;
    }

    /** Clipped-normal output tokens of one sample ({@code mu_Lout}, {@code sigma_Lout}). */
    public Builder outputTokens(double mean, double sd) {
      return outputLength(ModelProfile.outputLength(mean, sd));
    }

    public Builder accuracy(AccuracyModel m) {
      this.accuracy = m;
      return this;
    }

    /** The paper's Gaussian quality scores ({@code acc_mean}, {@code acc_std}). */
    public Builder scores(double mean, double sd) {
      return accuracy(new GaussianBestOfK(mean, sd));
    }

    public Builder latency(LatencyModel m) {
      this.latency = m;
      return this;
    }

    public Builder requests(RequestShape r) {
      this.requests = r;
      return this;
    }

    public Builder parallel(int p) {
      this.parallel = p;
      return this;
    }

    public Builder calibration(Calibration c) {
      this.calibration = c;
      return this;
    }

    /** The replica's load curve (a self-hosted model). */
    public Builder serving(LoadCurve curve) {
      this.serving = curve;
      return this;
    }

    public ModelProfile build() {
      for (Object[] part : new Object[][] {{"prices", prices}, {"speeds", speeds}, {"input length", input},
          {"output length", output}, {"accuracy", accuracy}}) {
        if (part[1] == null) {
          throw new IllegalStateException("profile " + id + ": no " + part[0] + " given to the builder");
        }
      }
      return new ModelProfile(id, name, prices, speeds, input, output, accuracy, latency, requests, parallel,
          calibration, serving);
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
        accuracy, latency, requests, defaultParallel, calibration, serving);
  }

  public ModelProfile withName(String newName) {
    return new ModelProfile(id, newName, prices, speeds, inputLength, outputLength, accuracy,
        latency, requests, defaultParallel, calibration, serving);
  }

  public ModelProfile withPrices(Prices p) {
    return new ModelProfile(id, name, p, speeds, inputLength, outputLength, accuracy, latency,
        requests, defaultParallel, calibration, serving);
  }

  public ModelProfile withSpeeds(Speeds s) {
    return new ModelProfile(id, name, prices, s, inputLength, outputLength, accuracy, latency,
        requests, defaultParallel, calibration, serving);
  }

  public ModelProfile withInputLength(LengthModel in) {
    return new ModelProfile(id, name, prices, speeds, in, outputLength, accuracy, latency, requests,
        defaultParallel, calibration, serving);
  }

  public ModelProfile withOutputLength(LengthModel out) {
    return new ModelProfile(id, name, prices, speeds, inputLength, out, accuracy, latency, requests,
        defaultParallel, calibration, serving);
  }

  /** The same profile with another accuracy model; a calibration of another kind of model no longer applies and is dropped. */
  public ModelProfile withAccuracy(AccuracyModel model) {
    Calibration c = calibration != null && calibration.samples().get(0).kind() == model.kind() ? calibration : null;
    return new ModelProfile(id, name, prices, speeds, inputLength, outputLength, model, latency,
        requests, defaultParallel, c, serving);
  }

  public ModelProfile withLatency(LatencyModel model) {
    return new ModelProfile(id, name, prices, speeds, inputLength, outputLength, accuracy, model,
        requests, defaultParallel, calibration, serving);
  }

  public ModelProfile withRequests(RequestShape r) {
    return new ModelProfile(id, name, prices, speeds, inputLength, outputLength, accuracy, latency, r, defaultParallel,
        calibration, serving);
  }

  public ModelProfile withDefaultParallel(int p) {
    return new ModelProfile(id, name, prices, speeds, inputLength, outputLength, accuracy, latency,
        requests, p, calibration, serving);
  }

  public ModelProfile withCalibration(Calibration c) {
    return new ModelProfile(id, name, prices, speeds, inputLength, outputLength, accuracy, latency,
        requests, defaultParallel, c, serving);
  }

  /** The profile with a load curve (null: none). */
  public ModelProfile withServing(LoadCurve curve) {
    return new ModelProfile(id, name, prices, speeds, inputLength, outputLength, accuracy, latency, requests,
        defaultParallel, calibration, curve);
  }

  /** The load curve of a self-hosted model, when the profile has one. */
  public Optional<LoadCurve> servingCurve() {
    return Optional.ofNullable(serving);
  }

  /** True for the paper's models throughout: clipped-normal lengths and batched-mean latency. */
  public boolean paperLengthsAndLatency() {
    return inputLength.kind() == LengthModel.ClippedNormalLength.KIND
        && outputLength.kind() == LengthModel.ClippedNormalLength.KIND
        && latency.isDefault();
  }
}
