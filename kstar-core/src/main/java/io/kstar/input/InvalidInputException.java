package io.kstar.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value that kstar refuses, with everything a user needs to fix it: where it came from (a file, or
 * nothing for a flag), the field's key path ({@code models.gpt5.acc_std}, {@code --k-max}), the value
 * as given and what is allowed. Front ends turn it into exit status 2 (CLI) or a 4xx answer (HTTP),
 * always with the same field path.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String field;
  private final String value;
  private final String allowed;
  private final List<InvalidInputException> others = new ArrayList<>();

  public InvalidInputException(String source, String field, String value, String allowed) {
    super(format(source, field, value, allowed));
    this.source = source;
    this.field = Objects.requireNonNull(field, "field");
    this.value = value;
    this.allowed = Objects.requireNonNull(allowed, "allowed");
  }

  public static InvalidInputException of(String field, Object value, String allowed) {
    return new InvalidInputException(null, field, value == null ? null : String.valueOf(value), allowed);
  }

  private static String format(String source, String field, String value, String allowed) {
    StringBuilder b = new StringBuilder();
    if (source != null) {
      b.append(source).append(": ");
    }
    b.append(field.isEmpty() ? "(document)" : field);
    if (value != null) {
      b.append(" = ").append(value);
    }
    b.append(": ").append(allowed);
    return b.toString();
  }

  /** The same problem, with its field path placed under {@code prefix} (for example {@code models.gpt5}). */
  public InvalidInputException under(String prefix) {
    String path = field.isEmpty() ? prefix : prefix + "." + field;
    return new InvalidInputException(source, path, value, allowed);
  }

  /** The same problem, attributed to a file or other source. */
  public InvalidInputException in(String newSource) {
    return new InvalidInputException(newSource, field, value, allowed);
  }

  /** Every problem this one stands for: itself, then the others found in the same request. */
  public List<InvalidInputException> problems() {
    List<InvalidInputException> all = new ArrayList<>();
    all.add(this);
    all.addAll(others);
    return all;
  }

  /**
   * Collects the problems of a request, so that a service can report every invalid field at once
   * (the command line shows the first). {@link #check} runs one field's reading and keeps its
   * problem; {@link #throwIfAny} throws the first, carrying the others.
   */
  public static final class Collector {
    private final List<InvalidInputException> found = new ArrayList<>();

    public <T> T check(Supplier<T> read) {
      try {
        return read.get();
      } catch (InvalidInputException e) {
        found.addAll(e.problems());
        return null;
      }
    }

    public boolean ok() {
      return found.isEmpty();
    }

    public void throwIfAny() {
      if (!found.isEmpty()) {
        InvalidInputException first = found.get(0);
        // found already holds the others first carried (check collected its problems()): replace, not append
        first.others.clear();
        first.others.addAll(found.subList(1, found.size()));
        throw first;
      }
    }
  }

  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  public String field() {
    return field;
  }

  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  public String allowed() {
    return allowed;
  }
}
