package io.kstar.report;

import io.kstar.plan.Sensitivity;
import io.kstar.select.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kstar sensitivity}: the picks under ±10 % and ±25 % changes of each figure.
 *
 * <p>The CSV holds numbers only in its numeric columns: {@code change} as a fraction ({@code -0.25}),
 * {@code value} the scaled figure, and for each selector {@code SELECTOR_k} and {@code SELECTOR_parallel}
 * (empty when there is no pick) beside {@code SELECTOR_status}: {@code same} (the base pick),
 * {@code changed} (the pick moved; at a ±10 % change that makes the pick fragile) or {@code none} (no
 * pick). Selector names are written in snake_case ({@code accuracy_max_k}).
 */
public final class SensitivityReport {
  private SensitivityReport() {}

  public static String render(Sensitivity.Result r, Format f) {
    return switch (f) {
      case JSON -> json(r);
      case CSV -> csv(r).csv(true);
      case MARKDOWN -> "# kstar sensitivity: " + r.base().request().model().id() + "\n\n" + base(r) + "\n"
          + table(r).markdown() + "\n" + fragile(r);
      case TABLE -> base(r) + "\n" + table(r).aligned("  ") + "\n" + fragile(r);
    };
  }

  static String base(Sensitivity.Result r) {
    List<String> parts = new ArrayList<>();
    r.base().plan().selections().forEach(s -> parts.add(s.selector() + " k=" + s.point().map(p -> Integer.toString(p.k())).orElse("-")));
    return "Sensitivity of the picks for " + r.base().request().model().id() + ": base " + String.join(", ", parts)
        + "\nEach row scales one figure by the given change and re-plans; '*' marks a pick that moved.\n";
  }

  public static Table table(Sensitivity.Result r) {
    List<String> h = new ArrayList<>(List.of("figure", "change", "value"));
    h.addAll(r.base().request().selectors().ids());
    boolean[] right = new boolean[h.size()];
    for (int i = 1; i < right.length; i++) {
      right[i] = true;
    }
    Table t = new Table(h, right);
    List<Sensitivity.Pick> base = r.basePicks();
    for (Sensitivity.Row row : r.rows()) {
      List<String> cells = new ArrayList<>();
      cells.add(row.factor());
      cells.add(String.format(Locale.ROOT, "%+.0f%%", 100 * row.delta()));
      cells.add(String.format(Locale.ROOT, "%.6g", row.value()));
      for (int i = 0; i < row.picks().size(); i++) {
        Sensitivity.Pick p = row.picks().get(i);
        boolean moved = p.movedFrom(base.get(i));
        cells.add(p.label() + (moved ? "*" : ""));
      }
      t.row(cells);
    }
    return t;
  }

  /** The CSV table (see the class comment). */
  public static Table csv(Sensitivity.Result r) {
    List<String> h = new ArrayList<>(List.of("figure", "change", "value"));
    for (String id : r.base().request().selectors().ids()) {
      String c = id.replace('-', '_');
      h.addAll(List.of(c + "_k", c + "_parallel", c + "_status"));
    }
    Table t = new Table(h, new boolean[h.size()]);
    List<Sensitivity.Pick> base = r.basePicks();
    for (Sensitivity.Row row : r.rows()) {
      List<String> cells = new ArrayList<>();
      cells.add(row.factor());
      cells.add(Numbers.full(row.delta()));
      cells.add(Numbers.full(row.value()));
      for (int i = 0; i < row.picks().size(); i++) {
        Sensitivity.Pick p = row.picks().get(i);
        boolean moved = p.movedFrom(base.get(i));
        cells.add(p.k() == null ? "" : Integer.toString(p.k()));
        cells.add(p.parallel() == null ? "" : Integer.toString(p.parallel()));
        cells.add(p.k() == null ? "none" : moved ? "changed" : "same");
      }
      t.row(cells);
    }
    return t;
  }

  public static String fragile(Sensitivity.Result r) {
    StringBuilder b = new StringBuilder("Fragile picks (move under a ±10% change of one figure):\n");
    boolean any = false;
    for (Map.Entry<String, List<String>> e : r.fragile().entrySet()) {
      if (!e.getValue().isEmpty()) {
        any = true;
        b.append("  ").append(e.getKey()).append(": ").append(String.join(", ", e.getValue())).append('\n');
      }
    }
    if (!any) {
      b.append("  none: every pick holds under ±10% of every figure\n");
    }
    return b.toString();
  }

  static String json(Sensitivity.Result r) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("model", r.base().request().model().id());
      g.writeObjectFieldStart("base");
      for (var s : r.base().plan().selections()) {
        if (s.point().isPresent()) {
          g.writeNumberField(s.selector(), s.point().get().k());
        } else {
          g.writeNullField(s.selector());
        }
      }
      g.writeEndObject();
      g.writeArrayFieldStart("rows");
      for (Sensitivity.Row row : r.rows()) {
        g.writeStartObject();
        g.writeStringField("figure", row.factor());
        g.writeNumberField("change", row.delta());
        g.writeNumberField("value", row.value());
        g.writeObjectFieldStart("k");
        for (Sensitivity.Pick p : row.picks()) {
          if (p.k() == null) {
            g.writeNullField(p.selector());
          } else {
            g.writeNumberField(p.selector(), p.k());
          }
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("fragile");
      for (Map.Entry<String, List<String>> e : r.fragile().entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (String s : e.getValue()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
    });
  }
}
