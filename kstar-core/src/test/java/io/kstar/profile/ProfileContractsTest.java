package io.kstar.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.GaussianBestOfK;
import io.kstar.accuracy.PassAtK;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The documented rules of a profile and its parts (docs/semantics.md): each refused at its boundary
 * and admitted just inside it, the message naming the field and the value; a calibration's reading
 * of k (hold at the edge of the data, or follow the model); withers that change one part only.
 */
class ProfileContractsTest {

  private static ModelProfile paper() {
    return ModelProfile.builder("m").name("M").prices(1e-6, 2e-6).speeds(1e-4, 1e-3)
        .inputTokens(500, 50).outputTokens(2000, 300)
        .scores(0.9, 0.05).parallel(4).build();
  }

  private static List<AccuracyModel> passAtK(double... alphas) {
    return java.util.Arrays.stream(alphas).mapToObj(a -> (AccuracyModel) new PassAtK(new BetaDifficulty(a, 1))).toList();
  }

  // ---- Calibration -------------------------------------------------------------------------------

  @Test
  void calibration_needsDataUpToKAtLeastOne_andTwoReplicatesOfOneKind() {
    assertThat(new Calibration("b", 1, passAtK(1, 2)).dataUpToK()).isEqualTo(1);
    assertThatThrownBy(() -> new Calibration("b", 0, passAtK(1, 2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("data_up_to_k = 0: must be an integer >= 1");
    assertThatThrownBy(() -> new Calibration("b", 3, passAtK(1)))
        .hasMessage("accuracy_samples = 1: must hold at least 2 replicates");
    List<AccuracyModel> mixed = List.of(new PassAtK(new BetaDifficulty(1, 1)), new GaussianBestOfK(0.5, 0.1));
    assertThatThrownBy(() -> new Calibration("b", 3, mixed))
        .hasMessage("accuracy_samples = gaussian-best-of-k: every replicate must be a pass-at-k model");
    assertThat(new Calibration("b", 3, passAtK(1, 2)).beyond()).isEqualTo(Calibration.Beyond.MODEL);
  }

  @Test
  void calibration_readsAccuracyAtK_orAtTheEdgeOfTheDataWhenItHolds() {
    Calibration model = new Calibration("b", 8, passAtK(1, 2));
    Calibration hold = model.withBeyond(Calibration.Beyond.HOLD);
    assertThat(hold.beyond()).isEqualTo(Calibration.Beyond.HOLD);
    assertThat(hold.samples()).isEqualTo(model.samples());
    for (int k = 1; k <= 20; k++) {
      assertThat(model.accuracyK(k)).isEqualTo(k);
      assertThat(hold.accuracyK(k)).isEqualTo(Math.min(k, 8));
      // k = 8 is the last k the data covered
      assertThat(model.extrapolates(k)).isEqualTo(k >= 9);
      assertThat(hold.extrapolates(k)).isEqualTo(k >= 9);
    }
  }

  @Test
  void beyond_parsesItsIds_andRefusesOthersNamingTheField() {
    assertThat(Calibration.Beyond.parse("beyond_data", "model")).isEqualTo(Calibration.Beyond.MODEL);
    assertThat(Calibration.Beyond.parse("beyond_data", "hold")).isEqualTo(Calibration.Beyond.HOLD);
    assertThat(Calibration.Beyond.HOLD.id()).isEqualTo("hold");
    assertThatThrownBy(() -> Calibration.Beyond.parse("beyond_data", "Hold"))
        .hasMessage("beyond_data = \"Hold\": must be one of [model, hold]");
  }

  // ---- Catalog ----------------------------------------------------------------------------------

  @Test
  void catalog_holdsAtLeastOneModel_andFindsThemById() {
    assertThatThrownBy(() -> new Catalog(List.of())).hasMessage("models = {}: must hold at least one model");
    ModelProfile a = paper().withId("alpha");
    ModelProfile b = paper().withId("beta");
    Catalog c = new Catalog(List.of(a, b));
    assertThat(c.ids()).containsExactly("alpha", "beta");
    assertThat(c.find("beta")).contains(b);
    assertThat(c.find("gamma")).isEmpty();
    assertThat(c.require("--model", "alpha")).isEqualTo(a);
    assertThatThrownBy(() -> c.require("--model", "alpa"))
        .hasMessage("--model = alpa: must be one of [alpha, beta] (did you mean alpha?)");
    assertThatThrownBy(() -> c.require("--model", "zzzzzz")).hasMessage("--model = zzzzzz: must be one of [alpha, beta]");
  }

  // ---- ModelProfile --------------------------------------------------------------------------

  @Test
  void profile_idMustNotBeBlank_andTheNameDefaultsToIt() {
    ModelProfile m = paper();
    assertThatThrownBy(() -> m.withId(" ")).hasMessage("id = \" \": a model id must not be blank");
    assertThat(m.withName(null).name()).isEqualTo("m");
    assertThat(m.withName("  ").name()).isEqualTo("m");
    assertThat(m.withName("Emm").name()).isEqualTo("Emm");
    // a name that was the id follows a new id; a name of its own stays
    assertThat(m.withName(null).withId("n").name()).isEqualTo("n");
    assertThat(m.withId("n").name()).isEqualTo("M");
    assertThat(m.withId("n").id()).isEqualTo("n");
  }

  @Test
  void defaultParallel_isAnIntegerInOneToTwoToTheTwentieth() {
    ModelProfile m = paper();
    assertThat(m.withDefaultParallel(1).defaultParallel()).isEqualTo(1);
    assertThat(m.withDefaultParallel(1 << 20).defaultParallel()).isEqualTo(1 << 20);
    assertThatThrownBy(() -> m.withDefaultParallel(0))
        .hasMessage("default_parallel = 0: must be an integer in [1, 1048576]");
    assertThatThrownBy(() -> m.withDefaultParallel((1 << 20) + 1))
        .hasMessage("default_parallel = 1048577: must be an integer in [1, 1048576]");
  }

  @Test
  void pricesAndSpeeds_areBoundedAndNamed() {
    assertThat(new Prices(0, 1).outputUsdPerToken()).isEqualTo(1);
    assertThatThrownBy(() -> new Prices(-Double.MIN_VALUE, 0)).hasMessageStartingWith("c_in = ")
        .hasMessageEndingWith("must be a number in [0, 1] (USD per token)");
    assertThatThrownBy(() -> new Prices(0, Math.nextUp(1.0))).hasMessageStartingWith("c_out = ");
    assertThat(new Speeds(0, 100).outputSPerToken()).isEqualTo(100);
    assertThatThrownBy(() -> new Speeds(Math.nextUp(100.0), 0)).hasMessageStartingWith("t_in = ")
        .hasMessageEndingWith("must be a number in [0, 100] (seconds per token)");
    assertThatThrownBy(() -> new Speeds(0, -1)).hasMessage("t_out = -1: must be a number in [0, 100] (seconds per token)");
  }

  @Test
  void paper_namesTheFlatFieldOfABadLength() {
    assertThatThrownBy(() -> ModelProfile.builder("m").name("M").prices(0, 0).speeds(0, 0)
        .inputTokens(0.5, 1).outputTokens(10, 1)
        .scores(0.5, 0.1).parallel(1).build())
        .hasMessageStartingWith("mu_Lin = 0.5: must be a number in [1, 100000000]");
    assertThatThrownBy(() -> ModelProfile.builder("m").name("M").prices(0, 0).speeds(0, 0)
        .inputTokens(10, -1).outputTokens(10, 1)
        .scores(0.5, 0.1).parallel(1).build())
        .hasMessageStartingWith("sigma_Lin = -1: ");
    assertThatThrownBy(() -> ModelProfile.builder("m").name("M").prices(0, 0).speeds(0, 0)
        .inputTokens(10, 1).outputTokens(0.5, 1)
        .scores(0.5, 0.1).parallel(1).build())
        .hasMessageStartingWith("mu_Lout = 0.5: ");
    assertThatThrownBy(() -> ModelProfile.builder("m").name("M").prices(0, 0).speeds(0, 0)
        .inputTokens(10, 1).outputTokens(10, -1)
        .scores(0.5, 0.1).parallel(1).build())
        .hasMessageStartingWith("sigma_Lout = -1: ");
    ModelProfile m = paper();
    assertThat(m.cIn()).isEqualTo(1e-6);
    assertThat(m.cOut()).isEqualTo(2e-6);
    assertThat(m.tIn()).isEqualTo(1e-4);
    assertThat(m.tOut()).isEqualTo(1e-3);
    assertThat(m.inputLength().mean()).isEqualTo(500);
    assertThat(m.outputLength().mean()).isEqualTo(2000);
    assertThat(m.latency()).isEqualTo(LatencyModel.DEFAULT);
    assertThat(m.paperLengthsAndLatency()).isTrue();
    assertThat(m.calibrated()).isEmpty();
  }

  @Test
  void paperLengthsAndLatency_failsWhenAnyPartIsAnother() {
    ModelProfile m = paper();
    LengthModel logn = (LengthModel) LengthModel.LogNormalLength.KIND.create(
        io.kstar.parameter.ParameterValues.builder().number("mean", 500).number("sd", 50).build());
    assertThat(m.withInputLength(logn).paperLengthsAndLatency()).isFalse();
    assertThat(m.withOutputLength(logn).paperLengthsAndLatency()).isFalse();
    assertThat(m.withLatency(new LatencyModel(LatencyModel.BATCHED_MAX, 0, OptionalDouble.empty())).paperLengthsAndLatency())
        .isFalse();
    assertThat(m.withLatency(new LatencyModel(LatencyModel.BATCHED_MEAN, 0, OptionalDouble.of(1e5))).paperLengthsAndLatency())
        .isFalse();
  }

  @Test
  void calibration_mustBeOfTheProfilesAccuracyModel_andFollowsItOrIsDropped() {
    ModelProfile gaussian = paper();
    Calibration cal = new Calibration("b", 4, passAtK(1, 2), Calibration.Beyond.HOLD);
    assertThatThrownBy(() -> gaussian.withCalibration(cal))
        .hasMessage("calibration.accuracy_samples = pass-at-k: must be replicates of the profile's accuracy model, "
            + "gaussian-best-of-k");
    assertThat(gaussian.accuracyK(9)).isEqualTo(9);
    ModelProfile pass = gaussian.withAccuracy(new PassAtK(new BetaDifficulty(1.5, 1))).withCalibration(cal);
    assertThat(pass.calibrated()).contains(cal);
    assertThat(pass.accuracyK(3)).isEqualTo(3);
    assertThat(pass.accuracyK(9)).isEqualTo(4);
    // another model of the same kind keeps the calibration; another kind drops it
    assertThat(pass.withAccuracy(new PassAtK(new BetaDifficulty(2, 1))).calibrated()).contains(cal);
    assertThat(pass.withAccuracy(new GaussianBestOfK(0.5, 0.1)).calibrated()).isEmpty();
  }

  @Test
  void withers_changeOnePartOnly() {
    ModelProfile m = paper();
    Prices p = new Prices(0.5, 0.25);
    Speeds s = new Speeds(3, 4);
    ModelProfile w = m.withPrices(p).withSpeeds(s).withDefaultParallel(7);
    assertThat(w.prices()).isEqualTo(p);
    assertThat(w.speeds()).isEqualTo(s);
    assertThat(w.defaultParallel()).isEqualTo(7);
    assertThat(w.accuracy()).isEqualTo(m.accuracy());
    assertThat(w.inputLength()).isEqualTo(m.inputLength());
    assertThat(w.outputLength()).isEqualTo(m.outputLength());
    assertThat(w.latency()).isEqualTo(m.latency());
    assertThat(w.name()).isEqualTo("M");
    assertThat(w.id()).isEqualTo("m");
  }

  @Test
  void figures_includeEveryPartsNumbers_latencyAndLengthsOfOtherKindsToo() {
    LengthModel logn = (LengthModel) LengthModel.LogNormalLength.KIND.create(
        io.kstar.parameter.ParameterValues.builder().number("mean", 700).number("sd", 70).build());
    ModelProfile m = paper().withOutputLength(logn)
        .withLatency(new LatencyModel(LatencyModel.TTFT_DECODE, 0.25, OptionalDouble.of(2e5)));
    assertThat(Figures.keys(m)).containsExactly("c_in", "c_out", "t_in", "t_out", "mu_Lin", "sigma_Lin", "mu_Lout",
        "sigma_Lout", "acc_mean", "acc_std", "ttft_s", "rate_limit_tpm");
    assertThat(Figures.get(m, "ttft_s").value()).isEqualTo(0.25);
    assertThat(Figures.get(m, "mu_Lout").value()).isEqualTo(700);
    ModelProfile w = Figures.with(m, "ttft_s", 0.5);
    assertThat(w.latency().ttftS()).isEqualTo(0.5);
    assertThat(w.latency().rateLimitTpm()).hasValue(2e5);
    assertThat(Figures.with(m, "rate_limit_tpm", 1e5).latency().rateLimitTpm()).hasValue(1e5);
    ModelProfile out = Figures.with(m, "mu_Lout", 900);
    assertThat(out.outputLength().id()).isEqualTo("lognormal");
    assertThat(out.outputLength().mean()).isEqualTo(900);
    assertThat(out.inputLength()).isEqualTo(m.inputLength());
    assertThat(Figures.with(m, "mu_Lin", 600).inputLength().mean()).isEqualTo(600);
    assertThat(Figures.with(m, "mu_Lin", 600).outputLength()).isEqualTo(logn);
    assertThatThrownBy(() -> Figures.with(m, "ttft_s", 4000))
        .hasMessage("ttft_s = 4000: must be a number in [0, 3600] (s)");
    assertThatThrownBy(() -> Figures.with(m, "mu_Lout", 0.5))
        .hasMessageStartingWith("mu_Lout = 0.5: must be a number in [1, 100000000]");
  }
}
