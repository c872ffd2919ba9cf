package dev.atrium.app;

import static java.util.Objects.requireNonNull;

import dev.atrium.accounts.AuditApi;
import dev.atrium.accounts.AuthApi;
import dev.atrium.accounts.KeyApi;
import dev.atrium.accounts.MeApi;
import dev.atrium.accounts.OperatorApi;
import dev.atrium.accounts.ScopeApi;
import dev.atrium.accounts.TeamApi;
import dev.atrium.accounts.auth.ApiKeyAuthenticator;
import dev.atrium.accounts.auth.DashboardAuthenticator;
import dev.atrium.accounts.auth.LoginThrottle;
import dev.atrium.accounts.auth.PasswordHasher;
import dev.atrium.accounts.auth.TenantSuspensions;
import dev.atrium.accounts.auth.TokenService;
import dev.atrium.accounts.service.ApiKeys;
import dev.atrium.accounts.service.AuditLog;
import dev.atrium.accounts.service.Members;
import dev.atrium.accounts.service.Tenants;
import dev.atrium.app.operations.HealthApi;
import dev.atrium.app.operations.MetricsAccess;
import dev.atrium.app.privacy.ExportJobs;
import dev.atrium.app.privacy.PrivacyApi;
import dev.atrium.app.privacy.RetainedInvoices;
import dev.atrium.app.privacy.RetentionApi;
import dev.atrium.app.privacy.RetentionSettings;
import dev.atrium.app.privacy.TenantErasure;
import dev.atrium.app.privacy.TenantExports;
import dev.atrium.app.web.Dashboard;
import dev.atrium.billing.Billing;
import dev.atrium.billing.BillingClock;
import dev.atrium.billing.UsageLedger;
import dev.atrium.billing.http.Admission;
import dev.atrium.billing.http.BillingAudit;
import dev.atrium.billing.http.BillingClockApi;
import dev.atrium.billing.http.BillingConfig;
import dev.atrium.billing.http.BudgetApi;
import dev.atrium.billing.http.BudgetWatch;
import dev.atrium.billing.http.Budgets;
import dev.atrium.billing.http.IdempotentRequests;
import dev.atrium.billing.http.InvoiceApi;
import dev.atrium.billing.http.Invoices;
import dev.atrium.billing.http.PlanApi;
import dev.atrium.billing.http.PlanCatalogue;
import dev.atrium.billing.http.RequestLog;
import dev.atrium.billing.http.RequestLogApi;
import dev.atrium.billing.http.RequestLogGate;
import dev.atrium.billing.http.TenantAccounts;
import dev.atrium.billing.http.TenantAccountsApi;
import dev.atrium.billing.http.UsageApi;
import dev.atrium.billing.http.UsageReports;
import dev.atrium.config.AtriumConfig;
import dev.atrium.db.Db;
import dev.atrium.host.BillingUsageSink;
import dev.atrium.host.PluginAdminApi;
import dev.atrium.host.PluginApi;
import dev.atrium.host.PluginGateway;
import dev.atrium.host.PluginHost;
import dev.atrium.host.PluginOffer;
import dev.atrium.host.PluginSetup;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.OpenApiDocument;
import dev.atrium.http.ProblemHandler;
import dev.atrium.http.RequestGate;
import dev.atrium.http.RequestId;
import dev.atrium.inference.InferencePool;
import dev.atrium.inference.http.EmbeddingsApi;
import dev.atrium.inference.http.GenerationApis;
import dev.atrium.inference.http.InferenceConfig;
import dev.atrium.inference.http.ModelsApi;
import dev.atrium.inference.http.PoolApi;
import dev.atrium.persistence.RetentionRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services one server process shares between its event loops (database, authentication, the
 * OpenAPI document), and the router each HTTP verticle builds from them.
 */
final class Platform {
  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

  private final AtriumConfig config;
  private final Db db;
  private final PrometheusMeterRegistry registry;
  private final PasswordHasher hasher = new PasswordHasher();
  private final TokenService tokens;
  private final Tenants tenants;
  private final TenantSuspensions suspensions;
  private final Members members;
  private final ApiKeys keys;
  private final AuditLog auditLog;
  private final RetentionSettings retention;
  private final RetainedInvoices retainedInvoices;
  private final Invoices invoices;
  private final Budgets budgets;
  private final UsageReports usageReports;
  private final PlanCatalogue planCatalogue;
  private final TenantAccounts tenantAccounts;
  private final TenantExports tenantExports;
  private final ExportJobs exportJobs;
  private final TenantErasure erasure;
  private final DashboardAuthenticator dashboard;
  private final ApiKeyAuthenticator apiKeys;
  private final LoginThrottle throttle;
  private final InferencePool inference;
  private final PluginHost plugins;
  private final BillingAudit billingAudit;
  private final Billing billing;
  private final BillingClock billingClock = new BillingClock(Clock.systemUTC());
  private final IdempotentRequests idempotent;
  private final RequestLog requestLog;
  private final BudgetWatch budgetWatch;
  private final OpenApiDocument openApi = new OpenApiDocument(Main.VERSION);
  private volatile Set<String> mountedRoutes = Set.of();

