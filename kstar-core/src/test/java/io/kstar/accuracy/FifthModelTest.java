package io.kstar.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import io.kstar.budget.Budget;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.CatalogSyntax;
import io.kstar.catalog.CatalogWriter;
import io.kstar.catalog.YamlDocument;
import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.input.InvalidInputException;
import io.kstar.parameter.KindRegistry;
import io.kstar.parameter.ModelKind;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.ParameterValues;
import io.kstar.parameter.Range;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Deployment;
import io.kstar.plan.Sensitivity;
import io.kstar.profile.Catalog;
import io.kstar.profile.Figures;
import io.kstar.profile.ModelProfile;
import io.kstar.report.CatalogReport;
import io.kstar.report.Format;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * Adding an accuracy model is one class and one registry line: a throwaway fifth model (every sample
 * independently right with a fixed probability q, the request answered when any is: 1 − (1 − q)^k) is
 * declared here and registered with {@code AccuracyModels.REGISTRY.with(Fixed.KIND)}; both catalog
 * formats read and write it, the catalog report shows it, sensitivity varies its parameter and the
 * planner plans with it, none of them changed.
 */
class FifthModelTest {

  /** The throwaway model: its class. */
  record Fixed(double q) implements BernoulliOutcome {
    static final Parameter Q = Parameter.number("success_rate", "success_rate", "success_rate", "", Range.unitInterval(),
        "probability that one sample is right, the same for every question");
    static final ModelKind<Fixed> KIND = ModelKind.of("fixed-rate", "every sample right with probability q",
        List.of(Q), v -> new Fixed(v.number(Q.name()))).withCapabilities(AccuracyModels.VERIFIED);

    Fixed {
      Q.check(q);
    }

    @Override
    public ModelKind<Fixed> kind() {
      return KIND;
    }

    @Override
    public ParameterValues values() {
      return ParameterValues.builder().number(Q.name(), q).build();
    }

    @Override
    public double mean(int k) {
      return -Math.expm1(k * Math.log1p(-q));
    }

    @Override
    public Trial trial(UniformRandomProvider rng) {
      boolean[] solved = {false};
      return (z, r) -> {
        solved[0] |= r.nextDouble() < q;
        return solved[0] ? 1 : 0;
      };
    }
  }

  /** The throwaway model: its one registry line. */
  static final KindRegistry<AccuracyModel> REGISTRY = AccuracyModels.REGISTRY.with(Fixed.KIND);

  static final CatalogSyntax SYNTAX = CatalogSyntax.of(REGISTRY);

  static final String FLAT = """
      models:
        five:
          c_in: 1.0e-6
          c_out: 4.0e-6
          t_in: 0.0002
          t_out: 0.01
          mu_Lin: 800
          sigma_Lin: 100
          mu_Lout: 1500
          sigma_Lout: 300
          accuracy_model: fixed-rate
          success_rate: 0.3
          default_parallel: 4
      """;

  static Catalog read(String yaml) throws Exception {
    return CatalogReader.read(YamlDocument.of("five.yaml",
        new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml)),
        SYNTAX);
  }

  @Test
  void bothFormats_readAndWriteTheFifthModel_exactly() throws Exception {
    Catalog c = read(FLAT);
    ModelProfile m = c.models().get(0);
    assertThat(m.accuracy()).isEqualTo(new Fixed(0.3));
    assertThat(read(CatalogWriter.write(c, CatalogWriter.Style.FLAT, SYNTAX))).isEqualTo(c);
    String friendly = CatalogWriter.write(c, CatalogWriter.Style.FRIENDLY, SYNTAX);
    assertThat(friendly).contains("model: fixed-rate").contains("success_rate: 0.3");
    assertThat(read(friendly)).isEqualTo(c);
  }

  @Test
  void itsDeclaredRange_isChecked_withTheKeyPath() {
    assertThatThrownBy(() -> read(FLAT.replace("success_rate: 0.3", "success_rate: 1.5")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("models.five.success_rate = 1.5: must be a number in [0, 1]");
    assertThatThrownBy(() -> read(FLAT.replace("success_rate: 0.3", "difficulty_alpha: 2")))
        .hasMessageContaining("models.five.difficulty_alpha");
  }

  @Test
  void reportSensitivityAndPlanner_useIt_unchanged() throws Exception {
    ModelProfile m = read(FLAT).models().get(0);
    assertThat(CatalogReport.render(new Catalog(List.of(m)), "five.yaml", Format.TABLE))
        .contains("fixed-rate: p(1)=0.3, success_rate=0.3");
    assertThat(Figures.keys(m)).contains("success_rate");
    assertThat(Figures.with(m, "success_rate", 0.5).accuracy()).isEqualTo(new Fixed(0.5));
    Deployment.Request req = new Deployment.Request(m, List.of(4), Grid.Kind.BATCH, 32, Budget.of(1, 1000, 0.9),
        BudgetBasis.MEANS, 1e-6, 1);
    Deployment.Result r = Deployment.plan(req, new ExactEstimator());
    // 1 − 0.7^k ≥ 0.9 first at k = 7, so on the batch grid of P = 4 at k = 8
    assertThat(r.feasibleKs().get(4)).first().isEqualTo(8);
    assertThat(r.at(4, 8).accuracy().mean()).isCloseTo(1 - Math.pow(0.7, 8), within(1e-15));
    assertThat(Sensitivity.factors(m)).contains("success_rate");
  }

  /**
   * Its kind declares that its samples can be verified, so until-pass applies to it with no change to the
   * policies: the request stops at the first round holding a correct sample, P(R > r) = (1 − q)^{rP}, and
   * answers with pass@k, exactly; the vote and score policies are refused, naming the model.
   */
  @Test
  void aDeclaredCapability_bringsItsStoppingPolicy() throws Exception {
    ModelProfile m = read(FLAT).models().get(0);
    assertThat(io.kstar.policy.Policy.UNTIL_PASS.appliesTo(m.accuracy())).isTrue();
    assertThat(io.kstar.policy.Policy.UNTIL_DECIDED.appliesTo(m.accuracy())).isFalse();
    Deployment.Request req = new Deployment.Request(m, List.of(4), Grid.Kind.BATCH, 32, Budget.of(1, 1000, 0.9),
        BudgetBasis.MEANS, 1e-6, 1, io.kstar.plan.Confidence.OFF, List.of(io.kstar.policy.Policy.UNTIL_PASS));
    Deployment.Result r = Deployment.plan(req, new ExactEstimator());
    var point = r.at(4, 12);
    double q = 0.3;
    // rounds: P(R > r) = 0.7^{4r} for r = 1, 2; three rounds at most
    double expectedRounds = 1 + Math.pow(1 - q, 4) + Math.pow(1 - q, 8);
    assertThat(point.draws().rounds().mean()).isCloseTo(expectedRounds, within(1e-12));
    assertThat(point.accuracy().mean()).isCloseTo(1 - Math.pow(1 - q, 12), within(1e-15));
    assertThatThrownBy(() -> new Deployment.Request(m, List.of(4), Grid.Kind.BATCH, 32, Budget.of(1, 1000, 0.9),
        BudgetBasis.MEANS, 1e-6, 1, io.kstar.plan.Confidence.OFF, List.of(io.kstar.policy.Policy.UNTIL_DECIDED)))
        .hasMessageContaining("does not apply to model five");
  }
}
