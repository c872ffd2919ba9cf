package dev.atrium.inference.http;

import dev.atrium.plugin.api.inference.CapacityExceededException;
import dev.atrium.plugin.api.inference.ContextLengthExceededException;
import dev.atrium.plugin.api.inference.DeadlineExceededException;
import dev.atrium.plugin.api.inference.InferenceCancelledException;
import dev.atrium.plugin.api.inference.InvalidInputException;
import dev.atrium.plugin.api.inference.ModelNotFoundException;
import dev.atrium.plugin.api.inference.PoolFullException;
import dev.atrium.plugin.api.inference.PoolShutdownException;
import dev.atrium.plugin.api.inference.TenantOverShareException;
import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import java.util.Map;

/**
 * Maps the inference pool's typed failures to HTTP problems: a full pool is 503, a tenant over its
 * fair share 429 (both with Retry-After), a missed deadline 504, an unknown model 404, bad input
 * and a prompt longer than the model's context 400, a request its client gave up on 499 (nobody
 * reads it; it keeps such requests out of the error log). Anything else stays a failure for the
 * generic 500 handler.
 */
public final class InferenceProblems {
  private InferenceProblems() {}

  public static <T> Future<T> recover(Throwable failure) {
    return Future.failedFuture(toProblem(failure));
  }

  static Throwable toProblem(Throwable failure) {
    if (failure instanceof CapacityExceededException capacity) {
      long seconds = Math.max(1, (capacity.retryAfter().toMillis() + 999) / 1000);
      Map<String, String> retry = Map.of("Retry-After", Long.toString(seconds));
      if (capacity instanceof TenantOverShareException) {
        return new Problem(
            429,
            "tenant_over_share",
            "Your requests hold more than your fair share of the '"
                + capacity.modelId()
                + "' pool; retry after "
                + seconds
                + " s.",
            retry);
      }
      if (capacity instanceof PoolFullException) {
        return new Problem(
            503,
            "pool_full",
            "The '" + capacity.modelId() + "' pool is full; retry after " + seconds + " s.",
            retry);
      }
    }
    return switch (failure) {
      case PoolShutdownException e ->
          new Problem(
              503,
              "shutting_down",
              "The server is shutting down; retry on another replica.",
              Map.of("Retry-After", "1"));
      case DeadlineExceededException e ->
          new Problem(
              504, "deadline_exceeded", "The request could not be computed before its deadline.");
      case ModelNotFoundException e -> new Problem(404, "model_not_found", e.getMessage());
      case ContextLengthExceededException e ->
          Problem.badRequest("context_length_exceeded", e.getMessage());
      case InferenceCancelledException e ->
          new Problem(499, "client_closed_request", "The client closed the request.");
      case InvalidInputException e -> Problem.badRequest("invalid_input", e.getMessage());
      default -> failure;
    };
  }
}
