package io.kstar.parameter;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One parameter of a model, declared once by the model that owns it. The catalog readers and writer,
 * the catalog report, sensitivity, calibration and the service's schema all read these declarations,
 * so a new model states its parameters in one place.
 *
 * @param name the core field name ({@code acc_mean}, {@code difficulty_alpha}, {@code mean} of a length)
 * @param shape number, whole number or list
 * @param flatKey the key in the flat catalog format; for lengths a template in which {@code {side}}
 *     stands for {@code in} or {@code out} ({@code mu_L{side}})
 * @param friendlyKey the key path in the friendly format, relative to the model's section
 *     ({@code mean}, {@code difficulty.alpha})
 * @param unit the unit, as outputs show it
 * @param range the values it admits
 * @param description one line for help and schemas
 * @param defaultValue the value when a catalog leaves it out; empty when it is required
 * @param optional true when a catalog may leave it out and the model then has none (a rate limit)
 */
public record Parameter(
    String name,
    Shape shape,
    String flatKey,
    String friendlyKey,
    String unit,
    Range range,
    String description,
    OptionalDouble defaultValue,
    boolean optional) {

  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(flatKey, "flatKey");
    Objects.requireNonNull(friendlyKey, "friendlyKey");
    Objects.requireNonNull(range, "range");
    unit = unit == null ? "" : unit;
    description = description == null ? "" : description;
    Objects.requireNonNull(defaultValue, "defaultValue");
  }

  /** A required number whose flat and friendly keys are given. */
  public static Parameter number(String name, String flatKey, String friendlyKey, String unit, Range range,
      String description) {
    return new Parameter(name, range.integer() ? Shape.INTEGER : Shape.NUMBER, flatKey, friendlyKey, unit, range,
        description, OptionalDouble.empty(), false);
  }

  /** The same parameter with a default value, so that catalogs may leave it out. */
  public Parameter withDefault(double value) {
    return new Parameter(name, shape, flatKey, friendlyKey, unit, range, description, OptionalDouble.of(value), false);
  }

  /** The same parameter, which a model may lack altogether. */
  public Parameter asOptional() {
    return new Parameter(name, shape, flatKey, friendlyKey, unit, range, description, defaultValue, true);
  }

  /** True when a catalog must give it. */
  public boolean required() {
    return !optional && defaultValue.isEmpty();
  }

  /** The flat key for one side of a length model ({@code in} or {@code out}). */
  public String flatKey(String side) {
    return flatKey.replace("{side}", side);
  }

  /** {@code v}, or an error naming this parameter. */
  public double check(double v) {
    return range.check(name, v);
  }
}
