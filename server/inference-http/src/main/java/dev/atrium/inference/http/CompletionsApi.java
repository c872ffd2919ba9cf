package dev.atrium.inference.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.plugin.api.inference.Prompt;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/completions}, OpenAI's legacy text completion: a {@code prompt} (a string, or an
 * array of one string) continued as it is, with no chat template; one {@code text_completion} out,
 * or a stream of them. See docs/api.md.
 */
final class CompletionsApi {
  private static final Set<String> FIELDS = fields();

  private final GenerationEndpoint endpoint;

  CompletionsApi(GenerationEndpoint endpoint) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
  }

  void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.POST,
        "/v1/completions",
        Access.apiKey(GenerationApis.SCOPE),
        GenerationApis.document(
            Operation.of(GenerationApis.TAG, "Create a text completion (OpenAI-compatible)")
                .body(GenerationSchemas.completionRequest()),
            InferenceSchemas.TEXT_COMPLETION),
        this::complete);
  }

  private Future<Reply> complete(RoutingContext ctx) {
    JsonBody body = JsonBody.parse(ctx, FIELDS);
    OpenAiExtras.COMPLETIONS.check(body);
    Prompt prompt = Prompt.text(prompt(body.raw("prompt")));
    return endpoint.run(ctx, prompt, GenerationParameters.parse(body), CompletionFormat.TEXT);
  }

  private static String prompt(Object value) {
    List<?> items = value instanceof JsonArray array ? array.getList() : List.of(value);
    if (items.isEmpty()) {
      throw Problem.badRequest("invalid_field", "Field 'prompt' must not be an empty array.");
    }
    if (items.size() > 1 && items.stream().allMatch(String.class::isInstance)) {
      throw Problem.badRequest(
          "unsupported_parameter",
          "Field 'prompt' holds " + items.size() + " prompts: send one prompt per request.");
    }
    Object single = items.size() == 1 ? items.get(0) : value;
    if (single instanceof Number || single instanceof JsonArray) {
      throw Problem.badRequest(
          "unsupported_input",
          "Token-id prompts are not supported: send text (each model uses its own tokenizer).");
    }
    if (!(single instanceof String text) || text.isEmpty()) {
      throw Problem.badRequest("invalid_field", "Field 'prompt' is required: a non-empty string.");
    }
    return text;
  }

  private static Set<String> fields() {
    Set<String> fields = new HashSet<>(GenerationParameters.FIELDS);
    fields.addAll(OpenAiExtras.COMPLETIONS.fields());
    fields.add("prompt");
    return Set.copyOf(fields);
  }
}
