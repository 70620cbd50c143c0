package io.kstar.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Streams a JSON document with Jackson's generator, NaN written as null: pretty (two-space indent, one
 * line per value, the files and standard output) or compact (no whitespace, the service's answers).
 */
final class Json {
  /**
   * One factory for text and bytes. Writing bytes, Jackson would escape a character outside the Basic
   * Multilingual Plane as two \\u escapes of its surrogates, where the text keeps the character: combined,
   * the bytes are the text's UTF-8 encoding exactly.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
  /** Line ends are "\n" on every platform (not the system's separator), so outputs compare byte for byte. */
  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");

  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static String write(Body body) {
    return write(body, true);
  }

  /** The document, ending in a line feed. */
  static String write(Body body, boolean pretty) {
    StringWriter out = new StringWriter(pretty ? 8192 : 4096);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      if (pretty) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        pp.indentArraysWith(INDENT);
        pp.indentObjectsWith(INDENT);
        g.setPrettyPrinter(pp);
      }
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  /** The compact document as UTF-8 bytes, ending in a line feed: the same bytes as {@code write(body, false)}. */
  static byte[] utf8(Body body) {
    ByteArrayBuilder out = new ByteArrayBuilder(4096);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.append('\n');
    return out.toByteArray();
  }

  static void number(JsonGenerator g, String field, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumberField(field, v);
    } else {
      g.writeNullField(field);
    }
  }
}
