package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.ClientAddress;
import dev.atrium.http.Operation;
import dev.atrium.persistence.AuditEvent;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The operator's plugin API: list installed plugins, install one (the archive is the request body,
 * {@code Content-Type: application/zip}), upgrade it at run time, uninstall it. Refused archives
 * answer a problem naming the rule they broke.
 */
public final class PluginAdminApi {
  private static final String TAG = "Plugins (operator)";
  private static final String[] ARCHIVE_MEDIA_TYPES = {
    "application/zip", "application/octet-stream", "application/java-archive"
  };
  private static final Set<String> ARCHIVE_TYPES = Set.of(ARCHIVE_MEDIA_TYPES);
  private final PluginHost host;
  private final AuditEntries auditEntries;
  private final Vertx vertx;

  public PluginAdminApi(PluginHost host, AuditEntries auditEntries, Vertx vertx) {
    this.host = requireNonNull(host, "host is null");
    this.auditEntries = requireNonNull(auditEntries, "auditEntries is null");
    this.vertx = requireNonNull(vertx, "vertx is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/admin/plugins",
        Access.operator(),
        Operation.of(TAG, "Installed plugins, and archives refused at start with the reason")
            .responds(200, "The plugins", PluginSchemas.INSTALLED),
        this::list);
    routes.add(
        HttpMethod.POST,
        "/api/admin/plugins",
        Access.operator(),
        Operation.of(TAG, "Install a plugin: the body is the plugin archive (application/zip)")
            .rawBody(ARCHIVE_MEDIA_TYPES)
            .responds(201, "Installed and serving", PluginSchemas.INSTALLED_PLUGIN)
            .responds(400, "Not a zip, unsafe entry paths, missing or bad plugin.properties")
            .responds(409, "A plugin with this id is installed: upgrade it instead")
            .responds(413, "Larger than plugins.max-archive-bytes")
            .responds(415, "The body is not application/zip")
            .responds(
                422,
                "Incompatible SDK, forbidden APIs in its code (forbidden_api), or the plugin fails"
                    + " to start"),
        this::install);
    routes.add(
        HttpMethod.PUT,
        "/api/admin/plugins/{id}",
        Access.operator(),
        Operation.of(
                TAG,
                "Upgrade a plugin at run time (a downgrade needs ?allowDowngrade=true): requests in"
                    + " flight finish on the old version")
            .rawBody(ARCHIVE_MEDIA_TYPES)
            .query(
                "allowDowngrade",
                false,
                new JsonObject().put("type", "boolean").put("default", false),
                "Install the archive even if its version is older than the installed one")
            .responds(200, "The new version serves", PluginSchemas.INSTALLED_PLUGIN)
            .responds(400, "Not a zip, unsafe paths, bad plugin.properties, or another plugin id")
            .responds(409, "An older version than the installed one, without ?allowDowngrade=true")
            .responds(413, "Larger than plugins.max-archive-bytes")
            .responds(415, "The body is not application/zip")
            .responds(
                422,
                "Incompatible SDK, forbidden APIs in its code (forbidden_api), or the plugin fails"
                    + " to start"),
        this::upgrade);
    routes.add(
        HttpMethod.GET,
        "/api/admin/plugins/{id}/logs",
        Access.operator(),
        Operation.of(
                TAG,
                "The plugin's last log entries and exceptions, oldest first, each with the request"
                    + " id its caller got")
            .responds(200, "The entries (at most plugins.log-entries)", PluginSchemas.LOGS)
            .responds(404, "No such plugin installed"),
        this::logs);
    routes.add(
        HttpMethod.POST,
        "/api/admin/plugins/{id}/reset",
        Access.operator(),
        Operation.of(
                TAG,
                "Put a plugin marked unhealthy (a call ignored its interruption) back in service")
            .responds(200, "Serving again", PluginSchemas.INSTALLED_PLUGIN)
            .responds(404, "No such plugin installed"),
        this::reset);
    routes.add(
        HttpMethod.DELETE,
        "/api/admin/plugins/{id}",
        Access.operator(),
        Operation.of(TAG, "Uninstall a plugin (tenants' data is kept)").responds(204, "Removed"),
        this::uninstall);
  }

  private Future<Reply> list(RoutingContext ctx) {
    JsonArray plugins = new JsonArray();
    for (LoadedPlugin plugin : host.plugins()) {
      plugins.add(describe(plugin).put("inFlight", plugin.inFlight()));
    }
    JsonArray refused = new JsonArray();
    host.refusals()
        .forEach(
            r ->
                refused.add(
                    new JsonObject()
                        .put("file", r.file().toString())
                        .put("code", r.code())
                        .put("detail", r.detail())));
    return Future.succeededFuture(
        Reply.ok(new JsonObject().put("data", plugins).put("refused", refused)));
  }

