package io.kstar.parameter;

import io.kstar.input.Suggest;
import io.kstar.input.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of one family of models (accuracy, length or latency), looked up by id, with the kind a
 * catalog gets when it names none. A new model is one class and one line in its family's registry.
 *
 * @param field the catalog field that names the kind ({@code accuracy_model})
 */
public record KindRegistry<M>(String field, List<ModelKind<? extends M>> kinds, ModelKind<? extends M> defaultKind) {

  public KindRegistry {
    kinds = List.copyOf(kinds);
    if (!kinds.contains(defaultKind)) {
      throw new IllegalArgumentException("the default kind must be registered");
    }
  }

  @SafeVarargs
  public static <M> KindRegistry<M> of(String field, ModelKind<? extends M> defaultKind, ModelKind<? extends M>... others) {
    List<ModelKind<? extends M>> all = new ArrayList<>();
    all.add(defaultKind);
    all.addAll(List.of(others));
    return new KindRegistry<>(field, all, defaultKind);
  }

  /** This registry and one more kind (for extensions and tests). */
  public KindRegistry<M> with(ModelKind<? extends M> kind) {
    List<ModelKind<? extends M>> all = new ArrayList<>(kinds);
    all.add(kind);
    return new KindRegistry<>(field, all, defaultKind);
  }

  public Optional<ModelKind<? extends M>> find(String id) {
    return kinds.stream().filter(k -> k.answersTo(id)).findFirst();
  }

  /** The kind with this id; an error naming {@link #field()} and the ids that exist otherwise. */
  public ModelKind<? extends M> require(String id) {
    return find(id).orElseThrow(() -> InvalidInputException.of(field, "\"" + id + "\"", "must be one of " + names()
        + Suggest.hint(id, names())));
  }

  /** Every id and alias a catalog may give. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    kinds.forEach(k -> {
      out.add(k.id());
      out.addAll(k.aliases());
    });
    return out;
  }

  public List<String> ids() {
    return kinds.stream().map(ModelKind::id).toList();
  }
}
