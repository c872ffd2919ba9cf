package dev.atrium.app.privacy;

import static dev.atrium.http.Schemas.object;
import static dev.atrium.http.Schemas.required;
import static dev.atrium.http.Schemas.string;
import static java.util.Objects.requireNonNull;

import dev.atrium.accounts.Inputs;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's privacy rights over HTTP: its owner downloads everything the tenant owns ({@link
 * TenantExport}) and deletes the tenant ({@link TenantErasure}); the operator may delete any
 * tenant. Deletion asks for the tenant's exact name as confirmation. See docs/privacy.md.
 */
public final class PrivacyApi {
  private static final String TAG = "Privacy";
  private static final JsonObject CONFIRMATION =
      object(required("confirm"), "confirm", string(200));

  private static final String ZIP = "application/zip";
  private static final JsonObject BINARY = JsonSchema.string().put("format", "binary");
  private static final JsonObject EXPORT =
      JsonSchema.optional(
          JsonSchema.object(
              "id", JsonSchema.uuid(),
              "state", JsonSchema.oneOf("running", "done", "failed"),
              "percent", JsonSchema.integer(),
              "stepsDone", JsonSchema.integer(),
              "steps", JsonSchema.integer(),
              "rows", JsonSchema.integer(),
              "step", JsonSchema.nullable(JsonSchema.string()),
              "startedAt", JsonSchema.dateTime(),
              "finishedAt", JsonSchema.nullable(JsonSchema.dateTime()),
              "download", JsonSchema.string(),
              "expiresAt", JsonSchema.dateTime()),
          "download",
          "expiresAt");
  private static final JsonObject RECEIPT =
      JsonSchema.object(
          "tenantId", JsonSchema.uuid(),
          "deletedAt", JsonSchema.dateTime(),
          "rows", JsonSchema.mapOf(JsonSchema.integer()),
          "invoicesRetained", JsonSchema.integer(),
          "invoicesRetainedUntil", JsonSchema.dateTime(),
          "vectorIndexes", JsonSchema.integer(),
          "pluginsNotified", JsonSchema.integer());

  private final TenantExports archives;
  private final ExportJobs exports;
  private final TenantErasure erasure;
  private final Clock clock;

  public PrivacyApi(
      TenantExports archives, ExportJobs exports, TenantErasure erasure, Clock clock) {
    this.archives = requireNonNull(archives, "archives is null");
    this.exports = requireNonNull(exports, "exports is null");
    this.erasure = requireNonNull(erasure, "erasure is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/tenant/export",
        Access.member(Role.OWNER),
        Operation.of(TAG, "Download everything the tenant owns as a zip archive (docs/privacy.md)")
            .responds(200, "manifest.json, tables/*.ndjson, blobs/*", ZIP, BINARY),
        this::export);
    routes.add(
        HttpMethod.POST,
        "/api/tenant/exports",
        Access.member(Role.OWNER),
        Operation.of(TAG, "Start exporting everything the tenant owns, in the background")
            .responds(202, "The export: poll it, download it when done", EXPORT),
        ctx -> {
          Principal principal = Principal.of(ctx);
          return Future.succeededFuture(
              Reply.json(202, exports.start(principal.tenantId(), principal.actor()).json()));
        });
    routes.add(
        HttpMethod.GET,
        "/api/tenant/exports/{id}",
        Access.member(Role.OWNER),
        Operation.of(TAG, "Where an export stands: state (running, done, failed) and percent")
            .responds(200, "The export", EXPORT)
            .responds(404, "No such export of this tenant (exports are kept an hour)"),
        ctx ->
            Future.succeededFuture(
                Reply.ok(
                    exports
                        .find(Principal.of(ctx).tenantId(), Inputs.pathId(ctx, "id", "The export"))
                        .json())));
    routes.add(
        HttpMethod.GET,
        "/api/tenant/exports/{id}/archive",
        Access.member(Role.OWNER),
        Operation.of(TAG, "Download a finished export's archive (docs/privacy.md)")
            .responds(200, "manifest.json, tables/*.ndjson, blobs/*", ZIP, BINARY)
            .responds(404, "No such export of this tenant")
            .responds(409, "The export is still running, or failed"),
        this::download);
    routes.add(
        HttpMethod.DELETE,
        "/api/tenant",
        Access.member(Role.OWNER),
        Operation.of(TAG, "Delete the tenant and all its data; 'confirm' is the tenant's name")
            .body(CONFIRMATION)
            .responds(200, "Deleted: what was removed and what is retained", RECEIPT)
            .responds(400, "The confirmation is not the tenant's name"),
        ctx -> delete(ctx, Principal.of(ctx).tenantId(), "owner"));
    routes.add(
        HttpMethod.DELETE,
        "/api/admin/tenants/{id}",
        Access.operator(),
        Operation.of(TAG, "Delete a tenant and all its data; 'confirm' is the tenant's name")
            .body(CONFIRMATION)
            .responds(200, "Deleted: what was removed and what is retained", RECEIPT)
            .responds(400, "The confirmation is not the tenant's name")
            .responds(404, "No such tenant"),
        ctx -> delete(ctx, Inputs.pathId(ctx, "id", "The tenant"), Principal.of(ctx).actor()));
  }

  private Future<Reply> delete(RoutingContext ctx, UUID tenantId, String actor) {
    String confirm = JsonBody.parse(ctx, Set.of("confirm")).requiredString("confirm", 200);
    return erasure.erase(tenantId, confirm, actor).map(Reply::ok);
  }

  /** Builds the archive in a private file under the data dir, sends it, then deletes it. */
  private Future<Reply> export(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    UUID tenantId = principal.tenantId();
    OffsetDateTime now = OffsetDateTime.now(clock);
    return archives
        .write(tenantId, principal.actor(), now)
        .compose(
            file ->
                ctx.response()
                    .putHeader("Content-Type", "application/zip")
                    .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"atrium-export-" + tenantId + ".zip\"")
                    .sendFile(file.toString())
                    .eventually(() -> archives.delete(file)))
        .map(v -> (Reply) null);
  }

  private Future<Reply> download(RoutingContext ctx) {
    UUID tenantId = Principal.of(ctx).tenantId();
    Path file = exports.archive(tenantId, Inputs.pathId(ctx, "id", "The export"));
    return ctx.response()
        .putHeader("Content-Type", "application/zip")
        .putHeader(
            "Content-Disposition", "attachment; filename=\"atrium-export-" + tenantId + ".zip\"")
        .sendFile(file.toString())
        .map(v -> (Reply) null);
  }
}
