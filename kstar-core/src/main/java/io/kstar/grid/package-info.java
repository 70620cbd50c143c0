/**
 * The values of k a plan evaluates ({@code Grid}): the paper's batch grid (P, 2P, … up to k_max) or every k in
 * 1..k_max (docs/semantics.md §4). Mathematics: it uses {@code io.kstar.input} for its checks only, and must not
 * depend on models, planners or any I/O.
 */
package io.kstar.grid;
