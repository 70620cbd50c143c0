package io.kstar.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
  private static final JsonFactory FACTORY = new JsonFactory();
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

  static void number(JsonGenerator g, String field, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumberField(field, v);
    } else {
      g.writeNullField(field);
    }
  }
}
