package dev.atrium.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the server serves the dashboard: its own paths answer index.html (not cached), hashed assets
 * are cached for a year, and nothing under the API prefixes is swallowed by the fallback.
 */
class DashboardRoutesTest {
  private static TestServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> send(String method, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theDashboardIsBuiltIntoTheServer() {
    assertThat(Dashboard.built())
        .as("webroot/index.html on the classpath (the atrium-webapp module)")
        .isTrue();
  }

  @Test
  void spaPathsAnswerIndexHtmlThatIsNeverCached() throws Exception {
    for (String path : new String[] {"/", "/keys", "/invoices/123/print", "/accept-invite"}) {
      HttpResponse<String> r =
          send("GET", path + (path.equals("/accept-invite") ? "?token=x" : ""));
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> v.startsWith("text/html"));
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
      assertThat(r.body()).contains("<div id=\"app\">");
    }
  }

  @Test
  void hashedAssetsAreImmutableAndNothingLoadsFromElsewhere() throws Exception {
    String html = send("GET", "/").body();
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
    assertThat(script.find()).isTrue();
    HttpResponse<String> js = send("GET", script.group(1));
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(js.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
    assertThat(js.body()).doesNotContain("https://fonts.").doesNotContain("cdn.jsdelivr");
  }

  @Test
  void aMissingAssetIsA404ProblemThatIsNotCached() throws Exception {
    HttpResponse<String> r = send("GET", "/assets/nope-123.js");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void unknownApiAndV1RoutesStay404Problems() throws Exception {
    for (String path : new String[] {"/api/nope", "/api/keys/x/y/z", "/health/x", "/metrics/x"}) {
      for (String method : new String[] {"GET", "DELETE"}) {
        HttpResponse<String> r = send(method, path);
        assertThat(r.statusCode()).as(method + " " + path).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("route_not_found");
      }
    }
    // /v1/<anything> may belong to a plugin: the gateway authenticates before it says "no such
    // plugin", so an anonymous call is a 401 problem; either way never the dashboard's HTML.
    for (String method : new String[] {"GET", "DELETE"}) {
      HttpResponse<String> r = send(method, "/v1/nope");
      assertThat(r.statusCode()).as(method + " /v1/nope").isIn(401, 404);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
  }

  @Test
  void apiRoutesStillAnswerJson() throws Exception {
    assertThat(send("GET", "/openapi.json").headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("json"));
    assertThat(send("GET", "/health/live").statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/keys").statusCode()).isEqualTo(401);
  }
}
