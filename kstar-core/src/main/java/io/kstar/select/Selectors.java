package io.kstar.select;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of selectors, by the names used in configuration and outputs. */
public final class Selectors {
  private Selectors() {}

  private static final Map<String, Selector> BY_ID = new LinkedHashMap<>();

  static {
    for (Selector s : List.of(new AccuracyMax(), new Cube(), new Utopia(), new Knee())) {
      BY_ID.put(s.id(), s);
    }
  }

  /** The four selectors of the paper, in their fixed output order. */
  public static List<Selector> all() {
    return List.copyOf(BY_ID.values());
  }

  public static List<String> ids() {
    return List.copyOf(BY_ID.keySet());
  }
}
