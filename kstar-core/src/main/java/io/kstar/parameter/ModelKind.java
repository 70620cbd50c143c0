package io.kstar.parameter;

import io.kstar.input.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A kind of model (an accuracy, length or latency model): its id in catalogs, the ids it also answers
 * to, its parameters and how it is built from their values. The one place a model states itself.
 *
 * @param id the id catalogs and outputs use
 * @param aliases other ids a catalog may give for it
 * @param description one line for help and schemas
 * @param parameters in the order catalogs write them
 * @param friendlyTags fixed key/value pairs the friendly format writes beside the parameters and accepts
 *     on reading (e.g. {@code difficulty.distribution: beta}); the first listed value is written
 * @param create builds the model from checked values
 * @param capabilities what the model offers beyond its family's methods, by name (an accuracy model's
 *     samples can be verified, voted on or scored: {@code AccuracyModels.VERIFIED}, …), so that what
 *     applies to a model (a stopping policy) is asked of its kind, not decided by a list of ids elsewhere
 */
public record ModelKind<M>(
    String id,
    List<String> aliases,
    String description,
    List<Parameter> parameters,
    Map<String, List<String>> friendlyTags,
    Function<ParameterValues, M> create,
    Set<String> capabilities) {

  public ModelKind {
    Objects.requireNonNull(id, "id");
    aliases = List.copyOf(aliases);
    parameters = List.copyOf(parameters);
    friendlyTags = Map.copyOf(friendlyTags);
    Objects.requireNonNull(create, "create");
    capabilities = Set.copyOf(capabilities);
  }

  public static <M> ModelKind<M> of(String id, String description, List<Parameter> parameters,
      Function<ParameterValues, M> create) {
    return new ModelKind<>(id, List.of(), description, parameters, Map.of(), create, Set.of());
  }

  public ModelKind<M> withAliases(String... ids) {
    return new ModelKind<>(id, List.of(ids), description, parameters, friendlyTags, create, capabilities);
  }

  public ModelKind<M> withFriendlyTag(String path, String... values) {
    Map<String, List<String>> tags = new LinkedHashMap<>(friendlyTags);
    tags.put(path, List.of(values));
    return new ModelKind<>(id, aliases, description, parameters, tags, create, capabilities);
  }

  /** The same kind, declaring these capabilities too. */
  public ModelKind<M> withCapabilities(String... names) {
    Set<String> all = new java.util.LinkedHashSet<>(capabilities);
    all.addAll(List.of(names));
    return new ModelKind<>(id, aliases, description, parameters, friendlyTags, create, all);
  }

  public boolean can(String capability) {
    return capabilities.contains(capability);
  }

  public boolean answersTo(String name) {
    return id.equals(name) || aliases.contains(name);
  }

  public Parameter parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id + " has no parameter " + name));
  }

  /**
   * The model from these values: each number checked against its declared range first (the error
   * names the parameter), defaults filled in, then the model's own constructor.
   */
  public M create(ParameterValues values) {
    ParameterValues.Builder b = ParameterValues.builder();
    for (Parameter p : parameters) {
      Object v = values.get(p.name());
      if (v == null && p.defaultValue().isPresent()) {
        v = p.defaultValue().getAsDouble();
      }
      if (v == null && p.optional()) {
        continue;
      }
      if (v == null) {
        throw InvalidInputException.of(p.name(), null, "is missing: it is required by the " + id + " model");
      }
      if (v instanceof double[] list) {
        for (double x : list) {
          p.check(x);
        }
        b.list(p.name(), list);
      } else {
        b.number(p.name(), p.check((Double) v));
      }
    }
    return create.apply(b.build());
  }
}
