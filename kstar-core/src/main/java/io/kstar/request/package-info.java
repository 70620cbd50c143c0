/**
 * The one declaration of a planning request: every field a planning command or endpoint takes
 * ({@code RequestField}, declared in {@code RequestFields}: name, body group, flag, type, range, default,
 * description, operations and surfaces), the values a request gave ({@code RequestValues}), read from a flag's text
 * or from a JSON value with the same rules and words, and {@code Requests}, which turns them into the planners'
 * requests for the command line and the service alike. The CLI's options, the service's reader and its OpenAPI
 * document are made from it. It reads values from a JSON tree the service parsed ({@code JsonNode}) and must not
 * parse, read files or streams, nor depend on {@code io.kstar.catalog}, {@code io.kstar.calibrate},
 * {@code io.kstar.report} or a front end ({@code ArchitectureTest}).
 */
package io.kstar.request;
