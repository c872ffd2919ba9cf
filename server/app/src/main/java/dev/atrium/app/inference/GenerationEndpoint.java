package dev.atrium.app.inference;

import static java.util.Objects.requireNonNull;

import dev.atrium.app.auth.Principal;
import dev.atrium.app.billing.RequestMeter;
import dev.atrium.app.http.Reply;
import dev.atrium.billing.Reservation;
import dev.atrium.plugin.api.inference.ChatMessage;
import dev.atrium.plugin.api.inference.DeadlineExceededException;
import dev.atrium.plugin.api.inference.FinishReason;
import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.Priority;
import dev.atrium.plugin.api.inference.Prompt;
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

  /** Whose request it is, and its prompt's and completion's token reservations. */
  private record Holds(
      Principal principal, RequestMeter meter, Reservation input, Reservation output) {
    void release() {
      meter.release(input);
      meter.release(output);
    }

    /** Releases both and fails with the problem {@code failure} maps to. */
    <T> Future<T> fail(Throwable failure) {
      release();
      return InferenceProblems.recover(failure);
    }
  }

  Future<Reply> run(
      RoutingContext ctx, Prompt prompt, GenerationParameters parameters, CompletionFormat format) {
    Principal principal = Principal.of(ctx);
    ModelInfo model = models.resolve(parameters.model());
    RequestMeter meter = RequestMeter.of(ctx);
    Promise<Void> clientGone = Promise.promise();
    ctx.addEndHandler(v -> clientGone.tryComplete());
    int context = model.maxInputTokens();
    return meter
        .reserve(INPUT_TOKENS, Math.min(maxPromptTokens(prompt), context))
        .compose(
            input ->
                meter
                    .reserveUpTo(
                        OUTPUT_TOKENS, Math.min(parameters.sampling().maxTokens(), context))
                    .onFailure(e -> meter.release(input))
                    .map(output -> new Holds(principal, meter, input, output)))
        .compose(
            holds -> {
              GenerationRequest request =
                  new GenerationRequest(
                      principal.tenantId().toString(),
                      Optional.of(model.id()),
                      prompt,
                      parameters.sampling().withMaxTokens(Math.toIntExact(holds.output().held())),
                      Priority.NORMAL,
                      Instant.now().plus(timeout));
              Completion completion = Completion.start(format, model.id());
              return parameters.stream()
                  ? stream(ctx, request, completion, parameters.includeUsage(), holds, clientGone)
                  : answer(request, completion, holds, clientGone);
            });
  }

  /**
   * The whole answer; a generation cut by its deadline is 504 {@code deadline_exceeded}, billed
   * nothing.
   */
  private Future<Reply> answer(
      GenerationRequest request, Completion completion, Holds holds, Promise<Void> clientGone) {
    return inference
        .generate(request, clientGone.future())
        .recover(holds::fail)
        .compose(
            result -> {
              if (result.finishReason() == FinishReason.DEADLINE) {
                return holds.fail(
                    new DeadlineExceededException(
                        "The generation did not finish before its deadline."));
              }
              bill(holds, result);
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
      Holds holds,
      Promise<Void> clientGone) {
    EventStream events = new EventStream(ctx.response());
    CompletionFormat format = completion.format();
    return inference.stream(
            request,
            (text, index) -> {
              if (index == 0 && format.opening() != null) {
                events.send(completion.chunk(format.opening(), includeUsage));
              }
              if (!text.isEmpty()) {
                events.send(completion.chunk(format.piece(text), includeUsage));
              }
            },
            clientGone.future())
        .recover(holds::fail)
        .map(
            result -> {
              bill(holds, result);
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

  /** Settles both reservations at the tokens used and records the compute time. */
  private void bill(Holds holds, GenerationResult result) {
    RequestMeter meter = holds.meter();
    meter.settle(holds.input(), result.promptTokens(), "", result.modelId());
    meter.settle(holds.output(), result.completionTokens(), "", result.modelId());
    ComputeTime.record(meter, result.usage(), result.modelId());
    count(holds.principal(), result.modelId(), "prompt", result.promptTokens());
    count(holds.principal(), result.modelId(), "completion", result.completionTokens());
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
