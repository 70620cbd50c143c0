package io.kstar.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.calibrate.LoadCalibration;
import io.kstar.calibrate.format.VllmSweep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * calibrate --serving's report on the real H100 sweep (docs/examples/vllm-sweep-llama-3.1-8b-h100.jsonl), in
 * every format, held to golden files (the figures docs/serving.md quotes); the JSON's numbers are the fit's own.
 */
class ServingReportTest {

  static final Path SWEEP = Path.of("../docs/examples/vllm-sweep-llama-3.1-8b-h100.jsonl");

  static LoadCalibration.Result fit() {
    return LoadCalibration.fit(VllmSweep.read(List.of(SWEEP), "--serving"), Optional.empty(), "--serving", "sweep");
  }

  @Test
  void theSweep_inEveryFormat() {
    LoadCalibration.Result r = fit();
    Golden.check("serving-sweep.txt", ServingReport.render(r, Format.TABLE));
    Golden.check("serving-sweep.md", ServingReport.render(r, Format.MARKDOWN));
    Golden.check("serving-sweep.json", ServingReport.render(r, Format.JSON));
    Golden.check("serving-sweep.csv", ServingReport.render(r, Format.CSV));
  }

  @Test
  void aHeldOutRate_andASingleRate() throws IOException {
    var runs = VllmSweep.read(List.of(SWEEP), "--serving");
    LoadCalibration.Result held = LoadCalibration.fitHoldingOut(runs, 20, Optional.empty(), "--serving", "sweep");
    Golden.check("serving-held-out.txt", ServingReport.render(held, Format.TABLE));
    Golden.check("serving-held-out.json", ServingReport.render(held, Format.JSON));
    JsonNode j = new ObjectMapper().readTree(ServingReport.render(held, Format.JSON));
    assertThat(j.get("held_out").get("fit_error").asDouble()).isEqualTo(held.heldOut().fitError());
    assertThat(j.get("held_out").get("nearest_rate_error").asDouble()).isEqualTo(held.heldOut().nearestError());
    assertThat(j.get("capacity_rps").asDouble()).isEqualTo(held.capacityRps());
    LoadCalibration.Result one = LoadCalibration.fit(List.of(runs.get(0), runs.get(4)), Optional.empty(), "--serving",
        "one");
    Golden.check("serving-one-rate.txt", ServingReport.render(one, Format.TABLE));
    Golden.check("serving-one-rate.json", ServingReport.render(one, Format.JSON));
  }
}
