package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.InferenceException;
import dev.atrium.plugin.api.inference.Usage;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Completes the caller's promise with a job's outcome, on the caller's Vert.x context when the
 * caller had one (so handlers run on its event loop), else directly on the pool thread.
 */
final class ContextListener<O, R> implements JobListener<O> {

  private final Context context;
  private final Promise<R> promise;
  private final BiFunction<List<O>, Usage, R> toResult;

  /**
   * @param context the caller's context, or null outside Vert.x
   */
  ContextListener(Context context, Promise<R> promise, BiFunction<List<O>, Usage, R> toResult) {
    this.context = context;
    this.promise = requireNonNull(promise, "promise is null");
    this.toResult = requireNonNull(toResult, "toResult is null");
  }

  @Override
  public void succeeded(List<O> outputs, Usage usage) {
    R result = toResult.apply(outputs, usage);
    run(() -> promise.complete(result));
  }

  @Override
  public void failed(InferenceException failure) {
    run(() -> promise.fail(failure));
  }

  private void run(Runnable completion) {
    OnContext.run(context, completion);
  }
}
