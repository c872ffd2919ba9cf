package dev.atrium.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The plugin calls the HTTP tests make: the operator's uploads and a tenant's enablement. */
final class PluginApiCalls {
  private final ApiClient api;
  private final String operator;

  PluginApiCalls(ApiClient api) {
    this.api = api;
    this.operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
  }

  ApiClient api() {
    return api;
  }

  /** Polls {@code condition} until it holds, for at most 20 s. */
  static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - end).as("waited 20 s").isNegative();
      Thread.sleep(20);
    }
  }

  String operatorToken() {
    return operator;
  }

  /** {@code POST /api/admin/plugins} with the archive. */
  HttpResponse<Buffer> install(Path archive) {
    return api.send(
        HttpMethod.POST, "/api/admin/plugins", operator, "application/zip", read(archive));
  }

  /** {@code PUT /api/admin/plugins/{id}} with the archive. */
  HttpResponse<Buffer> upgrade(String id, Path archive) {
    return api.send(
        HttpMethod.PUT, "/api/admin/plugins/" + id, operator, "application/zip", read(archive));
  }

  HttpResponse<Buffer> uninstall(String id) {
    return api.delete("/api/admin/plugins/" + id, operator);
  }

  /** Installs the archive and asserts it serves. */
  void installed(Path archive) {
    HttpResponse<Buffer> r = install(archive);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
  }

  /** {@code PUT /api/plugins/{id}} as {@code token}. */
  HttpResponse<Buffer> choose(String token, String id, JsonObject body) {
    return api.send(
        HttpMethod.PUT, "/api/plugins/" + id, token, "application/json", body.toBuffer());
  }

  /** Enables the plugin for the token's tenant and asserts it was saved. */
  void enable(String token, String id) {
    HttpResponse<Buffer> r = choose(token, id, new JsonObject().put("enabled", true));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  /** The ids the operator sees installed. */
  java.util.List<String> installedIds() {
    return api.get("/api/admin/plugins", operator).bodyAsJsonObject().getJsonArray("data").stream()
        .map(p -> ((JsonObject) p).getString("id"))
        .toList();
  }

  private static Buffer read(Path archive) {
    try {
      return Buffer.buffer(Files.readAllBytes(archive));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
