package dev.atrium.inference.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.Operation;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.Task;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /v1/models}: every model the pool serves, in OpenAI's list shape ({@code id}, {@code
 * object}, {@code created}, {@code owned_by}: {@code atrium} or the plugin that registered it) plus
 * what a client needs to use it: {@code task}, {@code languages}, {@code max_input_tokens}, and
 * {@code dimensions} for embedding models or {@code context_length} for generation models.
 */
public final class ModelsApi {
  private final ModelCatalog catalog;

  public ModelsApi(ModelCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/v1/models",
        Access.freeApiKey(),
        Operation.of("Inference", "The models this platform serves (OpenAI-compatible list)")
            .responds(200, "The models", InferenceSchemas.MODELS),
        ctx -> Future.succeededFuture(Reply.ok(list())));
  }

  private JsonObject list() {
    JsonArray data = new JsonArray();
    for (ModelInfo model : catalog.models()) {
      if (model.task() == Task.TABULAR_SCORING) {
        // Plugins score with their tabular models (often one per tenant); no /v1 route serves
        // them, and listing them would show every tenant the others' model ids.
        continue;
      }
      JsonObject entry =
          new JsonObject()
              .put("id", model.id())
              .put("object", "model")
              .put("created", 0)
              .put("owned_by", model.owner())
              .put("task", model.task().name().toLowerCase(Locale.ROOT))
              .put("languages", new JsonArray(List.copyOf(model.languages())))
              .put("max_input_tokens", model.maxInputTokens());
      model.dimensions().ifPresent(d -> entry.put("dimensions", d));
      if (model.task() == Task.GENERATION) {
        entry.put("context_length", model.maxInputTokens());
      }
      data.add(entry);
    }
    return new JsonObject().put("object", "list").put("data", data);
  }
}
