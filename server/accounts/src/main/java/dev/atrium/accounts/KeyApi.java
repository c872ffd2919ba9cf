package dev.atrium.accounts;

import static dev.atrium.http.Schemas.dateTime;
import static dev.atrium.http.Schemas.integer;
import static dev.atrium.http.Schemas.object;
import static dev.atrium.http.Schemas.required;
import static dev.atrium.http.Schemas.string;
import static dev.atrium.http.Schemas.stringArray;
import static java.util.Objects.requireNonNull;

import dev.atrium.accounts.auth.ApiKeyAuthenticator;
import dev.atrium.accounts.auth.Secrets;
import dev.atrium.accounts.service.ApiKeys;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.ClientAddress;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.persistence.ApiKey;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tenant's API keys: create (the key is shown once), list, read, revoke and rotate with a grace
 * period. Developers and above manage keys; viewers may list them.
 */
public final class KeyApi {
  private static final String TAG = "API keys";
  private static final Pattern SCOPE = Pattern.compile("^(\\*|[a-z][a-z0-9._:-]{0,63})$");
  private static final int MAX_SCOPES = 32;

  private final ApiKeys keys;
  private final ApiKeyAuthenticator authenticator;
  private final long maxGraceSeconds;

  public KeyApi(ApiKeys keys, ApiKeyAuthenticator authenticator, long maxGraceSeconds) {
    this.keys = requireNonNull(keys, "keys is null");
    this.authenticator = requireNonNull(authenticator, "authenticator is null");
    this.maxGraceSeconds = maxGraceSeconds;
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/keys",
        Access.member(Role.VIEWER),
        Operation.of(TAG, "List the tenant's API keys (never the keys themselves)")
            .responds(200, "The keys", JsonSchema.dataOf(AccountSchemas.KEY)),
        this::list);
    routes.add(
        HttpMethod.POST,
        "/api/keys",
        Access.member(Role.DEVELOPER),
        Operation.of(TAG, "Create an API key; the response holds the key, shown only this once")
            .body(
                object(
                    required("name"),
                    "name",
                    string(200),
                    "scopes",
                    stringArray(MAX_SCOPES, 64),
                    "expiresAt",
                    dateTime()))
            .responds(201, "Key created", AccountSchemas.NEW_KEY),
        this::create);
    routes.add(
        HttpMethod.GET,
        "/api/keys/{id}",
        Access.member(Role.VIEWER),
        Operation.of(TAG, "One API key").responds(200, "The key", AccountSchemas.KEY),
        this::get);
    routes.add(
        HttpMethod.DELETE,
        "/api/keys/{id}",
        Access.member(Role.DEVELOPER),
        Operation.of(TAG, "Revoke an API key, effective at once").responds(204, "Revoked"),
        this::revoke);
    routes.add(
        HttpMethod.POST,
        "/api/keys/{id}/rotate",
        Access.member(Role.DEVELOPER),
        Operation.of(
                TAG,
                "Issue a replacement key; the old one stays valid for gracePeriodSeconds (default 0)")
            .body(object(required(), "gracePeriodSeconds", integer(0, 604_800)))
            .responds(201, "Replacement key created", AccountSchemas.NEW_KEY)
            .responds(409, "The key is revoked, expired or already rotated"),
        this::rotate);
  }

  private Future<Reply> list(RoutingContext ctx) {
    UUID tenantId = Principal.of(ctx).tenantId();
    OffsetDateTime now = now();
    return keys.list(tenantId)
        .map(
            keys ->
                Reply.list(
                    new JsonArray(keys.stream().map(k -> (Object) toJson(k, now)).toList())));
  }

  private Future<Reply> get(RoutingContext ctx) {
    UUID tenantId = Principal.of(ctx).tenantId();
    UUID keyId = Inputs.pathId(ctx, "id", "The API key");
    return keys.find(tenantId, keyId)
        .map(k -> Reply.ok(toJson(k.orElseThrow(() -> Problem.notFound("The API key")), now())));
  }

  private Future<Reply> create(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    JsonBody body = JsonBody.parse(ctx, Set.of("name", "scopes", "expiresAt"));
    String name = Inputs.name(body, "name");
    List<String> scopes = body.optionalStringList("scopes", MAX_SCOPES, 64).orElse(List.of("*"));
    for (String scope : scopes) {
      if (!SCOPE.matcher(scope).matches()) {
        throw Problem.badRequest(
            "invalid_field",
            "Scope '"
                + scope
                + "' is not valid: use '*' or lower-case names such as 'embeddings'.");
      }
    }
    OffsetDateTime now = now();
    OffsetDateTime expiresAt = body.optionalTimestamp("expiresAt").orElse(null);
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw Problem.badRequest("invalid_field", "Field 'expiresAt' must be in the future.");
    }
    String secret = Secrets.newApiKey();
    ApiKey key =
        new ApiKey(
            UUID.randomUUID(),
            principal.tenantId(),
            name,
            Secrets.visiblePrefix(secret),
            Secrets.sha256(secret),
            List.copyOf(new LinkedHashSet<>(scopes)),
            principal.userId(),
            now,
            expiresAt,
            null,
            null,
            null);
    return keys.create(key, principal, ClientAddress.of(ctx))
        .map(k -> Reply.created(toJson(k, now).put("key", secret)));
  }

  private Future<Reply> revoke(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    UUID keyId = Inputs.pathId(ctx, "id", "The API key");
    return keys.revoke(principal, keyId, now(), ClientAddress.of(ctx))
        .map(
            key -> {
              authenticator.invalidate(key.keyHash());
              return Reply.noContent();
            });
  }

  private Future<Reply> rotate(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    UUID keyId = Inputs.pathId(ctx, "id", "The API key");
    JsonBody body = JsonBody.parseOptional(ctx, Set.of("gracePeriodSeconds"));
    long grace = body.optionalLong("gracePeriodSeconds", 0, maxGraceSeconds).orElse(0L);
    OffsetDateTime now = now();
    String secret = Secrets.newApiKey();
    return keys.rotate(
            principal,
            keyId,
            new ApiKeys.Replacement(Secrets.visiblePrefix(secret), Secrets.sha256(secret)),
            now,
            now.plusSeconds(grace),
            ClientAddress.of(ctx))
        .map(
            rotation -> {
              authenticator.invalidate(rotation.old().keyHash());
              return Reply.created(toJson(rotation.replacement(), now).put("key", secret));
            });
  }

  static JsonObject toJson(ApiKey key, OffsetDateTime now) {
    String status =
        key.revokedAt() != null ? "revoked" : key.isUsableAt(now) ? "active" : "expired";
    return new JsonObject()
        .put("id", key.id().toString())
        .put("name", key.name())
        .put("prefix", key.prefix())
        .put("scopes", new JsonArray(List.copyOf(key.scopes())))
        .put("status", status)
        .put("createdAt", key.createdAt().toString())
        .put("expiresAt", text(key.expiresAt()))
        .put("lastUsedAt", text(key.lastUsedAt()))
        .put("revokedAt", text(key.revokedAt()))
        .put("replacedBy", key.replacedBy() == null ? null : key.replacedBy().toString());
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.toString();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
