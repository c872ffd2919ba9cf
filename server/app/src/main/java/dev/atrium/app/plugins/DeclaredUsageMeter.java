package dev.atrium.app.plugins;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.UsageMeter;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** A plugin's {@link UsageMeter}: only its declared meters, passed on to the {@link UsageSink}. */
final class DeclaredUsageMeter implements UsageMeter {
  private final String pluginId;
  private final Supplier<List<MeterDefinition>> declared;
  private final UsageSink sink;

  /** {@code declared} is read on use: the plugin declares its meters after construction. */
  DeclaredUsageMeter(String pluginId, Supplier<List<MeterDefinition>> declared, UsageSink sink) {
    this.pluginId = requireNonNull(pluginId, "pluginId is null");
    this.declared = requireNonNull(declared, "declared is null");
    this.sink = requireNonNull(sink, "sink is null");
  }

  @Override
  public Future<Void> record(String tenantId, String meter, long quantity, String idempotencyKey) {
    Set<String> names =
        declared.get().stream().map(MeterDefinition::name).collect(Collectors.toSet());
    if (!names.contains(meter)) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "meter '" + meter + "' is not declared by plugin '" + pluginId + "': " + names));
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
