package com.example.atrium.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.testkit.PluginUnderTest;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The plugin on the testkit: no server, real in-memory services. */
final class EchoPluginTest {
  @Test
  void echoesWithTheTenantsGreetingAndMetersEachCall() {
    try (TestingPluginContext context = new TestingPluginContext("example-echo");
        PluginUnderTest<EchoPlugin> echo = PluginUnderTest.start(context, EchoPlugin.class)) {
      String tenant = TestingPluginContext.newTenantId();
      context.setSettings(tenant, new JsonObject().put("greeting", "Ahoy").put("shout", true));

      PluginResponse response = echo.post("/echo", tenant, new JsonObject().put("text", "hi"));

      assertThat(response.status()).isEqualTo(200);
      assertThat(json(response))
          .isEqualTo(
              new JsonObject().put("echo", "HI").put("greeting", "Ahoy").put("version", "1.0.0"));
      assertThat(context.usage().total(tenant, EchoPlugin.REQUESTS)).isEqualTo(1);
      assertThat(echo.post("/echo", tenant, new JsonObject()).status()).isEqualTo(400);
    }
  }

  @Test
  void bodiesAreReadAsStrictJsonLikeOnTheServer() {
    try (TestingPluginContext context = new TestingPluginContext("example-echo");
        PluginUnderTest<EchoPlugin> echo = PluginUnderTest.start(context, EchoPlugin.class)) {
      String tenant = TestingPluginContext.newTenantId();
      assertThat(refusal(echo, tenant, "{\"text\": \"a\", \"text\": \"b\"}"))
          .isEqualTo("duplicate_key");
      assertThat(refusal(echo, tenant, "{\"text\": \"a\" /* why */}")).isEqualTo("malformed_json");
      assertThat(refusal(echo, tenant, "{\"text\": \"\\u0000\"}")).isEqualTo("invalid_characters");
      // Empty after trim, as the server's own routes see it: no-break space, zero-width space, BOM.
      assertThat(refusal(echo, tenant, "{\"text\": \" \\u00a0\\u200b\\ufeff\"}"))
          .isEqualTo("invalid_text");
      assertThat(context.usage().total(tenant, EchoPlugin.REQUESTS)).isZero();
    }
  }

  /** The problem code answering {@code body}, which must be a 400. */
  private static String refusal(PluginUnderTest<EchoPlugin> echo, String tenant, String body) {
    PluginResponse response = echo.call(HttpMethod.POST, "/echo", tenant, Buffer.buffer(body));
    assertThat(response.status()).isEqualTo(400);
    return json(response).getString("code");
  }

  @Test
  void keepsEachTenantsNotesApart() {
    try (TestingPluginContext context = new TestingPluginContext("example-echo");
        PluginUnderTest<EchoPlugin> echo = PluginUnderTest.start(context, EchoPlugin.class)) {
      String alice = TestingPluginContext.newTenantId();
      String bob = TestingPluginContext.newTenantId();

      echo.put("/notes/n1", alice, new JsonObject().put("text", "buy milk"));

      assertThat(json(echo.get("/notes/n1", alice)).getString("text")).isEqualTo("buy milk");
      assertThat(echo.get("/notes/n1", bob).status()).isEqualTo(404);
      assertThat(json(echo.get("/stats", alice)).getInteger("value")).isEqualTo(1);
      assertThat(echo.delete("/notes/n1", alice).status()).isEqualTo(204);
      assertThat(echo.get("/notes", alice).status()).isEqualTo(200);
      assertThat(echo.get("/nowhere", alice).status()).isEqualTo(404);
    }
  }

  @Test
  void settingsAreCheckedAgainstTheSchema() {
    try (TestingPluginContext context = new TestingPluginContext("example-echo");
        PluginUnderTest<EchoPlugin> echo = PluginUnderTest.start(context, EchoPlugin.class)) {
      assertThat(echo.routes()).contains("POST /echo", "GET /notes/{id}");
      assertThatThrownBy(
              () ->
                  context.setSettings(
                      TestingPluginContext.newTenantId(), new JsonObject().put("shout", "yes")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("settings/shout");
    }
  }

  private static JsonObject json(PluginResponse response) {
    return new JsonObject(response.body());
  }
}
