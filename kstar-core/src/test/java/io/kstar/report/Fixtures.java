package io.kstar.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.PassAtK;
import io.kstar.budget.Budget;
import io.kstar.catalog.CatalogReader;
import io.kstar.estimate.ExactEstimator;
import io.kstar.grid.Grid;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import io.kstar.plan.BudgetBasis;
import io.kstar.plan.Confidence;
import io.kstar.plan.Deployment;
import io.kstar.policy.Policy;
import io.kstar.profile.Calibration;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.Speeds;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * The inputs the report tests render: the paper's embedded catalog and scenarios, built as the CLI's
 * commands build them (docs: README "Planning a real deployment"), and a calibrated right-or-wrong
 * profile for the columns that only calibration and stopping policies bring. Results are computed once
 * per JVM (they come from the mathematics, which the report tests do not mutate).
 */
final class Fixtures {
  private Fixtures() {}

  static final ObjectMapper MAPPER = new ObjectMapper();

  static final Catalog CATALOG = CatalogReader.embedded();

  /** The embedded scenarios' budgets (shared/data/scenarios.yaml). */
  static final Budget BALANCED = Budget.of(0.5, 60, 0.88);
  static final Budget LATENCY_CRITICAL = Budget.of(0.1, 15, 0.9);

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ModelProfile model(String id) {
    return CATALOG.require("model", id);
  }

  /** {@code kstar plan --model ID --scenario S [--latency-quantile Q] [--parallel LIST]}: as PlanCommand builds it. */
  static Deployment.Request planRequest(String id, Budget b, BudgetBasis basis, List<Integer> parallels) {
    return new Deployment.Request(model(id), parallels, Grid.Kind.BATCH, 128, b, basis, 1e-6, 1);
  }

  static final class Plans {
    /** README: {@code ./kstar plan --model gpt5-nano --scenario latency-critical --latency-quantile 0.95}. */
    static final Deployment.Result NANO_P95 = Deployment.plan(planRequest("gpt5-nano", LATENCY_CRITICAL,
        new BudgetBasis(OptionalDouble.empty(), OptionalDouble.of(0.95)), List.of(4)), new ExactEstimator());

    /** README: {@code ./kstar plan --model qwen3-max --scenario latency-critical --parallel 4,8,16} (no k feasible). */
    static final Deployment.Result QWEN_INFEASIBLE = Deployment.plan(planRequest("qwen3-max", LATENCY_CRITICAL,
        BudgetBasis.MEANS, List.of(4, 8, 16)), new ExactEstimator());

    /**
     * The calibrated profile under {@code --policy fixed,until-pass --grid all --k-max 16 --confidence 0.5}:
     * every column that calibration and policies add.
     */
    static final Deployment.Result CALIBRATED_ADAPTIVE = Deployment.plan(new Deployment.Request(calibrated(), List.of(4),
        Grid.Kind.ALL, 16, Budget.of(0.05, 60, 0.6), BudgetBasis.MEANS, 1e-6, 1, Confidence.of(0.5),
        List.of(Policy.FIXED, Policy.UNTIL_PASS)), new ExactEstimator());
  }

  /** The repository's docs/examples folder (tests run in kstar-core, or at the root). */
  static java.nio.file.Path example(String name) {
    java.nio.file.Path p = java.nio.file.Path.of("../docs/examples", name);
    return java.nio.file.Files.exists(p) ? p : java.nio.file.Path.of("docs/examples", name);
  }

