package dev.atrium.accounts;

import static dev.atrium.http.Schemas.object;
import static dev.atrium.http.Schemas.required;
import static dev.atrium.http.Schemas.string;
import static java.util.Objects.requireNonNull;

import dev.atrium.accounts.auth.LoginThrottle;
import dev.atrium.accounts.auth.PasswordHasher;
import dev.atrium.accounts.auth.Secrets;
import dev.atrium.accounts.auth.TenantSuspensions;
import dev.atrium.accounts.auth.TokenService;
import dev.atrium.accounts.service.AuditEvents;
import dev.atrium.accounts.service.AuditLog;
import dev.atrium.accounts.service.Members;
import dev.atrium.accounts.service.Tenants;
import dev.atrium.db.Db;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.ClientAddress;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.User;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Signup, login, accepting an invitation, and "who am I" for the dashboard. */
public final class AuthApi {
  private static final String TAG = "Authentication";

  private final Tenants tenants;
  private final Members members;
  private final AuditLog audit;
  private final Db db;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final LoginThrottle throttle;
  private final TenantSuspensions suspensions;

  /** {@code db} runs the password hashing on the bounded executor. */
  public AuthApi(
      Tenants tenants,
      Members members,
      AuditLog audit,
      Db db,
      PasswordHasher hasher,
      TokenService tokens,
      LoginThrottle throttle,
      TenantSuspensions suspensions) {
    this.tenants = requireNonNull(tenants, "tenants is null");
    this.members = requireNonNull(members, "members is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.db = requireNonNull(db, "db is null");
    this.hasher = requireNonNull(hasher, "hasher is null");
    this.tokens = requireNonNull(tokens, "tokens is null");
    this.throttle = requireNonNull(throttle, "throttle is null");
    this.suspensions = requireNonNull(suspensions, "suspensions is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.POST,
        "/api/auth/signup",
        Access.open(),
        Operation.of(TAG, "Create a tenant and its owner; returns a dashboard token")
            .body(
                object(
                    required("tenant", "email", "password"),
                    "tenant",
                    string(200),
                    "email",
                    string(320),
                    "password",
                    string(1024)))
            .responds(201, "Tenant created", AccountSchemas.SESSION)
            .responds(409, "The e-mail address is already registered"),
        this::signup);
    routes.add(
        HttpMethod.POST,
        "/api/auth/login",
        Access.open(),
        Operation.of(TAG, "Exchange e-mail and password for a short-lived dashboard token")
            .body(
                object(
                    required("email", "password"), "email", string(320), "password", string(1024)))
            .responds(200, "Signed in", AccountSchemas.SESSION)
            .responds(401, "Wrong e-mail or password")
            .responds(403, "The user's tenant is suspended (tenant_suspended)")
            .responds(429, "Too many failures: locked out for Retry-After seconds"),
        this::login);
    routes.add(
        HttpMethod.POST,
        "/api/auth/accept-invite",
        Access.open(),
        Operation.of(TAG, "Set a password for an invitation and sign in")
            .body(
                object(
                    required("token", "password"), "token", string(64), "password", string(1024)))
            .responds(200, "Signed in", AccountSchemas.SESSION)
            .responds(
                403,
                "The tenant is suspended (tenant_suspended): the account is created, and signs in"
                    + " once the tenant is resumed")
            .responds(404, "The invitation is unknown, used or expired"),
        this::acceptInvite);
    routes.add(
        HttpMethod.GET,
        "/api/me",
        Access.user(),
        Operation.of(TAG, "The signed-in user, tenant and role")
            .responds(200, "The caller", AccountSchemas.ME),
        this::me);
  }

  private Future<Reply> signup(RoutingContext ctx) {
    JsonBody body = JsonBody.parse(ctx, Set.of("tenant", "email", "password"));
    String tenantName = Inputs.name(body, "tenant");
    String email = Inputs.email(body);
    String password = Inputs.password(body);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Tenant tenant = new Tenant(UUID.randomUUID(), tenantName, now);
    return db.blocking(() -> hasher.hash(password))
        .compose(
            hash -> {
              User owner =
                  new User(UUID.randomUUID(), tenant.id(), email, hash, "owner", "active", now);
              return tenants.signUp(tenant, owner, ClientAddress.of(ctx));
            })
        .map(
            owner ->
                Reply.created(
                    session(owner)
                        .put(
                            "tenant",
                            new JsonObject()
                                .put("id", tenant.id().toString())
                                .put("name", tenantName))));
  }

  private Future<Reply> login(RoutingContext ctx) {
    JsonBody body = JsonBody.parse(ctx, Set.of("email", "password"));
    String email = body.requiredString("email", 320).trim().toLowerCase(Locale.ROOT);
    String password = body.requiredString("password", 1024);
    throttle.checkAllowed(email, Instant.now());
    return members
        .findByEmail(email)
        .compose(
            found ->
                db.blocking(() -> verified(found, password))
                    .compose(
                        ok -> ok ? loggedIn(ctx, found.get()) : loginFailed(ctx, email, found)));
  }

  /** A right password of a suspended tenant's user is refused with 403, and audited as such. */
  private Future<Reply> loggedIn(RoutingContext ctx, User user) {
    throttle.recordSuccess(user.email());
    String actor = "user:" + user.id();
    return suspensions
        .requireActive(user.tenantId())
        .recover(
            refused ->
                audit(user.tenantId(), actor, "auth.login_refused_suspended", ctx, null)
                    .compose(v -> Future.failedFuture(refused)))
        .compose(v -> audit(user.tenantId(), actor, "auth.login", ctx, null))
        .map(v -> Reply.ok(session(user)));
  }

  private Future<Reply> loginFailed(RoutingContext ctx, String email, Optional<User> known) {
    int failures = throttle.recordFailure(email, Instant.now());
    JsonObject details = new JsonObject().put("email", email).put("failuresInARow", failures);
    UUID tenantId = known.map(User::tenantId).orElse(null);
    return audit(tenantId, null, "auth.login_failed", ctx, details)
        .compose(
            v ->
                Future.failedFuture(
                    new Problem(401, "invalid_credentials", "Wrong e-mail or password.")));
  }

  private Future<Reply> acceptInvite(RoutingContext ctx) {
    JsonBody body = JsonBody.parse(ctx, Set.of("token", "password"));
    String tokenHash = Secrets.sha256(body.requiredString("token", 64));
    String password = Inputs.password(body);
    return db.blocking(() -> hasher.hash(password))
        .compose(
            hash ->
                members.acceptInvite(
                    tokenHash, hash, OffsetDateTime.now(ZoneOffset.UTC), ClientAddress.of(ctx)))
        .compose(
            accepted -> {
              User user =
                  accepted.orElseThrow(
                      () -> Problem.notFound("The invitation (it may be used or expired)"));
              return suspensions.requireActive(user.tenantId()).map(v -> Reply.ok(session(user)));
            });
  }

  private Future<Reply> me(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    return tenants
        .account(principal.userId())
        .map(
            account ->
                new JsonObject()
                    .put("user", TeamApi.toJson(account.user()))
                    .put(
                        "tenant",
                        account
                            .tenant()
                            .map(
                                t ->
                                    new JsonObject()
                                        .put("id", t.id().toString())
                                        .put("name", t.name()))
                            .orElse(null))
                    .put("role", principal.role().wireName()))
        .map(Reply::ok);
  }

  /** True when the password matches an active user; the same work is done either way. */
  private boolean verified(Optional<User> found, String password) {
    if (found.isEmpty() || !found.get().isActive()) {
      hasher.verifyDecoy(password);
      return false;
    }
    return hasher.verify(password, found.get().passwordHash());
  }

  private JsonObject session(User user) {
    return new JsonObject()
        .put("token", tokens.issue(user.id(), user.tenantId()))
        .put("tokenType", "Bearer")
        .put("expiresIn", tokens.ttlSeconds())
        .put("user", TeamApi.toJson(user));
  }

  private Future<Void> audit(
      UUID tenantId, String actor, String action, RoutingContext ctx, JsonObject details) {
    return audit.append(
        AuditEvents.of(tenantId, actor, action, null, ClientAddress.of(ctx), details));
  }

  static Role requireRole(JsonBody body) {
    String wire = body.requiredString("role", 32);
    return Role.tenantRole(wire)
        .orElseThrow(
            () ->
                Problem.badRequest(
                    "invalid_field",
                    "Field 'role' must be one of owner, admin, developer, viewer."));
  }
}
