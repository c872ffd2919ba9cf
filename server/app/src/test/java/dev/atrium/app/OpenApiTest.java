package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.host.TestPlugins;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class OpenApiTest {
  private static TestServer server;
  private static JsonObject document;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(TestPlugins.probeInstalledAtStart());
    document = new ApiClient(vertx, server.port()).get("/openapi.json", null).bodyAsJsonObject();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyMountedRouteIsDescribed() {
    assertThat(server.server.routes()).hasSizeGreaterThan(10);
    JsonObject paths = document.getJsonObject("paths");
    for (String route : server.server.routes()) {
      String[] parts = route.split(" ", 2);
      String path = parts[1].replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      JsonObject item = paths.getJsonObject(path);
      assertThat(item).as("path of " + route).isNotNull();
      assertThat(item.containsKey(HttpMethod.valueOf(parts[0]).name().toLowerCase(Locale.ROOT)))
          .as("method of " + route)
          .isTrue();
    }
  }

  @Test
  void theDocumentIsValidOpenApi() {
    SwaggerParseResult result = new OpenAPIParser().readContents(document.encode(), null, null);
    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI().getPaths())
        .containsKeys("/api/keys", "/api/keys/{id}/rotate", "/v1/me", "/v1/probe/notes/{id}");
  }

  @Test
  void errorsAreDocumentedAsProblems() {
    JsonObject create =
        document.getJsonObject("paths").getJsonObject("/api/keys").getJsonObject("post");
    for (String status : List.of("400", "401", "403", "413", "415")) {
      assertThat(
              create
                  .getJsonObject("responses")
                  .getJsonObject(status)
                  .getJsonObject("content")
                  .containsKey("application/problem+json"))
          .as(status)
          .isTrue();
    }
  }

  @Test
  void queryParametersAndRawBodiesAreDeclared() {
    JsonObject paths = document.getJsonObject("paths");
    JsonObject install = paths.getJsonObject("/api/admin/plugins").getJsonObject("post");
    JsonObject upgrade = paths.getJsonObject("/api/admin/plugins/{id}").getJsonObject("put");
    for (JsonObject upload : List.of(install, upgrade)) {
      assertThat(
              upload
                  .getJsonObject("requestBody")
                  .getJsonObject("content")
                  .getJsonObject("application/zip")
                  .getJsonObject("schema"))
          .isEqualTo(new JsonObject().put("type", "string").put("format", "binary"));
      assertThat(upload.getJsonObject("responses").getJsonObject("415").encode())
          .contains("application/problem+json");
    }
    assertThat(parameter(upgrade, "allowDowngrade").getString("in")).isEqualTo("query");
    assertThat(parameter(upgrade, "id").getString("in")).isEqualTo("path");

    JsonObject close = paths.getJsonObject("/api/admin/invoices/close").getJsonObject("post");
    assertThat(parameter(close, "period").getBoolean("required")).isTrue();
    assertThat(parameter(close, "period").getJsonObject("schema").getString("pattern"))
        .isEqualTo("^[0-9]{4}-(0[1-9]|1[0-2])$");
    assertThat(parameter(close, "draft").getBoolean("required")).isFalse();
    assertThat(close.containsKey("requestBody")).isFalse();
    for (String path : List.of("/api/admin/invoices", "/api/admin/invoices/close")) {
      assertThat(parameter(paths.getJsonObject(path).getJsonObject("get"), "period")).isNotNull();
    }
  }

  private static JsonObject parameter(JsonObject operation, String name) {
    return operation.getJsonArray("parameters").stream()
        .map(JsonObject.class::cast)
        .filter(p -> name.equals(p.getString("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no parameter " + name + " in " + operation));
  }
}
