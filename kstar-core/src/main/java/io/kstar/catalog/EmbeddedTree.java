package io.kstar.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The embedded YAML resources (the paper's models, the three scenarios) as parsed trees, written by the
 * build beside each YAML in the jar and read back by {@link YamlDocument#resource(String)}. The YAML
 * files stay the source; the trees are what a command reads, because parsing text costs a short command
 * more than its whole computation: SnakeYAML's first use about 70 ms, and any Jackson parser's first
 * use initialises {@code java.math.BigDecimal}, which on JDK 25 alone takes 20 ms (BENCHMARKS.md,
 * "Start-up"). A tree is read with {@link DataInputStream} into the same Jackson nodes the YAML parser
 * gives, so every reader and every message stays the same; {@code EmbeddedTreeTest} checks each copy
 * against its YAML, node type by node type.
 *
 * <p>The format, one value: a tag byte, then {@code o} (object) an int count and that many
 * (modified-UTF-8 key, value) pairs; {@code a} (array) an int count and that many values; {@code s} a
 * string (an int byte length, then UTF-8); {@code i} an int; {@code l} a long; {@code b} a big integer
 * (its decimal string, as {@code s}); {@code d} a double (its IEEE bits, so exact); {@code t},
 * {@code f}, {@code n}: true, false, null. It starts with the bytes {@code KSTR} and a version int.
 *
 * <p>The build runs {@code java io.kstar.catalog.EmbeddedTree CLASSES_DIR} after compiling kstar-core
 * ({@code exec-maven-plugin}, phase {@code process-classes}).
 */
public final class EmbeddedTree {
  private EmbeddedTree() {}

  /** The embedded YAML resources, by name under {@code kstar/}. */
  public static final List<String> RESOURCES = List.of(CatalogReader.EMBEDDED, ScenarioReader.EMBEDDED);

  private static final int MAGIC = 0x4b535452; // "KSTR"
  private static final int VERSION = 1;

  /** The tree's name for a YAML resource: {@code paper-models.yaml} -> {@code paper-models.yaml.tree}. */
  public static String treeName(String yamlName) {
    return yamlName + ".tree";
  }

  /** {@code java io.kstar.catalog.EmbeddedTree DIR}: DIR/kstar/NAME -> DIR/kstar/NAME.tree, for each resource. */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: EmbeddedTree CLASSES_DIR");
    }
    Path dir = Path.of(args[0], "kstar");
    for (String name : RESOURCES) {
      try (InputStream in = Files.newInputStream(dir.resolve(name));
          OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(treeName(name))))) {
        write(YamlDocument.parse("embedded " + name, in).root(), out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Writes a tree (objects, arrays, strings, integers, doubles, booleans, nulls) through to {@code out}, unflushed. */
  public static void write(JsonNode tree, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeInt(VERSION);
    value(tree, data);
  }

  /** Reads a tree {@link #write} wrote; anything else is an {@link IOException}. */
  public static JsonNode read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(new BufferedInputStream(in));
    if (data.readInt() != MAGIC || data.readInt() != VERSION) {
      throw new IOException("not a kstar tree (version " + VERSION + ")");
    }
    JsonNode tree = value(data);
    if (data.read() != -1) {
      throw new IOException("trailing bytes after the tree");
    }
    return tree;
  }

  private static void value(JsonNode node, DataOutput out) throws IOException {
    if (node.isObject()) {
      out.writeByte('o');
      out.writeInt(node.size());
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.writeUTF(e.getKey());
        value(e.getValue(), out);
      }
    } else if (node.isArray()) {
      out.writeByte('a');
      out.writeInt(node.size());
      for (JsonNode item : node) {
        value(item, out);
      }
    } else if (node.isTextual()) {
      out.writeByte('s');
      text(node.textValue(), out);
    } else if (node.isInt()) {
      out.writeByte('i');
      out.writeInt(node.intValue());
    } else if (node.isLong()) {
      out.writeByte('l');
      out.writeLong(node.longValue());
    } else if (node.isBigInteger()) {
      out.writeByte('b');
      text(node.bigIntegerValue().toString(), out);
    } else if (node.isDouble()) {
      out.writeByte('d');
      out.writeDouble(node.doubleValue());
    } else if (node.isBoolean()) {
      out.writeByte(node.booleanValue() ? 't' : 'f');
    } else if (node.isNull()) {
      out.writeByte('n');
    } else {
      throw new IOException("a tree holds no " + node.getNodeType() + " node");
    }
  }

  private static void text(String s, DataOutput out) throws IOException {
    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String text(DataInput in) throws IOException {
    byte[] utf8 = new byte[in.readInt()];
    in.readFully(utf8);
    return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static JsonNode value(DataInput in) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    int tag = in.readByte();
    switch (tag) {
      case 'o' -> {
        ObjectNode object = nodes.objectNode();
        for (int n = in.readInt(); n > 0; n--) {
          String key = in.readUTF();
          object.set(key, value(in));
        }
        return object;
      }
      case 'a' -> {
        ArrayNode array = nodes.arrayNode();
        for (int n = in.readInt(); n > 0; n--) {
          array.add(value(in));
        }
        return array;
      }
      case 's' -> {
        return nodes.textNode(text(in));
      }
      case 'i' -> {
        return nodes.numberNode(in.readInt());
      }
      case 'l' -> {
        return nodes.numberNode(in.readLong());
      }
      case 'b' -> {
        return nodes.numberNode(new BigInteger(text(in)));
      }
      case 'd' -> {
        return nodes.numberNode(in.readDouble());
      }
      case 't' -> {
        return nodes.booleanNode(true);
      }
      case 'f' -> {
        return nodes.booleanNode(false);
      }
      case 'n' -> {
        return nodes.nullNode();
      }
      default -> throw new IOException("unknown tag " + tag + " in a kstar tree");
    }
  }
}
