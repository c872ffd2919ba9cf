package dev.atrium.app.privacy;

import static dev.atrium.http.Schemas.integer;
import static dev.atrium.http.Schemas.object;
import static dev.atrium.http.Schemas.required;
import static java.util.Objects.requireNonNull;

import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.persistence.RetentionRepository.Retention;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's retention settings: how many days stored conversations, drafts, request log lines and
 * the audit log are kept (absent or null: until deleted; request log lines: for the platform's
 * {@code request-log.retention-days}, which a tenant may shorten but not extend). The retention
 * purge applies them (docs/privacy.md).
 */
public final class RetentionApi {
  private static final String TAG = "Privacy";
  private static final long MAX_DAYS = 36_500;
  private static final String RESPONDS =
      "Days; null keeps them until deleted (request log lines: for requestLogMaxDays)";
  private static final Set<String> FIELDS =
      Set.of("conversationDays", "draftDays", "requestLogDays", "auditLogDays");
  private static final JsonObject RETENTION =
      JsonSchema.object(
          "conversationDays", JsonSchema.nullable(JsonSchema.integer()),
          "draftDays", JsonSchema.nullable(JsonSchema.integer()),
          "requestLogDays", JsonSchema.nullable(JsonSchema.integer()),
          "auditLogDays", JsonSchema.nullable(JsonSchema.integer()),
          "requestLogMaxDays", JsonSchema.integer());

  private final RetentionSettings settings;
  private final Clock clock;

  public RetentionApi(RetentionSettings settings, Clock clock) {
    this.settings = requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/tenant/retention",
        Access.member(Role.ADMIN),
        Operation.of(
                TAG, "How long conversations, drafts, request log lines and the audit log are kept")
            .responds(200, RESPONDS, RETENTION),
        this::get);
    routes.add(
        HttpMethod.PUT,
        "/api/tenant/retention",
        Access.member(Role.OWNER),
        Operation.of(
                TAG,
                "Set how many days conversations, drafts, request log lines and the audit log are"
                    + " kept")
            .body(
                object(
                    required(),
                    "conversationDays",
                    integer(1, MAX_DAYS),
                    "draftDays",
                    integer(1, MAX_DAYS),
                    "requestLogDays",
                    integer(1, settings.requestLogMaxDays()),
                    "auditLogDays",
                    integer(1, MAX_DAYS)))
            .responds(200, RESPONDS, RETENTION),
        this::put);
  }

  private Future<Reply> get(RoutingContext ctx) {
    UUID tenantId = Principal.of(ctx).tenantId();
    return settings.find(tenantId).map(r -> Reply.ok(toJson(r)));
  }

  private Future<Reply> put(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    JsonBody body = JsonBody.parse(ctx, FIELDS);
    Retention retention =
        new Retention(
            days(body, "conversationDays", MAX_DAYS),
            days(body, "draftDays", MAX_DAYS),
            days(body, "requestLogDays", settings.requestLogMaxDays()),
            days(body, "auditLogDays", MAX_DAYS));
    return settings
        .save(principal, retention, toJson(retention).encode(), OffsetDateTime.now(clock))
        .map(r -> Reply.ok(toJson(r)));
  }

  private static Integer days(JsonBody body, String field, long max) {
    return body.optionalLong(field, 1, max).map(Long::intValue).orElse(null);
  }

  private JsonObject toJson(Retention retention) {
    return new JsonObject()
        .put("conversationDays", retention.conversationDays())
        .put("draftDays", retention.draftDays())
        .put("requestLogDays", retention.requestLogDays())
        .put("auditLogDays", retention.auditLogDays())
        .put("requestLogMaxDays", settings.requestLogMaxDays());
  }
}
