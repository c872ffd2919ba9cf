package dev.atrium.plugin.api.inference;

import java.util.List;
import java.util.Optional;

/** The models the shared inference pool serves. */
public interface ModelCatalog {

  /** Every served model, in catalog order. */
  List<ModelInfo> models();

  /** The model with this id, if it is served. */
  default Optional<ModelInfo> model(String id) {
    return models().stream().filter(m -> m.id().equals(id)).findFirst();
  }
}
