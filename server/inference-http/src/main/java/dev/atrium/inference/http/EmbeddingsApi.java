package dev.atrium.inference.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.http.RequestMeter;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.Priority;
import dev.atrium.plugin.api.inference.Task;
import dev.atrium.plugin.api.inference.Usage;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The OpenAI-compatible embeddings API, {@code POST /v1/embeddings}, so existing OpenAI clients
 * work unchanged. Supports {@code input} as a string or an array of strings, {@code model} (chosen
 * by language when absent), {@code encoding_format} {@code float} or {@code base64}, {@code
 * dimensions} (truncate and re-normalise) and {@code user}.
 */
public final class EmbeddingsApi {
  private static final String TAG = "Inference";

  private static final Set<String> FIELDS =
      Set.of("input", "model", "encoding_format", "dimensions", "user");

  private final InferenceClient inference;
  private final ModelCatalog catalog;
  private final MeterRegistry registry;
  private final EmbeddingLimits limits;

  public EmbeddingsApi(
      InferenceClient inference,
      ModelCatalog catalog,
      MeterRegistry registry,
      EmbeddingLimits limits) {
    this.inference = requireNonNull(inference, "inference is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.limits = requireNonNull(limits, "limits is null");
  }

  /** Request limits: inputs per request, characters per input, time allowed. */
  public record EmbeddingLimits(int maxInputs, int maxInputChars, Duration timeout) {}

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.POST,
        "/v1/embeddings",
        Access.apiKey("embeddings"),
        Operation.of(TAG, "Create embeddings (OpenAI-compatible)")
            .body(EmbeddingSchemas.request(limits.maxInputs(), limits.maxInputChars()))
            .responds(
                200, "The embeddings, in the order of the inputs", InferenceSchemas.EMBEDDINGS)
            .responds(404, "Unknown model")
            .responds(429, "Over the tenant's fair share of the pool: retry after Retry-After")
            .responds(503, "The pool is full: retry after Retry-After")
            .responds(504, "Not computed before the deadline"),
        this::embed);
  }

  private Future<Reply> embed(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    JsonBody body = JsonBody.parse(ctx, FIELDS);
    List<String> inputs = inputs(body.raw("input"));
    Optional<String> model = body.optionalString("model", 200);
    String encoding = body.optionalString("encoding_format", 16).orElse("float");
    if (!encoding.equals("float") && !encoding.equals("base64")) {
      throw Problem.badRequest(
          "invalid_field", "Field 'encoding_format' must be 'float' or 'base64'.");
    }
    Optional<Long> dimensions = body.optionalLong("dimensions", 1, 100_000);
    dimensions.ifPresent(d -> checkDimensions(d, model));
    body.optionalString("user", 256);
    EmbeddingRequest request =
        new EmbeddingRequest(
            principal.tenantId().toString(),
            model,
            inputs,
            Priority.NORMAL,
            Instant.now().plus(limits.timeout()));
    Promise<Void> clientGone = Promise.promise();
    ctx.response().closeHandler(v -> clientGone.tryComplete());
    // A vector shorter than 'dimensions' is refused with 400: the request's usage is dropped.
    return new MeteredInference(inference, RequestMeter.of(ctx), "")
        .embed(request, clientGone.future())
        .recover(InferenceProblems::recover)
        .map(result -> Reply.ok(response(result, encoding, dimensions, principal)));
  }

  /**
   * Refuses {@code dimensions} longer than the named model's vectors, or than every served
   * embedding model's when the model is chosen by language, before anything is computed or billed.
   */
  private void checkDimensions(long dimensions, Optional<String> model) {
    List<ModelInfo> candidates =
        model
            .map(id -> catalog.model(id).stream().toList())
            .orElseGet(
                () -> catalog.models().stream().filter(m -> m.task() == Task.EMBEDDING).toList());
    OptionalInt longest =
        candidates.stream()
            .map(ModelInfo::dimensions)
            .filter(OptionalInt::isPresent)
            .mapToInt(OptionalInt::getAsInt)
            .max();
    if (longest.isPresent() && dimensions > longest.getAsInt()) {
      throw Problem.badRequest(
          "invalid_field",
          "Field 'dimensions' must be at most "
              + longest.getAsInt()
              + model.map(id -> " for model '" + id + "'").orElse(" for the served models")
              + ".");
    }
  }

  private JsonObject response(
      EmbeddingResult result, String encoding, Optional<Long> dimensions, Principal principal) {
    JsonArray data = new JsonArray();
    int index = 0;
    for (float[] vector : result.vectors()) {
      if (dimensions.isPresent() && dimensions.get() > vector.length) {
        throw Problem.badRequest(
            "invalid_field",
            "Field 'dimensions' must be at most "
                + vector.length
                + " for model '"
                + result.modelId()
                + "'.");
      }
      float[] shaped = dimensions.map(d -> Vectors.truncate(vector, d.intValue())).orElse(vector);
      data.add(
          new JsonObject()
              .put("object", "embedding")
              .put("index", index++)
              .put(
                  "embedding",
                  encoding.equals("base64") ? Vectors.base64(shaped) : Vectors.json(shaped)));
    }
    Usage usage = result.usage();
    Counter.builder("atrium.embedding.tokens")
        .description("Embedding tokens computed, per model (and tenant with metrics.tenant-labels)")
        .tag("tenant", principal.tenantId().toString())
        .tag("model", result.modelId())
        .register(registry)
        .increment(usage.tokens());
    return new JsonObject()
        .put("object", "list")
        .put("data", data)
        .put("model", result.modelId())
        .put(
            "usage",
            new JsonObject()
                .put("prompt_tokens", usage.tokens())
                .put("total_tokens", usage.tokens())
                .put("items", usage.items())
                .put("compute_ms", usage.computeMillis())
                .put("device", usage.device()));
  }

  private List<String> inputs(Object input) {
    List<Object> items;
    if (input instanceof String text) {
      items = List.of(text);
    } else if (input instanceof JsonArray array) {
      items = array.getList();
    } else {
      throw Problem.badRequest(
          "invalid_field", "Field 'input' is required: a string or an array of strings.");
    }
    if (items.isEmpty()) {
      throw Problem.badRequest("invalid_field", "Field 'input' must not be an empty array.");
    }
    if (items.size() > limits.maxInputs()) {
      throw Problem.badRequest(
          "too_many_inputs",
          "At most " + limits.maxInputs() + " inputs per request; got " + items.size() + ".");
    }
    List<String> texts = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      if (item instanceof Number || item instanceof JsonArray || item instanceof List<?>) {
        throw Problem.badRequest(
            "unsupported_input",
            "Token-id input is not supported: send text (the models here use their own tokenizers).");
      }
      if (!(item instanceof String text)) {
        throw Problem.badRequest("invalid_field", "input[" + i + "] must be a string.");
      }
      if (text.isBlank()) {
        throw Problem.badRequest("invalid_field", "input[" + i + "] must not be empty.");
      }
      if (text.length() > limits.maxInputChars()) {
        throw Problem.badRequest(
            "input_too_long",
            "input["
                + i
                + "] has "
                + text.length()
                + " characters; the limit is "
                + limits.maxInputChars()
                + ".");
      }
      texts.add(text);
    }
    return texts;
  }
}
