package io.kstar.calibrate;

import io.kstar.input.InvalidInputException;
import io.kstar.serving.LoadCurve;
import io.kstar.serving.LoadFit;
import io.kstar.serving.LoadPoint;
import io.kstar.serving.LoadValidation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A load curve from the runs of a serving sweep (docs/serving.md). Each run is used as follows:
 *
 * <ul>
 *   <li>incomplete (some request failed or never finished): left out, its rate and latency unreliable;
 *   <li>saturated (achieved below 90 % of the rate offered, or all requests sent at once): it measures the
 *       capacity only, its latency being that of a queue still growing when the run ended;
 *   <li>otherwise: a point of the curve, at its <em>achieved</em> rate.
 * </ul>
 *
 * The capacity is the highest rate achieved by a complete run. When no run saturated, the highest rate is a
 * lower bound of the capacity: it is taken as the capacity (and leaves the curve), with a warning. Two or
 * more curve points give a {@link LoadCurve}, its fit chosen by {@link LoadValidation} unless one is asked
 * for; one point gives a fixed latency (today's {@code ttft-decode}).
 */
public final class LoadCalibration {
  private LoadCalibration() {}

  /** How a run was used. */
  public enum Use {
    CURVE("load curve"),
    CAPACITY("capacity only (saturated)"),
    TOP("capacity (highest rate; nothing saturated)"),
    LEFT_OUT("left out (incomplete)");

    private final String label;

    Use(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param curve the load curve, or null when one rate is all there is
   * @param single the one rate of a sweep too small for a curve, or null
   */
  public record Result(List<ServingRun> runs, List<Use> uses, double capacityRps, boolean capacityMeasured,
      double mixInputTokens, double mixOutputTokens, LoadCurve curve, LoadValidation validation, ServingRun single,
      List<String> warnings, HeldOut heldOut) {

    public Optional<LoadCurve> loadCurve() {
      return Optional.ofNullable(curve);
    }

    Result withHeldOut(HeldOut h) {
      return new Result(runs, uses, capacityRps, capacityMeasured, mixInputTokens, mixOutputTokens, curve, validation,
          single, warnings, h);
    }
  }

  /**
   * A run kept out of the fit, and how well the curve fitted without it predicts it, beside the nearest
   * measured rate's latency (errors |ln(predicted / measured)|, the mean of TTFT and TPOT).
   */
  public record HeldOut(ServingRun run, LoadValidation.Prediction fit, LoadValidation.Prediction nearest,
      double fitError, double nearestError) {}

  /**
   * The fit without the run at request_rate {@code rate}, and that run's prediction: a check on a rate the
   * fit (and the choice of its shape) never saw.
   */
  public static Result fitHoldingOut(List<ServingRun> given, double rate, Optional<LoadFit> asked, String field,
      String source) {
    List<ServingRun> rest = new ArrayList<>();
    ServingRun held = null;
    for (ServingRun r : given) {
      if (r.offeredRps() == rate) {
        held = r;
      } else {
        rest.add(r);
      }
    }
    if (held == null) {
      throw InvalidInputException.of("--hold-out", rate(rate), "must be the request_rate of one complete run of the"
          + " sweep below saturation: " + given.stream().filter(r -> r.complete() && !r.saturated()
              && Double.isFinite(r.offeredRps())).map(r -> rate(r.offeredRps())).toList());
    }
    if (!held.complete() || held.saturated()) {
      throw InvalidInputException.of("--hold-out", rate(rate), "must be a complete run below saturation (that run is "
          + (!held.complete() ? "incomplete" : "saturated") + "): " + given.stream().filter(r -> r.complete()
              && !r.saturated() && Double.isFinite(r.offeredRps())).map(r -> rate(r.offeredRps())).toList());
    }
    Result r = fit(rest, asked, field, source);
    if (r.curve() == null) {
      throw InvalidInputException.of("--hold-out", rate(rate), "leaves fewer than 2 rates below saturation for the"
          + " curve");
    }
    LoadCurve c = r.curve();
    double rho = held.achievedRps() / c.capacityRps();
    if (!(rho < 1)) {
      throw InvalidInputException.of("--hold-out", rate(rate), "achieved a rate at or above the capacity the other runs"
          + " measure");
    }
    LoadValidation.Prediction fit = new LoadValidation.Prediction(c.ttft().at(rho), c.tpot().at(rho));
    LoadPoint nearest = c.points().get(0);
    for (LoadPoint p : c.points()) {
      if (Math.abs(p.requestsPerS() - held.achievedRps()) < Math.abs(nearest.requestsPerS() - held.achievedRps())) {
        nearest = p;
      }
    }
    LoadValidation.Prediction near = new LoadValidation.Prediction(nearest.ttftS(), nearest.tpotS());
    LoadPoint actual = new LoadPoint(held.achievedRps(), held.ttftS(), held.tpotS());
    return r.withHeldOut(new HeldOut(held, fit, near, fit.error(actual), near.error(actual)));
  }

  /**
   * @param asked the fit asked for; empty: the one leave-one-rate-out prefers
   * @param field the option the runs came from, named in errors
   */
  public static Result fit(List<ServingRun> given, Optional<LoadFit> asked, String field, String source) {
    List<ServingRun> runs = new ArrayList<>(given);
    runs.sort(Comparator.comparingDouble(ServingRun::offeredRps));
    List<String> warnings = new ArrayList<>();
    String model = null;
    for (int i = 0; i < runs.size(); i++) {
      ServingRun r = runs.get(i);
      if (i > 0 && r.offeredRps() == runs.get(i - 1).offeredRps()) {
        throw InvalidInputException.of(field, runs.get(i - 1).source() + " and " + r.source(),
            "two runs at request_rate " + rate(r.offeredRps()) + ": a sweep has one run per rate");
      }
      if (!r.model().isEmpty()) {
        if (model != null && !model.equals(r.model())) {
          throw InvalidInputException.of(field, r.source(), "measures model_id " + r.model() + " where another run"
              + " measures " + model + ": one sweep, one model");
        }
        model = r.model();
      }
    }
    List<Use> uses = new ArrayList<>();
    double capacity = 0;
    ServingRun first = null;
    for (ServingRun r : runs) {
      Use u = !r.complete() ? Use.LEFT_OUT : r.saturated() ? Use.CAPACITY : Use.CURVE;
      uses.add(u);
      if (u == Use.LEFT_OUT) {
        warnings.add(r.source() + ": " + r.completed() + " of " + r.requests() + " requests completed: left out");
        continue;
      }
      capacity = Math.max(capacity, r.achievedRps());
      if (first == null) {
        first = r;
      } else if (Math.abs(r.inputTokens() - first.inputTokens()) > 0.01 * Math.max(1, first.inputTokens())
          || Math.abs(r.outputTokens() - first.outputTokens()) > 0.01 * Math.max(1, first.outputTokens())) {
        throw InvalidInputException.of(field, r.source(), String.format(Locale.ROOT, "measures %.6g input and %.6g"
            + " output tokens per request where %s measures %.6g and %.6g: a load curve needs one token mix",
            r.inputTokens(), r.outputTokens(), first.source(), first.inputTokens(), first.outputTokens()));
      }
    }
    if (first == null) {
      throw InvalidInputException.of(field, source, "has no run in which every request completed");
    }
    boolean measured = uses.contains(Use.CAPACITY);
    if (!measured) {
      int top = -1;
      for (int i = 0; i < runs.size(); i++) {
        if (uses.get(i) == Use.CURVE && (top < 0 || runs.get(i).achievedRps() > runs.get(top).achievedRps())) {
          top = i;
        }
      }
      if (uses.stream().filter(u -> u == Use.CURVE).count() >= 2) {
        uses.set(top, Use.TOP);
        warnings.add("no run saturated the server (each achieved at least " + (int) (100 * ServingRun.SATURATED)
            + " % of the rate offered): the capacity is taken as the highest rate achieved, " + rate(capacity)
            + " requests/s, a lower bound; add a run past saturation to measure it");
      }
    }
    List<LoadPoint> points = new ArrayList<>();
    ServingRun prev = null;
    for (int i = 0; i < runs.size(); i++) {
      if (uses.get(i) != Use.CURVE) {
        continue;
      }
      ServingRun r = runs.get(i);
      if (prev != null && !(r.achievedRps() > prev.achievedRps())) {
        throw InvalidInputException.of(field, r.source(), "achieves " + rate(r.achievedRps()) + " requests/s at"
            + " request_rate " + rate(r.offeredRps()) + ", no more than " + prev.source() + " at the lower rate "
            + rate(prev.offeredRps()) + ": achieved rates must increase with the rate offered");
      }
      points.add(new LoadPoint(r.achievedRps(), r.ttftS(), r.tpotS()));
      prev = r;
    }
    if (points.isEmpty()) {
      throw InvalidInputException.of(field, source, "has no complete run below saturation: every run measures the"
          + " capacity only; add runs at lower rates");
    }
    if (points.size() == 1) {
      if (asked.isPresent()) {
        throw InvalidInputException.of(field, source, "measures one rate below saturation ("
            + rate(points.get(0).requestsPerS()) + " requests/s): a load curve needs at least 2 rates (one rate gives"
            + " a fixed latency: leave out --load-fit)");
      }
      ServingRun single = null;
      for (int i = 0; i < runs.size(); i++) {
        if (uses.get(i) == Use.CURVE) {
          single = runs.get(i);
        }
      }
      return new Result(runs, uses, capacity, measured, first.inputTokens(), first.outputTokens(), null, null, single,
          warnings, null);
    }
    LoadValidation v = LoadValidation.of(points, capacity);
    LoadFit fit = asked.orElse(v.chosen());
    if (fit == LoadFit.QUEUEING && (!Double.isFinite(v.queueingScore()) && v.checked()
        || LoadFit.QUEUEING.fit(rho(points, capacity), points.stream().mapToDouble(LoadPoint::ttftS).toArray()).isEmpty()
        || LoadFit.QUEUEING.fit(rho(points, capacity), points.stream().mapToDouble(LoadPoint::tpotS).toArray()).isEmpty())) {
      throw InvalidInputException.of("--load-fit", fit.id(), "the queueing shape does not fit these rates (its"
          + " intercept would not be positive): use interpolation or auto");
    }
    LoadCurve curve = new LoadCurve(first.inputTokens(), first.outputTokens(), capacity, points, fit,
        OptionalDouble.empty(), (model == null ? "" : model + ", ") + "vLLM serving benchmark " + source);
    return new Result(runs, uses, capacity, measured, first.inputTokens(), first.outputTokens(), curve, v, null,
        warnings, null);
  }

  private static double[] rho(List<LoadPoint> points, double capacity) {
    return points.stream().mapToDouble(p -> p.requestsPerS() / capacity).toArray();
  }

  static String rate(double r) {
    return Double.isInfinite(r) ? "inf" : String.format(Locale.ROOT, "%.6g", r).replaceAll("(\\.\\d*?)0+$", "$1")
        .replaceAll("\\.$", "");
  }
}
