package io.kstar.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kstar.budget.Budget;
import io.kstar.catalog.CatalogReader;
import io.kstar.estimate.Curve;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Comparison;
import io.kstar.plan.Deployment;
import io.kstar.policy.Policy;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service's answers (compact JSON, and a plan without its points) are the CLI's JSON documents: the
 * same fields and numbers, only the whitespace and, when asked, the "points" array left out.
 */
class ServiceJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Catalog CATALOG = CatalogReader.embedded();
  private static final ModelProfile GPT5 = CATALOG.require("model", "gpt5");
  private static final Budget BALANCED = Budget.of(0.5, 60, 0.88);

  private static Deployment.Result plan() {
    return Deployment.plan(new Deployment.Request(GPT5, List.of(4), Grid.Kind.BATCH, 128, BALANCED,
        BudgetBasis.MEANS, 1e-6, 1), new ExactEstimator());
  }

  /** Compact: one line, no indentation, no space around ':' or ','; ends with one line feed, as the pretty one. */
  private static void assertCompact(String text) {
    assertThat(text).endsWith("}\n");
    assertThat(text.substring(0, text.length() - 1)).doesNotContain("\n").doesNotContain(" : ").doesNotContain(", \"");
  }

  @Test
  void plan_compactAndPretty_areOneDocument_andPointsFalseDropsOnlyThePoints() throws Exception {
    Deployment.Result r = plan();
    String pretty = PlanReport.json(r, true, true);
    assertThat(pretty).isEqualTo(PlanReport.render(r, Format.JSON));
    assertThat(pretty).contains("\n  \"model\" : \"gpt5\",\n").doesNotContain("\r");
    String compact = PlanReport.json(r, true, false);
    assertCompact(compact);
    assertThat(JSON.readTree(compact)).isEqualTo(JSON.readTree(pretty));
    JsonNode full = JSON.readTree(pretty);
    assertThat(full.get("points")).hasSize(r.plan().space().all().size());

    JsonNode picksOnly = JSON.readTree(PlanReport.json(r, false, false));
    assertThat(picksOnly.has("points")).isFalse();
    ObjectNode expected = ((ObjectNode) full).deepCopy();
    expected.remove("points");
    assertThat(picksOnly).isEqualTo(expected);
    // without points, pretty too
    assertThat(JSON.readTree(PlanReport.json(r, false, true))).isEqualTo(expected);

    // the service's bytes are the compact text's UTF-8 encoding, byte for byte
    assertThat(PlanReport.jsonUtf8(r, true)).isEqualTo(compact.getBytes(StandardCharsets.UTF_8));
    assertThat(PlanReport.jsonUtf8(r, false)).isEqualTo(PlanReport.json(r, false, false).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void compareAndCurve_compact_isThePrettyDocument() throws Exception {
    Comparison.Result c = Comparison.compare(new Comparison.Request(CATALOG, List.of(), Grid.Kind.BATCH, 64,
        BALANCED, BudgetBasis.MEANS, 1e-6), new ExactEstimator());
    String pretty = CompareReport.render(c, Format.JSON);
    assertThat(CompareReport.json(c, true)).isEqualTo(pretty);
    String compact = CompareReport.json(c, false);
    assertCompact(compact);
    assertThat(JSON.readTree(compact)).isEqualTo(JSON.readTree(pretty));

    Curve curve = new ExactEstimator().estimate(new Estimator.Job(GPT5, 4, new int[] {1, 2, 4, 8}, Policy.FIXED));
    String cp = CurveReport.render(curve, null, Format.JSON);
    assertThat(CurveReport.json(curve, null, true)).isEqualTo(cp);
    String cc = CurveReport.json(curve, null, false);
    assertCompact(cc);
    assertThat(JSON.readTree(cc)).isEqualTo(JSON.readTree(cp));
    assertThat(JSON.readTree(cc).get("points")).hasSize(4);

    assertThat(CompareReport.jsonUtf8(c)).isEqualTo(compact.getBytes(StandardCharsets.UTF_8));
    assertThat(CurveReport.jsonUtf8(curve, null)).isEqualTo(cc.getBytes(StandardCharsets.UTF_8));
    CurveReport.Run run = new CurveReport.Run(300, 7L);
    assertThat(CurveReport.jsonUtf8(curve, run)).isEqualTo(CurveReport.json(curve, run, false).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void utf8_encodesNonAsciiTextAsTheStringDoes() {
    Json.Body body = g -> {
      g.writeStartObject();
      g.writeStringField("note", "p\u2009\u2264\u20090.05 \u2014 \u00e9t\u00e9 \ud83d\ude80");
      g.writeEndObject();
    };
    String text = Json.write(body, false);
    assertThat(text).isEqualTo("{\"note\":\"p\u2009\u2264\u20090.05 \u2014 \u00e9t\u00e9 \ud83d\ude80\"}\n");
    assertThat(Json.utf8(body)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }
}
