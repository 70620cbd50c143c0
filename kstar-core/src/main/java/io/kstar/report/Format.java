package io.kstar.report;

import io.kstar.input.InvalidInputException;
import java.util.Locale;

/** The output formats of every report. */
public enum Format {
  TABLE("txt"),
  JSON("json"),
  CSV("csv"),
  MARKDOWN("md");

  private final String extension;

  Format(String extension) {
    this.extension = extension;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String extension() {
    return extension;
  }

  public static Format parse(String field, String text) {
    for (Format f : values()) {
      if (f.id().equals(text)) {
        return f;
      }
    }
    throw InvalidInputException.of(field, text, "must be one of [table, json, csv, markdown]"
        + io.kstar.input.Suggest.hint(text, java.util.List.of("table", "json", "csv", "markdown")));
  }
}
