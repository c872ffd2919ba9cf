package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.InferenceRequest;
import dev.atrium.plugin.api.inference.InferenceResult;
import dev.atrium.plugin.api.inference.TokenListener;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A plugin's {@link InferenceClient}: work for the tenant of the request being served is billed to
 * that request ({@link RequestScope}); work outside a request (background jobs) or for another
 * tenant goes to the pool as it is.
 */
final class PluginInference implements InferenceClient {
  private final InferenceClient pool;
  private final Supplier<Optional<RequestScope>> scope;

  /**
   * @param scope the request to bill: the one current on the calling context, or a fixed one
   */
  PluginInference(InferenceClient pool, Supplier<Optional<RequestScope>> scope) {
    this.pool = requireNonNull(pool, "pool is null");
    this.scope = requireNonNull(scope, "scope is null");
  }

  @Override
  public <R extends InferenceResult> Future<R> submit(
      InferenceRequest<R> request, Future<?> cancelWhen) {
    return billing(request)
        .map(s -> s.submit(request, cancelWhen))
        .orElseGet(() -> pool.submit(request, cancelWhen));
  }

  @Override
  public Future<GenerationResult> stream(
      GenerationRequest request, TokenListener onToken, Future<?> cancelWhen) {
    return billing(request)
        .map(s -> s.stream(request, onToken, cancelWhen))
        .orElseGet(() -> pool.stream(request, onToken, cancelWhen));
  }

  private Optional<RequestScope> billing(InferenceRequest<?> request) {
    return scope.get().filter(s -> s.bills(request.tenantId()));
  }
}
