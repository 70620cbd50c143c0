package io.kstar.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.kstar.input.Check;
import io.kstar.input.InvalidInputException;
import io.kstar.input.Suggest;
import io.kstar.parameter.Range;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One field of a planning request, declared once ({@link RequestFields}): its name (the key of a
 * {@code /v1/*} body, under {@code group} when it has one, and the name errors carry), its flag on the
 * command line, its type and range, its default, a description, and the operations and surfaces that
 * take it. The command line's options, the service's reader and the OpenAPI document are all made from
 * these declarations, and both surfaces read a value with the same rules and the same words:
 * {@link #parse(String)} for a flag's text, {@link #read(JsonNode)} for a JSON value.
 *
 * @param name snake_case name ({@code k_max}); the body key under {@code group}
 * @param group the body object holding it ({@code budget}), or "" for the top level
 * @param flag the command line's flag ({@code --k-max})
 * @param label the flag's parameter label in help ({@code K})
 * @param type what the value is
 * @param range for numbers (each element of a list of numbers): what is admitted
 * @param choices for {@link Type#CHOICE} and {@link Type#CHOICES}: the values admitted
 * @param defaultText the default as help and the OpenAPI document show it ("" when there is none)
 * @param description one line for help and the OpenAPI document
 * @param operations the operations that take it
 * @param surfaces where it can be given
 */
public record RequestField(
    String name,
    String group,
    String flag,
    String label,
    Type type,
    Range range,
    List<String> choices,
    String defaultText,
    String description,
    Set<Operation> operations,
    Set<Surface> surfaces) {

  /** Lists (of policies, margins, P, …) hold at most this many values. */
  public static final int MAX_VALUES = 64;

  /** What a field's value is, and how each surface writes it. */
  public enum Type {
    /** A finite number within {@code range}. */
    NUMBER,
    /** An integer within {@code range}. */
    INTEGER,
    /** Any 64-bit integer (a seed). */
    LONG,
    /** true or false; on the command line a flag without a value. */
    BOOLEAN,
    /** Text (a name). */
    TEXT,
    /** One of {@code choices}. */
    CHOICE,
    /** Numbers within {@code range}: {@code 0.8,0.9} on the command line, a number or an array in JSON. */
    NUMBERS,
    /** Integers within {@code range}, the same way. */
    INTEGERS,
    /** Values of {@code choices}, the same way. */
    CHOICES,
    /** Samples run at once: P, a list {@code 1,2,4} or a range {@code 1-8} on the command line; an integer or an array in JSON. */
    PARALLEL,
    /** A model or catalog: a file or an id on the command line, an id or an object in JSON; resolved by the surface. */
    SOURCE,
    /** An integer within {@code range}, or {@code auto} (kstar chooses): the value is the Integer, or the String "auto". */
    COUNT_OR_AUTO
  }

  /** The value of a {@link Type#COUNT_OR_AUTO} field that leaves the count to kstar. */
  public static final String AUTO = "auto";

  public RequestField {
    Objects.requireNonNull(name, "name");
    group = group == null ? "" : group;
    Objects.requireNonNull(flag, "flag");
    Objects.requireNonNull(type, "type");
    range = range == null ? Range.nonNegative() : range;
    choices = choices == null ? List.of() : List.copyOf(choices);
    defaultText = defaultText == null ? "" : defaultText;
    description = description == null ? "" : description;
    operations = Set.copyOf(operations);
    surfaces = Set.copyOf(surfaces);
  }

  /** A field of every surface, for these operations. */
  public static RequestField of(String name, String flag, String label, Type type, String description,
      Operation... operations) {
    return new RequestField(name, "", flag, label, type, null, List.of(), "", description,
        EnumSet.copyOf(List.of(operations)), EnumSet.allOf(Surface.class));
  }

  public RequestField withRange(Range r) {
    return new RequestField(name, group, flag, label, type, r, choices, defaultText, description, operations, surfaces);
  }

  public RequestField withChoices(List<String> c) {
    return new RequestField(name, group, flag, label, type, range, c, defaultText, description, operations, surfaces);
  }

  public RequestField withDefault(String text) {
    return new RequestField(name, group, flag, label, type, range, choices, text, description, operations, surfaces);
  }

  public RequestField inGroup(String g) {
    return new RequestField(name, g, flag, label, type, range, choices, defaultText, description, operations, surfaces);
  }

  /** The same field, given only on {@code only}. */
  public RequestField on(Surface only) {
    return new RequestField(name, group, flag, label, type, range, choices, defaultText, description, operations,
        EnumSet.of(only));
  }

  /** The key path of the field in a JSON body: {@code k_max}, {@code budget.max_cost_usd}. */
  public String path() {
    return group.isEmpty() ? name : group + "." + name;
  }

  public boolean takes(Operation op, Surface s) {
    return operations.contains(op) && surfaces.contains(s);
  }

  /** True for lists: {@link Type#NUMBERS}, {@link Type#INTEGERS}, {@link Type#CHOICES}, {@link Type#PARALLEL}. */
  public boolean list() {
    return type == Type.NUMBERS || type == Type.INTEGERS || type == Type.CHOICES || type == Type.PARALLEL;
  }

  /** What is allowed, as every message about this field says it. */
  public String allowed() {
    return switch (type) {
      case NUMBER, INTEGER -> range.allowed();
      case LONG -> "must be an integer in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]";
      case BOOLEAN -> "must be true or false";
      case TEXT, SOURCE -> "must be text";
      case CHOICE -> "must be one of " + choices;
      case NUMBERS, INTEGERS -> "every value " + range.allowed() + " (at most " + MAX_VALUES + " values)";
      case CHOICES -> "every value must be one of " + choices + " (at most " + MAX_VALUES + " values)";
      case PARALLEL -> "must be P, a list like 1,2,4 or a range like 1-8 (at most " + MAX_VALUES
          + " values), every P " + range.allowed().replaceFirst("^must be ", "");
      case COUNT_OR_AUTO -> "must be auto or " + range.allowed().replaceFirst("^must be ", "");
    };
  }

  private InvalidInputException error(String value, String allowed) {
    return InvalidInputException.of(name, value, allowed);
  }

  private InvalidInputException error(String value) {
    return error(value, allowed());
  }

  // ---- the command line: text -------------------------------------------------------------------

  /**
   * The value of a flag's text: a Double, Integer, Long, Boolean, String, or a List of those, checked
   * against the declaration; an {@link InvalidInputException} naming {@link #name()} otherwise.
   */
  public Object parse(String text) {
    Objects.requireNonNull(text, "text");
    return switch (type) {
      case NUMBER -> number(text, text.strip());
      case INTEGER -> integer(text, text.strip());
      case LONG -> {
        try {
          yield Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
          throw error(text);
        }
      }
      case BOOLEAN -> switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw error(text);
      };
      case TEXT, SOURCE -> text;
      case CHOICE -> choice(text, text.strip());
      case NUMBERS -> split(text).stream().map(s -> number(text, s)).toList();
      case INTEGERS -> split(text).stream().map(s -> integer(text, s)).toList();
      case CHOICES -> split(text).stream().map(s -> choice(text, s)).toList();
      case PARALLEL -> parallel(text);
      case COUNT_OR_AUTO -> text.strip().equals(AUTO) ? AUTO : integer(text, text.strip());
    };
  }

  private double number(String whole, String s) {
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw error(whole);
    }
    if (!range.admits(v)) {
      throw error(list() ? whole : s);
    }
    return v;
  }

  private int integer(String whole, String s) {
    long v;
    try {
      v = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw error(whole);
    }
    if (!range.admits(v)) {
      throw error(list() ? whole : s);
    }
    return (int) v;
  }

  private String choice(String whole, String s) {
    if (!choices.contains(s)) {
      throw error(list() ? whole : s, "must be one of " + choices + Suggest.hint(s, choices));
    }
    return s;
  }

  private List<String> split(String text) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (part.isBlank()) {
        throw error(text, "must be a comma-separated list without empty entries");
      }
      out.add(part.strip());
    }
    if (out.size() > MAX_VALUES) {
      throw error(text, "lists at most " + MAX_VALUES + " values");
    }
    return out;
  }

  private List<Integer> parallel(String text) {
    TreeSet<Integer> out = new TreeSet<>();
    for (String part : text.split(",", -1)) {
      String p = part.strip();
      int dash = p.indexOf('-', 1);
      if (dash > 0) {
        int a = integer(text, p.substring(0, dash).strip());
        int b = integer(text, p.substring(dash + 1).strip());
        if (a > b || b - a >= MAX_VALUES) {
          throw error(text);
        }
        for (int i = a; i <= b; i++) {
          out.add(i);
        }
      } else {
        out.add(integer(text, p));
      }
    }
    if (out.size() > MAX_VALUES) {
      throw error(text);
    }
    return new ArrayList<>(out);
  }

  // ---- the service: JSON ------------------------------------------------------------------------

  /**
   * The value of a JSON node, as {@link #parse(String)} gives it for text: numbers must be JSON numbers,
   * integers integral, lists a value or an array, choices and text strings. {@link Type#SOURCE} gives the
   * node itself.
   */
  public Object read(JsonNode n) {
    Objects.requireNonNull(n, "n");
    return switch (type) {
      case NUMBER -> jsonNumber(n, n);
      case INTEGER -> jsonInteger(n, n);
      case LONG -> {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
          throw error(n.toString());
        }
        yield n.longValue();
      }
      case BOOLEAN -> {
        if (!n.isBoolean()) {
          throw error(n.toString());
        }
        yield n.booleanValue();
      }
      case TEXT -> {
        if (!n.isTextual()) {
          throw error(n.toString());
        }
        yield n.textValue();
      }
      case SOURCE -> n;
      case CHOICE -> jsonChoice(n, n);
      case NUMBERS -> elements(n).stream().map(e -> jsonNumber(n, e)).toList();
      case INTEGERS -> elements(n).stream().map(e -> jsonInteger(n, e)).toList();
      case CHOICES -> elements(n).stream().map(e -> jsonChoice(n, e)).toList();
      case PARALLEL -> List.copyOf(new TreeSet<>(elements(n).stream().map(e -> jsonInteger(n, e)).toList()));
      case COUNT_OR_AUTO -> n.isTextual() && n.textValue().equals(AUTO) ? AUTO : jsonInteger(n, n);
    };
  }

  private List<JsonNode> elements(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      if (n.size() > MAX_VALUES) {
        throw error(n.size() + " values", "lists at most " + MAX_VALUES + " values");
      }
      n.forEach(out::add);
    } else {
      out.add(n);
    }
    return out;
  }

  private double jsonNumber(JsonNode whole, JsonNode e) {
    if (!e.isNumber() || !range.admits(e.doubleValue())) {
      throw error(whole.toString());
    }
    return e.doubleValue();
  }

  private int jsonInteger(JsonNode whole, JsonNode e) {
    if (!e.isIntegralNumber() || !e.canConvertToLong() || !range.admits(e.longValue())) {
      throw error(whole.toString());
    }
    return (int) e.longValue();
  }

  private String jsonChoice(JsonNode whole, JsonNode e) {
    if (!e.isTextual()) {
      throw error(whole.toString());
    }
    return choice(whole.toString(), e.textValue());
  }

  /** The default as a value ({@link #parse(String)} of {@link #defaultText()}); null when there is none. */
  public Object defaultValue() {
    return defaultText.isEmpty() || type == Type.SOURCE || type == Type.TEXT ? null : parse(defaultText);
  }

  /** A number as messages and help write it (integers without ".0"). */
  static String fmt(double v) {
    return Check.fmt(v);
  }
}
