package io.kstar.plan;

import io.kstar.estimate.Curve;
import io.kstar.estimate.CurvePoint;
import io.kstar.estimate.Estimator;
import io.kstar.grid.Grid;
import io.kstar.input.Check;
import io.kstar.input.InvalidInputException;
import io.kstar.policy.Policy;
import io.kstar.profile.ModelProfile;
import io.kstar.select.MinCost;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code kstar budget}: the reverse question. For a model and an accuracy target A, the smallest cost
 * budget and the smallest latency budget at which some k of the grid reaches E[A(k)] ≥ A, and that
 * k. Each budget is taken on its own (the other unbounded); cost and latency are the budget basis'
 * (mean, or a quantile for percentile budgets).
 */
public final class Reverse {
  private Reverse() {}

  /**
   * @param sure for each point of the answer, the probability (over the profile's calibration
   *     replicates) that its expected accuracy reaches the target, and its statistics
   */
  public record Answer(
      String model, int parallel, Policy policy, double minAccuracy, Optional<OperatingPoint> cheapest,
      Optional<OperatingPoint> fastest, OperatingPoint best, String reason,
      java.util.Map<OperatingPoint, CurvePoint> statistics, Optional<OperatingPoint> fewestReplicas) {

    /** P(E[A(k)] ≥ target) over the calibration replicates (1 or 0 for a profile taken as known). */
    public double pReaches(OperatingPoint o) {
      CurvePoint p = statistics.get(o);
      return p.expected().pMeets(true, p.accuracy().mean(), minAccuracy);
    }
  }

  public static List<Answer> answer(List<ModelProfile> models, List<Integer> parallels, Grid.Kind grid, int kMax,
      double minAccuracy, BudgetBasis basis, Estimator estimator) {
    return answer(models, parallels, grid, kMax, minAccuracy, basis, estimator, Confidence.OFF);
  }

  /** The same; with a confidence, a k reaches the target only when P(E[A(k)] ≥ target) is at least that. */
  public static List<Answer> answer(List<ModelProfile> models, List<Integer> parallels, Grid.Kind grid, int kMax,
      double minAccuracy, BudgetBasis basis, Estimator estimator, Confidence confidence) {
    return answer(models, parallels, grid, kMax, minAccuracy, basis, estimator, confidence, List.of(Policy.FIXED));
  }

