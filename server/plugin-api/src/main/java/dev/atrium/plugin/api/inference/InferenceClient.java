package dev.atrium.plugin.api.inference;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Runs models on the shared inference pool. Never blocks: every call returns at once with a future
 * that completes on the caller's Vert.x context (or on a pool thread when called from outside
 * Vert.x).
 *
 * <p>A future fails with an {@link InferenceException}: {@link PoolFullException} (the model's
 * queue is full: HTTP 503), {@link TenantOverShareException} (this tenant holds more than its share
 * of a busy queue: HTTP 429), {@link DeadlineExceededException}, {@link ModelNotFoundException},
 * {@link InvalidInputException}, {@link InferenceCancelledException}, {@link
 * InferenceFailedException} or {@link PoolShutdownException}.
 */
public interface InferenceClient {

  /**
   * Queues a request; when {@code cancelWhen} completes (either way) before the request reaches a
   * batch, the request is dropped uncomputed and fails with {@link InferenceCancelledException}.
   */
  <R extends InferenceResult> Future<R> submit(InferenceRequest<R> request, Future<?> cancelWhen);

  /** Queues a request that is never cancelled (it still has its deadline). */
  default <R extends InferenceResult> Future<R> submit(InferenceRequest<R> request) {
    return submit(request, Promise.promise().future());
  }

  /** Shorthand for {@code submit(request)} with an embedding request. */
  default Future<EmbeddingResult> embed(EmbeddingRequest request) {
    return submit(request);
  }

  /** Shorthand for {@code submit(request)} with a tabular request. Since SDK 1.5.0. */
  default Future<TabularResult> score(TabularRequest request) {
    return submit(request);
  }

  /**
   * Generates text and answers it whole. Shorthand for {@code submit(request, cancelWhen)}: a
   * request still waiting when {@code cancelWhen} completes fails with {@link
   * InferenceCancelledException}; one already generating stops within a token and succeeds with
   * {@link FinishReason#CANCELLED} and the text so far. Fails with {@link
   * ContextLengthExceededException} when the prompt does not fit the model's context.
   */
  default Future<GenerationResult> generate(GenerationRequest request, Future<?> cancelWhen) {
    return submit(request, cancelWhen);
  }

  /** {@link #generate(GenerationRequest, Future)} that is never cancelled. */
  default Future<GenerationResult> generate(GenerationRequest request) {
    return submit(request);
  }

  /**
   * Generates text and hands each token's text to {@code onToken} as it is produced; the future
   * completes with the whole result after the last token. Cancellation and failures as for {@link
   * #generate(GenerationRequest, Future)}. Since SDK 1.3.0; a client that cannot stream fails the
   * future.
   */
  default Future<GenerationResult> stream(
      GenerationRequest request, TokenListener onToken, Future<?> cancelWhen) {
    return Future.failedFuture(
        new InferenceFailedException("this inference client cannot stream generation", null));
  }
}
