package dev.atrium.inference.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Reservation;
import dev.atrium.billing.http.RequestMeter;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.TokenListener;
import io.vertx.core.Future;
import java.util.List;

/**
 * Inference billed to one request, the same way whether a platform route or a plugin asks for it:
 * the most the work may cost is reserved on the request's {@link RequestMeter} before it is queued
 * (402 {@code quota_exceeded} past the plan's hard limit), settled at what the model reports when
 * it is done (with the compute time), and let go if it fails. What is settled is committed with the
 * request's one usage entry, or dropped with everything else if the request is answered with an
 * error.
 */
public final class MeteredInference {
  static final String EMBEDDING_TOKENS = "embedding_tokens";

  /** No bundled or configurable embedding model reads more than this per input. */
  private static final long MAX_EMBEDDING_TOKENS = 8192;

  private final InferenceClient pool;
  private final RequestMeter meter;
  private final String plugin;

  /**
   * @param plugin the plugin the usage is billed to, or empty for the platform's own routes
   */
  public MeteredInference(InferenceClient pool, RequestMeter meter, String plugin) {
    this.pool = requireNonNull(pool, "pool is null");
    this.meter = requireNonNull(meter, "meter is null");
    this.plugin = requireNonNull(plugin, "plugin is null");
  }

  /** Embeds {@code request}, billed on {@code embedding_tokens}. */
  public Future<EmbeddingResult> embed(EmbeddingRequest request, Future<?> cancelWhen) {
    return meter
        .reserve(EMBEDDING_TOKENS, maxEmbeddingTokens(request.inputs()))
        .compose(
            reservation ->
                pool.submit(request, cancelWhen)
                    .onFailure(failure -> meter.release(reservation))
                    .onSuccess(
                        result -> {
                          meter.settle(
                              reservation, result.usage().tokens(), plugin, result.modelId());
                          ComputeTime.record(meter, result.usage(), result.modelId(), plugin);
                        }));
  }

  /**
   * Generates (streaming each token to {@code onToken} when it is not null), billed on {@code
   * generation_input_tokens} and {@code generation_output_tokens}: the prompt is held at an upper
   * bound of its tokens, the completion at as much of its token limit as the plan still allows (the
   * request's limit is lowered to that), both at most {@code contextTokens}.
   */
  public Future<GenerationResult> generate(
      GenerationRequest request, long contextTokens, TokenListener onToken, Future<?> cancelWhen) {
    long prompt = Math.min(GenerationEndpoint.maxPromptTokens(request.prompt()), contextTokens);
    long completion = Math.min(request.sampling().maxTokens(), contextTokens);
    return meter
        .reserve(GenerationEndpoint.INPUT_TOKENS, prompt)
        .compose(
            input ->
                meter
                    .reserveUpTo(GenerationEndpoint.OUTPUT_TOKENS, completion)
                    .onFailure(e -> meter.release(input))
                    .compose(
                        output -> {
                          GenerationRequest held =
                              new GenerationRequest(
                                  request.tenantId(),
                                  request.modelId(),
                                  request.prompt(),
                                  request.sampling().withMaxTokens(Math.toIntExact(output.held())),
                                  request.priority(),
                                  request.deadline());
                          Future<GenerationResult> run =
                              onToken == null
                                  ? pool.generate(held, cancelWhen)
                                  : pool.stream(held, onToken, cancelWhen);
                          return run.onFailure(failure -> release(input, output))
                              .onSuccess(result -> settle(input, output, result));
                        }));
  }

  private void release(Reservation input, Reservation output) {
    meter.release(input);
    meter.release(output);
  }

  private void settle(Reservation input, Reservation output, GenerationResult result) {
    meter.settle(input, result.promptTokens(), plugin, result.modelId());
    meter.settle(output, result.completionTokens(), plugin, result.modelId());
    ComputeTime.record(meter, result.usage(), result.modelId(), plugin);
  }

  /** An upper bound of the tokens {@code inputs} can cost: a token per character, plus markers. */
  static long maxEmbeddingTokens(List<String> inputs) {
    return inputs.stream()
        .mapToLong(text -> Math.min(text.length() + 2L, MAX_EMBEDDING_TOKENS))
        .sum();
  }
}