  /** A catalog or scenarios file checked in beside the tests (src/test/resources/io/kstar/report). */
  static io.kstar.catalog.YamlDocument resource(String name) {
    try (var in = Fixtures.class.getResourceAsStream(name)) {
      var yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
      return io.kstar.catalog.YamlDocument.of(name, yaml.readTree(in));
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code models --models zoo.yaml}: every accuracy, length and latency model kind, and a calibration. */
  static final class Zoo {
    static final Catalog CATALOG = CatalogReader.read(resource("zoo.yaml"));
  }

  static final class Curves {
    /** {@code ./kstar curve --model gpt5-nano --k-max 32}. */
    static final io.kstar.estimate.Curve NANO = new ExactEstimator().estimate(new io.kstar.estimate.Estimator.Job(
        model("gpt5-nano"), 4, Grid.of(Grid.Kind.BATCH, 32, 4).ks(), Policy.FIXED));

    /** {@code ./kstar curve --model gpt5 --estimator monte-carlo --trials 500 --seed 7 --k-max 8}. */
    static final io.kstar.estimate.Curve GPT5_MC = new io.kstar.estimate.MonteCarloEstimator(500, 7, 1).estimate(
        new io.kstar.estimate.Estimator.Job(model("gpt5"), 4, Grid.of(Grid.Kind.BATCH, 8, 4).ks(), Policy.FIXED));

    /** {@code ./kstar curve --models zoo.yaml --model cal --policy until-pass --grid all --k-max 12}. */
    static final io.kstar.estimate.Curve CAL_UNTIL_PASS = new ExactEstimator().estimate(new io.kstar.estimate.Estimator.Job(
        Zoo.CATALOG.require("model", "cal"), 4, Grid.of(Grid.Kind.ALL, 12, 4).ks(), Policy.UNTIL_PASS));
  }

  static final class Compares {
    /** README: {@code ./kstar compare --scenario latency-critical}. */
    static final io.kstar.plan.Comparison.Result LATENCY_CRITICAL = io.kstar.plan.Comparison.compare(
        new io.kstar.plan.Comparison.Request(CATALOG, List.of(), Grid.Kind.BATCH, 128, Fixtures.LATENCY_CRITICAL,
            BudgetBasis.MEANS, 1e-6, Confidence.OFF, List.of(Policy.FIXED)), new ExactEstimator());

    /**
     * {@code ./kstar compare --models mix.yaml --policy fixed,until-pass --max-cost 0.05 --max-latency 60
     * --min-accuracy 0.6 --grid all --k-max 8}: gpt5-nano (fixed only, with a note) and the calibrated profile.
     */
    static final io.kstar.plan.Comparison.Result MIX_POLICIES = io.kstar.plan.Comparison.compare(
        new io.kstar.plan.Comparison.Request(CatalogReader.read(resource("mix.yaml")), List.of(), Grid.Kind.ALL, 8,
            Budget.of(0.05, 60, 0.6), BudgetBasis.MEANS, 1e-6, Confidence.OFF, List.of(Policy.FIXED, Policy.UNTIL_PASS)),
        new ExactEstimator());

    /** {@code ./kstar compare --scenario latency-critical --max-latency 1}: nothing is feasible. */
    static final io.kstar.plan.Comparison.Result INFEASIBLE = io.kstar.plan.Comparison.compare(
        new io.kstar.plan.Comparison.Request(CATALOG, List.of(), Grid.Kind.BATCH, 128, Budget.of(0.1, 1, 0.9),
            BudgetBasis.MEANS, 1e-6, Confidence.OFF, List.of(Policy.FIXED)), new ExactEstimator());
  }

  static final class Studies {
    /** {@code ./kstar reproduce}: the paper's study on the embedded defaults. */
    static final io.kstar.study.StudyResult REPRODUCE = io.kstar.study.Study.run(CATALOG,
        io.kstar.catalog.ScenarioReader.embedded(), new io.kstar.study.StudyOptions(new ExactEstimator(), Grid.Kind.BATCH,
            java.util.OptionalInt.empty(), java.util.OptionalInt.empty(), 1e-6, 1, java.util.Optional.empty(),
            Confidence.OFF, List.of(Policy.FIXED)));

    /**
     * {@code ./kstar reproduce --scenarios plain-scenarios.yaml --estimator monte-carlo --trials 300 --seed 3}:
     * one scenario without a description, simulated.
     */
    static final io.kstar.study.StudyResult MC_PLAIN = io.kstar.study.Study.run(CATALOG,
        io.kstar.catalog.ScenarioReader.read(resource("plain-scenarios.yaml")), new io.kstar.study.StudyOptions(
            new io.kstar.estimate.MonteCarloEstimator(300, 3, 1), Grid.Kind.BATCH, java.util.OptionalInt.empty(),
            java.util.OptionalInt.empty(), 1e-6, 1, java.util.Optional.empty(), Confidence.OFF, List.of(Policy.FIXED)));
  }

  static final class Budgets {
    /** README: {@code ./kstar budget --catalog --min-accuracy 0.99} ({@code --k-max} 1024 by default here). */
    static final List<io.kstar.plan.Reverse.Answer> CATALOG_099 = io.kstar.plan.Reverse.answer(CATALOG.models(), List.of(),
        Grid.Kind.BATCH, 1024, 0.99, BudgetBasis.MEANS, new ExactEstimator(), Confidence.OFF, List.of(Policy.FIXED));

    /** {@code ./kstar budget --models zoo.yaml --model cal --min-accuracy 0.75 --policy fixed,until-pass --k-max 16 --grid all}. */
    static final List<io.kstar.plan.Reverse.Answer> CAL_POLICIES = io.kstar.plan.Reverse.answer(
        List.of(Zoo.CATALOG.require("model", "cal")), List.of(), Grid.Kind.ALL, 16, 0.75, BudgetBasis.MEANS,
        new ExactEstimator(), Confidence.OFF, List.of(Policy.FIXED, Policy.UNTIL_PASS));

    /** {@code ./kstar budget --model gpt5 --min-accuracy 0.999 --k-max 16}: out of reach. */
    static final List<io.kstar.plan.Reverse.Answer> UNREACHED = io.kstar.plan.Reverse.answer(List.of(model("gpt5")),
        List.of(), Grid.Kind.BATCH, 16, 0.999, BudgetBasis.MEANS, new ExactEstimator(), Confidence.OFF, List.of(Policy.FIXED));
  }

  static final class Sensitivities {
    /** README: {@code ./kstar sensitivity --model gpt5 --scenario balanced}. */
    static final io.kstar.plan.Sensitivity.Result GPT5_BALANCED = io.kstar.plan.Sensitivity.analyse(
        planRequest("gpt5", BALANCED, BudgetBasis.MEANS, List.of(4)), new ExactEstimator());

    /** {@code ./kstar sensitivity --model qwen3-max --scenario latency-critical}: no pick to move. */
    static final io.kstar.plan.Sensitivity.Result QWEN_INFEASIBLE = io.kstar.plan.Sensitivity.analyse(
        planRequest("qwen3-max", LATENCY_CRITICAL, BudgetBasis.MEANS, List.of(4)), new ExactEstimator());
  }

  static final class Logs {
    /** docs/examples/sample-log.jsonl, bad records skipped, as {@code ./kstar calibrate LOGS --skip-bad} reads it. */
    static final io.kstar.calibrate.LogRecords.Read READ = io.kstar.calibrate.LogRecords.read(example("sample-log.jsonl"), true);

    /** {@code ./kstar calibrate docs/examples/sample-log.jsonl --skip-bad}: bootstrap 1000, 200 replicates, seed 42. */
    static final io.kstar.calibrate.LogCalibration.Result FIT = io.kstar.calibrate.LogCalibration.fit(READ.samples(), null,
        null, 1000, 200, 42);

    /**
     * {@code ./kstar calibrate docs/examples/sample-log.jsonl --skip-bad --replay until-pass --replay-parallel 2}
     * (README "With a verifier"): the profile built as the command builds it, replayed in 50 orders.
     */
    static final io.kstar.calibrate.PolicyReplay.Result REPLAY = replay();

    private static io.kstar.calibrate.PolicyReplay.Result replay() {
      var r = FIT;
      ModelProfile p = new ModelProfile("calibrated", "calibrated calibrated from sample-log.jsonl",
          new Prices(r.cIn() != null ? r.cIn() : 0, r.cOut() != null ? r.cOut() : 0), new Speeds(r.tIn(), r.tOut()),
          new LengthModel.ClippedNormalLength(Math.max(1, r.inputMean()), r.inputSd()),
          new LengthModel.ClippedNormalLength(Math.max(1, r.outputMean()), r.outputSd()), r.accuracy(),
          LatencyModel.DEFAULT, 8, r.calibration());
      var same = READ.samples().stream().filter(s -> java.util.Objects.equals(s.model(), r.model())).toList();
      return io.kstar.calibrate.PolicyReplay.run(same, p, Policy.UNTIL_PASS, 2, r.dataUpToK(), 50, 1000, 42);
    }
  }

  static final class Forecasts {
    static final List<io.kstar.calibrate.MeasuredCurve> CURVES = io.kstar.calibrate.MeasuredCurve.read(
        example("r1-distill-qwen7b-scaling-curves.json"));

    static io.kstar.calibrate.forecast.Forecast forecast(io.kstar.calibrate.MeasuredCurve c, int fitUpTo) {
      return io.kstar.calibrate.forecast.CurveForecaster.forecast(c, new io.kstar.calibrate.forecast.CurveForecaster.Options(
          fitUpTo, io.kstar.calibrate.forecast.QuestionCount.resolve(c, null), 42, 200)
          .withFamilies(io.kstar.calibrate.forecast.Family.forMethod(c.method())));
    }

    /** {@code ./kstar calibrate --curve docs/examples/r1-distill-qwen7b-scaling-curves.json --dataset MATH500}. */
    static final List<io.kstar.calibrate.forecast.Forecast> MATH500 = io.kstar.calibrate.MeasuredCurve.select(CURVES,
        "MATH500", null).stream().map(c -> forecast(c, 16)).toList();

    /** The same for {@code --method best_of_n --fit-up-to 64}: nothing held out. */
    static final List<io.kstar.calibrate.forecast.Forecast> NOTHING_HELD_OUT = io.kstar.calibrate.MeasuredCurve.select(
        CURVES, "MATH500", "best_of_n").stream().map(c -> forecast(c, 64)).toList();
  }

  /** 100 replicates of pass@k around Beta(0.6, 0.9), from a fixed seed (as RobustPlanTest's). */
  static List<AccuracyModel> replicates() {
    Random r = new Random(7);
    List<AccuracyModel> out = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      out.add(new PassAtK(new BetaDifficulty(0.6 * Math.exp(0.15 * r.nextGaussian()),
          0.9 * Math.exp(0.15 * r.nextGaussian()))));
    }
    return out;
  }

  /** A right-or-wrong profile calibrated on k <= 8, held beyond. */
  static ModelProfile calibrated() {
    return new ModelProfile("cal", "Calibrated", new Prices(1e-6, 4e-6), new Speeds(2e-4, 1e-2),
        new LengthModel.ClippedNormalLength(800, 100), new LengthModel.ClippedNormalLength(1500, 300),
        new PassAtK(new BetaDifficulty(0.6, 0.9)), LatencyModel.DEFAULT, 4,
        new Calibration("test replicates", 8, replicates(), Calibration.Beyond.HOLD));
  }

  /** The CSV's rows as cells (no cell of these reports holds a comma or a quote unless quoted). */
  static List<List<String>> csv(String text) {
    List<List<String>> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            cell.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
        } else {
          cell.append(c);
        }
      }
      cells.add(cell.toString());
      out.add(cells);
    }
    return out;
  }

  /** A CSV cell read back as the double it stands for; NaN for an empty cell. */
  static double num(String cell) {
    return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
  }
}
