package dev.atrium.inference.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.Task;
import dev.atrium.shared.Problem;
import java.util.Locale;
import java.util.Optional;

/**
 * Which generation model a request runs on: the one it names (404 {@code model_not_found} when
 * nothing of that id is served, 400 {@code model_task_mismatch} when it is not a generation model),
 * or the default generation model: the catalog's {@code default_generation_model}, else the first
 * generation model served, as the pool picks it. Resolved before anything is reserved, since the
 * model's context length bounds the reservation.
 */
final class GenerationModels {
  private final ModelCatalog catalog;
  private final Optional<String> configuredDefault;

  GenerationModels(ModelCatalog catalog, Optional<String> configuredDefault) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.configuredDefault = requireNonNull(configuredDefault, "configuredDefault is null");
  }

  ModelInfo resolve(Optional<String> requested) {
    Optional<String> named = requested.or(() -> configuredDefault);
    if (named.isEmpty()) {
      return catalog.models().stream()
          .filter(m -> m.task() == Task.GENERATION)
          .findFirst()
          .orElseThrow(
              () -> new Problem(404, "model_not_found", "No generation model is served here."));
    }
    String id = named.get();
    ModelInfo model =
        catalog
            .model(id)
            .orElseThrow(
                () ->
                    new Problem(
                        404,
                        "model_not_found",
                        "The model '" + id + "' does not exist; GET /v1/models lists them."));
    if (model.task() != Task.GENERATION) {
      throw Problem.badRequest(
          "model_task_mismatch",
          "The model '"
              + id
              + "' is a "
              + model.task().name().toLowerCase(Locale.ROOT)
              + " model, not a generation model.");
    }
    return model;
  }
}
