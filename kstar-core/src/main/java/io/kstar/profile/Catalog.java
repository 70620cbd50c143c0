package io.kstar.profile;

import io.kstar.input.Suggest;
import io.kstar.input.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Model profiles by id, in the order of their file. */
public record Catalog(List<ModelProfile> models) {

  public Catalog {
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw InvalidInputException.of("models", "{}", "must hold at least one model");
    }
  }

  public Optional<ModelProfile> find(String id) {
    return models.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** The profile with this id, or an error naming the field and the ids that exist. */
  public ModelProfile require(String field, String id) {
    return find(id)
        .orElseThrow(() -> InvalidInputException.of(field, id, "must be one of " + ids() + Suggest.hint(id, ids())));
  }

  public List<String> ids() {
    List<String> ids = new ArrayList<>();
    models.forEach(m -> ids.add(m.id()));
    return Collections.unmodifiableList(ids);
  }
}
