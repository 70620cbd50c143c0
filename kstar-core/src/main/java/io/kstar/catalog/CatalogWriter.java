package io.kstar.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kstar.profile.Catalog;
import io.kstar.profile.ModelProfile;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/** Writes a catalog in either format; numbers keep the decimals they were read with. */
public final class CatalogWriter {
  private CatalogWriter() {}

  public enum Style {
    FLAT,
    FRIENDLY
  }

  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build());
  private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

  public static String write(Catalog c, Style style) {
    return write(c, style, CatalogSyntax.DEFAULT);
  }

  public static String write(Catalog c, Style style, CatalogSyntax syntax) {
    ObjectNode root = F.objectNode();
    if (style == Style.FRIENDLY) {
      root.put("format", FriendlyCatalogReader.FORMAT);
    }
    ObjectNode models = root.putObject("models");
    for (ModelProfile m : c.models()) {
      ObjectNode n = models.putObject(m.id());
      n.put("name", m.name());
      if (style == Style.FLAT) {
        n.put("c_in", dec(m.cIn()));
        n.put("c_out", dec(m.cOut()));
        m.prices().cachedInputUsdPerToken().ifPresent(v -> n.put("c_in_cached", dec(v)));
        m.prices().cacheWriteUsdPerToken().ifPresent(v -> n.put("c_cache_write", dec(v)));
        n.put("t_in", dec(m.tIn()));
        n.put("t_out", dec(m.tOut()));
        syntax.flatInput().write(n, m.inputLength());
        syntax.flatOutput().write(n, m.outputLength());
        syntax.flatAccuracy().write(n, m.accuracy());
        n.put("default_parallel", m.defaultParallel());
        if (m.requests().samplesPerRequest() != 1) {
          n.put("samples_per_request", m.requests().samplesPerRequest());
        }
        if (m.requests().promptCache()) {
          n.put("prompt_cache", true);
        }
        syntax.flatLatency().write(n, m.latency());
        m.calibrated().ifPresent(cal -> CalibrationSyntax.write(n, cal));
        m.servingCurve().ifPresent(curve -> ServingSyntax.write(n, curve));
      } else {
        ObjectNode price = n.putObject("price_usd_per_mtok");
        price.put("input", plain(dec(m.cIn()).movePointRight(6)));
        price.put("output", plain(dec(m.cOut()).movePointRight(6)));
        m.prices().cachedInputUsdPerToken().ifPresent(v -> price.put("cached_input", plain(dec(v).movePointRight(6))));
        m.prices().cacheWriteUsdPerToken().ifPresent(v -> price.put("cache_write", plain(dec(v).movePointRight(6))));
        ObjectNode speed = n.putObject("speed");
        speed.put("input_s_per_token", dec(m.tIn()));
        speed.put("output_s_per_token", dec(m.tOut()));
        syntax.friendlyLength().write(n.putObject("input_tokens"), m.inputLength());
        syntax.friendlyLength().write(n.putObject("output_tokens"), m.outputLength());
        syntax.friendlyAccuracy().write(n.putObject("quality"), m.accuracy());
        n.put("parallel", m.defaultParallel());
        if (!m.requests().isDefault()) {
          ObjectNode req = n.putObject("requests");
          req.put("samples_per_request", m.requests().samplesPerRequest());
          req.put("prompt_cache", m.requests().promptCache());
        }
        if (!m.latency().isDefault()) {
          syntax.friendlyLatency().write(n.putObject("latency"), m.latency());
        }
        m.calibrated().ifPresent(cal -> CalibrationSyntax.write(n, cal));
        m.servingCurve().ifPresent(curve -> ServingSyntax.write(n, curve));
      }
    }
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shortest decimal that reads back as the same double, without an exponent where it is small. */
  static BigDecimal dec(double v) {
    return plain(new BigDecimal(Double.toString(v)));
  }

  private static BigDecimal plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
