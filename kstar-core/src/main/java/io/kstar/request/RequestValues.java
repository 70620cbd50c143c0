package io.kstar.request;

import io.kstar.input.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values a request gave, by field, each read and checked by its {@link RequestField} (a flag's text
 * or a JSON value): what {@link Requests} turns into the planner's requests. A field the request did not
 * give has its declared default, or none.
 */
public final class RequestValues {
  private final Operation operation;
  private final Map<RequestField, Object> given;

  private RequestValues(Operation operation, Map<RequestField, Object> given) {
    this.operation = operation;
    this.given = given;
  }

  /** Collects the values of one request; every invalid one is kept, so that all can be reported at once. */
  public static final class Builder {
    private final Operation operation;
    private final Map<RequestField, Object> values = new LinkedHashMap<>();
    private final InvalidInputException.Collector problems = new InvalidInputException.Collector();

    Builder(Operation operation) {
      this.operation = operation;
    }

    /** The field's value from a flag's text. */
    public Builder text(RequestField f, String text) {
      Object v = problems.check(() -> f.parse(text));
      if (v != null) {
        values.put(f, v);
      }
      return this;
    }

    /** The field's value from a JSON node. */
    public Builder json(RequestField f, com.fasterxml.jackson.databind.JsonNode node) {
      Object v = problems.check(() -> f.read(node));
      if (v != null) {
        values.put(f, v);
      }
      return this;
    }

    /** A value already read (a boolean flag, a path). */
    public Builder value(RequestField f, Object v) {
      values.put(f, v);
      return this;
    }

    /** The values; the first invalid one thrown, carrying the others. */
    public RequestValues build() {
      problems.throwIfAny();
      return new RequestValues(operation, values);
    }

    /**
     * The valid values, the problems of the invalid ones added to {@code into}: for a reader that goes on
     * to report what else is wrong (a missing budget beside a bad k_max) before answering.
     */
    public RequestValues buildValid(InvalidInputException.Collector into) {
      into.check(() -> {
        problems.throwIfAny();
        return null;
      });
      return new RequestValues(operation, values);
    }
  }

  public static Builder builder(Operation operation) {
    return new Builder(operation);
  }

  public Operation operation() {
    return operation;
  }

  public boolean has(RequestField f) {
    return given.containsKey(f);
  }

  /** The value given, else the field's default, else empty. */
  public Optional<Object> get(RequestField f) {
    Object v = given.get(f);
    return Optional.ofNullable(v != null ? v : f.defaultValue());
  }

  public Optional<Double> number(RequestField f) {
    return get(f).map(v -> ((Number) v).doubleValue());
  }

  public Optional<Integer> integer(RequestField f) {
    return get(f).map(v -> ((Number) v).intValue());
  }

  public Optional<Long> longValue(RequestField f) {
    return get(f).map(v -> ((Number) v).longValue());
  }

  public Optional<String> text(RequestField f) {
    return get(f).map(v -> (String) v);
  }

  public boolean flag(RequestField f) {
    return get(f).map(v -> (Boolean) v).orElse(false);
  }

  /** A list field's values: a single value counts as a list of one; none given is an empty list. */
  @SuppressWarnings("unchecked")
  public <T> List<T> list(RequestField f) {
    Object v = given.get(f);
    if (v == null) {
      return List.of();
    }
    return v instanceof List<?> l ? (List<T>) l : List.of((T) v);
  }

  /** The raw value given ({@link RequestField.Type#SOURCE}: a path's text or a JSON node). */
  public Optional<Object> source(RequestField f) {
    return Optional.ofNullable(given.get(f));
  }

  @Override
  public String toString() {
    Map<String, Object> named = new LinkedHashMap<>();
    given.forEach((f, v) -> named.put(f.name(), v));
    return operation.id() + " " + named;
  }
}
