package io.kstar.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kstar.input.InvalidInputException;
import io.kstar.parameter.KindRegistry;
import io.kstar.parameter.ModelKind;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.ParameterValues;
import io.kstar.parameter.Parameterised;
import io.kstar.parameter.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How one part of a profile (its accuracy, an input or output length, its latency) is spelled in a
 * catalog mapping: the key that names the kind, and where each declared parameter lives. Reading and
 * writing both formats go through here, driven by the kinds' own declarations
 * ({@link ModelKind#parameters()}), so a new model needs no change in the catalog code.
 *
 * @param registry the kinds of this part
 * @param tagKey the key naming the kind ({@code accuracy_model}, {@code lin_distribution}, {@code model})
 * @param infer when the tag is absent, take the one kind whose parameters alone match the keys given
 *     (a flat catalog's {@code lin_values} means empirical lengths); otherwise the registry's default
 * @param keyOf where a parameter lives (a key, or a dotted path into nested mappings)
 * @param friendly true for the friendly format (fixed tags such as {@code difficulty.distribution: beta})
 * @param writeTag when the writer names the kind
 */
record PartSyntax<M>(
    KindRegistry<M> registry,
    String tagKey,
    boolean infer,
    Function<Parameter, String> keyOf,
    boolean friendly,
    WriteTag writeTag) {

  enum WriteTag {
    ALWAYS,
    UNLESS_DEFAULT,
    UNLESS_INFERRED
  }

  /** Every top-level key this part may use, over all its kinds (the tag first). */
  Set<String> allKeys() {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(tagKey);
    for (ModelKind<? extends M> k : registry.kinds()) {
      keys.addAll(topKeys(k));
    }
    return keys;
  }

  /** The top-level keys of one kind: its parameters' first path segments and its fixed tags'. */
  List<String> topKeys(ModelKind<?> k) {
    Set<String> keys = new LinkedHashSet<>();
    if (friendly) {
      k.friendlyTags().keySet().forEach(t -> keys.add(first(t)));
    }
    k.parameters().forEach(p -> keys.add(first(keyOf.apply(p))));
    return List.copyOf(keys);
  }

  private static String first(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }

  /** The kind a mapping names, or infers. */
  ModelKind<? extends M> kindOf(YamlDocument doc, Map<String, JsonNode> m, String path) {
    String tag = doc.optionalText(m, path, tagKey);
    if (tag != null) {
      try {
        return registry.require(tag);
      } catch (InvalidInputException e) {
        throw doc.error(YamlDocument.join(path, tagKey), "\"" + tag + "\"", e.allowed());
      }
    }
    return infer ? inferred(m.keySet()) : registry.defaultKind();
  }

  /** The one kind whose keys cover the given ones and whose required keys are given; else the default. */
  ModelKind<? extends M> inferred(Set<String> given) {
    Set<String> mine = new LinkedHashSet<>(given);
    mine.retainAll(allKeys());
    List<ModelKind<? extends M>> fit = new ArrayList<>();
    for (ModelKind<? extends M> k : registry.kinds()) {
      boolean covers = topKeys(k).containsAll(mine);
      boolean complete = k.parameters().stream().filter(Parameter::required)
          .allMatch(p -> given.contains(first(keyOf.apply(p))));
      if (covers && complete) {
        fit.add(k);
      }
    }
    return fit.size() == 1 ? fit.get(0) : registry.defaultKind();
  }

  /**
   * Reads this part from {@code m} (the model's mapping in the flat format, the part's own section in
   * the friendly one). Keys of other kinds of this part are refused, naming the kind and its keys.
   */
  M read(YamlDocument doc, Map<String, JsonNode> m, String path) {
    ModelKind<? extends M> kind = kindOf(doc, m, path);
    Set<String> own = new LinkedHashSet<>();
    own.add(tagKey);
    own.addAll(topKeys(kind));
    if (friendly) {
      doc.onlyKeys(m, path, own);
    }
    for (String key : m.keySet()) {
      if (allKeys().contains(key) && !own.contains(key)) {
        throw doc.error(YamlDocument.join(path, key), YamlDocument.describe(m.get(key)),
            "is not a key of " + registry.field() + " " + kind.id() + "; its keys: " + List.copyOf(own));
      }
    }
    if (friendly) {
      checkNested(doc, m, path, kind);
    }
    ParameterValues.Builder values = ParameterValues.builder();
    for (Parameter p : kind.parameters()) {
      String key = keyOf.apply(p);
      JsonNode node = at(m, key);
      if (node == null || node.isNull()) {
        continue;
      }
      read(doc, values, p, node, YamlDocument.join(path, key));
    }
    try {
      return kind.create(values.build());
    } catch (InvalidInputException e) {
      String key = kind.parameters().stream().filter(p -> p.name().equals(e.field())).findFirst()
          .map(keyOf).orElse(e.field());
      throw new InvalidInputException(doc.source(), YamlDocument.join(path, key), e.value().orElse(null), e.allowed());
    }
  }

  /** Nested mappings of the friendly format hold only their declared keys, and fixed tags their values. */
  private void checkNested(YamlDocument doc, Map<String, JsonNode> m, String path, ModelKind<?> kind) {
    Map<String, Set<String>> nested = new LinkedHashMap<>();
    List<String> paths = new ArrayList<>(kind.friendlyTags().keySet());
    kind.parameters().forEach(p -> paths.add(keyOf.apply(p)));
    for (String p : paths) {
      int dot = p.indexOf('.');
      if (dot > 0) {
        nested.computeIfAbsent(p.substring(0, dot), x -> new LinkedHashSet<>()).add(p.substring(dot + 1));
      }
    }
    for (Map.Entry<String, Set<String>> e : nested.entrySet()) {
      Map<String, JsonNode> sub = doc.mapping(m.get(e.getKey()), YamlDocument.join(path, e.getKey()));
      doc.onlyKeys(sub, YamlDocument.join(path, e.getKey()), e.getValue());
    }
    for (Map.Entry<String, List<String>> t : kind.friendlyTags().entrySet()) {
      JsonNode node = at(m, t.getKey());
      if (node != null && !node.isNull() && !t.getValue().contains(node.asText())) {
        throw doc.error(YamlDocument.join(path, t.getKey()), YamlDocument.describe(node),
            t.getValue().size() == 1 ? "must be \"" + t.getValue().get(0) + "\"" : "must be one of " + t.getValue());
      }
    }
  }

  private static JsonNode at(Map<String, JsonNode> m, String dotted) {
    String[] parts = dotted.split("\\.");
    JsonNode node = m.get(parts[0]);
    for (int i = 1; i < parts.length && node != null; i++) {
      node = node.isObject() ? node.get(parts[i]) : null;
    }
    return node;
  }

  private static void read(YamlDocument doc, ParameterValues.Builder values, Parameter p, JsonNode node, String where) {
    switch (p.shape()) {
      case NUMBER:
        if (!node.isNumber()) {
          throw doc.error(where, YamlDocument.describe(node), "must be a number");
        }
        values.number(p.name(), node.doubleValue());
        return;
      case INTEGER:
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
          throw doc.error(where, YamlDocument.describe(node), "must be an integer");
        }
        values.number(p.name(), node.intValue());
        return;
      case NUMBER_LIST:
        if (!node.isArray() || node.isEmpty()) {
          throw doc.error(where, YamlDocument.describe(node), "must be a non-empty list of numbers");
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
          JsonNode x = node.get(i);
          if (!x.isNumber()) {
            throw doc.error(where + "[" + i + "]", YamlDocument.describe(x), "must be a number");
          }
          v[i] = x.doubleValue();
        }
        values.list(p.name(), v);
        return;
      default:
        throw new IllegalStateException(p.shape().toString());
    }
  }

  /** Writes {@code model} into {@code n}: its tag when {@link #writeTag} asks, fixed tags, then its parameters. */
  void write(ObjectNode n, Parameterised model) {
    ModelKind<?> kind = model.kind();
    ParameterValues values = model.values();
    boolean tag = switch (writeTag) {
      case ALWAYS -> true;
      case UNLESS_DEFAULT -> kind != registry.defaultKind();
      case UNLESS_INFERRED -> {
        Set<String> keys = new LinkedHashSet<>();
        kind.parameters().stream().filter(p -> values.has(p.name())).forEach(p -> keys.add(first(keyOf.apply(p))));
        yield inferred(keys) != kind;
      }
    };
    if (tag) {
      n.put(tagKey, kind.id());
    }
    if (friendly) {
      kind.friendlyTags().forEach((path, allowed) -> put(n, path).put(leaf(path), allowed.get(0)));
    }
    for (Parameter p : kind.parameters()) {
      Object v = values.get(p.name());
      if (v == null) {
        continue;
      }
      String key = keyOf.apply(p);
      ObjectNode at = put(n, key);
      switch (p.shape()) {
        case INTEGER -> at.put(leaf(key), (int) (double) (Double) v);
        case NUMBER -> at.put(leaf(key), CatalogWriter.dec((Double) v));
        case NUMBER_LIST -> {
          var arr = at.putArray(leaf(key));
          for (double x : (double[]) v) {
            arr.add(CatalogWriter.dec(x));
          }
        }
        default -> throw new IllegalStateException(p.shape().toString());
      }
    }
  }

  /** The mapping a dotted path's leaf goes into, created on the way. */
  private static ObjectNode put(ObjectNode n, String dotted) {
    String[] parts = dotted.split("\\.");
    ObjectNode at = n;
    for (int i = 0; i + 1 < parts.length; i++) {
      JsonNode next = at.get(parts[i]);
      at = next instanceof ObjectNode o ? o : at.putObject(parts[i]);
    }
    return at;
  }

  private static String leaf(String dotted) {
    return dotted.substring(dotted.lastIndexOf('.') + 1);
  }
}
