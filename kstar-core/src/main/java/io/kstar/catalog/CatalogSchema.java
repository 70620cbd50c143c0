package io.kstar.catalog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kstar.parameter.ModelKind;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.Range;
import io.kstar.parameter.Shape;
import io.kstar.profile.ModelProfile;
import io.kstar.profile.Prices;
import io.kstar.profile.RequestShape;
import io.kstar.profile.Speeds;
import java.util.List;

/**
 * The JSON Schema (OpenAPI 3.0 dialect) of one model entry of the flat catalog format, generated from
 * the models' parameter declarations: the service's OpenAPI document serves it, so a new model appears
 * there with no change to the document.
 */
public final class CatalogSchema {
  private CatalogSchema() {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  public static ObjectNode flatProfile(CatalogSyntax syntax) {
    ObjectNode schema = F.objectNode();
    schema.put("type", "object");
    schema.put("description", "a model profile in the flat catalog format; the parameters of each accuracy, length"
        + " and latency model come from its declaration");
    ObjectNode props = schema.putObject("properties");
    props.putObject("name").put("type", "string");
    for (Parameter p : List.of(Prices.C_IN, Prices.C_OUT, Prices.C_IN_CACHED, Prices.C_CACHE_WRITE, Speeds.T_IN,
        Speeds.T_OUT)) {
      props.set(p.flatKey(), property(p, null));
    }
    ObjectNode parallel = props.putObject("default_parallel");
    parallel.put("type", "integer").put("minimum", 1).put("maximum", ModelProfile.MAX_PARALLEL).put("default", 1);
    props.set(RequestShape.SAMPLES_PER_REQUEST.flatKey(), property(RequestShape.SAMPLES_PER_REQUEST, null));
    props.putObject("prompt_cache").put("type", "boolean").put("default", false).put("description",
        "the provider caches the prompt: calls after a request's first read it at c_in_cached");
    part(props, syntax.flatInput(), "in");
    part(props, syntax.flatOutput(), "out");
    part(props, syntax.flatAccuracy(), null);
    part(props, syntax.flatLatency(), null);
    schema.putArray("required").add("c_in").add("c_out").add("t_in").add("t_out");
    schema.put("additionalProperties", false);
    return schema;
  }

  private static void part(ObjectNode props, PartSyntax<?> part, String side) {
    ObjectNode tag = props.putObject(part.tagKey());
    tag.put("type", "string");
    var names = tag.putArray("enum");
    part.registry().names().forEach(names::add);
    tag.put("default", part.registry().defaultKind().id());
    for (ModelKind<?> kind : part.registry().kinds()) {
      for (Parameter p : kind.parameters()) {
        String key = part.keyOf().apply(p);
        ObjectNode existing = (ObjectNode) props.get(key);
        if (existing != null) {
          existing.put("description", existing.get("description").asText() + ", " + kind.id());
          continue;
        }
        props.set(key, property(p, kind.id()));
      }
    }
  }

  private static ObjectNode property(Parameter p, String kind) {
    ObjectNode o = F.objectNode();
    ObjectNode number = o;
    if (p.shape() == Shape.NUMBER_LIST) {
      o.put("type", "array").put("minItems", 1);
      number = o.putObject("items");
    }
    Range r = p.range();
    number.put("type", p.shape() == Shape.INTEGER ? "integer" : "number");
    number.put("minimum", r.min());
    if (r.minOpen()) {
      number.put("exclusiveMinimum", true);
    }
    if (Double.isFinite(r.max())) {
      number.put("maximum", r.max());
      if (r.maxOpen()) {
        number.put("exclusiveMaximum", true);
      }
    }
    p.defaultValue().ifPresent(d -> o.put("default", d));
    String unit = p.unit().isEmpty() ? "" : " (" + p.unit() + ")";
    o.put("description", p.description() + unit + (kind == null ? "" : "; used by " + kind));
    return o;
  }
}
