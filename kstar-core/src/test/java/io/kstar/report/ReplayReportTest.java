package io.kstar.report;

import static io.kstar.report.Golden.names;
import static io.kstar.report.Golden.num;
import static io.kstar.report.Golden.same;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.calibrate.PolicyReplay;
import io.kstar.policy.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kstar calibrate LOGS --replay POLICY}: the README's layout ("With a verifier"), the JSON read back
 * against the replay, and the CSV at full precision.
 */
class ReplayReportTest {

  static final PolicyReplay.Result R = Fixtures.Logs.REPLAY;

  @Test
  void table_pinsTheReadmeLayout_untilPassAtP2() {
    String t = ReplayReport.render(R, Format.TABLE);
    Golden.check("replay-until-pass.txt", t);
    assertThat(t).contains("  samples         2.36693        [2.27986, 2.45642]     2.37738  yes\n");
    Golden.check("replay-until-pass.md", ReplayReport.render(R, Format.MARKDOWN));
  }

  @Test
  void aPredictionOutsideTheIntervalReadsNo() {
    PolicyReplay.Result r = new PolicyReplay.Result("m", Policy.untilLead(2), 4, 16, 30, 2, 5, 100, 9,
        List.of(new PolicyReplay.Estimate("samples", 6.5, 6.25, 6.75, 7)));
    assertThat(ReplayReport.render(r, Format.TABLE)).isEqualTo("Replay of until-lead(margin=2) on m's records: k <= 16 in"
        + " rounds of P = 4; 30 questions with >= 16 samples (2 with fewer skipped), each served in 5 random orders (seed 9);"
        + " 90% intervals from 100 bootstrap resamples of the questions\n\n"
        + "  per request  replayed               [90%]  predicted  inside\n"
        + "  samples       6.50000  [6.25000, 6.75000]    7.00000  no\n");
    assertThat(ReplayReport.render(r, Format.CSV)).isEqualTo(
        "quantity,replayed,replayed_p05,replayed_p95,predicted,inside\nsamples,6.5,6.25,6.75,7,no\n");
    assertThat(ReplayReport.render(r, Format.MARKDOWN)).startsWith("# kstar replay: until-lead(margin=2)\n\nReplay of");
  }

  @Test
  void json_readsBackAsTheReplay() {
    JsonNode j = Fixtures.json(ReplayReport.render(R, Format.JSON));
    assertThat(names(j)).containsExactly("model", "policy", "parallel", "k", "questions", "skipped_questions", "orders",
        "bootstrap", "seed", "per_request");
    assertThat(j.get("model").asText()).isEqualTo(R.model());
    assertThat(j.get("policy").asText()).isEqualTo("until-pass");
    assertThat(j.get("parallel").intValue()).isEqualTo(2);
    assertThat(j.get("k").intValue()).isEqualTo(R.k());
    assertThat(j.get("questions").intValue()).isEqualTo(R.questions());
    assertThat(j.get("skipped_questions").intValue()).isEqualTo(R.skippedQuestions());
    assertThat(j.get("orders").intValue()).isEqualTo(50);
    assertThat(j.get("bootstrap").intValue()).isEqualTo(1000);
    assertThat(j.get("seed").longValue()).isEqualTo(42);
    assertThat(names(j.get("per_request"))).containsExactly("samples", "rounds", "cost_usd", "accuracy");
    for (PolicyReplay.Estimate e : R.estimates()) {
      JsonNode q = j.get("per_request").get(e.name());
      assertThat(names(q)).containsExactly("replayed", "p05", "p95", "predicted", "inside");
      same(num(q.get("replayed")), e.replayed());
      same(num(q.get("p05")), e.p05());
      same(num(q.get("p95")), e.p95());
      same(num(q.get("predicted")), e.predicted());
      assertThat(q.get("inside").booleanValue()).isEqualTo(e.predictionInside());
    }
  }

  @Test
  void csv_hasOneRowPerQuantity_atFullPrecision() {
    List<List<String>> rows = Fixtures.csv(ReplayReport.render(R, Format.CSV));
    assertThat(rows.get(0)).containsExactly("quantity", "replayed", "replayed_p05", "replayed_p95", "predicted", "inside");
    assertThat(rows).hasSize(1 + R.estimates().size());
    for (int i = 0; i < R.estimates().size(); i++) {
      PolicyReplay.Estimate e = R.estimates().get(i);
      List<String> row = rows.get(i + 1);
      assertThat(row.get(0)).isEqualTo(e.name());
      same(Fixtures.num(row.get(1)), e.replayed());
      same(Fixtures.num(row.get(2)), e.p05());
      same(Fixtures.num(row.get(3)), e.p95());
      same(Fixtures.num(row.get(4)), e.predicted());
      assertThat(row.get(5)).isEqualTo(e.predictionInside() ? "yes" : "no");
    }
  }
}
