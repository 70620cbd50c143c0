package io.kstar.catalog;

import io.kstar.accuracy.AccuracyModel;
import io.kstar.accuracy.AccuracyModels;
import io.kstar.catalog.PartSyntax.WriteTag;
import io.kstar.latency.LatencyModel;
import io.kstar.length.LengthModel;
import io.kstar.length.LengthModels;
import io.kstar.parameter.KindRegistry;
import io.kstar.parameter.Parameter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where each part of a profile lives in the two catalog formats, for one set of registries. The
 * default uses {@link AccuracyModels#REGISTRY}; an extension passes a registry with its own models.
 */
public record CatalogSyntax(
    KindRegistry<AccuracyModel> accuracyRegistry,
    PartSyntax<AccuracyModel> flatAccuracy,
    PartSyntax<LengthModel> flatInput,
    PartSyntax<LengthModel> flatOutput,
    PartSyntax<LatencyModel> flatLatency,
    PartSyntax<AccuracyModel> friendlyAccuracy,
    PartSyntax<LengthModel> friendlyLength,
    PartSyntax<LatencyModel> friendlyLatency) {

  public static final CatalogSyntax DEFAULT = of(AccuracyModels.REGISTRY);

  /** The flat format's keys that are not parts' (prices, speeds, name, parallelism). */
  static final List<String> FLAT_PLAIN = List.of("name", "c_in", "c_out", "c_in_cached", "c_cache_write", "t_in", "t_out",
      "default_parallel", "samples_per_request", "prompt_cache", CalibrationSyntax.KEY, ServingSyntax.KEY);

  public static CatalogSyntax of(KindRegistry<AccuracyModel> accuracy) {
    return new CatalogSyntax(accuracy,
        new PartSyntax<>(accuracy, "accuracy_model", false, Parameter::flatKey, false, WriteTag.UNLESS_DEFAULT),
        new PartSyntax<>(LengthModels.REGISTRY, "lin_distribution", true, p -> p.flatKey("in"), false, WriteTag.UNLESS_INFERRED),
        new PartSyntax<>(LengthModels.REGISTRY, "lout_distribution", true, p -> p.flatKey("out"), false, WriteTag.UNLESS_INFERRED),
        new PartSyntax<>(LatencyModel.REGISTRY, "latency_model", false, Parameter::flatKey, false, WriteTag.UNLESS_DEFAULT),
        new PartSyntax<>(accuracy, "model", false, Parameter::friendlyKey, true, WriteTag.UNLESS_DEFAULT),
        new PartSyntax<>(LengthModels.REGISTRY, "distribution", true, Parameter::friendlyKey, true, WriteTag.ALWAYS),
        new PartSyntax<>(LatencyModel.REGISTRY, "model", false, Parameter::friendlyKey, true, WriteTag.ALWAYS));
  }

  /** Every key a flat model entry may hold. */
  Set<String> flatKeys() {
    Set<String> keys = new LinkedHashSet<>(FLAT_PLAIN);
    keys.addAll(flatInput.allKeys());
    keys.addAll(flatOutput.allKeys());
    keys.addAll(flatAccuracy.allKeys());
    keys.addAll(flatLatency.allKeys());
    return keys;
  }
}
