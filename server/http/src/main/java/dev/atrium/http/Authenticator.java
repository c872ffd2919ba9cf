package dev.atrium.http;

import dev.atrium.shared.Principal;
import io.vertx.core.Future;

/**
 * Turns a request's bearer token into the {@link Principal} it stands for, or fails with a 401
 * problem: what the kernel needs of accounts, so that routes can be guarded without knowing how
 * keys and sessions are stored.
 */
@FunctionalInterface
public interface Authenticator {
  Future<Principal> authenticate(String token);
}
