package io.kstar.server;

/** A valid value beyond what this server computes for one request: 422 with the cap. */
final class CapExceeded extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final String field;
  final String value;
  final String cap;

  CapExceeded(String field, Object value, Object cap, String message) {
    super(message);
    this.field = field;
    this.value = String.valueOf(value);
    this.cap = String.valueOf(cap);
  }
}