  /**
   * The same for each stopping policy of {@code policies} that applies to each model (one answer per
   * model, policy and P); a policy that applies to none of the models is refused.
   */
  public static List<Answer> answer(List<ModelProfile> models, List<Integer> parallels, Grid.Kind grid, int kMax,
      double minAccuracy, BudgetBasis basis, Estimator estimator, Confidence confidence, List<Policy> policies) {
    Check.probabilityOpen("min_accuracy", minAccuracy);
    for (Policy p : policies) {
      if (models.stream().noneMatch(m -> p.appliesTo(m.accuracy()))) {
        if (models.size() == 1) {
          p.check(models.get(0).id(), models.get(0).accuracy());
        }
        throw InvalidInputException.of("policy", p.rule().id(), "applies to none of the models asked; "
            + p.rule().id() + " applies to " + String.join(", ", p.rule().models().stream().sorted().toList()));
      }
    }
    List<Estimator.Job> jobs = new ArrayList<>();
    for (ModelProfile m : models) {
      for (Policy policy : Policy.applicable(policies, m.accuracy())) {
        for (int p : parallels.isEmpty() ? List.of(m.defaultParallel()) : parallels) {
          jobs.add(new Estimator.Job(m, p, Grid.of(grid, kMax, p).ks(), policy));
        }
      }
    }
    List<Curve> curves = estimator.estimateAll(jobs);
    List<Answer> out = new ArrayList<>();
    for (Curve c : curves) {
      OperatingPoint fastest = null;
      OperatingPoint best = null;
      java.util.Map<OperatingPoint, CurvePoint> stats = new java.util.HashMap<>();
      List<OperatingPoint> reaching = new ArrayList<>();
      for (CurvePoint cp : c.points()) {
        OperatingPoint o = new OperatingPoint(c.modelId(), cp.k(), basis.cost(cp), basis.latency(cp),
            cp.accuracy().mean(), c.parallel(), c.policy());
        if (best == null || o.accuracy() > best.accuracy()) {
          best = o;
        }
        stats.put(o, cp);
        // at a traffic, a k past its replicas' capacity is served at no latency at all: it reaches nothing
        if (!cp.saturated() && inBound(estimator, cp) && o.accuracy() >= minAccuracy && confidence.admits(cp.expected().pMeets(true, cp.accuracy().mean(), minAccuracy))) {
          reaching.add(o);
          if (fastest == null || o.latencyS() < fastest.latencyS()) {
            fastest = o;
          }
        }
      }
      OperatingPoint cheapest = MinCost.cheapest(reaching, o -> true).orElse(null);
      // at a traffic: the k that reaches the target on the fewest replicas (ties: the cheaper, then the faster)
      OperatingPoint fewest = null;
      for (OperatingPoint o : reaching) {
        var load = stats.get(o).load();
        if (load == null) {
          break;
        }
        if (fewest == null || fewerReplicas(o, load.replicas(), fewest, stats.get(fewest).load().replicas())) {
          fewest = o;
        }
      }
      // the ks that reach the target in expectation but only past their replicas' capacity
      List<CurvePoint> saturated = c.points().stream()
          .filter(cp -> cp.saturated() && cp.accuracy().mean() >= minAccuracy).toList();
      String reason = cheapest != null
          ? "reached"
          : best == null
              ? "the grid is empty (k_max is below P on the batch grid)"
              : !saturated.isEmpty() && reachingUnsaturated(c, minAccuracy).isEmpty()
                  ? String.format(Locale.ROOT, "reached only at k = %s, past the capacity of %s at this traffic: give"
                      + " more replicas, or replicas auto", String.join(", ", saturated.stream()
                          .map(cp -> Integer.toString(cp.k())).toList()), replicas(saturated.get(0).load().replicas()))
              : best.accuracy() >= minAccuracy && confidence.level().isPresent()
                  ? String.format(Locale.ROOT, "reached in expectation (at k = %d: %.6f) but with probability below the"
                      + " confidence %s for every k <= %d", best.k(), best.accuracy(),
                      confidence.level().getAsDouble(), kMax)
                  : best.accuracy() >= minAccuracy
                      ? String.format(Locale.ROOT, "reached in expectation at k = %d (%.6f), but no k that"
                          + " reaches it meets the latency budget on any number of replicas",
                          best.k(), best.accuracy())
                      : String.format(Locale.ROOT, "not reached for k <= %d: the best is %.6f at k = %d",
                          kMax, best.accuracy(), best.k());
      out.add(new Answer(c.modelId(), c.parallel(), c.policy(), minAccuracy, Optional.ofNullable(cheapest),
          Optional.ofNullable(fastest), best, reason, stats, Optional.ofNullable(fewest)));
    }
    return out;
  }

  /** At a traffic with replicas auto and a latency bound: whether the point meets it (always true otherwise). */
  private static boolean inBound(Estimator e, CurvePoint p) {
    return !(e instanceof io.kstar.estimate.LoadedEstimator l) || l.meetsBound(p);
  }

  private static List<CurvePoint> reachingUnsaturated(Curve c, double minAccuracy) {
    return c.points().stream().filter(cp -> !cp.saturated() && cp.accuracy().mean() >= minAccuracy).toList();
  }

  private static String replicas(int n) {
    return n == 1 ? "1 replica" : n + " replicas";
  }

  /** Whether o on n replicas is a better "fewest replicas" answer than {@code than} on thanN. */
  static boolean fewerReplicas(OperatingPoint o, int n, OperatingPoint than, int thanN) {
    if (n != thanN) {
      return n < thanN;
    }
    if (o.costUsd() != than.costUsd()) {
      return o.costUsd() < than.costUsd();
    }
    return o.latencyS() < than.latencyS();
  }
}
