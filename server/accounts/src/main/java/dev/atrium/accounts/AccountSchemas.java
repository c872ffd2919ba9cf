package dev.atrium.accounts;

import static dev.atrium.plugin.api.JsonSchema.arrayOf;
import static dev.atrium.plugin.api.JsonSchema.bool;
import static dev.atrium.plugin.api.JsonSchema.dataOf;
import static dev.atrium.plugin.api.JsonSchema.dateTime;
import static dev.atrium.plugin.api.JsonSchema.integer;
import static dev.atrium.plugin.api.JsonSchema.nullable;
import static dev.atrium.plugin.api.JsonSchema.object;
import static dev.atrium.plugin.api.JsonSchema.oneOf;
import static dev.atrium.plugin.api.JsonSchema.optional;
import static dev.atrium.plugin.api.JsonSchema.string;
import static dev.atrium.plugin.api.JsonSchema.uuid;
import static dev.atrium.plugin.api.JsonSchema.withMembers;

import dev.atrium.plugin.api.JsonSchema;
import io.vertx.core.json.JsonObject;

/** The JSON Schemas of what the accounts API answers, for its entries in /openapi.json. */
final class AccountSchemas {
  static final JsonObject ROLE = oneOf("owner", "admin", "developer", "viewer", "operator");

  static final JsonObject USER =
      object(
          "id", uuid(),
          "email", string(),
          "role", ROLE,
          "status", string(),
          "createdAt", dateTime());

  static final JsonObject INVITED_USER =
      withMembers(USER, "inviteToken", string(), "inviteExpiresAt", dateTime());

  static final JsonObject TENANT = object("id", uuid(), "name", string());

  /** A dashboard token and its user; signing up also names the new tenant. */
  static final JsonObject SESSION =
      optional(
          object(
              "token", string(),
              "tokenType", oneOf("Bearer"),
              "expiresIn", integer(),
              "user", USER,
              "tenant", TENANT),
          "tenant");

  static final JsonObject ME = object("user", USER, "tenant", nullable(TENANT), "role", ROLE);

  static final JsonObject KEY =
      object(
          "id", uuid(),
          "name", string(),
          "prefix", string(),
          "scopes", arrayOf(string()),
          "status", oneOf("active", "expired", "revoked"),
          "createdAt", dateTime(),
          "expiresAt", nullable(dateTime()),
          "lastUsedAt", nullable(dateTime()),
          "revokedAt", nullable(dateTime()),
          "replacedBy", nullable(uuid()));

  /** A new key: shown with its secret, this once. */
  static final JsonObject NEW_KEY = withMembers(KEY, "key", string());

  static final JsonObject AUDIT_PAGE =
      optional(
          object(
              "data",
              arrayOf(
                  object(
                      "id", integer(),
                      "actor", string(),
                      "action", string(),
                      "target", nullable(string()),
                      "ip", nullable(string()),
                      "details", nullable(JsonSchema.anyObject()),
                      "occurredAt", dateTime(),
                      "actorEmail", nullable(string()))),
              "next",
              integer()),
          "next");

  static final JsonObject SCOPES =
      dataOf(
          optional(
              object(
                  "scope", string(),
                  "kind", oneOf("all", "platform", "plugin"),
                  "plugin", string()),
              "plugin"));

  /** A tenant as the operator sees it, with its suspension. */
  static final JsonObject SUSPENDABLE_TENANT =
      object(
          "id", uuid(),
          "name", string(),
          "createdAt", dateTime(),
          "suspended", bool(),
          "suspendedAt", nullable(dateTime()),
          "suspendedReason", nullable(string()));

  static final JsonObject TENANTS = dataOf(SUSPENDABLE_TENANT);

  static final JsonObject API_KEY_CALLER =
      object("tenantId", uuid(), "keyId", uuid(), "scopes", arrayOf(string()));

  private AccountSchemas() {}
}
