package io.kstar.catalog;

import io.kstar.input.Suggest;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kstar.input.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML (or JSON, a subset of YAML) document read into a tree, with typed access that names the
 * key path of every problem: {@code models.gpt5.acc_std = -1: must be a finite number >= 0}.
 * Duplicate keys are an error, not "last one wins".
 */
public final class YamlDocument {
  /** The YAML mapper, built on first use: SnakeYAML's start-up costs a short command about 40 ms. */
  private static final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(
        YAMLFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    // here, not in YamlDocument: a command that reads no YAML (the embedded catalog comes as a parsed tree) must not
    // load the YAML parser's classes, which verifying a method of YamlDocument that names them would do
    /**
     * A YAML alias ({@code c_out: *p}) is refused naming its key: the YAML reader kstar uses does not expand aliases,
     * and read the value as the alias's name (the text "p").
     */
    static void rejectAliases(String source, byte[] bytes) throws IOException {
      try (com.fasterxml.jackson.core.JsonParser p = Yaml.MAPPER.getFactory().createParser(bytes)) {
        if (!(p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y)) {
          return;
        }
        while (y.nextToken() != null) {
          if (y.isCurrentAlias()) {
            JsonLocation loc = y.currentLocation();
            throw new InvalidInputException(source, pathOf(y), "*" + y.getText(), "is a YAML alias: kstar does not"
                + " expand anchors and aliases; write the value itself (line " + loc.getLineNr() + ")");
          }
        }
      } catch (JsonProcessingException e) {
        // the parse proper reports it, with its position and path
      }
    }
  }

  private final String source;
  private final JsonNode root;

  private YamlDocument(String source, JsonNode root) {
    this.source = source;
    this.root = root;
  }

  /**
   * The longest document read, in characters: the YAML parser's own limit (SnakeYAML's code-point limit), checked
   * before parsing so that a file past it is refused at once (a 10 MB file took 20 s and 1.2 GB to be refused as
   * "not valid YAML or JSON").
   */
  public static final int MAX_CHARS = 3 * 1024 * 1024;

