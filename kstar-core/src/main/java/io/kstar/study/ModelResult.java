package io.kstar.study;

import io.kstar.plan.Plan;
import io.kstar.profile.ModelProfile;

/** One model in one scenario: its parallelism, grid size and plan. */
public record ModelResult(ModelProfile model, int parallel, int gridPoints, Plan plan) {}
