package io.kstar.report;

import io.kstar.calibrate.PolicyReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code kstar calibrate LOGS --replay POLICY}: a stopping policy replayed on the records beside the profile's prediction. */
public final class ReplayReport {
  private ReplayReport() {}

  public static String render(PolicyReplay.Result r, Format f) {
    return switch (f) {
      case JSON -> json(r);
      case CSV -> table(r, true).csv(true);
      case MARKDOWN -> "# kstar replay: " + r.policy().label() + "\n\n" + header(r) + "\n" + table(r, false).markdown();
      case TABLE -> header(r) + "\n" + table(r, false).aligned("  ");
    };
  }

  static String header(PolicyReplay.Result r) {
    return String.format(Locale.ROOT,
        "Replay of %s on %s's records: k <= %d in rounds of P = %d; %d questions with >= %d samples (%d with fewer"
            + " skipped), each served in %d random orders (seed %d); 90%% intervals from %d bootstrap resamples of"
            + " the questions%n", r.policy().label(), r.model(), r.k(), r.parallel(), r.questions(), r.k(),
        r.skippedQuestions(), r.orders(), r.seed(), r.bootstrap());
  }

  static Table table(PolicyReplay.Result r, boolean full) {
    Table t = new Table(full ? List.of("quantity", "replayed", "replayed_p05", "replayed_p95", "predicted", "inside")
        : List.of("per request", "replayed", "[90%]", "predicted", "inside"),
        full ? new boolean[] {false, true, true, true, true, false} : new boolean[] {false, true, true, true, false});
    for (PolicyReplay.Estimate e : r.estimates()) {
      List<String> row = new ArrayList<>();
      row.add(e.name());
      if (full) {
        row.addAll(List.of(Numbers.full(e.replayed()), Numbers.full(e.p05()), Numbers.full(e.p95()),
            Numbers.full(e.predicted())));
      } else {
        row.addAll(List.of(fmt(e.replayed()), "[" + fmt(e.p05()) + ", " + fmt(e.p95()) + "]", fmt(e.predicted())));
      }
      row.add(e.predictionInside() ? "yes" : "no");
      t.row(row);
    }
    return t;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  static String json(PolicyReplay.Result r) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("model", r.model());
      g.writeStringField("policy", r.policy().label());
      g.writeNumberField("parallel", r.parallel());
      g.writeNumberField("k", r.k());
      g.writeNumberField("questions", r.questions());
      g.writeNumberField("skipped_questions", r.skippedQuestions());
      g.writeNumberField("orders", r.orders());
      g.writeNumberField("bootstrap", r.bootstrap());
      g.writeNumberField("seed", r.seed());
      g.writeObjectFieldStart("per_request");
      for (PolicyReplay.Estimate e : r.estimates()) {
        g.writeObjectFieldStart(e.name());
        g.writeNumberField("replayed", e.replayed());
        g.writeNumberField("p05", e.p05());
        g.writeNumberField("p95", e.p95());
        g.writeNumberField("predicted", e.predicted());
        g.writeBooleanField("inside", e.predictionInside());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    });
  }
}
