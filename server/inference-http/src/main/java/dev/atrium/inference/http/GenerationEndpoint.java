package dev.atrium.inference.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.http.RequestMeter;
import dev.atrium.plugin.api.inference.ChatMessage;
import dev.atrium.plugin.api.inference.DeadlineExceededException;
import dev.atrium.plugin.api.inference.FinishReason;
import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.Priority;
import dev.atrium.plugin.api.inference.Prompt;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Reply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code /v1/chat/completions} and {@code /v1/completions} do once their request is read: pick
 * the model, reserve the prompt's and the completion's tokens, generate (the whole answer, or
 * streamed as server-sent events), settle the reservations at the tokens used and record the
 * compute time.
 *
 * <p>Metering: {@code generation_input_tokens} is reserved at an upper bound of the prompt (a token
 * per UTF-8 byte plus room for the chat template, at most the model's context), and {@code
 * generation_output_tokens} at {@code max_tokens} (the context when absent), lowered to what the
 * plan's hard limit still allows, so that a tenant near its limit gets a shorter completion (finish
 * reason {@code length}) instead of a refusal; with nothing left it is 402 {@code quota_exceeded}.
 * Both are settled at the counts the model reports. A client that goes away cancels the generation
 * (its slot frees within a token) and, like every request left without an answer, is billed nothing
 * ({@link RequestMeter}). A stream's last chunks and {@code data: [DONE]} are written only once its
 * usage is durable.
 */
final class GenerationEndpoint {
  static final String INPUT_TOKENS = "generation_input_tokens";
  static final String OUTPUT_TOKENS = "generation_output_tokens";

  /** Room for the text a chat template adds around each message, and once for the answer. */
  private static final int TEMPLATE_BYTES = 32;

  private final InferenceClient inference;
  private final GenerationModels models;
  private final MeterRegistry registry;
  private final Duration timeout;

  GenerationEndpoint(
      InferenceClient inference,
      GenerationModels models,
      MeterRegistry registry,
      Duration timeout) {
    this.inference = requireNonNull(inference, "inference is null");
    this.models = requireNonNull(models, "models is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  Future<Reply> run(
      RoutingContext ctx, Prompt prompt, GenerationParameters parameters, CompletionFormat format) {
    Principal principal = Principal.of(ctx);
    ModelInfo model = models.resolve(parameters.model());
    MeteredInference metered = new MeteredInference(inference, RequestMeter.of(ctx), "");
    Promise<Void> clientGone = Promise.promise();
    ctx.addEndHandler(v -> clientGone.tryComplete());
    GenerationRequest request =
        new GenerationRequest(
            principal.tenantId().toString(),
            Optional.of(model.id()),
            prompt,
            parameters.sampling(),
            Priority.NORMAL,
            Instant.now().plus(timeout));
    Completion completion = Completion.start(format, model.id());
    Billed billed = new Billed(metered, model.maxInputTokens(), principal, clientGone.future());
    return parameters.stream()
        ? stream(ctx, request, completion, parameters.includeUsage(), billed)
        : answer(request, completion, billed);
  }

  /** The request's metered inference, its model's context size, its caller and its end. */
  private record Billed(
      MeteredInference inference, long contextTokens, Principal principal, Future<Void> gone) {}

  /**
   * The whole answer; a generation cut by its deadline is 504 {@code deadline_exceeded}, billed
   * nothing.
   */
  private Future<Reply> answer(GenerationRequest request, Completion completion, Billed billed) {
    return billed
        .inference()
        .generate(request, billed.contextTokens(), null, billed.gone())
        .recover(InferenceProblems::recover)
        .compose(
            result -> {
              if (result.finishReason() == FinishReason.DEADLINE) {
                // the 504 answer drops the usage the generation settled
                return InferenceProblems.recover(
                    new DeadlineExceededException(
                        "The generation did not finish before its deadline."));
              }
              count(billed.principal(), result);
              return Future.succeededFuture(Reply.ok(completion.answer(result)));
            });
  }

  /**
   * Streams each token's text as a chunk as it comes (after the opening chunk), then bills the
   * stream and answers its end (the closing chunk, the usage chunk if asked for, {@code [DONE]}),
   * which is written once the usage is committed. A stream cut by its deadline ends like one cut by
   * its token limit: finish reason {@code length}, the tokens sent billed.
   */
  private Future<Reply> stream(
      RoutingContext ctx,
      GenerationRequest request,
      Completion completion,
      boolean includeUsage,
      Billed billed) {
    EventStream events = new EventStream(ctx.response());
    CompletionFormat format = completion.format();
    return billed
        .inference()
        .generate(
            request,
            billed.contextTokens(),
            (text, index) -> {
              if (index == 0 && format.opening() != null) {
                events.send(completion.chunk(format.opening(), includeUsage));
              }
              if (!text.isEmpty()) {
                events.send(completion.chunk(format.piece(text), includeUsage));
              }
            },
            billed.gone())
        .recover(InferenceProblems::recover)
        .map(
            result -> {
              count(billed.principal(), result);
              List<JsonObject> last = new ArrayList<>();
              if (!events.started() && format.opening() != null) {
                last.add(completion.chunk(format.opening(), includeUsage)); // no token came
              }
              String finishReason = Completion.finishReason(result.finishReason());
              last.add(completion.chunk(format.closing(finishReason), includeUsage));
              if (includeUsage) {
                last.add(completion.usageChunk(result));
              }
              return new Reply(200, EventStream.end(last), EventStream.CONTENT_TYPE, Map.of());
            });
  }

  /** Counts the tokens read and written in the metrics (billing is {@link MeteredInference}'s). */
  private void count(Principal principal, GenerationResult result) {
    count(principal, result.modelId(), "prompt", result.promptTokens());
    count(principal, result.modelId(), "completion", result.completionTokens());
  }

  private void count(Principal principal, String model, String kind, int tokens) {
    Counter.builder("atrium.generation.tokens")
        .description(
            "Generation tokens read (prompt) and written (completion), per tenant and model")
        .tag("tenant", principal.tenantId().toString())
        .tag("model", model)
        .tag("kind", kind)
        .register(registry)
        .increment(tokens);
  }

  /**
   * An upper bound of the prompt's tokens: no tokenizer makes more than a token of a UTF-8 byte,
   * and a chat template adds its markers around each message and before the answer.
   */
  static long maxPromptTokens(Prompt prompt) {
    return switch (prompt) {
      case Prompt.Text text -> utf8Bytes(text.text()) + TEMPLATE_BYTES;
      case Prompt.Chat chat ->
          chat.messages().stream().mapToLong(GenerationEndpoint::maxMessageTokens).sum()
              + TEMPLATE_BYTES;
    };
  }

  private static long maxMessageTokens(ChatMessage message) {
    return utf8Bytes(message.content()) + TEMPLATE_BYTES;
  }

  private static long utf8Bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
