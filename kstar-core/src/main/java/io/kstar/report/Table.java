package io.kstar.report;

import java.util.ArrayList;
import java.util.List;

/** Rows of text cells rendered as an aligned table, a Markdown table or CSV. */
public final class Table {
  private final List<String> header;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(List<String> header, boolean[] rightAligned) {
    this.header = List.copyOf(header);
    this.rightAligned = rightAligned.clone();
  }

  public Table row(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException("row of " + cells.size() + " cells, header of " + header.size());
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  /** The column names. */
  public List<String> header() {
    return header;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Columns padded to their widest cell, two spaces apart; numbers right-aligned. */
  public String aligned(String indent) {
    int[] w = new int[header.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = header.get(c).length();
      for (List<String> r : rows) {
        w[c] = Math.max(w[c], r.get(c).length());
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, indent, header, w);
    for (List<String> r : rows) {
      line(b, indent, r, w);
    }
    return b.toString();
  }

  private void line(StringBuilder b, String indent, List<String> cells, int[] w) {
    StringBuilder l = new StringBuilder(indent);
    for (int c = 0; c < cells.size(); c++) {
      String s = cells.get(c);
      String pad = " ".repeat(w[c] - s.length());
      l.append(rightAligned[c] ? pad + s : s + pad);
      if (c + 1 < cells.size()) {
        l.append("  ");
      }
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }

  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("| ").append(String.join(" | ", header.stream().map(Table::md).toList())).append(" |\n|");
    for (boolean r : rightAligned) {
      b.append(r ? " ---: |" : " --- |");
    }
    b.append('\n');
    for (List<String> r : rows) {
      b.append("| ").append(String.join(" | ", r.stream().map(Table::md).toList())).append(" |\n");
    }
    return b.toString();
  }

  private static String md(String s) {
    return s.isEmpty() ? " " : s.replace("|", "\\|");
  }

  /** An HTML table, cells escaped. */
  public String html() {
    StringBuilder b = new StringBuilder("<table>\n<thead><tr>");
    for (int c = 0; c < header.size(); c++) {
      b.append(rightAligned[c] ? "<th class=\"num\">" : "<th>").append(escape(header.get(c))).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    for (List<String> r : rows) {
      b.append("<tr>");
      for (int c = 0; c < r.size(); c++) {
        b.append(rightAligned[c] ? "<td class=\"num\">" : "<td>").append(escape(r.get(c))).append("</td>");
      }
      b.append("</tr>\n");
    }
    return b.append("</tbody>\n</table>\n").toString();
  }

  public static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  public String csv(boolean withHeader) {
    StringBuilder b = new StringBuilder();
    if (withHeader) {
      b.append(String.join(",", header.stream().map(Table::csvCell).toList())).append('\n');
    }
    for (List<String> r : rows) {
      b.append(String.join(",", r.stream().map(Table::csvCell).toList())).append('\n');
    }
    return b.toString();
  }

  static String csvCell(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
