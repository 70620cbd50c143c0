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
        n.put("t_in", dec(m.tIn()));
        n.put("t_out", dec(m.tOut()));
        flatLength(n, "lin", "mu_Lin", "sigma_Lin", m.inputLength());
        flatLength(n, "lout", "mu_Lout", "sigma_Lout", m.outputLength());
        if (m.accuracy() instanceof io.kstar.accuracy.GaussianBestOfK) {
          n.put("acc_mean", dec(m.accMean()));
          n.put("acc_std", dec(m.accStd()));
        } else {
          flatAccuracy(n, m.accuracy());
        }
        n.put("default_parallel", m.defaultParallel());
        if (!m.latency().isDefault()) {
          n.put("latency_model", m.latency().kind());
          if (m.latency().ttftS() != 0) {
            n.put("ttft_s", dec(m.latency().ttftS()));
          }
          m.latency().rateLimitTpm().ifPresent(r -> n.put("rate_limit_tpm", dec(r)));
        }
      } else {
        ObjectNode price = n.putObject("price_usd_per_mtok");
        price.put("input", plain(dec(m.cIn()).movePointRight(6)));
        price.put("output", plain(dec(m.cOut()).movePointRight(6)));
        ObjectNode speed = n.putObject("speed");
        speed.put("input_s_per_token", dec(m.tIn()));
        speed.put("output_s_per_token", dec(m.tOut()));
        friendlyLength(n.putObject("input_tokens"), m.inputLength());
        friendlyLength(n.putObject("output_tokens"), m.outputLength());
        if (m.accuracy() instanceof io.kstar.accuracy.GaussianBestOfK) {
          dist(n.putObject("quality"), m.accMean(), m.accStd());
        } else {
          friendlyAccuracy(n.putObject("quality"), m.accuracy());
        }
        n.put("parallel", m.defaultParallel());
        if (!m.latency().isDefault()) {
          ObjectNode l = n.putObject("latency");
          l.put("model", m.latency().kind());
          if (m.latency().ttftS() != 0) {
            l.put("ttft_s", dec(m.latency().ttftS()));
          }
          m.latency().rateLimitTpm().ifPresent(r -> l.put("rate_limit_tpm", dec(r)));
        }
      }
    }
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static io.kstar.accuracy.BetaDifficulty difficulty(io.kstar.accuracy.AccuracyModel a) {
    if (a instanceof io.kstar.accuracy.PassAtK p) {
      return p.difficulty();
    }
    if (a instanceof io.kstar.accuracy.MajorityVote v) {
      return v.difficulty();
    }
    if (a instanceof io.kstar.accuracy.SelectorBestOfK s) {
      return s.difficulty();
    }
    throw new IllegalStateException(a.id());
  }

  private static void flatAccuracy(ObjectNode n, io.kstar.accuracy.AccuracyModel a) {
    n.put("accuracy_model", a.id());
    io.kstar.accuracy.BetaDifficulty b = difficulty(a);
    n.put("difficulty_alpha", dec(b.alpha()));
    n.put("difficulty_beta", dec(b.beta()));
    if (a instanceof io.kstar.accuracy.MajorityVote v) {
      n.put("wrong_answers", v.wrongAnswers());
    }
    if (a instanceof io.kstar.accuracy.SelectorBestOfK s) {
      n.put("selector_accuracy", dec(s.selectorAccuracy()));
    }
  }

  private static void friendlyAccuracy(ObjectNode q, io.kstar.accuracy.AccuracyModel a) {
    q.put("model", a.id());
    ObjectNode d = q.putObject("difficulty");
    d.put("distribution", "beta");
    io.kstar.accuracy.BetaDifficulty b = difficulty(a);
    d.put("alpha", dec(b.alpha()));
    d.put("beta", dec(b.beta()));
    if (a instanceof io.kstar.accuracy.MajorityVote v) {
      q.put("wrong_answers", v.wrongAnswers());
    }
    if (a instanceof io.kstar.accuracy.SelectorBestOfK s) {
      q.put("selector_accuracy", dec(s.selectorAccuracy()));
    }
  }

  private static void flatLength(ObjectNode n, String prefix, String meanKey, String sdKey, io.kstar.length.LengthModel l) {
    if (l instanceof io.kstar.length.LengthModel.EmpiricalLength e) {
      var arr = n.putArray(prefix + "_values");
      for (double v : e.values()) {
        arr.add(dec(v));
      }
      return;
    }
    if (l instanceof io.kstar.length.LengthModel.LogNormalLength) {
      n.put(prefix + "_distribution", "lognormal");
    }
    n.put(meanKey, dec(l.mean()));
    n.put(sdKey, dec(l.sd()));
  }

  private static void friendlyLength(ObjectNode n, io.kstar.length.LengthModel l) {
    if (l instanceof io.kstar.length.LengthModel.EmpiricalLength e) {
      n.put("distribution", "empirical");
      var arr = n.putArray("values");
      for (double v : e.values()) {
        arr.add(dec(v));
      }
      return;
    }
    dist(n, l.mean(), l.sd());
    if (l instanceof io.kstar.length.LengthModel.LogNormalLength) {
      n.put("distribution", "lognormal");
    }
  }

  private static void dist(ObjectNode n, double mean, double sd) {
    n.put("distribution", "clipped-normal");
    n.put("mean", dec(mean));
    n.put("sd", dec(sd));
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
