package io.kstar.length;

import io.kstar.parameter.KindRegistry;

/**
 * The registry of length models: one line per model; the first is the default. (A class of its own:
 * an interface field that names its implementations' kinds would make class initialisation depend on
 * which class is touched first.)
 */
public final class LengthModels {
  private LengthModels() {}

  public static final KindRegistry<LengthModel> REGISTRY = KindRegistry.of("distribution",
      LengthModel.ClippedNormalLength.KIND,
      LengthModel.LogNormalLength.KIND,
      LengthModel.EmpiricalLength.KIND);
}
