package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.catalog.CatalogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code models --format json} reads back as the same catalog ({@code models --validate} accepts it). */
class ModelsJsonRoundTripTest {

  static final String CATALOG = """
      models:
        pk:
          c_in: 1.0e-6
          c_out: 4.0e-6
          t_in: 0.0002
          t_out: 0.01
          lin_values: [500, 700, 900]
          lout_distribution: lognormal
          mu_Lout: 1500
          sigma_Lout: 600
          accuracy_model: pass-at-k
          difficulty_alpha: 0.6
          difficulty_beta: 0.9
          default_parallel: 4
          latency_model: ttft-decode
          ttft_s: 0.4
          rate_limit_tpm: 20000
          calibration:
            method: test
            data_up_to_k: 8
            beyond_data: hold
            parameters: [difficulty_alpha, difficulty_beta]
            accuracy_samples: [[0.61, 0.92], [0.58, 0.95], [0.63, 0.88]]
        mv:
          c_in: 1.0e-6
          c_out: 4.0e-6
          t_in: 0.0002
          t_out: 0.01
          mu_Lin: 800
          sigma_Lin: 100
          mu_Lout: 1500
          sigma_Lout: 300
          accuracy_model: majority-vote
          difficulty_alpha: 2
          difficulty_beta: 1
          wrong_answers: 3
      """;

  @Test
  void theJsonOfACatalog_readsBackAsTheSameCatalog(@TempDir Path dir) throws Exception {
    Path yaml = Files.writeString(dir.resolve("c.yaml"), CATALOG);
    for (String[] source : new String[][] {{}, {"--models", yaml.toString()}}) {
      String[] args = new String[source.length + 3];
      args[0] = "models";
      System.arraycopy(source, 0, args, 1, source.length);
      args[source.length + 1] = "--format";
      args[source.length + 2] = "json";
      Cli.Result r = Cli.run(args);
      assertThat(r.exit()).as(r.err()).isZero();
      Path json = Files.writeString(dir.resolve("c" + source.length + ".json"), r.out());
      Cli.Result v = Cli.run("models", "--validate", json.toString());
      assertThat(v.exit()).as(v.err()).isZero();
      var original = source.length == 0 ? CatalogReader.embedded() : CatalogReader.read(yaml, "models");
      assertThat(CatalogReader.read(json, "models")).isEqualTo(original);
    }
  }
}
