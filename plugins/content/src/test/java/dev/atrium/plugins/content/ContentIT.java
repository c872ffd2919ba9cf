package dev.atrium.plugins.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.AtriumServer;
import dev.atrium.config.AtriumConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin as tenants meet it: the archive this build made, installed by the operator into a real
 * server with the bundled models, called over HTTP by two tenants.
 */
final class ContentIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static AtriumServer server;
  private static String base;
  private static String keyA;
  private static String keyB;
  private static final Map<String, String> OWNERS = new java.util.HashMap<>();

  /** One HTTP exchange: method, path, bearer, content type and body. */
  private record Call(String method, String path, String bearer, String type, byte[] body) {
    static Call json(String method, String path, String bearer, JsonObject body) {
      return new Call(
          method, path, bearer, "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send() throws Exception {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(base + path))
              .method(
                  method,
                  body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
      if (bearer != null) {
        builder.header("Authorization", "Bearer " + bearer);
      }
      if (type != null) {
        builder.header("Content-Type", type);
      }
      return HTTP.send(builder.build(), BodyHandlers.ofString());
    }

    JsonObject ok() throws Exception {
      HttpResponse<String> response = send();
      assertThat(response.statusCode())
          .as(method + " " + path + ": " + response.body())
          .isBetween(200, 299);
      return new JsonObject(response.body());
    }
  }

  @BeforeAll
  static void start() throws Exception {
    server =
        AtriumServer.start(
            AtriumConfig.of(
                Map.of(
                    "profile", "prod",
                    "http.host", "127.0.0.1",
                    "http.port", "0",
                    "data.dir", Files.createTempDirectory("content-it").toString(),
                    "operator.email", "operator@content.test",
                    "operator.password", "operator password")));
    base = "http://127.0.0.1:" + server.port();
    String operator =
        Call.json(
                "POST",
                "/api/auth/login",
                null,
                new JsonObject()
                    .put("email", "operator@content.test")
                    .put("password", "operator password"))
            .ok()
            .getString("token");
    byte[] archive;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      archive =
          Files.readAllBytes(
              files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow());
    }
    new Call("POST", "/api/admin/plugins", operator, "application/zip", archive).ok();
    keyA = tenantKey("a@content.test");
    keyB = tenantKey("b@content.test");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String tenantKey(String email) throws Exception {
    String owner =
        Call.json(
                "POST",
                "/api/auth/signup",
                null,
                new JsonObject()
                    .put("tenant", "Tenant " + email)
                    .put("email", email)
                    .put("password", "tenant password"))
            .ok()
            .getString("token");
    OWNERS.put(email, owner);
    Call.json("PUT", "/api/subscription", owner, new JsonObject().put("plan", "enterprise")).ok();
    Call.json(
            "PUT",
            "/api/plugins/content",
            owner,
            new JsonObject()
                .put("enabled", true)
                .put("settings", new JsonObject().put("maxTokens", 48)))
        .ok();
    return Call.json("POST", "/api/keys", owner, new JsonObject().put("name", "content"))
        .ok()
        .getString("key");
  }

  @Test
  void aBuiltInTemplateWritesVariantsStoredAsTheTenantsOwnDrafts() throws Exception {
    JsonObject answer =
        Call.json(
                "POST",
                "/v1/content/generate",
                keyA,
                new JsonObject()
                    .put("templateId", "product-description-en")
                    .put("n", 2)
                    .put(
                        "variables",
                        new JsonObject()
                            .put("product", "Lumen lamp")
                            .put("features", new JsonArray().add("warm light").add("USB-C"))))
            .ok();
    JsonArray variants = answer.getJsonArray("variants");
    assertThat(variants).hasSize(2);
    String draft = variants.getJsonObject(0).getString("draftId");
    assertThat(variants.getJsonObject(0).getString("model")).isEqualTo("stories260k");
    assertThat(
            new Call("GET", "/v1/content/drafts/" + draft, keyA, null, null)
                .ok()
                .getString("state"))
        .isEqualTo("draft");
    assertProblem(
        new Call("GET", "/v1/content/drafts/" + draft, keyB, null, null).send(),
        404,
        "draft_not_found");
    JsonObject template =
        Call.json(
                "POST",
                "/v1/content/templates",
                keyA,
                new JsonObject()
                    .put("name", "Mine")
                    .put("prompt", "About {{topic}}")
                    .put(
                        "variables",
                        new JsonArray()
                            .add(new JsonObject().put("name", "topic").put("type", "text"))))
            .ok();
    assertProblem(
        new Call("GET", "/v1/content/templates/" + template.getString("id"), keyB, null, null)
            .send(),
        404,
        "template_not_found");
  }

  @Test
  void approvalsGoToTheTenantsAuditLog() throws Exception {
    String draft =
        Call.json("POST", "/v1/content/generate", keyA, new JsonObject().put("brief", "A lamp."))
            .ok()
            .getJsonArray("variants")
            .getJsonObject(0)
            .getString("draftId");
    Call.json("POST", "/v1/content/drafts/" + draft + "/submit", keyA, new JsonObject()).ok();
    Call.json("POST", "/v1/content/drafts/" + draft + "/approve", keyA, new JsonObject()).ok();
    JsonArray events =
        new Call("GET", "/api/audit", OWNERS.get("a@content.test"), null, null)
            .ok()
            .getJsonArray("data");
    List<String> actions =
        events.stream()
            .map(e -> (JsonObject) e)
            .filter(e -> draft.equals(e.getString("target")))
            .map(e -> e.getString("action"))
            .toList();
    assertThat(actions)
        .containsExactlyInAnyOrder(
            "plugin.content.draft.submitted", "plugin.content.draft.approved");
    JsonArray other =
        new Call("GET", "/api/audit", OWNERS.get("b@content.test"), null, null)
            .ok()
            .getJsonArray("data");
    assertThat(other.encode()).doesNotContain(draft);
  }

  @Test
  void badInputGetsProblemsNamingWhatIsWrong() throws Exception {
    assertProblem(
        Call.json(
                "POST", "/v1/content/generate", keyA, new JsonObject().put("templateId", "no-such"))
            .send(),
        404,
        "template_not_found");
    HttpResponse<String> missing =
        Call.json(
                "POST",
                "/v1/content/generate",
                keyA,
                new JsonObject()
                    .put("templateId", "shorten-en")
                    .put("variables", new JsonObject().put("text", "Hello there.")))
            .send();
    assertProblem(missing, 400, "missing_variable");
    assertThat(new JsonObject(missing.body()).getString("variable")).isEqualTo("maxWords");
    assertProblem(csv(new byte[] {'a', (byte) 0xFF, '\n', 'b', '\n'}).send(), 400, "invalid_utf8");
    byte[] large =
        ("product,features\n" + "Lamp,light\n".repeat(50_000)).getBytes(StandardCharsets.UTF_8);
    assertProblem(csv(java.util.Arrays.copyOf(large, 600_000)).send(), 413, "csv_too_large");
  }

  @Test
  void aBatchRunsOnTheHostWithPerRowResults() throws Exception {
    byte[] csv =
        "product,features\nLamp 1,warm light\nLamp 2,\"usb|dimmable\"\nbroken,row,here\n"
            .getBytes(StandardCharsets.UTF_8);
    JsonObject batch =
        new Call(
                "POST",
                "/v1/content/batches?templateId=product-description-en",
                keyA,
                "text/csv",
                csv)
            .ok();
    String id = batch.getString("id");
    for (int i = 0; i < 600 && batch.getString("state").equals("running"); i++) {
      Thread.sleep(100);
      batch = new Call("GET", "/v1/content/batches/" + id, keyA, null, null).ok();
    }
    assertThat(batch.getString("state")).as(batch.encode()).isEqualTo("succeeded");
    assertThat(batch.getJsonObject("counts").getInteger("failed")).isEqualTo(1);
    HttpResponse<String> results =
        new Call("GET", "/v1/content/batches/" + id + "/results?format=csv", keyA, null, null)
            .send();
    assertThat(results.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(results.body().split("\r\n")).hasSize(4);
    assertProblem(
        new Call("GET", "/v1/content/batches/" + id, keyB, null, null).send(),
        404,
        "batch_not_found");
  }

  @Test
  void streamingSendsEachTokenAsAnEventBeforeTheResult() throws Exception {
    HttpResponse<String> response =
        Call.json(
                "POST",
                "/v1/content/generate",
                keyB,
                new JsonObject().put("brief", "A short story about a fox.").put("stream", true))
            .send();
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    // Streamed as it is written: chunked, with no length known in advance.
    assertThat(response.headers().firstValue("Content-Length")).isEmpty();
    String body = response.body();
    assertThat(body).startsWith("data: {\"type\":\"token\"").endsWith("data: [DONE]\n\n");
    assertThat(body.indexOf("\"type\":\"result\""))
        .isGreaterThan(body.lastIndexOf("\"type\":\"token\""));
  }

  /** Tenant A's CSV upload for the product-description template. */
  private static Call csv(byte[] body) {
    return new Call(
        "POST", "/v1/content/batches?templateId=product-description-en", keyA, "text/csv", body);
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(new JsonObject(response.body()).getString("code")).isEqualTo(code);
  }
}
