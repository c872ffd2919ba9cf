package dev.atrium.app;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient.SignedUpTenant;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenant export as a background job over HTTP: started with 202, polled until done with a
 * percent that only grows, downloaded as the documented archive; another tenant, an API key and
 * made-up or malformed ids reach nothing.
 */
class TenantExportJobTest {
  private static TestServer server;
  private static Vertx vertx;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    vertx = Vertx.vertx();
    api = new ApiClient(vertx, server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
    vertx.close().await();
  }

  @Test
  void anExportRunsInTheBackgroundReportsItsProgressAndIsDownloadedOnlyByItsTenant()
      throws Exception {
    SignedUpTenant a = api.signupWithKey("Export A", "export-a.test");
    SignedUpTenant b = api.signupWithKey("Export B", "export-b.test");

    HttpResponse<Buffer> started = api.post("/api/tenant/exports", a.owner(), new JsonObject());
    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(202);
    JsonObject job = started.bodyAsJsonObject();
    String id = job.getString("id");
    assertThat(job.getString("state")).isIn("running", "done");

    List<Integer> percents = new ArrayList<>(List.of(job.getInteger("percent")));
    while (!job.getString("state").equals("done")) {
      assertThat(job.getString("state")).isEqualTo("running");
      Thread.sleep(20);
      HttpResponse<Buffer> polled = api.get("/api/tenant/exports/" + id, a.owner());
      assertThat(polled.statusCode()).isEqualTo(200);
      job = polled.bodyAsJsonObject();
      percents.add(job.getInteger("percent"));
    }
    assertThat(percents).isSorted().allMatch(p -> p >= 0 && p <= 100);
    assertThat(job.getInteger("percent")).isEqualTo(100);
    assertThat(job.getInteger("stepsDone")).isEqualTo(job.getInteger("steps"));
    assertThat(job.getString("download")).isEqualTo("/api/tenant/exports/" + id + "/archive");

    HttpResponse<Buffer> archive = api.get(job.getString("download"), a.owner());
    assertThat(archive.statusCode()).isEqualTo(200);
    assertThat(archive.getHeader("Content-Type")).isEqualTo("application/zip");
    Map<String, byte[]> files = TenantPrivacyApiTest.unzip(archive.body().getBytes());
    JsonObject manifest =
        new JsonObject(new String(files.get("manifest.json"), StandardCharsets.UTF_8));
    assertThat(manifest.getString("tenantId")).isEqualTo(a.id());
    assertThat(new String(files.get("tables/tenants.ndjson"), StandardCharsets.UTF_8))
        .contains("Export A")
        .doesNotContain("Export B");
    // Downloaded again: it stays until it expires.
    assertThat(api.get(job.getString("download"), a.owner()).statusCode()).isEqualTo(200);

    // Another tenant, made-up and malformed ids: 404 as for anything that does not exist.
    for (String path :
        List.of(
            "/api/tenant/exports/" + id,
            "/api/tenant/exports/" + id + "/archive",
            "/api/tenant/exports/" + UUID.randomUUID(),
            "/api/tenant/exports/not-a-uuid/archive",
            "/api/tenant/exports/%00")) {
      assertProblem(api.get(path, b.owner()), 404, "not_found");
    }
    // An API key is not a dashboard session.
    assertThat(api.get("/api/tenant/exports/" + id, a.key()).statusCode()).isIn(401, 403);
    assertThat(api.post("/api/tenant/exports", a.key(), new JsonObject()).statusCode())
        .isIn(401, 403);
  }
}
