package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.http.RequestMeter;
import dev.atrium.inference.http.MeteredInference;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.InferenceRequest;
import dev.atrium.plugin.api.inference.InferenceResult;
import dev.atrium.plugin.api.inference.TabularRequest;
import dev.atrium.plugin.api.inference.TokenListener;
import dev.atrium.plugin.api.inference.Usage;
import dev.atrium.shared.Problem;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One call of a plugin route as the host's services see it: the plugin, the request, its {@link
 * RequestMeter} and a Vert.x context of its own. The plugin's handler runs with that context
 * current, so the futures the host's services hand it complete on it and their callbacks run on it
 * too; the host finds this scope by that context ({@link PluginServices#current}), so the plugin's
 * {@link InferenceClient}, usage meter and knowledge bases find the request to bill wherever in the
 * call they are used. A text embedded twice in one request (a question searched, classified and
 * scored) is computed and billed once.
 */
final class RequestScope {
  private final String pluginId;
  private final PluginRequest request;
  private final RequestMeter meter;
  private final InferenceClient pool;
  private final MeteredInference metered;
  private final ContextInternal context;
  private final Map<Text, Future<Vector>> embedded = new ConcurrentHashMap<>();
  private final List<Future<?>> usage = new CopyOnWriteArrayList<>();

  RequestScope(
      String pluginId,
      PluginRequest request,
      RequestMeter meter,
      InferenceClient pool,
      Context requestContext) {
    this.pluginId = requireNonNull(pluginId, "pluginId is null");
    this.request = requireNonNull(request, "request is null");
    this.meter = requireNonNull(meter, "meter is null");
    this.pool = requireNonNull(pool, "pool is null");
    this.metered = new MeteredInference(pool, meter, pluginId);
    this.context = ((ContextInternal) requestContext).duplicate();
  }

  /** The request's own context, a duplicate of the one that accepted it. */
  Context context() {
    return context;
  }

  PluginRequest request() {
    return request;
  }

  String pluginId() {
    return pluginId;
  }

  RequestMeter meter() {
    return meter;
  }

  /** Until the request is over, work for its own tenant is billed to it. */
  boolean bills(String tenantId) {
    return isOpen() && request.tenantId().equals(tenantId);
  }

  boolean isOpen() {
    return !request.done().isComplete();
  }

  /**
   * Keeps {@code recording}, a usage record the plugin made during the call, so the answer waits
   * for it ({@link #usageRecorded}) even when the plugin does not: the first record of a meter in a
   * process declares the meter in the database first, and a call answered before that finished
   * would otherwise commit its usage without it.
   */
  <T> Future<T> recording(Future<T> recording) {
    usage.add(recording);
    return recording;
  }

  /**
   * Completes once every usage record the plugin made so far is part of the request's usage; fails
   * with 503 {@code usage_not_recorded} if one could not be made, so the call is answered with an
   * error and billed nothing rather than answered and not billed.
   */
  Future<Void> usageRecorded() {
    return Future.all(List.copyOf(usage))
        .<Void>mapEmpty()
        .recover(
            failure ->
                Future.failedFuture(
                    Problem.unavailable(
                        "usage_not_recorded",
                        "The usage of this plugin call could not be recorded; retry it with the"
                            + " same Idempotency-Key after Retry-After seconds.",
                        2)));
  }

  /** Runs {@code work} on the calling thread with this request's context current. */
  void run(Runnable work) {
    context.dispatch(work);
  }

  /** {@code future}, completing on this request's context. */
  <T> Future<T> onContext(Future<T> future) {
    Promise<T> promise = context.promise();
    future.onComplete(promise);
    return promise.future();
  }

  /** Runs {@code request} on the pool, billed to this request; cancelled when it ends. */
  @SuppressWarnings("unchecked")
  <R extends InferenceResult> Future<R> submit(InferenceRequest<R> work, Future<?> cancelWhen) {
    Future<?> cancel = either(cancelWhen);
    Future<? extends InferenceResult> run =
        switch (work) {
          case EmbeddingRequest embedding -> embed(embedding, cancel);
          case GenerationRequest generation ->
              metered.generate(generation, Long.MAX_VALUE, null, cancel);
          case TabularRequest tabular -> pool.submit(tabular, cancel);
        };
    return onContext((Future<R>) run);
  }

  /** Streams a generation billed to this request; cancelled when it ends. */
  Future<GenerationResult> stream(
      GenerationRequest generation, TokenListener onToken, Future<?> cancelWhen) {
    return onContext(metered.generate(generation, Long.MAX_VALUE, onToken, either(cancelWhen)));
  }

  /**
   * Embeds the texts of {@code request} this request has not embedded yet (or is embedding) as one
   * billed batch and answers every text's vector; when the texts' vectors come from different
   * models (the pool picks one by language), the whole request is embedded and billed again.
   */
  private Future<EmbeddingResult> embed(EmbeddingRequest request, Future<?> cancel) {
    Promise<EmbeddingResult> batch = Promise.promise();
    List<String> fresh = new ArrayList<>();
    List<Future<Vector>> vectors = new ArrayList<>();
    synchronized (embedded) {
      for (String text : request.inputs()) {
        vectors.add(
            embedded.computeIfAbsent(
                new Text(request.modelId(), text),
                key -> {
                  int index = fresh.size();
                  fresh.add(text);
                  return batch.future().map(r -> new Vector(r.modelId(), r.vectors().get(index)));
                }));
      }
    }
    if (fresh.isEmpty()) {
      batch.complete(null); // nothing new: every vector is already computed or on its way
    } else {
      metered
          .embed(
              new EmbeddingRequest(
                  request.tenantId(),
                  request.modelId(),
                  fresh,
                  request.priority(),
                  request.deadline()),
              cancel)
          .onFailure(failure -> fresh.forEach(t -> embedded.remove(new Text(request.modelId(), t))))
          .onComplete(batch);
    }
    return Future.all(vectors)
        .compose(
            all -> {
              List<Vector> found = all.list();
              String model = found.get(0).modelId();
              if (found.stream().anyMatch(v -> !v.modelId().equals(model))) {
                return metered.embed(request, cancel);
              }
              Usage usage =
                  fresh.isEmpty() ? new Usage(0, 0, 0, "cached") : batch.future().result().usage();
              return Future.succeededFuture(
                  new EmbeddingResult(model, found.stream().map(Vector::values).toList(), usage));
            });
  }

  /** Completes when {@code cancelWhen} does or the request ends, whichever comes first. */
  private Future<Void> either(Future<?> cancelWhen) {
    Promise<Void> either = Promise.promise();
    cancelWhen.onComplete(x -> either.tryComplete());
    request.done().onComplete(x -> either.tryComplete());
    return either.future();
  }

  private record Text(Optional<String> modelId, String text) {}

  private record Vector(String modelId, float[] values) {}
}
