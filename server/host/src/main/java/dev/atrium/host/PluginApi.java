package dev.atrium.host;

import static dev.atrium.http.Schemas.object;
import static dev.atrium.http.Schemas.required;
import static java.util.Objects.requireNonNull;

import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.ClientAddress;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.persistence.AuditEvent;
import dev.atrium.persistence.plugins.TenantPlugin;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A tenant's plugin catalogue: every installed plugin with this tenant's enabled flag and settings
 * (settings are shown to admins and owners only: they may hold credentials), and enabling,
 * disabling and configuring one (admins). Settings are validated against the plugin's schema.
 */
public final class PluginApi {
  private static final String TAG = "Plugins";

  private final PluginHost host;
  private final PluginOffer offer;

  public PluginApi(PluginHost host, PluginOffer offer) {
    this.host = requireNonNull(host, "host is null");
    this.offer = requireNonNull(offer, "offer is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/plugins",
        Access.member(Role.VIEWER),
        Operation.of(TAG, "The plugin catalogue with this tenant's enabled flag and settings")
            .responds(200, "The plugins", PluginSchemas.TENANT_PLUGINS),
        this::list);
    routes.add(
        HttpMethod.PUT,
        "/api/plugins/{id}",
        Access.member(Role.ADMIN),
        Operation.of(TAG, "Enable or disable a plugin for this tenant and set its settings")
            .body(
                object(
                    required(),
                    "enabled",
                    new JsonObject().put("type", "boolean"),
                    "settings",
                    new JsonObject().put("type", "object")))
            .responds(200, "Saved; takes effect at once", PluginSchemas.TENANT_PLUGIN)
            .responds(400, "Settings invalid against the plugin's settings schema"),
        this::update);
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    boolean showSettings = principal.role().atLeast(Role.ADMIN);
    return host.services()
        .choices()
        .list(principal.tenantId())
        .map(
            choices -> {
              Map<String, TenantPlugin> byPlugin =
                  choices.stream()
                      .collect(Collectors.toMap(TenantPlugin::pluginId, Function.identity()));
              JsonArray data = new JsonArray();
              for (LoadedPlugin plugin : host.plugins()) {
                if (!offer.offers(plugin.manifest())) {
                  continue;
                }
                data.add(
                    describe(
                        plugin,
                        Optional.ofNullable(byPlugin.get(plugin.manifest().id())),
                        showSettings));
              }
              return Reply.list(data);
            });
  }

  private Future<Reply> update(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    String id = ctx.pathParam("id");
    LoadedPlugin plugin =
        host.plugin(id)
            .filter(p -> offer.offers(p.manifest()))
            .orElseThrow(
                () -> new Problem(404, "plugin_not_found", "No plugin '" + id + "' is installed."));
    JsonBody body = JsonBody.parse(ctx, Set.of("enabled", "settings"));
    Object enabled = body.raw("enabled");
    Object settings = body.raw("settings");
    if (enabled != null && !(enabled instanceof Boolean)) {
      throw Problem.badRequest("invalid_field", "Field 'enabled' must be true or false.");
    }
    if (settings != null && !(settings instanceof JsonObject)) {
      throw Problem.badRequest("invalid_field", "Field 'settings' must be a JSON object.");
    }
    return host.services()
        .choices()
        .save(
            principal.tenantId(),
            id,
            previous -> {
              boolean on =
                  enabled != null
                      ? (Boolean) enabled
                      : previous.map(TenantPlugin::enabled).orElse(false);
              JsonObject values =
                  settings != null
                      ? (JsonObject) settings
                      : previous.map(p -> new JsonObject(p.settings())).orElseGet(JsonObject::new);
              List<String> violations = plugin.settingsSchema().violations(values);
              if (!violations.isEmpty()) {
                throw Problem.badRequest(
                    "invalid_settings",
                    "The settings do not match plugin '"
                        + id
                        + "''s schema: "
                        + String.join("; ", violations));
              }
              return new TenantPlugin(
                  principal.tenantId(),
                  id,
                  on,
                  values.encode(),
                  OffsetDateTime.now(ZoneOffset.UTC),
                  principal.userId());
            },
            saved ->
                new AuditEvent(
                    0,
                    principal.tenantId(),
                    principal.actor(),
                    saved.enabled() ? "plugin.enabled" : "plugin.disabled",
                    "plugin:" + id,
                    ClientAddress.of(ctx),
                    new JsonObject().put("settingsChanged", settings != null).encode(),
                    saved.updatedAt()))
        .map(saved -> Reply.ok(describe(plugin, Optional.of(saved), true)));
  }

  private JsonObject describe(
      LoadedPlugin plugin, Optional<TenantPlugin> choice, boolean showSettings) {
    JsonObject json =
        PluginJson.describe(plugin, host.services().models())
            .put("enabled", choice.map(TenantPlugin::enabled).orElse(false));
    if (showSettings) {
      json.put(
          "settings", choice.map(c -> new JsonObject(c.settings())).orElseGet(JsonObject::new));
    }
    return json;
  }
}
