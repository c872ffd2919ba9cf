package dev.atrium.inference.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.plugin.api.inference.Prompt;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible: a conversation ({@link ChatMessages}) and
 * the shared generation parameters ({@link GenerationParameters}) in, one {@code chat.completion}
 * out, or a stream of {@code chat.completion.chunk}s. See docs/api.md.
 */
final class ChatCompletionsApi {
  private static final Set<String> FIELDS = fields();

  private final GenerationEndpoint endpoint;

  ChatCompletionsApi(GenerationEndpoint endpoint) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
  }

  void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.POST,
        "/v1/chat/completions",
        Access.apiKey(GenerationApis.SCOPE),
        GenerationApis.document(
            Operation.of(GenerationApis.TAG, "Create a chat completion (OpenAI-compatible)")
                .body(GenerationSchemas.chatRequest()),
            InferenceSchemas.CHAT_COMPLETION),
        this::complete);
  }

  private Future<Reply> complete(RoutingContext ctx) {
    JsonBody body = JsonBody.parse(ctx, FIELDS);
    OpenAiExtras.CHAT.check(body);
    Prompt prompt = Prompt.chat(ChatMessages.parse(body.raw("messages")));
    return endpoint.run(ctx, prompt, GenerationParameters.parse(body), CompletionFormat.CHAT);
  }

  private static Set<String> fields() {
    Set<String> fields = new HashSet<>(GenerationParameters.FIELDS);
    fields.addAll(OpenAiExtras.CHAT.fields());
    fields.add("messages");
    fields.add("max_completion_tokens");
    return Set.copyOf(fields);
  }
}
