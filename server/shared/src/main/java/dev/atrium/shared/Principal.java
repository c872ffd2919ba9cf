package dev.atrium.shared;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a dashboard user ({@code userId} set) or an API key ({@code keyId} set), in
 * {@code tenantId} (null for the operator), with a role (users) or scopes (keys).
 */
public record Principal(UUID tenantId, UUID userId, UUID keyId, Role role, Set<String> scopes) {
  private static final String CONTEXT_KEY = "atrium.principal";

  public Principal {
    scopes = Set.copyOf(scopes);
  }

  public static Principal user(UUID tenantId, UUID userId, Role role) {
    return new Principal(tenantId, userId, null, role, Set.of());
  }

  public static Principal apiKey(UUID tenantId, UUID keyId, Set<String> scopes) {
    return new Principal(tenantId, null, keyId, null, scopes);
  }

  public static void attach(RoutingContext ctx, Principal principal) {
    ctx.put(CONTEXT_KEY, principal);
  }

  /** The principal authenticated for this request; routes without authentication have none. */
  public static Principal of(RoutingContext ctx) {
    Principal principal = ctx.get(CONTEXT_KEY);
    if (principal == null) {
      throw new IllegalStateException("route has no authenticated principal");
    }
    return principal;
  }

  /** How this principal appears in the audit log. */
  public String actor() {
    return userId != null ? "user:" + userId : "key:" + keyId;
  }

  public Principal requireScope(String scope) {
    if (keyId == null) {
      throw Problem.unauthorized("This endpoint takes an API key, not a dashboard token.");
    }
    if (scope != null && !scopes.contains("*") && !scopes.contains(scope)) {
      throw Problem.forbidden(
          "insufficient_scope", "This API key lacks the scope '" + scope + "'.");
    }
    return this;
  }

  public Principal requireMember(Role minimum) {
    if (role == Role.OPERATOR) {
      throw Problem.forbidden(
          "tenant_required", "The platform operator has no tenant; sign in as a tenant member.");
    }
    if (!role.atLeast(minimum)) {
      throw Problem.forbidden(
          "insufficient_role",
          "This needs the role "
              + minimum.wireName()
              + " or higher; you are "
              + role.wireName()
              + ".");
    }
    return this;
  }

  public Principal requireOperator() {
    if (role != Role.OPERATOR) {
      throw Problem.forbidden("operator_only", "Only the platform operator may do this.");
    }
    return this;
  }
}
