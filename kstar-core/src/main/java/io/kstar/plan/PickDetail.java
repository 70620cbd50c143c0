package io.kstar.plan;

import io.kstar.estimate.CurvePoint;
import io.kstar.select.Selection;

/**
 * What a platform engineer needs to defend one pick.
 *
 * @param point the per-request statistics at the pick (means, 95 % intervals, distributions)
 * @param nearestBudget the budget with the least slack, as a share of that budget
 *     ({@code max_cost_usd}: 1 − C/C_max; {@code max_latency_s}: 1 − T/T_max; {@code min_accuracy}:
 *     (A − A_min)/(1 − A_min), the share of the headroom to a perfect score)
 * @param slack that budget's slack
 * @param usdPerAccuracyPoint the marginal cost of one more accuracy point (percentage point) at this
 *     k: ΔE[C]/(100·ΔE[A]) to the next grid point (the previous one at the grid's end); NaN when
 *     accuracy no longer moves
 * @param secondsPerAccuracyPoint the same for latency
 * @param costOfPass expected cost per correct answer, E[C]/E[A]
 * @param pCostOver probability that one request at this k costs more than the cost budget
 * @param pLatencyOver probability that it takes longer than the latency budget
 * @param pAccuracyUnder probability that its score falls below the accuracy floor
 */
public record PickDetail(
    Selection selection,
    int parallel,
    CurvePoint point,
    String nearestBudget,
    double slack,
    double usdPerAccuracyPoint,
    double secondsPerAccuracyPoint,
    double costOfPass,
    double pCostOver,
    double pLatencyOver,
    double pAccuracyUnder) {}
