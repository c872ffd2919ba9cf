package dev.atrium.plugins.content;

import io.vertx.core.Future;
import java.util.concurrent.CompletionException;

/**
 * Waits for a future on a route's or job's own virtual thread (where blocking is allowed), and
 * rethrows its failure as it is.
 */
final class Await {
  private Await() {}

  static <T> T result(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }
}
