package io.kstar.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.estimate.Draws;
import io.kstar.estimate.Interval;
import io.kstar.estimate.Statistic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected outputs checked in beside the tests ({@code src/test/resources/io/kstar/report/}), each one
 * byte for byte what {@code ./kstar} printed for the command its test names, and the JSON read-back
 * helpers shared by the report tests.
 */
final class Golden {
  private Golden() {}

  /** The switch that rewrites golden files instead of checking them: {@code mvn test -Dkstar.golden.update=true}. */
  static final String UPDATE = "kstar.golden.update";

  /**
   * Checks {@code actual} against the golden file {@code name}; with {@code -Dkstar.golden.update=true} it
   * rewrites the file in the source tree instead and prints a unified diff of the change, to review before
   * committing (the test then passes).
   */
  static void check(String name, String actual) {
    if (Boolean.getBoolean(UPDATE)) {
      Path file = Path.of("src/test/resources/io/kstar/report").resolve(name);
      try {
        String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!old.equals(actual)) {
          Files.writeString(file, actual, StandardCharsets.UTF_8);
          List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, old.lines().toList(),
              DiffUtils.diff(old.lines().toList(), actual.lines().toList()), 2);
          System.out.println(String.join("\n", diff));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertThat(actual).as("golden file io/kstar/report/%s (to rewrite it and see the diff: mvn test -D%s=true)",
        name, UPDATE).isEqualTo(read(name));
  }

  static String read(String name) {
    try (InputStream in = Golden.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource io/kstar/report/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON number, or NaN for null (the reports write a number that does not exist as null). */
  static double num(JsonNode n) {
    assertThat(n).as("field present").isNotNull();
    if (n.isNull()) {
      return Double.NaN;
    }
    assertThat(n.isNumber()).as("%s is a number", n).isTrue();
    return n.doubleValue();
  }

  /** The same double, NaN included (a value read back from JSON or CSV must be the one rendered, bit for bit). */
  static void same(double actual, double expected) {
    same(actual, expected, "value");
  }

  static void same(double actual, double expected, String what) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(what + " is NaN").isNaN();
    } else {
      assertThat(actual).as(what).isEqualTo(expected);
    }
  }

  static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static List<String> strings(JsonNode array) {
    assertThat(array.isArray()).as("%s is an array", array).isTrue();
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }

  static List<Integer> ints(JsonNode array) {
    assertThat(array.isArray()).as("%s is an array", array).isTrue();
    List<Integer> out = new ArrayList<>();
    array.forEach(e -> {
      assertThat(e.isInt()).as("%s is an integer", e).isTrue();
      out.add(e.intValue());
    });
    return out;
  }

  /** {mean, std, p025, p975} of one request, read back exactly. */
  static void assertStatistic(JsonNode j, Statistic s) {
    assertThat(names(j)).startsWith("mean", "std", "p025", "p975");
    same(num(j.get("mean")), s.mean());
    same(num(j.get("std")), s.std());
    same(num(j.get("p025")), s.p025());
    same(num(j.get("p975")), s.p975());
  }

  static void assertSpread(JsonNode j, Draws.Spread s) {
    assertThat(names(j)).containsExactly("mean", "std", "p025", "p975");
    same(num(j.get("mean")), s.mean());
    same(num(j.get("std")), s.std());
    same(num(j.get("p025")), s.p025());
    same(num(j.get("p975")), s.p975());
  }

  /** {mean, p05, p95} of an expected value. */
  static void assertInterval(JsonNode j, Interval i) {
    assertThat(names(j)).containsExactly("mean", "p05", "p95");
    same(num(j.get("mean")), i.mean());
    same(num(j.get("p05")), i.p05());
    same(num(j.get("p95")), i.p95());
  }

  /** The expected-value fields every point carries (README "How sure the expected values are"). */
  static void assertExpectations(JsonNode j, io.kstar.estimate.CurvePoint p) {
    assertInterval(j.get("expected_cost_usd"), p.expected().cost());
    assertInterval(j.get("expected_latency_s"), p.expected().latency());
    assertInterval(j.get("expected_accuracy"), p.expected().accuracy());
    assertThat(j.get("extrapolated").isBoolean()).isTrue();
    assertThat(j.get("extrapolated").booleanValue()).isEqualTo(p.expected().extrapolated());
  }
}
