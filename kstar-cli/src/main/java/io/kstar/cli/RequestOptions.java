package io.kstar.cli;

import io.kstar.budget.Scenario;
import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import io.kstar.estimate.Estimator;
import io.kstar.estimate.MonteCarloEstimator;
import io.kstar.profile.Catalog;
import io.kstar.request.Operation;
import io.kstar.request.RequestField;
import io.kstar.request.RequestFields;
import io.kstar.request.RequestValues;
import io.kstar.request.Requests;
import io.kstar.request.Surface;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The planning commands' options, made from the one declaration of a planning request
 * ({@link RequestFields}) rather than written as annotations: each command names its operation in a
 * model transformer, which adds one option per declared field (its flag, label and description), and
 * {@link #values} reads what was given through the declaration, so the command line and the service
 * check every value with the same rules and words.
 */
final class RequestOptions {
  private RequestOptions() {}

  static final class Reproduce implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      return add(spec, RequestFields.of(Operation.REPRODUCE, Surface.CLI));
    }
  }

  static final class Plan implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      return add(spec, RequestFields.of(Operation.PLAN, Surface.CLI));
    }
  }

  static final class Compare implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      return add(spec, RequestFields.of(Operation.COMPARE, Surface.CLI));
    }
  }

  static final class Budget implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      return add(spec, RequestFields.of(Operation.BUDGET, Surface.CLI));
    }
  }

  static final class Sensitivity implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      return add(spec, RequestFields.of(Operation.SENSITIVITY, Surface.CLI));
    }
  }

  static final class Curve implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      return add(spec, RequestFields.of(Operation.CURVE, Surface.CLI));
    }
  }

  /** The catalog and scenario files alone (models, serve). */
  static final class Sources implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      return add(spec, List.of(RequestFields.MODELS, RequestFields.SCENARIOS));
    }
  }

  /** One option per field, after the command's own; a flag the command declares itself is left to it. */
  static CommandSpec add(CommandSpec spec, List<RequestField> fields) {
    for (RequestField f : fields) {
      if (spec.findOption(f.flag()) != null) {
        continue;
      }
      OptionSpec.Builder b = OptionSpec.builder(f.flag()).description(describe(f));
      if (f.type() == RequestField.Type.BOOLEAN) {
        // --prompt-cache alone is true; --prompt-cache=false turns off what a catalog says
        b.arity("0..1").type(String.class).fallbackValue("true").paramLabel(f.label());
      } else {
        b.arity("1").type(String.class).paramLabel(f.label());
      }
      spec.addOption(b.build());
    }
    return spec;
  }

  /** Help's text for a field: its description as a sentence, and its default. */
  static String describe(RequestField f) {
    String d = f.description();
    d = d.isEmpty() ? d : d.substring(0, 1).toUpperCase(Locale.ROOT) + d.substring(1);
    if (!f.defaultText().isEmpty()) {
      d += ". Default: " + f.defaultText();
    }
    return (d.endsWith(".") ? d : d + ".").replace("%", "%%");
  }

  /** The values given to a command for its operation, each checked by its declaration (all problems at once). */
  static RequestValues values(CommandSpec spec, Operation op) {
    RequestValues.Builder b = RequestValues.builder(op);
    for (RequestField f : RequestFields.of(op, Surface.CLI)) {
      OptionSpec o = spec.findOption(f.flag());
      if (o == null || !spec.commandLine().getParseResult().hasMatchedOption(o)) {
        continue;
      }
      Object raw = o.getValue();
      if (f.type() == RequestField.Type.SOURCE) {
        b.value(f, raw);
      } else {
        b.text(f, (String) raw);
      }
    }
    return b.build();
  }

  /** The text of a source field's option (a file, an id), or null. */
  static String source(CommandSpec spec, RequestField f) {
    OptionSpec o = spec.findOption(f.flag());
    return o == null ? null : o.getValue();
  }

  static Catalog catalog(CommandSpec spec) {
    String models = source(spec, RequestFields.MODELS);
    return models == null ? CatalogReader.embedded() : CatalogReader.read(Path.of(models), RequestFields.MODELS.name());
  }

  static String catalogSource(CommandSpec spec) {
    String models = source(spec, RequestFields.MODELS);
    return models == null ? "embedded " + CatalogReader.EMBEDDED : models;
  }

  static List<Scenario> scenarios(CommandSpec spec) {
    String scenarios = source(spec, RequestFields.SCENARIOS);
    return scenarios == null ? ScenarioReader.embedded() : ScenarioReader.read(Path.of(scenarios));
  }

  /** The estimator: Monte Carlo on every core unless --threads says otherwise, with a progress bar in a terminal. */
  static Estimator estimator(RequestValues v, CommandSpec spec) {
    int threads = v.integer(RequestFields.THREADS).orElse(Runtime.getRuntime().availableProcessors());
    Estimator e = Requests.estimator(v, threads);
    if (e instanceof MonteCarloEstimator mc) {
      ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr());
      return bar == null ? mc : mc.withProgress(bar);
    }
    return e;
  }
}
