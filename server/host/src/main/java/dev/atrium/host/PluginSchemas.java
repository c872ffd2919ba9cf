package dev.atrium.host;

import static dev.atrium.plugin.api.JsonSchema.anyObject;
import static dev.atrium.plugin.api.JsonSchema.arrayOf;
import static dev.atrium.plugin.api.JsonSchema.bool;
import static dev.atrium.plugin.api.JsonSchema.dataOf;
import static dev.atrium.plugin.api.JsonSchema.dateTime;
import static dev.atrium.plugin.api.JsonSchema.integer;
import static dev.atrium.plugin.api.JsonSchema.mapOf;
import static dev.atrium.plugin.api.JsonSchema.nullable;
import static dev.atrium.plugin.api.JsonSchema.object;
import static dev.atrium.plugin.api.JsonSchema.oneOf;
import static dev.atrium.plugin.api.JsonSchema.optional;
import static dev.atrium.plugin.api.JsonSchema.string;
import static dev.atrium.plugin.api.JsonSchema.withMembers;

import io.vertx.core.json.JsonObject;

/** The JSON Schemas of what the plugin APIs answer, for their entries in /openapi.json. */
final class PluginSchemas {
  /** A plugin as {@link PluginJson#describe} writes it. */
  static final JsonObject PLUGIN =
      object(
          "id", string(),
          "name", string(),
          "version", string(),
          "description", nullable(string()),
          "translations",
              mapOf(object("name", nullable(string()), "description", nullable(string()))),
          "internal", bool(),
          "provider", nullable(string()),
          "license", nullable(string()),
          "requires", string(),
          "scope", string(),
          "routes", arrayOf(object("method", string(), "path", string(), "summary", string())),
          "settingsSchema", anyObject(),
          "meters", arrayOf(object("name", string(), "unit", string(), "description", string())),
          "models",
              arrayOf(
                  object(
                      "task", string(),
                      "modelId", nullable(string()),
                      "purpose", string(),
                      "served", bool())),
          "dashboardPanel",
              nullable(
                  object(
                      "title", string(),
                      "description", string(),
                      "dataPath", string(),
                      "kind", string())));

  /** A plugin as a tenant sees it: settings only for admins and owners. */
  static final JsonObject TENANT_PLUGIN =
      optional(withMembers(PLUGIN, "enabled", bool(), "settings", anyObject()), "settings");

  /** A plugin as the operator sees it: where it came from, its code review and health. */
  static final JsonObject INSTALLED_PLUGIN =
      withMembers(
          PLUGIN,
          "source",
          string(),
          "loadedAt",
          dateTime(),
          "code",
          object(
              "trusted", bool(),
              "allowedLibraries", anyObject().put("type", "array"),
              "warnings", arrayOf(string())),
          "health",
          object("status", oneOf("healthy", "unhealthy"), "reason", nullable(string())));

  static final JsonObject INSTALLED =
      object(
          "data",
          arrayOf(withMembers(INSTALLED_PLUGIN, "inFlight", integer())),
          "refused",
          arrayOf(object("file", string(), "code", string(), "detail", string())));

  static final JsonObject TENANT_PLUGINS = dataOf(TENANT_PLUGIN);

  static final JsonObject LOGS =
      object(
          "data",
          arrayOf(
              optional(
                  object(
                      "time", dateTime(),
                      "level", string(),
                      "logger", string(),
                      "thread", string(),
                      "message", nullable(string()),
                      "requestId", string(),
                      "exception", anyObject()),
                  "requestId",
                  "exception")),
          "capacity",
          integer());

  private PluginSchemas() {}
}
