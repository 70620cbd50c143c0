package io.kstar.profile;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.input.InvalidInputException;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import io.kstar.parameter.Parameter;
import io.kstar.parameter.Parameterised;
import io.kstar.parameter.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A profile's single numeric figures by their flat-catalog names ({@code c_in}, {@code mu_Lout},
 * {@code acc_std}, {@code difficulty_alpha}, {@code rate_limit_tpm}, …), read from and changed through
 * the models' own parameter declarations: a change rebuilds the part it belongs to with the same kind
 * and leaves every other part as it is.
 */
public final class Figures {
  private Figures() {}

  /** One figure: its flat key, its declaration and its value. */
  public record Figure(String key, Parameter parameter, double value) {}

  /** The numeric figures of {@code m} in catalog order (lists such as observed lengths are left out). */
  public static List<Figure> of(ModelProfile m) {
    List<Figure> out = new ArrayList<>();
    out.add(new Figure(Prices.C_IN.name(), Prices.C_IN, m.cIn()));
    out.add(new Figure(Prices.C_OUT.name(), Prices.C_OUT, m.cOut()));
    // the cache prices and samples per call are figures of a profile that has them (the paper's have not)
    m.prices().cachedInputUsdPerToken().ifPresent(v -> out.add(new Figure(Prices.C_IN_CACHED.name(), Prices.C_IN_CACHED, v)));
    m.prices().cacheWriteUsdPerToken().ifPresent(v -> out.add(new Figure(Prices.C_CACHE_WRITE.name(), Prices.C_CACHE_WRITE,
        v)));
    out.add(new Figure(Speeds.T_IN.name(), Speeds.T_IN, m.tIn()));
    out.add(new Figure(Speeds.T_OUT.name(), Speeds.T_OUT, m.tOut()));
    part(out, m.inputLength(), "in");
    part(out, m.outputLength(), "out");
    part(out, m.accuracy(), null);
    part(out, m.latency(), null);
    if (!m.requests().isDefault()) {
      out.add(new Figure(RequestShape.SAMPLES_PER_REQUEST.name(), RequestShape.SAMPLES_PER_REQUEST,
          m.requests().samplesPerRequest()));
    }
    return out;
  }

  private static void part(List<Figure> out, Parameterised model, String side) {
    var values = model.values();
    for (Parameter p : model.kind().parameters()) {
      if (p.shape() != Shape.NUMBER_LIST && values.has(p.name())) {
        out.add(new Figure(side == null ? p.flatKey() : p.flatKey(side), p, values.number(p.name())));
      }
    }
  }

  /** The figure named {@code key}, or an error listing the figures this profile has. */
  public static Figure get(ModelProfile m, String key) {
    return of(m).stream().filter(f -> f.key().equals(key)).findFirst()
        .orElseThrow(() -> InvalidInputException.of(key, null, "is not a figure of model " + m.id() + " ("
            + m.inputLength().id() + " / " + m.outputLength().id() + " lengths, " + m.accuracy().id() + ", "
            + m.latency().id() + "); its figures are " + keys(m)));
  }

  public static List<String> keys(ModelProfile m) {
    return of(m).stream().map(Figure::key).toList();
  }

  /** The same profile with one figure set to {@code value}; an out-of-range value is refused, naming the key. */
  public static ModelProfile with(ModelProfile m, String key, double value) {
    Figure f = get(m, key);
    try {
      switch (key) {
        case "c_in":
          return m.withPrices(new Prices(value, m.cOut(), m.prices().cachedInputUsdPerToken(),
              m.prices().cacheWriteUsdPerToken()));
        case "c_out":
          return m.withPrices(new Prices(m.cIn(), value, m.prices().cachedInputUsdPerToken(),
              m.prices().cacheWriteUsdPerToken()));
        case "c_in_cached":
          return m.withPrices(m.prices().withCachedInput(java.util.OptionalDouble.of(Prices.C_IN_CACHED.check(value))));
        case "c_cache_write":
          return m.withPrices(m.prices().withCacheWrite(java.util.OptionalDouble.of(Prices.C_CACHE_WRITE.check(value))));
        case "samples_per_request":
          return m.withRequests(m.requests().withSamplesPerRequest((int) RequestShape.SAMPLES_PER_REQUEST.check(value)));
        case "t_in":
          return m.withSpeeds(new Speeds(value, m.tOut()));
        case "t_out":
          return m.withSpeeds(new Speeds(m.tIn(), value));
        default:
          break;
      }
      String name = f.parameter().name();
      if (key.equals(f.parameter().flatKey("in")) && inPart(m.inputLength(), f.parameter())) {
        return m.withInputLength((LengthModel) rebuild(m.inputLength(), name, value));
      }
      if (key.equals(f.parameter().flatKey("out")) && inPart(m.outputLength(), f.parameter())) {
        return m.withOutputLength((LengthModel) rebuild(m.outputLength(), name, value));
      }
      if (inPart(m.accuracy(), f.parameter())) {
        return m.withAccuracy((AccuracyModel) rebuild(m.accuracy(), name, value));
      }
      return m.withLatency((LatencyModel) rebuild(m.latency(), name, value));
    } catch (InvalidInputException e) {
      throw InvalidInputException.of(key, e.value().orElse(null), e.allowed());
    }
  }

  private static boolean inPart(Parameterised model, Parameter p) {
    return model.kind().parameters().contains(p);
  }

  private static Object rebuild(Parameterised model, String name, double value) {
    return model.kind().create(model.values().with(name, value));
  }
}
