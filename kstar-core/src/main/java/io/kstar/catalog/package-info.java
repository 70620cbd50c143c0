/**
 * Reading and writing catalogs and scenarios: the flat profile format of the paper's reference tool and the
 * friendlier {@code kstar-catalog/1} format ({@code CatalogReader}, {@code FriendlyCatalogReader},
 * {@code CatalogWriter}), scenarios ({@code ScenarioReader}), where each declared parameter lives in each format
 * ({@code PartSyntax}, {@code CatalogSyntax}, {@code CalibrationSyntax}), the JSON Schema of a profile
 * ({@code CatalogSchema}), YAML and JSON documents with key-path errors and no duplicate keys
 * ({@code YamlDocument}), and the embedded defaults as trees parsed at build time ({@code EmbeddedTree}). An I/O
 * package (files, Jackson): the mathematics must not depend on it, and it must not depend on
 * {@code io.kstar.calibrate}, {@code io.kstar.report} or a front end.
 */
package io.kstar.catalog;
