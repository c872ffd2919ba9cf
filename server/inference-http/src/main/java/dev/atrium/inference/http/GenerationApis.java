package dev.atrium.inference.http;

import dev.atrium.http.ApiRoutes;
import dev.atrium.http.Operation;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.ModelCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;

/**
 * The OpenAI-compatible generation API: {@link ChatCompletionsApi} and {@link CompletionsApi} on
 * one {@link GenerationEndpoint}. API keys need the scope {@code generation} (or {@code *}).
 */
public final class GenerationApis {
  static final String SCOPE = "generation";
  static final String TAG = "Inference";

  private final GenerationEndpoint endpoint;

  /**
   * @param defaultModel the catalog's {@code default_generation_model}, if it names one
   * @param timeout the deadline of each request: a whole answer not finished by then is 504, a
   *     stream ends there with finish reason {@code length}
   */
  public GenerationApis(
      InferenceClient inference,
      ModelCatalog catalog,
      Optional<String> defaultModel,
      MeterRegistry registry,
      Duration timeout) {
    this.endpoint =
        new GenerationEndpoint(
            inference, new GenerationModels(catalog, defaultModel), registry, timeout);
  }

  public void mount(ApiRoutes routes) {
    new ChatCompletionsApi(endpoint).mount(routes);
    new CompletionsApi(endpoint).mount(routes);
  }

  /** The responses both endpoints document besides 200. */
  static Operation document(Operation operation, JsonObject completion) {
    return operation
        .responds(200, "The completion", completion)
        .responds(
            200,
            "With \"stream\": true, server-sent chunks ending with data: [DONE]",
            "text/event-stream",
            InferenceSchemas.EVENT_STREAM)
        .responds(402, "The plan's hard limit of generation tokens is reached")
        .responds(404, "Unknown model")
        .responds(429, "Over the tenant's fair share of the pool: retry after Retry-After")
        .responds(503, "The pool is full: retry after Retry-After")
        .responds(504, "Not finished before the deadline");
  }
}
