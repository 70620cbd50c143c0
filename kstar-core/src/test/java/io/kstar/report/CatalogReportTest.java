package io.kstar.report;

import static io.kstar.report.Golden.same;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.YamlDocument;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar models}: the layouts as {@code ./kstar models} prints them (prices per million tokens, times in ms per
 * token), the JSON that reads back as the same catalog (the flat format's keys), and the CSV of the flat columns.
 */
class CatalogReportTest {

  static final Catalog PAPER = Fixtures.CATALOG;
  static final Catalog ZOO = Fixtures.Zoo.CATALOG;

  @Test
  void layouts_pinTheDocumentedLayout_embeddedCatalog() {
    Golden.check("models-embedded.txt", CatalogReport.render(PAPER, "embedded paper-models.yaml", Format.TABLE));
    Golden.check("models-embedded.md", CatalogReport.render(PAPER, "embedded paper-models.yaml", Format.MARKDOWN));
  }

  @Test
  void layouts_pinTheDocumentedLayout_everyKindOfModel() {
    // lognormal and empirical lengths, ttft-decode with a rate limit, batched-max, majority vote, selector,
    // pass@k with unsolved questions and a calibrated pass@k (docs/semantics.md §1)
    String t = CatalogReport.render(ZOO, "zoo.yaml", Format.TABLE);
    Golden.check("models-zoo.txt", t);
    assertThat(t).contains("500 ± 150 (lognormal)").contains("800 ± 200; latency ttft-decode ttft 0.35 s, 200000 tokens/min")
        .contains("850 ± 479.5832 (empirical); latency batched-max").contains("majority-vote: p(1)=0.75, wrong_answers=2");
    Golden.check("models-zoo.md", CatalogReport.render(ZOO, "zoo.yaml", Format.MARKDOWN));
  }

  @Test
  void json_readsBackAsTheSameCatalog() {
    for (Catalog c : List.of(PAPER, ZOO)) {
      JsonNode j = Fixtures.json(CatalogReport.render(c, "src", Format.JSON));
      assertThat(j.get("source").asText()).isEqualTo("src");
      Catalog back = CatalogReader.read(YamlDocument.of("models.json", j));
      assertThat(back.ids()).isEqualTo(c.ids());
      for (ModelProfile m : c.models()) {
        assertThat(back.require("model", m.id())).as(m.id()).isEqualTo(m);
      }
    }
  }

  @Test
  void json_readsBackACalibrationWhoseParametersIncludeAnInteger() {
    List<io.kstar.accuracy.AccuracyModel> reps = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      reps.add(new io.kstar.accuracy.MajorityVote(new io.kstar.accuracy.BetaDifficulty(1.5 + 0.125 * i, 0.5), 2));
    }
    ModelProfile mv = new ModelProfile("mv", "Vote", new io.kstar.profile.Prices(1e-6, 2e-6),
        new io.kstar.profile.Speeds(1e-4, 1e-2), new io.kstar.length.LengthModel.ClippedNormalLength(300, 30),
        new io.kstar.length.LengthModel.ClippedNormalLength(600, 60),
        new io.kstar.accuracy.MajorityVote(new io.kstar.accuracy.BetaDifficulty(1.5, 0.5), 2),
        io.kstar.latency.LatencyModel.DEFAULT, 4, new io.kstar.profile.Calibration("t", 8, reps));
    Catalog c = new Catalog(List.of(mv));
    JsonNode j = Fixtures.json(CatalogReport.render(c, "src", Format.JSON));
    JsonNode samples = j.get("models").get("mv").get("calibration").get("accuracy_samples");
    assertThat(Golden.strings(j.get("models").get("mv").get("calibration").get("parameters")))
        .containsExactly("difficulty_alpha", "difficulty_beta", "wrong_answers");
    assertThat(samples.get(4).get(0).doubleValue()).isEqualTo(2.0);
    assertThat(samples.get(4).get(2).isInt()).isTrue();
    assertThat(samples.get(4).get(2).intValue()).isEqualTo(2);
    assertThat(CatalogReader.read(YamlDocument.of("models.json", j)).require("m", "mv")).isEqualTo(mv);
  }

  @Test
  void json_writesTheFlatKeys_integersAsIntegers() {
    JsonNode j = Fixtures.json(CatalogReport.render(ZOO, "zoo.yaml", Format.JSON)).get("models");
    JsonNode vote = j.get("vote");
    assertThat(Golden.names(vote)).containsExactly("name", "c_in", "c_out", "t_in", "t_out", "lin_distribution", "mu_Lin",
        "sigma_Lin", "mu_Lout", "sigma_Lout", "default_parallel", "accuracy_model", "difficulty_alpha", "difficulty_beta",
        "wrong_answers", "latency_model", "ttft_s", "rate_limit_tpm");
    assertThat(vote.get("wrong_answers").isInt()).isTrue();
    assertThat(vote.get("default_parallel").isInt()).isTrue();
    assertThat(Golden.names(j.get("sel"))).contains("lout_distribution", "lout_values").doesNotContain("lin_distribution");
    assertThat(j.get("sel").get("lout_values")).hasSize(4);
    JsonNode gpt5 = Fixtures.json(CatalogReport.render(PAPER, "p", Format.JSON)).get("models").get("gpt5");
    assertThat(Golden.names(gpt5)).containsExactly("name", "c_in", "c_out", "t_in", "t_out", "mu_Lin", "sigma_Lin",
        "mu_Lout", "sigma_Lout", "acc_mean", "acc_std", "default_parallel", "accuracy_model");
    JsonNode cal = j.get("cal").get("calibration");
    assertThat(cal.get("method").asText()).isEqualTo("test replicates");
    assertThat(cal.get("data_up_to_k").intValue()).isEqualTo(8);
    assertThat(cal.get("beyond_data").asText()).isEqualTo("hold");
    assertThat(Golden.strings(cal.get("parameters"))).containsExactly("difficulty_alpha", "difficulty_beta");
    assertThat(cal.get("accuracy_samples")).hasSize(100);
    same(cal.get("accuracy_samples").get(0).get(0).doubleValue(),
        ZOO.require("m", "cal").calibrated().orElseThrow().samples().get(0).values().number("difficulty_alpha"));
  }

  @Test
  void csv_hasTheFlatColumns_oneRowPerModel() {
    for (Catalog c : List.of(PAPER, ZOO)) {
      List<List<String>> rows = Fixtures.csv(CatalogReport.render(c, "src", Format.CSV));
      assertThat(rows.get(0)).containsExactly("id", "name", "c_in", "c_out", "t_in", "t_out", "mu_Lin", "sigma_Lin",
          "mu_Lout", "sigma_Lout", "acc_mean", "acc_std", "default_parallel");
      assertThat(rows).hasSize(1 + c.models().size());
      for (int i = 0; i < c.models().size(); i++) {
        ModelProfile m = c.models().get(i);
        List<String> row = rows.get(i + 1);
        assertThat(row.get(0)).isEqualTo(m.id());
        assertThat(row.get(1)).isEqualTo(m.name());
        double[] q = CatalogReport.oneSample(m);
        double[] v = {m.cIn(), m.cOut(), m.tIn(), m.tOut(), m.inputLength().mean(), m.inputLength().sd(),
            m.outputLength().mean(), m.outputLength().sd(), q[0], q[1]};
        for (int k = 0; k < v.length; k++) {
          same(Fixtures.num(row.get(2 + k)), v[k], rows.get(0).get(2 + k));
        }
        assertThat(row.get(12)).isEqualTo(Integer.toString(m.defaultParallel()));
      }
    }
    // the paper's Gaussian scores are the flat acc_mean, acc_std themselves
    List<String> gpt5 = Fixtures.csv(CatalogReport.render(PAPER, "src", Format.CSV)).get(1);
    assertThat(gpt5.subList(10, 13)).containsExactly("0.94", "0.02", "4");
    // a Beta-difficulty model shows the mean and sd of A(1): pass@1 = alpha/(alpha+beta) = 0.6/1.5
    List<String> cal = Fixtures.csv(CatalogReport.render(ZOO, "src", Format.CSV)).get(4);
    assertThat(Fixtures.num(cal.get(10))).isEqualTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
  }
}
