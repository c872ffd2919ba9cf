package dev.atrium.accounts;

import static dev.atrium.http.Schemas.object;
import static dev.atrium.http.Schemas.oneOf;
import static dev.atrium.http.Schemas.required;
import static dev.atrium.http.Schemas.string;
import static java.util.Objects.requireNonNull;

import dev.atrium.accounts.auth.Secrets;
import dev.atrium.accounts.service.Members;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.ClientAddress;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.persistence.User;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's team: list members, invite (the response holds a one-time invitation token to send to
 * the person), and change roles. Only owners may grant or take the owner role, and a tenant always
 * keeps at least one owner.
 */
public final class TeamApi {
  private static final String TAG = "Team";

  private final Members members;
  private final Duration inviteTtl;

  public TeamApi(Members members, Duration inviteTtl) {
    this.members = requireNonNull(members, "members is null");
    this.inviteTtl = requireNonNull(inviteTtl, "inviteTtl is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/users",
        Access.member(Role.VIEWER),
        Operation.of(TAG, "List the tenant's members and pending invitations")
            .responds(200, "The members", JsonSchema.dataOf(AccountSchemas.USER)),
        this::list);
    routes.add(
        HttpMethod.POST,
        "/api/users",
        Access.member(Role.ADMIN),
        Operation.of(TAG, "Invite a person; returns a one-time invitation token")
            .body(
                object(
                    required("email", "role"),
                    "email",
                    string(320),
                    "role",
                    oneOf("owner", "admin", "developer", "viewer")))
            .responds(201, "Invited", AccountSchemas.INVITED_USER)
            .responds(409, "The e-mail address is already registered"),
        this::invite);
    routes.add(
        HttpMethod.PATCH,
        "/api/users/{id}",
        Access.member(Role.ADMIN),
        Operation.of(TAG, "Change a member's role")
            .responds(200, "The member", AccountSchemas.USER)
            .body(object(required("role"), "role", oneOf("owner", "admin", "developer", "viewer")))
            .responds(409, "The change would leave the tenant without an owner"),
        this::changeRole);
  }

  private Future<Reply> list(RoutingContext ctx) {
    UUID tenantId = Principal.of(ctx).tenantId();
    return members
        .list(tenantId)
        .map(
            users ->
                Reply.list(new JsonArray(users.stream().map(u -> (Object) toJson(u)).toList())));
  }

  private Future<Reply> invite(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    JsonBody body = JsonBody.parse(ctx, Set.of("email", "role"));
    String email = Inputs.email(body);
    Role role = AuthApi.requireRole(body);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime expiresAt = now.plus(inviteTtl);
    String token = Secrets.randomToken();
    User invited =
        new User(
            UUID.randomUUID(), principal.tenantId(), email, null, role.wireName(), "invited", now);
    return members
        .invite(principal, invited, Secrets.sha256(token), expiresAt, ClientAddress.of(ctx))
        .map(
            u ->
                Reply.created(
                    toJson(u)
                        .put("inviteToken", token)
                        .put("inviteExpiresAt", expiresAt.toString())));
  }

  private Future<Reply> changeRole(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    UUID userId = Inputs.pathId(ctx, "id", "The user");
    JsonBody body = JsonBody.parse(ctx, Set.of("role"));
    Role role = AuthApi.requireRole(body);
    return members
        .changeRole(principal, userId, role, ClientAddress.of(ctx))
        .map(u -> Reply.ok(toJson(u)));
  }

  static JsonObject toJson(User user) {
    return new JsonObject()
        .put("id", user.id().toString())
        .put("email", user.email())
        .put("role", user.role())
        .put("status", user.status())
        .put("createdAt", user.createdAt().toString());
  }
}
