package io.kstar.calibrate.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kstar.calibrate.LoadCalibration;
import io.kstar.calibrate.ServingRun;
import io.kstar.input.InvalidInputException;
import io.kstar.serving.LoadFit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vLLM serving-benchmark sweeps, read from the real H100 sweep of Llama-3.1-8B-Instruct and its variants. */
class VllmSweepTest {

  static final Path SWEEP = Path.of("../docs/examples/vllm-sweep-llama-3.1-8b-h100.jsonl");

  @TempDir Path dir;

  @Test
  void theRealSweep_sixRuns_infAsText_theIncompleteRunKnown() {
    List<ServingRun> runs = VllmSweep.read(List.of(SWEEP), "--serving");
    assertThat(runs).hasSize(6);
    assertThat(runs).extracting(ServingRun::offeredRps).containsExactly(1.0, 10.0, 20.0, 30.0, 35.0,
        Double.POSITIVE_INFINITY);
    ServingRun first = runs.get(0);
    assertThat(first.achievedRps()).isEqualTo(1.2081006055190666);
    assertThat(first.ttftS()).isCloseTo(0.045037437366166465, within(1e-18));
    assertThat(first.tpotS()).isCloseTo(0.008564716330980287, within(1e-18));
    assertThat(first.inputTokens()).isEqualTo(1000);
    assertThat(first.outputTokens()).isEqualTo(100);
    assertThat(first.model()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(runs.get(4).saturated()).isTrue(); // 28.45 achieved of 35 offered
    assertThat(runs.get(3).saturated()).isFalse(); // 27.91 of 30: 93 %
    assertThat(runs.get(5).complete()).isFalse(); // 1015 of 2000
    assertThat(runs.get(5).source()).isEqualTo("vllm-sweep-llama-3.1-8b-h100.jsonl line 6");
  }

  @Test
  void oneObjectPerFile_orUpstreamAppendResult_orNaNTokens_readTheSame() throws IOException {
    List<String> lines = Files.readAllLines(SWEEP);
    // --save-result: one object per file, several files
    Path a = Files.writeString(dir.resolve("a.json"), lines.get(0));
    Path b = Files.writeString(dir.resolve("b.json"), lines.get(1));
    // upstream --append-result: a newline before each appended object, none at the end
    Path appended = Files.writeString(dir.resolve("c.jsonl"), lines.get(2) + "\n" + lines.get(3));
    // Python's json.dump writes NaN for a float it cannot measure
    Path nan = Files.writeString(dir.resolve("d.json"), lines.get(4).replace("\"request_goodput:\": null",
        "\"request_goodput:\": NaN"));
    List<ServingRun> runs = VllmSweep.read(List.of(a, b, appended, nan), "--serving");
    assertThat(runs).extracting(ServingRun::offeredRps).containsExactly(1.0, 10.0, 20.0, 30.0, 35.0);
    List<ServingRun> whole = VllmSweep.read(List.of(SWEEP), "--serving");
    for (int i = 0; i < 5; i++) {
      ServingRun x = runs.get(i);
      ServingRun y = whole.get(i);
      assertThat(new ServingRun("", x.model(), x.offeredRps(), x.achievedRps(), x.completed(), x.requests(),
          x.complete(), x.inputTokens(), x.outputTokens(), x.ttftS(), x.tpotS(), x.p99TtftS(), x.p99TpotS()))
          .isEqualTo(new ServingRun("", y.model(), y.offeredRps(), y.achievedRps(), y.completed(), y.requests(),
              y.complete(), y.inputTokens(), y.outputTokens(), y.ttftS(), y.tpotS(), y.p99TtftS(), y.p99TpotS()));
    }
    assertThat(runs.get(2).source()).isEqualTo("c.jsonl line 1");
    assertThat(runs.get(3).source()).isEqualTo("c.jsonl line 2");
  }

  @Test
  void badRuns_nameTheFileAndTheKey() throws IOException {
    String line = Files.readAllLines(SWEEP).get(1);
    Path noRate = Files.writeString(dir.resolve("x.json"), line.replace("\"request_throughput\": 9.596860197935362, ", ""));
    assertThatThrownBy(() -> VllmSweep.read(List.of(noRate), "--serving"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.getMessage()).startsWith("x.json: request_throughput");
          assertThat(e.allowed()).contains("vLLM serving benchmark result");
        });
    Path negative = Files.writeString(dir.resolve("y.json"), line.replace("\"request_rate\": 10.0", "\"request_rate\": -1"));
    assertThatThrownBy(() -> VllmSweep.read(List.of(negative), "--serving"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).startsWith("y.json: request_rate = -1"));
    Path text = Files.writeString(dir.resolve("z.json"), "not json");
    assertThatThrownBy(() -> VllmSweep.read(List.of(text), "--serving"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.allowed()).contains("is not a vLLM"));
  }

  @Test
  void calibration_usesEachRunForWhatItMeasures() {
    LoadCalibration.Result r = LoadCalibration.fit(VllmSweep.read(List.of(SWEEP), "--serving"), Optional.empty(),
        "--serving", "sweep");
    assertThat(r.uses()).containsExactly(LoadCalibration.Use.CURVE, LoadCalibration.Use.CURVE, LoadCalibration.Use.CURVE,
        LoadCalibration.Use.CURVE, LoadCalibration.Use.CAPACITY, LoadCalibration.Use.LEFT_OUT);
    assertThat(r.capacityRps()).isEqualTo(28.451986430968518);
    assertThat(r.capacityMeasured()).isTrue();
    assertThat(r.curve().fit()).isEqualTo(LoadFit.QUEUEING);
    assertThat(r.curve().points()).hasSize(4);
    assertThat(r.warnings()).singleElement().asString().contains("1015 of 2000 requests completed");
  }

  @Test
  void withoutASaturatedRun_theHighestRateIsALowerBoundOfTheCapacity() {
    List<ServingRun> runs = VllmSweep.read(List.of(SWEEP), "--serving").subList(0, 4);
    LoadCalibration.Result r = LoadCalibration.fit(runs, Optional.empty(), "--serving", "sweep");
    assertThat(r.capacityMeasured()).isFalse();
    assertThat(r.capacityRps()).isEqualTo(27.91219585134988);
    assertThat(r.uses()).containsExactly(LoadCalibration.Use.CURVE, LoadCalibration.Use.CURVE, LoadCalibration.Use.CURVE,
        LoadCalibration.Use.TOP);
    assertThat(r.warnings()).anyMatch(w -> w.contains("a lower bound"));
    // one rate below saturation: a fixed latency, unless a curve is asked for
    List<ServingRun> two = List.of(runs.get(1), VllmSweep.read(List.of(SWEEP), "--serving").get(4));
    LoadCalibration.Result single = LoadCalibration.fit(two, Optional.empty(), "--serving", "sweep");
    assertThat(single.curve()).isNull();
    assertThat(single.single().offeredRps()).isEqualTo(10);
    assertThatThrownBy(() -> LoadCalibration.fit(two, Optional.of(LoadFit.INTERPOLATION), "--serving", "sweep"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.allowed()).contains("at least 2 rates"));
  }
}
