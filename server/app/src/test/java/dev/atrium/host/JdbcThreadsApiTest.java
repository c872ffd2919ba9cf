package dev.atrium.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.db.JdbcThreads;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every path that reaches the database takes its connection on a named executor: a dashboard
 * handler, an API key's authentication, a plugin's install, upgrade and uninstall (the host's work
 * runs on Vert.x's worker pool, its audit entries on the executor), a plugin's document store and
 * blob store (called from the plugin's virtual thread), a tenant's plugin choices, a tenant's
 * export (downloaded at once and in the background), the operator's billing view of tenants, and
 * the monthly invoice close (which runs on a thread of its own and hands its transactions to the
 * executor); and the scheduled retention purge and budget check. The database outage probe is
 * checked by {@code dev.atrium.db.DatabaseGateProbeTest}.
 */
@ExtendWith(VertxExtension.class)
class JdbcThreadsApiTest {

  @Test
  void everyPathTakesItsConnectionsOnTheNamedExecutors(Vertx vertx) {
    try (TestServer server = TestServer.start()) {
      ApiClient api = new ApiClient(vertx, server.port());
      JdbcThreads threads = JdbcThreads.watch(server.server.database());

      ApiClient.SignedUpTenant tenant = api.signupWithKey("Threads", "threads.test");
      assertThat(api.get("/api/keys", tenant.owner()).statusCode()).isEqualTo(200);
      threads.assertNamedExecutorsOnly("sign-up, key creation and the dashboard's reads");

      threads.clear();
      PluginApiCalls plugins = new PluginApiCalls(api);
      plugins.installed(TestPlugins.probe("1.0.0"));
      threads.assertNamedExecutorsOnly("a plugin's install");

      plugins.installed(TestPlugins.files());
      threads.clear();
      plugins.enable(tenant.owner(), TestPlugins.PROBE);
      plugins.enable(tenant.owner(), TestPlugins.FILES);
      threads.assertNamedExecutorsOnly("a tenant enabling plugins");

      threads.clear();
      HttpResponse<Buffer> note =
          api.send(
              HttpMethod.PUT,
              "/v1/probe/notes/n1",
              tenant.key(),
              "application/json",
              new JsonObject().put("text", "线程").toBuffer());
      assertThat(note.statusCode()).as(note.bodyAsString()).isEqualTo(200);
      assertThat(api.get("/v1/probe/notes/n1", tenant.key()).bodyAsJsonObject().getString("text"))
          .isEqualTo("线程");
      threads.assertNamedExecutorsOnly("a plugin's document store");

      threads.clear();
      HttpResponse<Buffer> file =
          api.send(
              HttpMethod.PUT,
              "/v1/files/files/a.txt",
              tenant.key(),
              "text/plain",
              Buffer.buffer("bytes on the right thread"));
      assertThat(file.statusCode()).as(file.bodyAsString()).isEqualTo(200);
      assertThat(api.get("/v1/files/files/a.txt", tenant.key()).bodyAsString())
          .isEqualTo("bytes on the right thread");
      threads.assertNamedExecutorsOnly("a plugin's blob store");

      threads.clear();
      HttpResponse<Buffer> upgraded =
          plugins.upgrade(TestPlugins.PROBE, TestPlugins.probe("1.1.0"));
      assertThat(upgraded.statusCode()).as(upgraded.bodyAsString()).isEqualTo(200);
      HttpResponse<Buffer> removed = plugins.uninstall(TestPlugins.FILES);
      assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(204);
      threads.assertNamedExecutorsOnly("a plugin's upgrade and uninstall");
    }
  }

  @Test
  void exportsTheOperatorsTenantViewsAndTheMonthlyCloseTakeTheirConnectionsOnTheNamedExecutors(
      Vertx vertx) throws InterruptedException {
    try (TestServer server = TestServer.start()) {
      ApiClient api = new ApiClient(vertx, server.port());
      String operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
      ApiClient.SignedUpTenant tenant = api.signupWithKey("Exports", "exports.threads.test");
      JdbcThreads threads = JdbcThreads.watch(server.server.database());

      HttpResponse<Buffer> archive = api.get("/api/tenant/export", tenant.owner());
      assertThat(archive.statusCode()).as(archive.bodyAsString()).isEqualTo(200);
      assertThat(archive.getHeader("Content-Type")).isEqualTo("application/zip");
      threads.assertNamedExecutorsOnly("a tenant's export downloaded at once");

      threads.clear();
      HttpResponse<Buffer> started =
          api.post("/api/tenant/exports", tenant.owner(), new JsonObject());
      assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(202);
      String export = "/api/tenant/exports/" + started.bodyAsJsonObject().getString("id");
      assertThat(finished(() -> api.get(export, tenant.owner())).getString("state"))
          .isEqualTo("done");
      threads.assertNamedExecutorsOnly("a tenant's export in the background");

      threads.clear();
      assertThat(api.get("/api/admin/billing/tenants", operator).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> account = api.get("/api/admin/billing/tenants/" + tenant.id(), operator);
      assertThat(account.statusCode()).as(account.bodyAsString()).isEqualTo(200);
      threads.assertNamedExecutorsOnly("the operator's billing view of tenants");

      threads.clear();
      String close =
          "/api/admin/invoices/close?period=" + YearMonth.now(ZoneOffset.UTC).minusMonths(1);
      HttpResponse<Buffer> closing = api.post(close, operator, new JsonObject());
      assertThat(closing.statusCode()).as(closing.bodyAsString()).isEqualTo(202);
      JsonObject closed = finished(() -> api.get(close, operator));
      assertThat(closed.getString("state")).as(closed.encode()).isEqualTo("done");
      assertThat(closed.getInteger("tenantsDone")).isPositive();
      threads.assertNamedExecutorsOnly("the monthly invoice close");
    }
  }

  @Test
  void theScheduledPurgesAndBudgetChecksTakeTheirConnectionsOnTheNamedExecutors()
      throws InterruptedException {
    // Every second instead of hourly and every minute; nothing else calls the idle server.
    try (TestServer server =
        TestServer.start(
            Map.of(
                "privacy.retention-purge-interval-seconds", "1",
                "budgets.check-interval-seconds", "1"))) {
      JdbcThreads threads = JdbcThreads.watch(server.server.database());
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!threads.any()) {
        assertThat(System.nanoTime()).as("no scheduled job took a connection").isLessThan(end);
        Thread.sleep(50);
      }
      Thread.sleep(2_200); // two more runs of each
      threads.assertNamedExecutorsOnly("the scheduled retention purge and budget checks");
    }
  }

  /** Polls a background job's state until it is no longer running (at most 30 seconds). */
  private static JsonObject finished(Supplier<HttpResponse<Buffer>> poll)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      HttpResponse<Buffer> polled = poll.get();
      assertThat(polled.statusCode()).as(polled.bodyAsString()).isEqualTo(200);
      JsonObject job = polled.bodyAsJsonObject();
      if (!job.getString("state").equals("running")) {
        return job;
      }
      assertThat(System.nanoTime()).as("the job still runs: %s", job).isLessThan(end);
      Thread.sleep(20);
    }
  }
}
