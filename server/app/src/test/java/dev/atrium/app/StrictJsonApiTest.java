package dev.atrium.app;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.host.TestPlugins;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every operation with a JSON body in the OpenAPI document, plugin routes included, is sent bodies
 * that are not strict JSON by a caller its access rule admits: each is refused with 400 and the
 * same stable code, and nothing is stored from them. A new JSON route is covered when mounted.
 */
@ExtendWith(VertxExtension.class)
final class StrictJsonApiTest {
  private static final String NO_ID = "00000000-0000-0000-0000-000000000000";

  /** Bodies and the code each must get, on every route. */
  private static final Map<String, byte[]> BAD_BODIES =
      Map.of(
          "malformed_json", utf8("{\"name\": \"x\" /* a comment */}"),
          "duplicate_key", utf8("{\"name\": \"first\", \"name\": \"second\"}"),
          "invalid_utf8", new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, '(', '"', '}'},
          "invalid_characters", utf8("{\"name\": \"\\u0000\\u0000\"}"));

  /** Existing ids for path parameters, by the path before them, so no route stops at a 404. */
  private static final Map<String, String> IDS = new HashMap<>();

  private static TestServer server;
  private static ApiClient api;
  private static String owner;
  private static String operator;
  private static String apiKey;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(TestPlugins.probeInstalledAtStart());
    api = new ApiClient(vertx, server.port());
    owner = api.signup("Strict Co", "owner@strict.test");
    operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
    JsonObject key = api.createKey(owner, new JsonObject().put("name", "k"));
    apiKey = key.getString("key");
    JsonObject me = api.get("/api/me", owner).bodyAsJsonObject();
    IDS.put("/api/keys/", key.getString("id"));
    IDS.put("/api/users/", me.getJsonObject("user").getString("id"));
    IDS.put("/api/admin/tenants/", me.getJsonObject("tenant").getString("id"));
    IDS.put("/api/plugins/", TestPlugins.PROBE);
    IDS.put("/api/admin/plans/", "free");
    api.send(
        HttpMethod.PUT,
        "/api/plugins/" + TestPlugins.PROBE,
        owner,
        "application/json",
        new JsonObject().put("enabled", true).toBuffer());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyJsonEndpointRefusesBodiesThatAreNotStrictJson() {
    JsonObject paths = api.get("/openapi.json", null).bodyAsJsonObject().getJsonObject("paths");
    List<String> checked = new ArrayList<>();
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject operation = item.getJsonObject(method);
        if (!operation.containsKey("requestBody")
            || !operation
                .getJsonObject("requestBody")
                .getJsonObject("content")
                .containsKey("application/json")) {
          continue;
        }
        HttpMethod httpMethod = HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
        int param = path.indexOf('{');
        String concrete =
            param < 0
                ? path
                : path.replaceAll("\\{[^}]+}", IDS.getOrDefault(path.substring(0, param), NO_ID));
        String bearer = bearer(operation.getJsonObject("x-atrium-access").getString("kind"));
        BAD_BODIES.forEach(
            (code, body) ->
                assertProblem(
                    api.send(httpMethod, concrete, bearer, "application/json", Buffer.buffer(body)),
                    400,
                    code));
        checked.add(method + " " + path);
      }
    }
    assertThat(checked)
        .contains(
            "post /api/auth/signup",
            "post /api/keys",
            "put /api/admin/plans/{id}",
            "post /v1/embeddings",
            "put /v1/probe/notes/{id}");
    // Nothing was signed up, created or stored from the refused bodies.
    assertThat(api.get("/api/keys", owner).bodyAsJsonObject().getJsonArray("data")).hasSize(1);
  }

  @Test
  void namesOfOnlyInvisibleCharactersAreEmpty() {
    for (String name : List.of("\u00a0\u00a0", "\u3000", "\u200b\ufeff", " \t\n")) {
      assertProblem(
          api.post(
              "/api/auth/signup",
              null,
              new JsonObject()
                  .put("tenant", name)
                  .put("email", "blank@strict.test")
                  .put("password", "long enough")),
          400,
          "invalid_field");
    }
  }

  private static String bearer(String accessKind) {
    return switch (accessKind) {
      case "public" -> null;
      case "api_key" -> apiKey;
      case "operator" -> operator;
      default -> owner;
    };
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
