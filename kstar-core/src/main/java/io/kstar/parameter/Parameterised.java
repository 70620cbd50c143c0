package io.kstar.parameter;

/** A model that states its kind and its parameter values, so that it can be written, shown and changed generically. */
public interface Parameterised {

  /** The kind: id and declared parameters. */
  ModelKind<?> kind();

  /** The values of {@link ModelKind#parameters()}, by name. */
  ParameterValues values();

  /** The id catalogs and outputs use. */
  default String id() {
    return kind().id();
  }
}
