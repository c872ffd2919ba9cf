package dev.atrium.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A well-behaved API client for benchmark set-up steps (any body type, not measured as load): it
 * waits as long as {@code Retry-After} says after a 429, and fails on any other status of 300 or
 * more. It also waits for the customer-service plugin's documents and jobs.
 */
final class BenchClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  /** How long the last request took, retries after 429 excluded. */
  private long lastAttemptNanos;

  BenchClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  long lastAttemptNanos() {
    return lastAttemptNanos;
  }

  JsonObject post(String path, String bearer, JsonObject body) throws Exception {
    return new JsonObject(
        send(
            "POST",
            path,
            bearer,
            "application/json",
            body.encode().getBytes(StandardCharsets.UTF_8)));
  }

  String send(String method, String path, String bearer, String contentType, byte[] body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    long start = System.nanoTime();
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    for (int retry = 0; response.statusCode() == 429 && retry < 120; retry++) {
      Thread.sleep(1000L * response.headers().firstValueAsLong("Retry-After").orElse(1));
      start = System.nanoTime();
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
    lastAttemptNanos = System.nanoTime() - start;
    if (response.statusCode() >= 300) {
      throw new IOException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** Waits until the customer-service plugin has ingested {@code documentId}; its chunks. */
  int awaitDocument(String key, String documentId) throws Exception {
    for (int i = 0; i < 600; i++) {
      JsonObject doc =
          new JsonObject(
              send("GET", "/v1/customer-service/documents/" + documentId, key, null, null));
      String status = doc.getString("status");
      if (status.equals("ready")) {
        return doc.getInteger("chunks");
      }
      if (status.equals("failed")) {
        throw new IllegalStateException(documentId + " failed: " + doc.getString("error"));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(documentId + " was not ingested within 2 minutes");
  }

  void awaitJob(String key, String jobId) throws Exception {
    for (int i = 0; i < 600; i++) {
      JsonObject job =
          new JsonObject(send("GET", "/v1/customer-service/jobs/" + jobId, key, null, null));
      if (!job.getString("state").equals("running")) {
        if (!job.getString("state").equals("succeeded")) {
          throw new IllegalStateException("job " + jobId + " ended " + job.encode());
        }
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("job " + jobId + " did not finish within 2 minutes");
  }

  /**
   * Installs a plugin archive as the operator, signs up a tenant on the enterprise plan, enables
   * the plugin with {@code settings} and answers a new API key of that tenant.
   */
  String tenantKeyWithPlugin(
      String operatorEmail,
      String operatorPassword,
      java.nio.file.Path archive,
      String pluginId,
      JsonObject settings)
      throws Exception {
    String operator =
        post(
                "/api/auth/login",
                null,
                new JsonObject().put("email", operatorEmail).put("password", operatorPassword))
            .getString("token");
    send(
        "POST",
        "/api/admin/plugins",
        operator,
        "application/zip",
        java.nio.file.Files.readAllBytes(archive));
    String owner =
        post(
                "/api/auth/signup",
                null,
                new JsonObject()
                    .put("tenant", "Bench " + pluginId)
                    .put("email", "owner@" + pluginId + ".bench.test")
                    .put("password", "bench tenant password"))
            .getString("token");
    send(
        "PUT",
        "/api/subscription",
        owner,
        "application/json",
        new JsonObject().put("plan", "enterprise").encode().getBytes(StandardCharsets.UTF_8));
    send(
        "PUT",
        "/api/plugins/" + pluginId,
        owner,
        "application/json",
        new JsonObject()
            .put("enabled", true)
            .put("settings", settings)
            .encode()
            .getBytes(StandardCharsets.UTF_8));
    return post("/api/keys", owner, new JsonObject().put("name", "bench")).getString("key");
  }
}
