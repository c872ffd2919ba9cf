package dev.atrium.plugin.testkit;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.UsageMeter;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link UsageMeter} that keeps what was metered, with the host's rules: only the plugin's
 * declared meters, no negative quantities, one record per idempotency key.
 */
public final class RecordingUsageMeter implements UsageMeter {
  private final Map<String, MeteredUsage> byKey = new LinkedHashMap<>();
  private volatile List<MeterDefinition> declared = List.of();

  /** The plugin's meters; {@link PluginUnderTest} sets them from {@code AtriumPlugin#meters()}. */
  void declare(List<MeterDefinition> meters) {
    this.declared = List.copyOf(meters);
  }

  @Override
  public synchronized Future<Void> record(
      String tenantId, String meter, long quantity, String idempotencyKey) {
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(idempotencyKey, "idempotencyKey is null");
    Set<String> names = declared.stream().map(MeterDefinition::name).collect(Collectors.toSet());
    if (!names.contains(meter)) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "meter '" + meter + "' is not declared by the plugin: " + names));
    }
    if (quantity < 0) {
      return Future.failedFuture(new IllegalArgumentException("quantity must not be negative"));
    }
    byKey.putIfAbsent(idempotencyKey, new MeteredUsage(tenantId, meter, quantity, idempotencyKey));
    return Future.succeededFuture();
  }

  /** Everything recorded, in order (a repeated idempotency key counted once). */
  public synchronized List<MeteredUsage> records() {
    return List.copyOf(new ArrayList<>(byKey.values()));
  }

  /** The sum recorded on {@code meter} for {@code tenantId}. */
  public synchronized long total(String tenantId, String meter) {
    return byKey.values().stream()
        .filter(u -> u.tenantId().equals(tenantId) && u.meter().equals(meter))
        .mapToLong(MeteredUsage::quantity)
        .sum();
  }
}