  private Future<Reply> install(RoutingContext ctx) {
    Principal operator = Principal.of(ctx);
    Path upload = saveUpload(ctx);
    return blocking(upload, () -> host.install(upload))
        .compose(p -> audit(ctx, operator, "plugin.installed", p).map(v -> p))
        .map(p -> Reply.created(describe(p)));
  }

  private Future<Reply> upgrade(RoutingContext ctx) {
    Principal operator = Principal.of(ctx);
    String id = ctx.pathParam("id");
    if (host.plugin(id).isEmpty()) {
      throw notInstalled(id);
    }
    boolean allowDowngrade = "true".equals(ctx.queryParams().get("allowDowngrade"));
    Path upload = saveUpload(ctx);
    return blocking(
            upload,
            () -> host.upgrade(id, upload, allowDowngrade).orElseThrow(() -> notInstalled(id)))
        .compose(p -> audit(ctx, operator, "plugin.upgraded", p).map(v -> p))
        .map(p -> Reply.ok(describe(p)));
  }

  private Future<Reply> logs(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    host.plugin(id).orElseThrow(() -> notInstalled(id));
    return Future.succeededFuture(
        Reply.ok(
            new JsonObject()
                .put("data", host.logs(id))
                .put("capacity", host.options().limits().logEntries())));
  }

  private Future<Reply> reset(RoutingContext ctx) {
    Principal operator = Principal.of(ctx);
    String id = ctx.pathParam("id");
    LoadedPlugin plugin = host.plugin(id).orElseThrow(() -> notInstalled(id));
    plugin.resetHealth();
    return audit(ctx, operator, "plugin.reset", plugin).map(v -> Reply.ok(describe(plugin)));
  }

  private Future<Reply> uninstall(RoutingContext ctx) {
    Principal operator = Principal.of(ctx);
    String id = ctx.pathParam("id");
    LoadedPlugin plugin = host.plugin(id).orElseThrow(() -> notInstalled(id));
    return vertx
        .executeBlocking(() -> host.uninstall(id), false)
        .compose(
            removed ->
                removed
                    ? audit(ctx, operator, "plugin.uninstalled", plugin)
                    : Future.failedFuture(notInstalled(id)))
        .map(v -> Reply.noContent());
  }

  /** What the operator sees of a plugin: its description, code review and health. */
  private JsonObject describe(LoadedPlugin plugin) {
    return PluginJson.describe(plugin, host.services().models())
        .put("source", plugin.source().name().toLowerCase())
        .put("loadedAt", plugin.loadedAt().toString())
        .put("code", plugin.review().json())
        .put(
            "health",
            new JsonObject()
                .put("status", plugin.unhealthy().isPresent() ? "unhealthy" : "healthy")
                .put("reason", plugin.unhealthy().orElse(null)));
  }

  /** Runs host work off the event loop, maps refusals to problems, deletes the upload. */
  private Future<LoadedPlugin> blocking(Path upload, Callable<LoadedPlugin> work) {
    return vertx
        .executeBlocking(work, false)
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof PluginRefusedException refused
                        ? toProblem(refused)
                        : failure))
        .eventually(
            () ->
                vertx.executeBlocking(
                    () -> {
                      Files.deleteIfExists(upload);
                      return null;
                    },
                    false));
  }

  private static Path saveUpload(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
    if (!ARCHIVE_TYPES.contains(mediaType)) {
      throw new Problem(
          415,
          "unsupported_media_type",
          "Send the plugin archive as the body with Content-Type: application/zip.");
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw Problem.badRequest("not_a_zip", "The request body is empty; send the plugin archive.");
    }
    try {
      Path file = Files.createTempFile("atrium-plugin-upload", ".zip");
      Files.write(file, body.getBytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the upload", e);
    }
  }

  static Problem toProblem(PluginRefusedException refused) {
    return new Problem(refused.status(), refused.code(), refused.getMessage());
  }

  private static Problem notInstalled(String id) {
    return new Problem(404, "plugin_not_found", "No plugin '" + id + "' is installed.");
  }

  private Future<Void> audit(
      RoutingContext ctx, Principal operator, String action, LoadedPlugin plugin) {
    AuditEvent event =
        new AuditEvent(
            0,
            null,
            operator.actor(),
            action,
            "plugin:" + plugin.manifest().id(),
            ClientAddress.of(ctx),
            new JsonObject().put("version", plugin.manifest().version()).encode(),
            OffsetDateTime.now(ZoneOffset.UTC));
    return auditEntries.append(event);
  }
}
