package io.kstar.budget;

import io.kstar.grid.Grid;
import io.kstar.input.Check;
import java.util.Objects;
import java.util.OptionalInt;

/** A named deployment scenario: budgets and, optionally, its own k_max (docs/semantics.md §5). */
public record Scenario(String name, String description, Budget budget, OptionalInt kMax) {
  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(budget, "budget");
    description = description == null ? "" : description;
    kMax.ifPresent(k -> Check.intInRange("k_max", k, 1, Grid.MAX_K));
  }
}
