/**
 * Invalid input as one kind of error: {@code InvalidInputException} (where a value came from, its key path, the
 * value as given and what is allowed), single-value checks ({@code Check}) and "did you mean" suggestions
 * ({@code Suggest}). The front ends turn the exception into exit status 2 or an HTTP 4xx with the same field path.
 * The bottom of the core, used by every package: it must not depend on any other {@code io.kstar} package, on a
 * front end or on any I/O.
 */
package io.kstar.input;
