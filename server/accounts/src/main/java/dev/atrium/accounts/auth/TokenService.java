package dev.atrium.accounts.auth;

import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;
import java.util.UUID;

/**
 * Issues and verifies the short-lived dashboard JWTs (HS256, issuer {@code atrium}, audience {@code
 * atrium-dashboard}). Only the signature, algorithm, issuer, audience and expiry are trusted; who
 * the user is and what role they hold is read from the database on each request.
 */
public final class TokenService {
  private static final String ISSUER = "atrium";
  private static final String AUDIENCE = "atrium-dashboard";

  private final JWTAuth jwt;
  private final int ttlSeconds;

  public TokenService(Vertx vertx, String secret, int ttlSeconds) {
    if (secret.length() < 32) {
      throw new IllegalArgumentException("the JWT secret must have at least 32 characters");
    }
    this.ttlSeconds = ttlSeconds;
    this.jwt =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setAudience(List.of(AUDIENCE))));
  }

  public String issue(UUID userId, UUID tenantId) {
    JsonObject claims = new JsonObject();
    if (tenantId != null) {
      claims.put("tid", tenantId.toString());
    }
    return jwt.generateToken(
        claims,
        new JWTOptions()
            .setAlgorithm("HS256")
            .setSubject(userId.toString())
            .setIssuer(ISSUER)
            .setAudience(List.of(AUDIENCE))
            .setExpiresInSeconds(ttlSeconds));
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  /** The user id in a valid token, or a 401 problem for anything tampered, expired or foreign. */
  public Future<UUID> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(Problem.unauthorized("The token is invalid or expired.")))
        .map(
            user -> {
              try {
                return UUID.fromString(user.principal().getString("sub"));
              } catch (RuntimeException e) {
                throw Problem.unauthorized("The token is invalid or expired.");
              }
            });
  }
}
