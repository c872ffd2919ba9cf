package dev.atrium.app;

import dev.atrium.app.operations.MetricsAccess;
import dev.atrium.config.AtriumConfig;
import dev.atrium.config.ConfigException;
import dev.atrium.db.Db;
import dev.atrium.http.ConnectionGuard;
import dev.atrium.http.ConnectionLimits;
import dev.atrium.http.ConnectionPolicy;
import dev.atrium.persistence.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Atrium server: database, Vert.x, HTTP verticles. {@link #start} blocks until the
 * server listens; {@link #close} shuts it down gracefully (stop accepting, let in-flight requests
 * finish, flush pending writes, close the pool).
 */
public final class AtriumServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AtriumServer.class);
  private static final long KEY_USAGE_FLUSH_MILLIS = 10_000;
  private static final long USAGE_PURGE_MILLIS = 3_600_000;

  private final Vertx vertx;
  private final Database database;
  private final Db db;
  private final Platform platform;
  private final List<String> deployments;
  private final int port;
  private final int metricsPort;
  private final long flushTimer;
  private final long purgeTimer;
  private final long retentionTimer;
  private final long budgetTimer;

  private AtriumServer(
      Vertx vertx,
      Database database,
      Db db,
      Platform platform,
      List<String> deployments,
      int port,
      int metricsPort,
      long retentionPurgeMillis,
      long budgetCheckMillis) {
    this.vertx = vertx;
    this.database = database;
    this.db = db;
    this.platform = platform;
    this.deployments = deployments;
    this.port = port;
    this.metricsPort = metricsPort;
    this.flushTimer = vertx.setPeriodic(KEY_USAGE_FLUSH_MILLIS, id -> platform.flushKeyUsage());
    this.purgeTimer =
        vertx.setPeriodic(
            USAGE_PURGE_MILLIS,
            id -> {
              platform.purgeUsage();
              platform.purgeIdempotentRequests();
            });
    this.retentionTimer = vertx.setPeriodic(retentionPurgeMillis, id -> platform.purgeRetention());
    this.budgetTimer = vertx.setPeriodic(budgetCheckMillis, id -> platform.checkBudgets());
  }

  public static AtriumServer start(AtriumConfig config) {
    if (!Set.of("dev", "prod").contains(config.string("profile"))) {
      throw new ConfigException("profile (ATRIUM_PROFILE) must be 'dev' or 'prod'");
    }
    DataDir.prepare(config);
    String url = config.string("db.url");
    Database database =
        Database.open(
            url.isBlank() ? Database.embeddedUrl(config.dataDir()) : url,
            config.string("db.user"),
            config.string("db.password"),
            config.integer("db.pool-size"),
            Duration.ofMillis(config.integer("db.connect-timeout-ms")));
    MetricsAccess metrics = MetricsAccess.from(config);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics.applyTo(registry);
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    try {
      Db db = new Db(vertx, database);
      Platform platform = new Platform(config, vertx, db, registry, DataDir.jwtSecret(config));
      new Bootstrap(config, database, platform.hasher()).run();
      List<String> deployments = new ArrayList<>();
      int port = deploy(vertx, platform, config, registry, deployments);
      int metricsPort = -1;
      if (metrics.mode() == MetricsAccess.Mode.MANAGEMENT) {
        HttpServer management = await(ManagementServer.start(vertx, metrics, registry));
        metricsPort = management.actualPort();
        LOG.info("Metrics on {}:{}/metrics", metrics.host(), metricsPort);
      }
      LOG.info("Atrium {} listening on {}:{}", Main.VERSION, config.string("http.host"), port);
      return new AtriumServer(
          vertx,
          database,
          db,
          platform,
          deployments,
          port,
          metricsPort,
          1000L * config.integer("privacy.retention-purge-interval-seconds"),
          1000L * config.integer("budgets.check-interval-seconds"));
    } catch (RuntimeException e) {
      vertx.close();
      database.close();
      throw e;
    }
  }

  /**
   * Deploys one HTTP verticle per event loop (up to the core count), all sharing one port; with
   * port 0 Vert.x gives the instances of one deployment the same random port. The connection limits
   * are shared by all of them.
   */
  private static int deploy(
      Vertx vertx,
      Platform platform,
      AtriumConfig config,
      MeterRegistry registry,
      List<String> ids) {
    String host = config.string("http.host");
    int port = config.integer("http.port");
    int timeout = config.integer("http.shutdown-timeout-seconds");
    ConnectionPolicy policy = ConnectionPolicy.from(config);
    ConnectionLimits limits =
        new ConnectionLimits(policy.maxConnections(), policy.maxConnectionsPerAddress());
    Function<Vertx, ConnectionGuard> guards = v -> new ConnectionGuard(v, policy, limits, registry);
    int instances = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
    ids.add(
        await(
            vertx.deployVerticle(
                () -> {
                  HttpVerticle verticle = new HttpVerticle(platform, host, port, timeout, guards);
                  verticles.add(verticle);
                  return verticle;
                },
                new DeploymentOptions().setInstances(instances))));
    return verticles.get(0).actualPort();
  }

  public int port() {
    return port;
  }

  /** The management listener's port ({@code metrics.access=management}), or -1 when none. */
  public int metricsPort() {
    return metricsPort;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Every mounted route as "METHOD path" (Vert.x path syntax), to check the OpenAPI document. */
  public Set<String> routes() {
    return platform.routes();
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    LOG.info("Shutting down: finishing in-flight requests");
    vertx.cancelTimer(flushTimer);
    vertx.cancelTimer(purgeTimer);
    vertx.cancelTimer(retentionTimer);
    vertx.cancelTimer(budgetTimer);
    for (String id : deployments) {
      try {
        await(vertx.undeploy(id));
      } catch (RuntimeException e) {
        LOG.warn("Undeploying {} failed: {}", id, e.getMessage());
      }
    }
    platform.closePlugins();
    platform.closeBilling();
    platform.closeInference();
    try {
      await(platform.flushKeyUsage());
    } catch (RuntimeException e) {
      LOG.warn("Could not write the last API key usage times: {}", e.getMessage());
    }
    db.close();
    await(vertx.close());
    database.close();
    LOG.info("Atrium stopped");
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }
  }
}
