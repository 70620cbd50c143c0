package io.kstar.parameter;

/** What a parameter's value is: a number, a whole number, or a list of numbers. */
public enum Shape {
  NUMBER,
  INTEGER,
  NUMBER_LIST
}
