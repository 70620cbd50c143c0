/**
 * Charts and the HTML report: {@code Charts} draws every chart with JFreeChart (curves against k with their bands,
 * the 2-D projections of the feasible space, the model comparison, the sensitivity tornado, the curve forecast,
 * pass@k observed and fitted), {@code ChartFile} renders one as PNG and SVG, and {@code HtmlReport} puts a
 * command's tables ({@code io.kstar.report}) and charts into one self-contained HTML file. It draws results the
 * core computed and computes none itself; it must not depend on the command line (picocli), the service (Javalin)
 * or kstar-duckdb.
 */
package io.kstar.chart;