  Platform(
      AtriumConfig config, Vertx vertx, Db db, PrometheusMeterRegistry registry, String jwtSecret) {
    this.config = requireNonNull(config, "config is null");
    this.db = requireNonNull(db, "db is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.tokens = new TokenService(vertx, jwtSecret, config.integer("auth.token-ttl-seconds"));
    this.tenants = new Tenants(db);
    this.suspensions =
        new TenantSuspensions(
            tenants,
            Duration.ofSeconds(config.integer("tenants.status-cache-ttl-seconds")),
            config.integer("keys.cache-size"));
    this.members = new Members(db);
    this.keys = new ApiKeys(db);
    this.auditLog = new AuditLog(db);
    this.retention = new RetentionSettings(db, config.integer("request-log.retention-days"));
    this.invoices = new Invoices(db);
    this.dashboard = new DashboardAuthenticator(tokens, members, suspensions);
    this.apiKeys =
        new ApiKeyAuthenticator(
            keys,
            suspensions,
            Clock.systemUTC(),
            Duration.ofSeconds(config.integer("keys.cache-ttl-seconds")),
            config.integer("keys.cache-size"));
    this.throttle =
        new LoginThrottle(
            config.integer("auth.login-max-failures"),
            Duration.ofSeconds(config.integer("auth.login-lockout-seconds")));
    this.billingAudit = new BillingAudit(db, Clock.systemUTC());
    this.billing =
        new Billing(
            db.database(),
            BillingConfig.settings(config),
            billingClock,
            billingAudit::quotaWarning,
            db.asExecutor());
    this.planCatalogue = new PlanCatalogue(db, billing);
    this.budgets = new Budgets(db, billing);
    this.usageReports = new UsageReports(db, billing.recorder());
    this.tenantAccounts = new TenantAccounts(db, billing);
    this.idempotent =
        new IdempotentRequests(
            db,
            Clock.systemUTC(),
            Duration.ofHours(config.integer("idempotency.ttl-hours")),
            Duration.ofSeconds(config.integer("idempotency.lock-seconds")));
    Gauge.builder("atrium.usage.ledger.backlog", billing.recorder().ledger(), UsageLedger::backlog)
        .description(
            "Usage acknowledged but not yet in the database, plus appends not yet journaled")
        .baseUnit("events")
        .register(registry);
    this.requestLog =
        new RequestLog(
            db,
            config.integer("request-log.queue-size"),
            config.integer("request-log.batch-size"),
            registry);
    this.budgetWatch =
        new BudgetWatch(
            vertx,
            db,
            billing,
            config.integer("budgets.webhook-attempts"),
            config.integer("budgets.webhook-timeout-ms"),
            Boolean.parseBoolean(config.string("budgets.webhook-allow-private-networks")));
    Function<String, Integer> planWeights = billing.poolWeights();
    this.inference =
        InferencePool.create(InferenceConfig.catalog(config), registry, planWeights::apply);
    this.plugins =
        PluginSetup.create(
            config, db, inference, new BillingUsageSink(billing, db, registry), openApi);
    Path exports = config.dataDir().resolve("exports");
    this.tenantExports = new TenantExports(db, exports);
    this.exportJobs = new ExportJobs(tenantExports, exports.resolve("jobs"), Clock.systemUTC());
    this.retainedInvoices = new RetainedInvoices(config.dataDir().resolve("retained-invoices"));
    this.erasure =
        new TenantErasure(
            db,
            apiKeys,
            billing.recorder(),
            plugins,
            retainedInvoices,
            config.integer("privacy.invoice-retention-years"),
            Clock.systemUTC());
  }

  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    ProblemHandler problems = new ProblemHandler();
    router
        .route()
        .handler(
            ctx -> {
              RequestId.assign(ctx);
              ctx.response()
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .putHeader("Cache-Control", "no-store");
              ctx.next();
            });
    PluginSetup.acceptArchiveUploads(router, config);
    router
        .route()
        .handler(BodyHandler.create(false).setBodyLimit(config.integer("http.body-limit")));
    router.route().failureHandler(problems);
    router.errorHandler(404, problems);
    router.errorHandler(405, problems);
    router.errorHandler(500, problems);

    RequestGate admission = new Admission(billing, idempotent);
    ApiRoutes routes =
        new ApiRoutes(
            router,
            openApi,
            dashboard,
            apiKeys,
            Boolean.parseBoolean(config.string("request-log.enabled"))
                ? new RequestLogGate(admission, requestLog, Clock.systemUTC())
                : admission);
    new HealthApi(db, registry, openApi, MetricsAccess.from(config)).mount(routes);
    new AuthApi(tenants, members, auditLog, db, hasher, tokens, throttle, suspensions)
        .mount(routes);
    new KeyApi(keys, apiKeys, config.integer("keys.max-rotation-grace-seconds")).mount(routes);
    new TeamApi(members, Duration.ofHours(config.integer("auth.invite-ttl-hours"))).mount(routes);
    new AuditApi(auditLog).mount(routes);
    new OperatorApi(tenants, suspensions).mount(routes);
    new MeApi().mount(routes);
    new UsageApi(usageReports, billing).mount(routes);
    new InvoiceApi(invoices, billing, billingAudit).mount(routes);
    new PlanApi(planCatalogue, billing, billingAudit).mount(routes);
    new TenantAccountsApi(tenantAccounts, billing).mount(routes);
    new BillingClockApi(
            billingClock, BillingConfig.testClock(config), !config.isDevProfile(), billingAudit)
        .mount(routes);
    new RequestLogApi(requestLog).mount(routes);
    new BudgetApi(budgets, billing, budgetWatch).mount(routes);
    new EmbeddingsApi(inference, inference, registry, InferenceConfig.embeddingLimits(config))
        .mount(routes);
    new GenerationApis(
            inference,
            inference,
            InferenceConfig.defaultGenerationModel(config),
            registry,
            InferenceConfig.generationTimeout(config))
        .mount(routes);
    new ModelsApi(inference).mount(routes);
    new PoolApi(vertx, inference).mount(routes);
    new PluginAdminApi(plugins, plugins.audit(), vertx).mount(routes);
    PluginOffer offer = PluginSetup.offer(config);
    new PluginApi(plugins, offer).mount(routes);
    new ScopeApi(openApi, () -> offer.offeredIds(plugins)).mount(routes);
    new PluginGateway(plugins).mount(routes);
    new PrivacyApi(tenantExports, exportJobs, erasure, Clock.systemUTC()).mount(routes);
    new RetentionApi(retention, Clock.systemUTC()).mount(routes);
    Dashboard.mount(router); // last: the dashboard answers what no API route claimed
    mountedRoutes = describe(router);
    return router;
  }

