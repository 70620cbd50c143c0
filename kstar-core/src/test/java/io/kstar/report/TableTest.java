package io.kstar.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table rules every report shares: aligned text (columns padded to their widest cell, two spaces
 * apart, numbers right-aligned, no trailing blanks), Markdown (pipes escaped, alignment row), HTML
 * (escaped) and CSV (RFC 4180 quoting), and the output formats' names.
 */
class TableTest {

  private static Table sample() {
    return new Table(List.of("name", "n", "note"), new boolean[] {false, true, false})
        .row(List.of("a", "10", "x"))
        .row(List.of("bbbbb", "2", ""));
  }

  @Test
  void aligned_padsEachColumnToItsWidestCell_twoSpacesApart_numbersRight_noTrailingBlanks() {
    assertThat(sample().aligned("  ")).isEqualTo(
        "  name    n  note\n"
            + "  a      10  x\n"
            + "  bbbbb   2\n");
    assertThat(sample().aligned("")).isEqualTo(
        "name    n  note\n"
            + "a      10  x\n"
            + "bbbbb   2\n");
  }

  @Test
  void aligned_aHeaderWiderThanItsCellsSetsTheWidth() {
    Table t = new Table(List.of("k", "accuracy"), new boolean[] {true, true}).row(List.of("128", "1"));
    assertThat(t.aligned("")).isEqualTo("  k  accuracy\n128         1\n");
  }

  @Test
  void aligned_withNoRowsIsTheHeader() {
    Table t = new Table(List.of("a", "b"), new boolean[] {false, false});
    assertThat(t.isEmpty()).isTrue();
    assertThat(t.aligned(" ")).isEqualTo(" a  b\n");
    assertThat(t.row(List.of("x", "y")).isEmpty()).isFalse();
  }

  @Test
  void aRowMustHaveOneCellPerColumn() {
    Table t = new Table(List.of("a", "b"), new boolean[] {false, false});
    assertThatThrownBy(() -> t.row(List.of("x"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row of 1 cells, header of 2");
    assertThat(t.header()).containsExactly("a", "b");
  }

  @Test
  void markdown_hasAnAlignmentRow_escapesPipes_andFillsEmptyCells() {
    Table t = sample().row(List.of("a|b", "3", "c"));
    assertThat(t.markdown()).isEqualTo(
        "| name | n | note |\n"
            + "| --- | ---: | --- |\n"
            + "| a | 10 | x |\n"
            + "| bbbbb | 2 |   |\n"
            + "| a\\|b | 3 | c |\n");
  }

  @Test
  void html_marksNumericColumns_andEscapesEveryCell() {
    Table t = new Table(List.of("a<b", "n"), new boolean[] {false, true}).row(List.of("\"x\" & <y>", "1"));
    assertThat(t.html()).isEqualTo(
        "<table>\n"
            + "<thead><tr><th>a&lt;b</th><th class=\"num\">n</th></tr></thead>\n"
            + "<tbody>\n"
            + "<tr><td>&quot;x&quot; &amp; &lt;y&gt;</td><td class=\"num\">1</td></tr>\n"
            + "</tbody>\n"
            + "</table>\n");
    assertThat(Table.escape("a&b<c>\"d\"")).isEqualTo("a&amp;b&lt;c&gt;&quot;d&quot;");
  }

  @Test
  void csv_quotesCellsWithCommasQuotesOrNewlines_andTheHeaderIsOptional() {
    Table t = new Table(List.of("a", "b,c"), new boolean[] {false, true})
        .row(List.of("say \"hi\"", "1"))
        .row(List.of("two\nlines", ""));
    assertThat(t.csv(true)).isEqualTo("a,\"b,c\"\n\"say \"\"hi\"\"\",1\n\"two\nlines\",\n");
    assertThat(t.csv(false)).isEqualTo("\"say \"\"hi\"\"\",1\n\"two\nlines\",\n");
    assertThat(Table.csvCell("plain")).isEqualTo("plain");
    assertThat(Table.csvCell("")).isEmpty();
  }

  @Test
  void theRightAlignmentFlagsAreCopied() {
    boolean[] right = {false, true};
    Table t = new Table(List.of("a", "b"), right);
    right[1] = false;
    assertThat(t.row(List.of("x", "1")).markdown()).contains("| --- | ---: |");
  }

  @Test
  void formats_haveTheirIdsAndFileExtensions_andParseByIdOnly() {
    assertThat(Format.TABLE.id()).isEqualTo("table");
    assertThat(Format.MARKDOWN.id()).isEqualTo("markdown");
    assertThat(Format.TABLE.extension()).isEqualTo("txt");
    assertThat(Format.JSON.extension()).isEqualTo("json");
    assertThat(Format.CSV.extension()).isEqualTo("csv");
    assertThat(Format.MARKDOWN.extension()).isEqualTo("md");
    for (Format f : Format.values()) {
      assertThat(Format.parse("--format", f.id())).isSameAs(f);
    }
    assertThatThrownBy(() -> Format.parse("--format", "md")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--format").hasMessageContaining("md")
        .hasMessageContaining("must be one of [table, json, csv, markdown]");
    assertThatThrownBy(() -> Format.parse("--format", "JSON")).isInstanceOf(InvalidInputException.class);
  }
}
