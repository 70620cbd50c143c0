package io.kstar.parameter;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A model's parameter values by name, in declaration order: numbers as {@code Double}, lists as
 * {@code double[]} (copied in and out). What a {@link ModelKind} builds a model from and what a model
 * reports of itself.
 */
public final class ParameterValues {
  private final Map<String, Object> values;

  private ParameterValues(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public double number(String name) {
    Object v = values.get(name);
    if (!(v instanceof Double d)) {
      throw new IllegalArgumentException("no number " + name + " in " + values.keySet());
    }
    return d;
  }

  public int integer(String name) {
    return (int) number(name);
  }

  public double[] list(String name) {
    Object v = values.get(name);
    if (!(v instanceof double[] a)) {
      throw new IllegalArgumentException("no list " + name + " in " + values.keySet());
    }
    return a.clone();
  }

  /** The raw value: a {@code Double} or a {@code double[]} (not copied: callers only read it). */
  public Object get(String name) {
    return values.get(name);
  }

  /** The same values with {@code name} set to the number {@code v}. */
  public ParameterValues with(String name, double v) {
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.put(name, v);
    return new ParameterValues(m);
  }

  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ParameterValues p) || !p.values.keySet().equals(values.keySet())) {
      return false;
    }
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object a = e.getValue();
      Object b = p.values.get(e.getKey());
      boolean same = a instanceof double[] x && b instanceof double[] y ? Arrays.equals(x, y) : Objects.equals(a, b);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object v = e.getValue();
      h += e.getKey().hashCode() ^ (v instanceof double[] a ? Arrays.hashCode(a) : Objects.hashCode(v));
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    values.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=')
        .append(v instanceof double[] a ? a.length + " values" : v));
    return b.append('}').toString();
  }

  public static final class Builder {
    private final Map<String, Object> m = new LinkedHashMap<>();

    public Builder number(String name, double v) {
      m.put(name, v);
      return this;
    }

    public Builder list(String name, double[] v) {
      m.put(name, v.clone());
      return this;
    }

    public ParameterValues build() {
      return new ParameterValues(m);
    }
  }
}
