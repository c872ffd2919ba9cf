package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.AuditEvent;
import dev.atrium.plugin.api.AuditTrail;
import dev.atrium.plugin.api.PluginRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A plugin's {@link AuditTrail}: entries in the platform's audit log of the request's tenant, with
 * the API key as actor and the action named {@code plugin.<plugin-id>.<action>}.
 */
final class PluginAuditTrail implements AuditTrail {
  private static final Pattern ACTION = Pattern.compile("[a-z0-9_.]{1,40}");
  private static final int MAX_TARGET = 256;

  private final String pluginId;
  private final AuditEntries audit;

  PluginAuditTrail(String pluginId, AuditEntries audit) {
    this.pluginId = requireNonNull(pluginId, "pluginId is null");
    this.audit = requireNonNull(audit, "audit is null");
  }

  @Override
  public Future<Boolean> record(
      PluginRequest request, String action, String target, JsonObject details) {
    if (!ACTION.matcher(requireNonNull(action, "action is null")).matches()) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "an audit action is lower-case letters, digits, '_' and '.', at most 40"));
    }
    if (target != null && target.length() > MAX_TARGET) {
      return Future.failedFuture(
          new IllegalArgumentException("an audit target is at most " + MAX_TARGET + " chars"));
    }
    AuditEvent event =
        new AuditEvent(
            0,
            UUID.fromString(request.tenantId()),
            "key:" + request.keyId(),
            "plugin." + pluginId + "." + action,
            target,
            null,
            details == null ? null : details.encode(),
            OffsetDateTime.now(ZoneOffset.UTC));
    return audit.append(event).map(v -> true);
  }
}
