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
import io.kstar.serving.LoadCurve;
import io.kstar.serving.LoadFit;
import io.kstar.serving.LoadPoint;
import io.kstar.serving.Traffic;
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
    props.set(ServingSyntax.KEY, serving());
    schema.putArray("required").add("c_in").add("c_out").add("t_in").add("t_out");
    schema.put("additionalProperties", false);
    return schema;
  }

  /** The {@code serving} section: a self-hosted model's load curve ({@link ServingSyntax}). */
  static ObjectNode serving() {
    ObjectNode o = F.objectNode();
    o.put("type", "object");
    o.put("description", "a self-hosted model's load curve: latency against the requests per second one replica"
        + " serves, as a serving sweep measured it");
    ObjectNode p = o.putObject("properties");
    p.putObject("source").put("type", "string").put("description", "where the sweep came from");
    ObjectNode mix = p.putObject("measured_with");
    mix.put("type", "object").put("description", "the tokens of every request of the sweep");
    ObjectNode mp = mix.putObject("properties");
    mp.set("input_tokens", number(LoadCurve.TOKENS, "prompt tokens of one request of the sweep"));
    mp.set("output_tokens", number(LoadCurve.OUTPUT_TOKENS, "output tokens of one request of the sweep"));
    mix.putArray("required").add("input_tokens").add("output_tokens");
    mix.put("additionalProperties", false);
    p.set("capacity_rps", number(LoadCurve.CAPACITY, "requests per second of that mix one replica sustains at most"
        + " (its saturation throughput)"));
    ObjectNode fit = p.putObject("fit");
    fit.put("type", "string").put("default", LoadFit.INTERPOLATION.id()).put("description",
        "how the curve is read between and beyond the measured rates");
    LoadFit.ids().forEach(fit.putArray("enum")::add);
    p.set("replica_usd_per_hour", number(LoadCurve.USD_PER_HOUR, "what one replica costs per hour (optional)"));
    ObjectNode load = p.putObject("load");
    load.put("type", "array").put("minItems", 2).put("description", "the measured rates, increasing");
    ObjectNode item = load.putObject("items");
    item.put("type", "object");
    ObjectNode ip = item.putObject("properties");
    ip.set("requests_per_s", number(Traffic.RATE, "requests per second the replica achieved"));
    ip.set("ttft_s", number(LoadPoint.TIME, "mean time to first token (s)"));
    ip.set("tpot_s", number(LoadPoint.TIME, "mean time per output token (s)"));
    item.putArray("required").add("requests_per_s").add("ttft_s").add("tpot_s");
    item.put("additionalProperties", false);
    o.putArray("required").add("measured_with").add("capacity_rps").add("load");
    o.put("additionalProperties", false);
    return o;
  }

  private static ObjectNode number(Range r, String description) {
    ObjectNode number = F.objectNode();
    number.put("type", "number");
    number.put("minimum", r.min());
    if (r.minOpen()) {
      number.put("exclusiveMinimum", true);
    }
    if (Double.isFinite(r.max())) {
      number.put("maximum", r.max());
    }
    number.put("description", description);
    return number;
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
    // an integer's default is written as one (1, not 1.0): a default must be a value of its own schema
    p.defaultValue().ifPresent(d -> {
      if (p.shape() == Shape.INTEGER && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
        o.put("default", (long) d);
      } else {
        o.put("default", d);
      }
    });
    String unit = p.unit().isEmpty() ? "" : " (" + p.unit() + ")";
    o.put("description", p.description() + unit + (kind == null ? "" : "; used by " + kind));
    return o;
  }
}
