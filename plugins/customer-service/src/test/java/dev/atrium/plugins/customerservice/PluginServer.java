package dev.atrium.plugins.customerservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.AtriumServer;
import dev.atrium.config.AtriumConfig;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real server for this module's integration tests: the prod profile on a free loopback port, the
 * real bundled models, and the plugin archive this module built installed by the operator.
 */
final class PluginServer {
  static final String OPERATOR = "operator@cs.test";
  static final String PASSWORD = "operator password";

  private PluginServer() {}

  static AtriumServer start() throws Exception {
    AtriumServer server =
        AtriumServer.start(
            AtriumConfig.of(
                Map.of(
                    "profile",
                    "prod",
                    "http.host",
                    "127.0.0.1",
                    "http.port",
                    "0",
                    "data.dir",
                    Files.createTempDirectory("cs-it").toString(),
                    "operator.email",
                    OPERATOR,
                    "operator.password",
                    PASSWORD)));
    String base = "http://127.0.0.1:" + server.port();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("email", OPERATOR).put("password", PASSWORD).encode()))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String operator = new JsonObject(login.body()).getString("token");
    HttpResponse<String> installed =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/admin/plugins"))
                .POST(HttpRequest.BodyPublishers.ofFile(archive()))
                .header("Authorization", "Bearer " + operator)
                .header("Content-Type", "application/zip")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(installed.statusCode()).as(installed.body()).isBetween(200, 201);
    return server;
  }

  private static Path archive() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
    }
  }
}
