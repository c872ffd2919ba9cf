package dev.atrium.plugins.tutoring;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous work one at a time per key, so two answers of the same learner never read the
 * same state and lose one another's update.
 */
final class KeyedSequencer {
  private final Map<String, Future<?>> tails = new ConcurrentHashMap<>();

  <T> Future<T> run(String key, Supplier<Future<T>> work) {
    Future<T>[] mine = new Future[1];
    tails.compute(
        key,
        (k, tail) -> {
          Future<T> next =
              tail == null
                  ? Future.<Void>succeededFuture().compose(v -> work.get())
                  : tail.transform(previous -> work.get());
          mine[0] = next;
          return next;
        });
    mine[0].onComplete(done -> tails.remove(key, mine[0]));
    return mine[0];
  }
}
