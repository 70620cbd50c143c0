package io.kstar.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kstar.catalog.CatalogSchema;
import io.kstar.catalog.CatalogSyntax;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.Range;
import io.kstar.request.Operation;
import io.kstar.request.RequestField;
import io.kstar.request.RequestFields;
import io.kstar.request.Surface;
import io.kstar.select.Selector;
import io.kstar.select.Selectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The service's OpenAPI 3 document: paths and responses from the static skeleton ({@code /openapi.json}
 * in the jar); every request schema generated from the one declaration of a planning request
 * ({@link RequestFields}), the {@code Profile} schema from the models' parameter declarations, and the
 * {@code Picks} schema from the selector registry. So the document lists exactly the keys the service
 * accepts, with their types, ranges, defaults and descriptions.
 */
final class OpenApi {
  private OpenApi() {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The request schema of each endpoint. */
  static final Map<Operation, String> SCHEMAS = Map.of(
      Operation.PLAN, "PlanRequest", Operation.COMPARE, "CompareRequest", Operation.CURVE, "CurveRequest");

  static ObjectNode document(ObjectMapper json, Selectors selectors) throws IOException {
    ObjectNode doc;
    try (InputStream in = OpenApi.class.getResourceAsStream("/openapi.json")) {
      doc = (ObjectNode) json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    ObjectNode schemas = (ObjectNode) doc.get("components").get("schemas");
    schemas.set("Profile", CatalogSchema.flatProfile(CatalogSyntax.DEFAULT));
    schemas.set("Budget", budget());
    for (Map.Entry<Operation, String> e : SCHEMAS.entrySet()) {
      schemas.set(e.getValue(), request(e.getKey()));
    }
    schemas.set("Picks", picks(selectors));
    return doc;
  }

  /** The {@code budget} object: the fields declared in that group. */
  static ObjectNode budget() {
    ObjectNode s = F.objectNode();
    s.put("type", "object");
    s.put("description", "per-request budgets; any given here override the scenario's");
    ObjectNode props = s.putObject("properties");
    for (RequestField f : RequestFields.ALL) {
      if (f.group().equals("budget")) {
        props.set(f.name(), property(f));
      }
    }
    s.put("additionalProperties", false);
    return s;
  }

  /** The body of an endpoint: every field its operation takes on the service. */
  static ObjectNode request(Operation op) {
    ObjectNode s = F.objectNode();
    s.put("type", "object");
    ObjectNode props = s.putObject("properties");
    for (RequestField f : RequestFields.of(op, Surface.API)) {
      if (!f.group().isEmpty()) {
        props.putObject(f.group()).put("$ref", "#/components/schemas/Budget");
      } else {
        props.set(f.name(), property(f));
      }
    }
    if (RequestFields.MODEL.takes(op, Surface.API)) {
      s.putArray("required").add(RequestFields.MODEL.name());
    }
    s.put("additionalProperties", false);
    return s;
  }

  /** The picks of a plan or a comparison: one property per selector of the registry, with its rule. */
  static ObjectNode picks(Selectors selectors) {
    ObjectNode s = F.objectNode();
    s.put("type", "object");
    s.put("description", "the pick of each selector (null when it picks nothing), in this order");
    ObjectNode props = s.putObject("properties");
    for (Selector sel : selectors.all()) {
      ObjectNode p = props.putObject(sel.id());
      p.put("type", "object");
      p.put("nullable", true);
      p.put("description", sel.description() + parameters(sel.parameters()));
    }
    return s;
  }

  private static String parameters(List<Parameter> ps) {
    if (ps.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(" (parameters:");
    ps.forEach(p -> b.append(' ').append(p.name()));
    return b.append(')').toString();
  }

  static ObjectNode property(RequestField f) {
    ObjectNode o = F.objectNode();
    switch (f.type()) {
      case NUMBER -> number(o, "number", f.range());
      case INTEGER -> number(o, "integer", f.range());
      case LONG -> o.put("type", "integer").put("format", "int64");
      case BOOLEAN -> o.put("type", "boolean");
      case TEXT -> o.put("type", "string");
      case CHOICE -> choices(o.put("type", "string"), f);
      case NUMBERS -> list(o, number(F.objectNode(), "number", f.range()));
      case INTEGERS, PARALLEL -> list(o, number(F.objectNode(), "integer", f.range()));
      case CHOICES -> list(o, choices(F.objectNode().put("type", "string"), f));
      case SOURCE -> source(o, f);
      case COUNT_OR_AUTO -> {
        var one = o.putArray("oneOf");
        one.add(number(F.objectNode(), "integer", f.range()));
        one.addObject().put("type", "string").putArray("enum").add(RequestField.AUTO);
      }
    }
    if (!f.defaultText().isEmpty()) {
      Object d = f.defaultValue();
      if (d instanceof Number n && f.type() == RequestField.Type.NUMBER) {
        o.put("default", n.doubleValue());
      } else if (d instanceof Number n) {
        o.put("default", n.longValue());
      } else if (d instanceof Boolean b) {
        o.put("default", b);
      } else if (d instanceof List<?> l && l.size() == 1) {
        o.put("default", String.valueOf(l.get(0)));
      } else if (d != null) {
        o.put("default", String.valueOf(d));
      }
    }
    o.put("description", f.description() + " (command line: " + f.flag() + ")");
    return o;
  }

  private static ObjectNode number(ObjectNode o, String type, Range r) {
    o.put("type", type);
    if (Double.isFinite(r.min())) {
      put(o, "minimum", r.min(), type);
      if (r.minOpen()) {
        o.put("exclusiveMinimum", true);
      }
    }
    if (Double.isFinite(r.max())) {
      put(o, "maximum", r.max(), type);
      if (r.maxOpen()) {
        o.put("exclusiveMaximum", true);
      }
    }
    return o;
  }

  private static void put(ObjectNode o, String key, double v, String type) {
    if (type.equals("integer")) {
      o.put(key, (long) v);
    } else {
      o.put(key, v);
    }
  }

  private static ObjectNode choices(ObjectNode o, RequestField f) {
    ArrayNode e = o.putArray("enum");
    f.choices().forEach(e::add);
    return o;
  }

  /** A value, or an array of at most {@link RequestField#MAX_VALUES} of them. */
  private static void list(ObjectNode o, ObjectNode item) {
    ArrayNode one = o.putArray("oneOf");
    one.add(item);
    ObjectNode arr = one.addObject();
    arr.put("type", "array").put("maxItems", RequestField.MAX_VALUES);
    arr.set("items", item.deepCopy());
  }

  private static void source(ObjectNode o, RequestField f) {
    if (f == RequestFields.MODELS) {
      o.put("type", "object");
      o.putObject("additionalProperties").put("$ref", "#/components/schemas/Profile");
    } else {
      ArrayNode one = o.putArray("oneOf");
      one.addObject().put("type", "string");
      one.addObject().put("$ref", "#/components/schemas/Profile");
    }
  }
}
