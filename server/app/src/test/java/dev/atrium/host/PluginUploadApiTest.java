package dev.atrium.host;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.host.testplugins.ProbePlugin;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Archives the operator API refuses answer a problem naming the rule, and leave nothing installed:
 * no plugin listed, no route served, nothing documented.
 */
@ExtendWith(VertxExtension.class)
final class PluginUploadApiTest {
  private static final int MAX_ARCHIVE_BYTES = 64 * 1024;

  @Test
  void refusedUploadsAnswerProblemsAndInstallNothing(Vertx vertx) {
    try (TestServer server =
        TestServer.start(Map.of("plugins.max-archive-bytes", String.valueOf(MAX_ARCHIVE_BYTES)))) {
      ApiClient api = new ApiClient(vertx, server.port());
      PluginApiCalls plugins = new PluginApiCalls(api);
      String operator = plugins.operatorToken();

      assertProblem(
          api.send(
              HttpMethod.POST,
              "/api/admin/plugins",
              operator,
              "application/zip",
              Buffer.buffer("this is not a zip", StandardCharsets.UTF_8.name())),
          400,
          "not_a_zip");
      assertProblem(
          api.send(
              HttpMethod.POST,
              "/api/admin/plugins",
              operator,
              "application/zip",
              Buffer.buffer(new byte[MAX_ARCHIVE_BYTES + 1])),
          413,
          "archive_too_large");
      assertProblem(
          plugins.install(
              new PluginArchiveBuilder()
                  .addClass(ProbePlugin.class)
                  .writeTo(TestPlugins.temporaryFile())),
          400,
          "missing_descriptor");
      Properties noClass = new Properties();
      noClass.setProperty("plugin.id", "probe");
      noClass.setProperty("plugin.version", "1.0.0");
      noClass.setProperty("plugin.requires", TestPlugins.COMPATIBLE);
      JsonObject badDescriptor =
          assertProblem(
              plugins.install(
                  new PluginArchiveBuilder()
                      .descriptor(noClass)
                      .addClass(ProbePlugin.class)
                      .writeTo(TestPlugins.temporaryFile())),
              400,
              "invalid_descriptor");
      assertThat(badDescriptor.getString("detail")).contains("plugin.class");
      assertProblem(
          plugins.install(
              new PluginArchiveBuilder()
                  .descriptor("probe", "1.0.0", ProbePlugin.class.getName(), ">=99.0.0")
                  .addClass(ProbePlugin.class)
                  .writeTo(TestPlugins.temporaryFile())),
          422,
          "incompatible_sdk");
      assertProblem(
          plugins.install(
              new PluginArchiveBuilder()
                  .descriptor("probe", "1.0.0", ProbePlugin.class.getName(), TestPlugins.COMPATIBLE)
                  .entry("../escape.txt", new byte[] {1})
                  .addClass(ProbePlugin.class)
                  .writeTo(TestPlugins.temporaryFile())),
          400,
          "unsafe_path");

      assertThat(plugins.installedIds()).isEmpty();
      String owner = api.signup("Upload Co", "owner@upload.test");
      String key = api.createKey(owner, new JsonObject().put("name", "k")).getString("key");
      assertProblem(api.get("/v1/probe/hello", key), 404, "plugin_not_found");
      assertThat(
              api.get("/openapi.json", null).bodyAsJsonObject().getJsonObject("paths").fieldNames())
          .noneMatch(p -> p.startsWith("/v1/probe"));

      Path good = TestPlugins.probe("1.0.0");
      plugins.installed(good);
      assertProblem(plugins.install(good), 409, "plugin_exists");
      assertThat(plugins.installedIds()).containsExactly("probe");
    }
  }
}
