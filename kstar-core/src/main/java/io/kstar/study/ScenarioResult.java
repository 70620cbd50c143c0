package io.kstar.study;

import io.kstar.budget.Scenario;
import java.util.List;

/** Every model of the catalog under one scenario's budgets. */
public record ScenarioResult(Scenario scenario, int kMax, List<ModelResult> models) {
  public ScenarioResult {
    models = List.copyOf(models);
  }
}
