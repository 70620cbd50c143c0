package io.kstar.select;

import io.kstar.input.InvalidInputException;
import io.kstar.input.Suggest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A registry of selectors, in output order: what a plan or a comparison picks with. {@link #REGISTRY}
 * holds kstar's five; {@link #PAPER} the paper's four, with which {@code reproduce} reproduces the study.
 * Charts, the HTML report, the explorer, CLI help and the OpenAPI document take their lists and texts
 * from a registry, so a selector added with {@link #with(Selector)} appears in all of them.
 */
public record Selectors(List<Selector> all) {

  /** kstar's selectors: the paper's four, then min-cost. */
  public static final Selectors REGISTRY =
      new Selectors(List.of(new AccuracyMax(), new Cube(), new Utopia(), new Knee(), new MinCost()));

  /** The paper's four selectors (docs/semantics.md §6), in their fixed output order: the reproduction's. */
  public static final Selectors PAPER =
      REGISTRY.only(List.of(AccuracyMax.ID, Cube.ID, Utopia.ID, Knee.ID));

  public Selectors {
    all = List.copyOf(all);
    List<String> seen = new ArrayList<>();
    for (Selector s : all) {
      if (seen.contains(s.id())) {
        throw new IllegalArgumentException("two selectors have the id " + s.id());
      }
      seen.add(s.id());
    }
  }

  /** This registry and one more selector, last in output order. */
  public Selectors with(Selector s) {
    List<Selector> out = new ArrayList<>(all);
    out.add(s);
    return new Selectors(out);
  }

  /** The selectors of this registry with these ids, in the registry's order. */
  public Selectors only(List<String> ids) {
    return new Selectors(all.stream().filter(s -> ids.contains(s.id())).toList());
  }

  public List<String> ids() {
    return all.stream().map(Selector::id).toList();
  }

  public Optional<Selector> find(String id) {
    return all.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The selector with this id; an input error naming {@code field} and the ids that exist otherwise. */
  public Selector require(String field, String id) {
    return find(id).orElseThrow(() -> InvalidInputException.of(field, id, "must be one of " + ids()
        + Suggest.hint(id, ids())));
  }

  /** Every selector's pick on one context, in registry order. */
  public List<Selection> select(SelectionContext context) {
    List<Selection> out = new ArrayList<>(all.size());
    for (Selector s : all) {
      out.add(s.select(context));
    }
    return out;
  }
}
