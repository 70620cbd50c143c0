package io.kstar.study;

import io.kstar.estimate.QuantileMethod;
import io.kstar.grid.Grid;
import java.util.List;

/** The reproduction: every scenario × every model × every selector, and the headline measured from it. */
public record StudyResult(
    String estimator,
    Grid.Kind grid,
    QuantileMethod quantileMethod,
    Integer trials,
    Long seed,
    List<ScenarioResult> scenarios,
    Headline headline,
    List<String> notes) {

  public StudyResult {
    scenarios = List.copyOf(scenarios);
    notes = List.copyOf(notes);
  }
}
