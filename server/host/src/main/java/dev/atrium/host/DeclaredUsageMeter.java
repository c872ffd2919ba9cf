package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.UsageMeter;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A plugin's {@link UsageMeter}: only its declared meters. Usage for the tenant of the request
 * being served ({@link RequestScope}) is committed with that request's one usage entry, under a key
 * derived from the request (the plugin's own key is not needed: a retry of the request bills once),
 * and not at all if the request is answered with an error; the request's answer waits for it even
 * when the plugin does not ({@link RequestScope#recording}). Other usage (background jobs) goes to
 * the {@link UsageSink} under the plugin's key.
 */
final class DeclaredUsageMeter implements UsageMeter {
  private final String pluginId;
  private final Supplier<Set<String>> declared;
  private final UsageSink sink;
  private final Supplier<Optional<RequestScope>> scope;

  /**
   * {@code declared} (the meters' names) is read on use: the plugin declares its meters after
   * construction; {@code scope} is the request to bill (the current one, or a fixed one).
   */
  DeclaredUsageMeter(
      String pluginId,
      Supplier<Set<String>> declared,
      UsageSink sink,
      Supplier<Optional<RequestScope>> scope) {
    this.pluginId = requireNonNull(pluginId, "pluginId is null");
    this.declared = requireNonNull(declared, "declared is null");
    this.sink = requireNonNull(sink, "sink is null");
    this.scope = requireNonNull(scope, "scope is null");
  }

  @Override
  public Future<Void> record(String tenantId, String meter, long quantity, String idempotencyKey) {
    Set<String> names = declared.get();
    if (!names.contains(meter)) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "meter '" + meter + "' is not declared by plugin '" + pluginId + "': " + names));
    }
    if (quantity < 0) {
      return Future.failedFuture(new IllegalArgumentException("quantity must not be negative"));
    }
    Optional<RequestScope> request = scope.get().filter(s -> s.bills(tenantId));
    if (request.isPresent()) {
      RequestScope s = request.get();
      return s.onContext(
          s.recording(
              sink.declare(pluginId, meter)
                  .map(
                      v -> {
                        s.meter().record(pluginId + "." + meter, quantity, pluginId, "");
                        return null;
                      })));
    }
    return sink.record(
        new PluginUsage(
            pluginId,
            UUID.fromString(tenantId),
            meter,
            quantity,
            requireNonNull(idempotencyKey, "idempotencyKey is null"),
            Instant.now()));
  }
}
