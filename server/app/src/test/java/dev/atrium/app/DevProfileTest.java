package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class DevProfileTest {

  @Test
  void devProfileSeedsADemoTenantWhoseCredentialsSurviveRestarts(Vertx vertx) throws Exception {
    Map<String, String> dev =
        Map.of("profile", "dev", "operator.email", "", "operator.password", "");
    Properties first = new Properties();
    Path dataDir;
    try (TestServer server = TestServer.start(dev)) {
      dataDir = server.dataDir;
      first.load(Files.newBufferedReader(dataDir.resolve("dev-credentials.properties")));
      ApiClient api = new ApiClient(vertx, server.port());
      assertThat(api.get("/v1/me", first.getProperty("demo.api-key")).statusCode()).isEqualTo(200);
      assertThat(api.login(Bootstrap.DEMO_OWNER, first.getProperty("demo.password"))).isNotBlank();
      assertThat(api.login(Bootstrap.DEV_OPERATOR, first.getProperty("operator.password")))
          .isNotBlank();
    }
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("dev-credentials.properties")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    Map<String, String> again = new HashMap<>(dev);
    again.put("data.dir", dataDir.toString());
    again.put("db.url", "");
    try (TestServer restarted = TestServer.start(again)) {
      Properties second = new Properties();
      second.load(Files.newBufferedReader(dataDir.resolve("dev-credentials.properties")));
      assertThat(second).isEqualTo(first);
      ApiClient api = new ApiClient(vertx, restarted.port());
      assertThat(api.get("/v1/me", second.getProperty("demo.api-key")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void prodProfileSeedsNoDemoTenant(Vertx vertx) {
    try (TestServer server = TestServer.start()) {
      ApiClient api = new ApiClient(vertx, server.port());
      assertThat(Files.exists(server.dataDir.resolve("dev-credentials.properties"))).isFalse();
      assertThat(
              api.post(
                      "/api/auth/login",
                      null,
                      new JsonObject()
                          .put("email", Bootstrap.DEMO_OWNER)
                          .put("password", "anything1"))
                  .statusCode())
          .isEqualTo(401);
    }
  }
}
