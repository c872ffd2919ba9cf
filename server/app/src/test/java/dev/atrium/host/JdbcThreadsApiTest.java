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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every path that reaches the database takes its connection on a named executor: a dashboard
 * handler, an API key's authentication, a plugin's install, a plugin's document store and blob
 * store (called from the plugin's virtual thread), and a tenant's plugin choices. The database
 * outage probe is checked by {@code dev.atrium.db.DatabaseGateProbeTest}.
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
    }
  }
}