  private static Set<String> describe(Router router) {
    Set<String> described = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() != null && route.methods() != null) {
        route.methods().forEach(m -> described.add(m.name() + " " + route.getPath()));
      }
    }
    return Set.copyOf(described);
  }

  Set<String> routes() {
    return mountedRoutes;
  }

  /** Writes the API keys' last-use times gathered in memory. */
  Future<Void> flushKeyUsage() {
    var lastUse = apiKeys.drainLastUse();
    if (lastUse.isEmpty()) {
      return Future.succeededFuture();
    }
    return keys.recordLastUse(lastUse);
  }

  /** Writes the request log lines and the usage still queued, then stops their writers. */
  void closeBilling() {
    requestLog.close();
    billing.close();
  }

  /** Raises the budget alerts this month's charges have reached. */
  Future<Void> checkBudgets() {
    return budgetWatch.checkAll();
  }

  /** Deletes raw usage events past their retention (the rollups keep the sums). */
  Future<Integer> purgeUsage() {
    return db.blocking(billing::purgeRawEvents);
  }

  /**
   * Deletes conversations, drafts, request log lines and audit entries past their tenant's
   * retention, request log lines past the platform's, and deleted tenants' retained invoices past
   * theirs.
   */
  Future<RetentionRepository.Purged> purgeRetention() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    db.blocking(() -> retainedInvoices.purgeExpired(now))
        .onFailure(e -> LOG.warn("Purging retained invoices failed: {}", e.toString()));
    return retention.purge(now);
  }

  /** Deletes the stored answers of Idempotency-Keys past idempotency.ttl-hours. */
  Future<Integer> purgeIdempotentRequests() {
    return idempotent.purgeExpired();
  }

  /** Lets admitted inference work finish, then frees the models. */
  void closeInference() {
    inference.close();
  }

  /** Lets plugins' in-flight requests finish, then unloads them and closes their indexes. */
  void closePlugins() {
    plugins.close();
  }

  PasswordHasher hasher() {
    return hasher;
  }

  OpenApiDocument openApi() {
    return openApi;
  }
}
