package io.kstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.select.Selectors;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * #28: /openapi.json is a valid OpenAPI 3.0 document (swagger-parser's validator finds nothing), every default
 * is a value of its own schema (openapi-spec-validator refused a wrong_answers default), it declares its bearer
 * security (the probes exempt), and it names every route the server answers with the answers it gives.
 */
class OpenApiValidityTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode document() throws Exception {
    return JSON.readTree(KstarServer.openApi(Selectors.REGISTRY));
  }

  @Test
  void theDocument_isValidOpenApi() throws Exception {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult r = new OpenAPIV3Parser().readContents(KstarServer.openApi(Selectors.REGISTRY), null, options);
    assertThat(r.getMessages()).as("the validator's messages").isEmpty();
    assertThat(r.getOpenAPI().getPaths()).containsKeys("/v1/plan", "/v1/compare", "/v1/curve", "/livez", "/readyz",
        "/metrics", "/openapi.json");
  }

  @Test
  void everyDefault_isAValueOfItsSchema() throws Exception {
    List<String> wrong = new ArrayList<>();
    walk(document(), "", wrong);
    assertThat(wrong).isEmpty();
  }

  static void walk(JsonNode n, String path, List<String> wrong) {
    if (n.isObject()) {
      if (n.has("default") && n.has("type")) {
        String problem = problem(n, n.get("default"));
        if (problem != null) {
          wrong.add(path + ": default " + n.get("default") + " " + problem);
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        var e = it.next();
        walk(e.getValue(), path + "/" + e.getKey(), wrong);
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        walk(n.get(i), path + "/" + i, wrong);
      }
    }
  }

  /** Why a value is not one of a schema's (type, enum, minimum, maximum), or null. */
  static String problem(JsonNode schema, JsonNode v) {
    String type = schema.get("type").asText();
    boolean ok = switch (type) {
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "string" -> v.isTextual();
      case "boolean" -> v.isBoolean();
      case "array" -> v.isArray();
      case "object" -> v.isObject();
      default -> true;
    };
    if (!ok) {
      return "is not of type " + type;
    }
    if (schema.has("enum")) {
      boolean in = false;
      for (JsonNode e : schema.get("enum")) {
        in |= e.equals(v);
      }
      if (!in) {
        return "is not one of " + schema.get("enum");
      }
    }
    if (v.isNumber() && schema.has("minimum") && v.doubleValue() < schema.get("minimum").doubleValue()) {
      return "is below the minimum " + schema.get("minimum");
    }
    if (v.isNumber() && schema.has("maximum") && v.doubleValue() > schema.get("maximum").doubleValue()) {
      return "is above the maximum " + schema.get("maximum");
    }
    return null;
  }

  @Test
  void bearerSecurity_isDeclared_andTheProbesAreExempt() throws Exception {
    JsonNode d = document();
    assertThat(d.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    assertThat(d.at("/security/0").has("bearer")).isTrue();
    assertThat(d.at("/paths/~1livez/get/security").isEmpty()).isTrue();
    assertThat(d.at("/paths/~1readyz/get/security").isEmpty()).isTrue();
    for (String code : List.of("401", "405", "408", "413", "415", "421", "503")) {
      assertThat(d.at("/paths/~1v1~1plan/post/responses").has(code)).as(code).isTrue();
    }
  }

  /** Every route the server routes is in the document, and every path of the document is routed. */
  @Test
  void theDocumentNamesEveryRoute() throws Exception {
    JsonNode paths = document().get("paths");
    List<String> documented = new ArrayList<>();
    paths.fieldNames().forEachRemaining(documented::add);
    assertThat(documented).containsExactlyInAnyOrderElementsOf(KstarServer.METHODS.keySet());
    KstarServer.METHODS.forEach((path, method) ->
        assertThat(paths.get(path).has(method.toLowerCase(java.util.Locale.ROOT))).as(path + " " + method).isTrue());
  }
}
