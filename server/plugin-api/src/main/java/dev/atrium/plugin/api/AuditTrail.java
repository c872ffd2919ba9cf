package dev.atrium.plugin.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The host's audit log, for what a plugin's caller did that a tenant's admins must be able to
 * review (approvals, deletions). Entries carry the request's tenant, its API key as the actor, the
 * action prefixed with {@code plugin.<plugin-id>.}, a target and details (never secrets). Since SDK
 * 1.5.0.
 */
public interface AuditTrail {

  /** Keeps nothing: every record answers false. */
  AuditTrail NONE = (request, action, target, details) -> Future.succeededFuture(false);

  /**
   * Appends an entry for {@code request}; answers whether the host kept it.
   *
   * @param action lower-case letters, digits, {@code _} and {@code .}, e.g. {@code draft.approved}
   * @param target what it was done to, e.g. a draft's id
   * @param details more about it (null for none)
   */
  Future<Boolean> record(PluginRequest request, String action, String target, JsonObject details);
}
