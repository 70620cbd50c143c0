package io.kstar.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Draws;
import io.kstar.estimate.Expected;
import io.kstar.estimate.Interval;
import io.kstar.estimate.Statistic;
import org.junit.jupiter.api.Test;

/**
 * The JSON writer every report uses (two-space indent, arrays one element a line, a final newline, a
 * number that does not exist written as null) and the expected-value fields every point carries
 * (README "How sure the expected values are").
 */
class JsonTest {

  @Test
  void documents_areIndentedByTwo_arraysOneElementALine_andEndWithANewline() {
    String s = Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("a", "x");
      g.writeArrayFieldStart("xs");
      g.writeNumber(1);
      g.writeNumber(2);
      g.writeEndArray();
      g.writeObjectFieldStart("o");
      g.writeNumberField("k", 4);
      g.writeEndObject();
      g.writeEndObject();
    });
    assertThat(s).isEqualTo("{\n  \"a\" : \"x\",\n  \"xs\" : [\n    1,\n    2\n  ],\n  \"o\" : {\n    \"k\" : 4\n  }\n}\n");
  }

  @Test
  void compact_documentsHaveNoWhitespace_andEndWithANewline() {
    String s = Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("a", "x y");
      g.writeArrayFieldStart("xs");
      g.writeNumber(1);
      g.writeNumber(2.5);
      g.writeEndArray();
      Json.number(g, "n", Double.NaN);
      g.writeEndObject();
    }, false);
    assertThat(s).isEqualTo("{\"a\":\"x y\",\"xs\":[1,2.5],\"n\":null}\n");
  }

  @Test
  void number_writesFiniteValuesExactly_andNaNOrInfinityAsNull() {
    String s = Json.write(g -> {
      g.writeStartObject();
      Json.number(g, "a", 0.1);
      Json.number(g, "b", Double.NaN);
      Json.number(g, "c", Double.POSITIVE_INFINITY);
      Json.number(g, "d", Double.NEGATIVE_INFINITY);
      Json.number(g, "e", -2.897272758570891e-45);
      g.writeEndObject();
    });
    var j = Fixtures.json(s);
    assertThat(j.get("a").doubleValue()).isEqualTo(0.1);
    assertThat(j.get("b").isNull()).isTrue();
    assertThat(j.get("c").isNull()).isTrue();
    assertThat(j.get("d").isNull()).isTrue();
    assertThat(j.get("e").doubleValue()).isEqualTo(-2.897272758570891e-45);
  }

  private static CurvePoint point(boolean extrapolated, double[] replicates) {
    Statistic s = new Statistic(0.5, 0.1, 0.3, 0.7, 0, null);
    return new CurvePoint(12, s, s, s, new Expected(Interval.exact(0.25), Interval.exact(9.5),
        new Interval(0.8125, 0.75, 0.875), extrapolated, replicates), Draws.fixed(12, 4));
  }

  @Test
  void expectations_writeEachExpectedValueAsMeanP05P95_andWhetherItIsExtrapolated() {
    String s = Json.write(g -> {
      g.writeStartObject();
      Expectations.write(g, point(true, new double[] {0.8}));
      g.writeEndObject();
    });
    assertThat(s).isEqualTo("{\n"
        + "  \"expected_cost_usd\" : {\n    \"mean\" : 0.25,\n    \"p05\" : 0.25,\n    \"p95\" : 0.25\n  },\n"
        + "  \"expected_latency_s\" : {\n    \"mean\" : 9.5,\n    \"p05\" : 9.5,\n    \"p95\" : 9.5\n  },\n"
        + "  \"expected_accuracy\" : {\n    \"mean\" : 0.8125,\n    \"p05\" : 0.75,\n    \"p95\" : 0.875\n  },\n"
        + "  \"extrapolated\" : true\n"
        + "}\n");
  }

  @Test
  void accuracyCell_isTheMeanAndThe90PercentInterval_starredBeyondTheData() {
    assertThat(Expectations.accuracyCell(point(false, new double[] {0.8}))).isEqualTo("0.812500 [0.750000, 0.875000]");
    assertThat(Expectations.accuracyCell(point(true, new double[] {0.8}))).isEqualTo("0.812500 [0.750000, 0.875000] *");
  }

  @Test
  void aPointIsUncertain_whenItHasReplicatesOrLiesBeyondTheData() {
    assertThat(Expectations.uncertain(point(false, new double[0]))).isFalse();
    assertThat(Expectations.uncertain(point(false, new double[] {0.8}))).isTrue();
    assertThat(Expectations.uncertain(point(true, new double[0]))).isTrue();
  }
}