  public static YamlDocument read(Path file, String flag) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw InvalidInputException.of(flag, file, "must be a readable file");
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw InvalidInputException.of(flag, file, "could not be read: " + e.getMessage());
    }
    // a UTF-8 character is at most 4 bytes: past 4 × the limit no reading is needed to know
    if (size > 4L * MAX_CHARS) {
      throw InvalidInputException.of(flag, file, tooLarge(size + " bytes"));
    }
    try (InputStream in = Files.newInputStream(file)) {
      return parse(file.toString(), in);
    } catch (IOException e) {
      throw InvalidInputException.of(flag, file, "could not be read: " + e.getMessage());
    }
  }

  /**
   * An embedded resource under {@code kstar/}, named {@code "embedded NAME"} in messages. It is read from
   * the parsed tree the build writes beside it ({@link EmbeddedTree}), which holds the same nodes and
   * costs a short command well under a millisecond where a parser's first use costs tens; from the YAML
   * itself when there is no tree (classes compiled outside Maven).
   */
  public static YamlDocument resource(String name) {
    InputStream tree = YamlDocument.class.getResourceAsStream("/kstar/" + EmbeddedTree.treeName(name));
    if (tree != null) {
      try (tree) {
        return new YamlDocument("embedded " + name, EmbeddedTree.read(tree));
      } catch (IOException e) {
        throw new IllegalStateException("embedded resource " + EmbeddedTree.treeName(name) + " is unreadable", e);
      }
    }
    return yamlResource(name);
  }

  /** An embedded resource read from its YAML, whether or not a tree exists. */
  static YamlDocument yamlResource(String name) {
    InputStream in = YamlDocument.class.getResourceAsStream("/kstar/" + name);
    if (in == null) {
      throw new IllegalStateException("missing embedded resource " + name);
    }
    try (in) {
      return parse("embedded " + name, in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static YamlDocument parse(String source, InputStream in) throws IOException {
    byte[] bytes = in.readAllBytes();
    // text that is not UTF-8 is refused in kstar's words before the parser sees it
    if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
        || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
      throw new InvalidInputException(source, "(document)", null, "is UTF-16 text: save it as UTF-8");
    }
    CharSequence text;
    try {
      text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InvalidInputException(source, "(document)", null, "is not UTF-8 text (a binary file?): a catalog is"
          + " YAML or JSON, saved as UTF-8");
    }
    checkLength(source, text);
    Yaml.rejectAliases(source, bytes);
    try {
      JsonNode root = Yaml.MAPPER.readTree(bytes);
      return new YamlDocument(source, root);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
      String first = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip().lines().findFirst().orElse("");
      var malformed = java.util.regex.Pattern.compile("Malformed numeric value '([^']*)'").matcher(first);
      if (malformed.find()) {
        // YAML's .nan and .inf: a number a profile can never hold
        throw new InvalidInputException(source, pathOf(e), malformed.group(1),
            "must be a finite number (NaN and infinities are not allowed)" + where);
      }
      var depth = java.util.regex.Pattern.compile("nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)")
          .matcher(first);
      if (depth.find()) {
        throw new InvalidInputException(source, pathOf(e), null, "is nested too deeply: more than " + depth.group(2)
            + " levels of lists and mappings" + where);
      }
      throw new InvalidInputException(source, pathOf(e), null, "is not valid YAML or JSON" + where + ": " + first);
    }
  }

  /** Refuses a document of more than {@link #MAX_CHARS} characters (code points, as the parser counts them). */
  static void checkLength(String source, CharSequence text) {
    long chars = Character.codePointCount(text, 0, text.length());
    if (chars > MAX_CHARS) {
      throw new InvalidInputException(source, "(document)", null, tooLarge(chars + " characters"));
    }
  }

  static String tooLarge(String size) {
    return "is too large: " + size + ", past the " + MAX_CHARS + " characters a YAML or JSON document may hold"
        + " (3 MiB)";
  }

  /** The key path the parser had reached ({@code models.gpt5.c_in}), or "" for the whole document. */
  private static String pathOf(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p)) {
      return "";
    }
    return pathOf(p);
  }

  /** The key path a parser stands at. */
  private static String pathOf(com.fasterxml.jackson.core.JsonParser p) {
    List<String> parts = new ArrayList<>();
    for (com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext(); c != null; c = c.getParent()) {
      if (c.getCurrentName() != null) {
        parts.add(0, c.getCurrentName());
      } else if (c.inArray()) {
        parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    return String.join(".", parts).replace(".[", "[");
  }

  /** A document already parsed (for example an HTTP request body), named {@code source} in messages. */
  public static YamlDocument of(String source, JsonNode root) {
    return new YamlDocument(source, root);
  }

  public String source() {
    return source;
  }

  public JsonNode root() {
    return root;
  }

  public InvalidInputException error(String path, Object value, String allowed) {
    return new InvalidInputException(source, path, value == null ? null : String.valueOf(value), allowed);
  }

  /** The mapping at {@code path} under {@code parent}, keys in file order. */
  public Map<String, JsonNode> mapping(JsonNode node, String path) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw error(path, null, "is missing: a mapping is required");
    }
    if (!node.isObject()) {
      throw error(path, describe(node), "must be a mapping of keys to values");
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  public void onlyKeys(Map<String, JsonNode> map, String path, Set<String> allowed) {
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        throw error(join(path, key), describe(map.get(key)), "is not a known key" + Suggest.hint(key, allowed)
            + "; allowed keys: " + List.copyOf(allowed));
      }
    }
  }

  public double number(Map<String, JsonNode> map, String path, String key) {
    JsonNode n = map.get(key);
    if (n == null || n.isNull()) {
      throw error(join(path, key), null, "is missing: a number is required");
    }
    if (!n.isNumber()) {
      throw error(join(path, key), describe(n), "must be a number");
    }
    return n.doubleValue();
  }

  public Integer optionalInt(Map<String, JsonNode> map, String path, String key) {
    JsonNode n = map.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw error(join(path, key), describe(n), "must be an integer");
    }
    return n.intValue();
  }

  public Boolean optionalBoolean(Map<String, JsonNode> map, String path, String key) {
    JsonNode n = map.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isBoolean()) {
      throw error(join(path, key), describe(n), "must be true or false");
    }
    return n.booleanValue();
  }

  /** A number when the key is there, else null. */
  public Double optionalNumber(Map<String, JsonNode> map, String path, String key) {
    JsonNode n = map.get(key);
    return n == null || n.isNull() ? null : number(map, path, key);
  }

  public String optionalText(Map<String, JsonNode> map, String path, String key) {
    JsonNode n = map.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw error(join(path, key), describe(n), "must be text");
    }
    return n.asText();
  }

  public static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String describe(JsonNode n) {
    if (n == null) {
      return "null";
    }
    if (n.isTextual()) {
      return "\"" + n.asText() + "\"";
    }
    if (n.isObject()) {
      return "{…}";
    }
    if (n.isArray()) {
      return "[…]";
    }
    return n.toString();
  }
}
