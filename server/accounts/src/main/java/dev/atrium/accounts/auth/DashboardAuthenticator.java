package dev.atrium.accounts.auth;

import static java.util.Objects.requireNonNull;

import dev.atrium.accounts.service.Members;
import dev.atrium.http.Authenticator;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Role;
import io.vertx.core.Future;

/**
 * Authenticates dashboard requests: a valid JWT names a user, whose current tenant and role are
 * read from the database, so a role change or removal takes effect on the next request. A member of
 * a suspended tenant is refused (403 {@code tenant_suspended}); the operator never is.
 */
public final class DashboardAuthenticator implements Authenticator {
  private final TokenService tokens;
  private final Members members;
  private final TenantSuspensions suspensions;

  public DashboardAuthenticator(
      TokenService tokens, Members members, TenantSuspensions suspensions) {
    this.tokens = requireNonNull(tokens, "tokens is null");
    this.members = requireNonNull(members, "members is null");
    this.suspensions = requireNonNull(suspensions, "suspensions is null");
  }

  @Override
  public Future<Principal> authenticate(String token) {
    if (token.startsWith(Secrets.KEY_PREFIX)) {
      return Future.failedFuture(
          Problem.unauthorized("This endpoint takes a dashboard token, not an API key."));
    }
    return tokens
        .verify(token)
        .compose(members::findById)
        .map(
            found ->
                found
                    .filter(u -> u.isActive())
                    .map(u -> Principal.user(u.tenantId(), u.id(), Role.fromWire(u.role())))
                    .orElseThrow(() -> Problem.unauthorized("The token's user no longer exists.")))
        .compose(p -> suspensions.requireActive(p.tenantId()).map(p));
  }
}
