package dev.atrium.plugins.tutoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.AtriumServer;
import dev.atrium.config.AtriumConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin as a school meets it: its archive installed by the operator into a real server with
 * the real bundled models, the sample course of {@code eval/} set up through the API, a learner
 * practising in English and Chinese, a teacher reading the class report, and a second tenant that
 * sees none of it.
 */
final class TutoringIT {
  private static final Path EVAL = Path.of("eval");
  private static final String OPERATOR = "operator@tutoring.test";
  private static final String PASSWORD = "operator password";
  private static final HttpClient http = HttpClient.newHttpClient();

  private static AtriumServer server;
  private static String base;
  private static String keyA;
  private static String keyB;

  @BeforeAll
  static void start() throws Exception {
    server =
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
                    Files.createTempDirectory("tutoring-it").toString(),
                    "operator.email",
                    OPERATOR,
                    "operator.password",
                    PASSWORD)));
    base = "http://127.0.0.1:" + server.port();
    String operator =
        json(
                "POST",
                "/api/auth/login",
                null,
                new JsonObject().put("email", OPERATOR).put("password", PASSWORD))
            .getString("token");
    HttpResponse<String> installed =
        send(
            "POST",
            "/api/admin/plugins",
            operator,
            "application/zip",
            Files.readAllBytes(archive()));
    assertThat(installed.statusCode()).as(installed.body()).isBetween(200, 201);
    keyA = tenantKey("a@tutoring.test");
    keyB = tenantKey("b@tutoring.test");
    json(
        "PUT",
        "/v1/tutoring/courses/fractions",
        keyA,
        new JsonObject(Files.readString(EVAL.resolve("fractions-course.json"))));
    HttpResponse<String> imported =
        send(
            "POST",
            "/v1/tutoring/courses/fractions/items?format=csv",
            keyA,
            "text/csv",
            Files.readAllBytes(EVAL.resolve("fractions-items.csv")));
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(new JsonObject(imported.body()).getInteger("imported")).isEqualTo(6);
    json("PUT", "/v1/tutoring/learners/s-001", keyA, new JsonObject());
    json(
        "PUT",
        "/v1/tutoring/classes/5b",
        keyA,
        new JsonObject()
            .put("name", "5B")
            .put("teacher", "t-wang")
            .put("courseId", "fractions")
            .put("learners", new JsonArray().add("s-001")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aLearnerPractisesTheReadySkillAndGetsGradedFeedback() throws Exception {
    JsonObject next = next(keyA, "s-001");
    JsonObject item = next.getJsonObject("item");
    assertThat(item.getJsonArray("skills").getString(0)).isEqualTo("fractions-basics");
    assertThat(item.containsKey("answer")).as("the answer is never sent to the learner").isFalse();

    JsonObject graded =
        json(
            "POST",
            "/v1/tutoring/responses",
            keyA,
            new JsonObject()
                .put("learnerId", "s-001")
                .put("courseId", "fractions")
                .put("itemId", "f4")
                .put(
                    "answer",
                    "Find a common denominator for both fractions, then add the numerators."));
    assertThat(graded.getBoolean("right")).as(graded.encode()).isTrue();
    assertThat(
            graded
                .getJsonObject("evidence")
                .getJsonArray("rubric")
                .getJsonObject(0)
                .getBoolean("found"))
        .isTrue();

    JsonObject chinese =
        json(
            "POST",
            "/v1/tutoring/responses",
            keyA,
            new JsonObject()
                .put("learnerId", "s-001")
                .put("courseId", "fractions")
                .put("itemId", "z2")
                .put("answer", "先通分，让分母相同，然后分子相加。"));
    assertThat(chinese.getDouble("score")).as(chinese.encode()).isGreaterThan(0.5);

    JsonObject report = json("GET", "/v1/tutoring/classes/5b/report", keyA, null);
    assertThat(report.getJsonArray("mastery")).hasSize(2);
    HttpResponse<String> csv =
        send("GET", "/v1/tutoring/classes/5b/report?format=csv&table=mastery", keyA, null, null);
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.body()).startsWith("learnerId,skill,mastery");
  }

  @Test
  void courseMaterialAnswersQuestionsWithCitationsInBothLanguages() throws Exception {
    for (String name : new String[] {"fractions-material-en.md", "fractions-material-zh.md"}) {
      HttpResponse<String> uploaded =
          send(
              "POST",
              "/v1/tutoring/courses/fractions/materials?skills=fractions-add&fileName=" + name,
              keyA,
              "text/markdown",
              Files.readAllBytes(EVAL.resolve(name)));
      assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
      awaitJob(new JsonObject(uploaded.body()).getString("jobId"));
    }
    JsonObject english =
        json(
            "POST",
            "/v1/tutoring/help",
            keyA,
            new JsonObject()
                .put("courseId", "fractions")
                .put("question", "How do I add fractions whose denominators differ?"));
    assertThat(english.getString("answer")).containsIgnoringCase("common denominator");
    assertThat(english.getJsonArray("citations").getJsonObject(0).getString("documentId"))
        .isEqualTo("fractions-fractions-material-en.md");
    JsonObject chinese =
        json(
            "POST",
            "/v1/tutoring/help",
            keyA,
            new JsonObject().put("courseId", "fractions").put("question", "异分母分数怎么加？"));
    assertThat(chinese.getString("answer")).contains("通分");
  }

  @Test
  void badInputGetsProblemsAndTenantsAreIsolated() throws Exception {
    assertProblem(
        send("POST", "/v1/tutoring/next", keyA, "application/json", "{\"learnerId\":".getBytes()),
        400,
        "malformed_json");
    assertProblem(
        send(
            "POST",
            "/v1/tutoring/next",
            keyA,
            "application/json",
            new JsonObject()
                .put("learnerId", "nobody")
                .put("courseId", "fractions")
                .encode()
                .getBytes()),
        404,
        "not_found");
    assertProblem(
        send(
            "PUT",
            "/v1/tutoring/courses/loop",
            keyA,
            "application/json",
            new JsonObject()
                .put("title", "Loop")
                .put(
                    "skills",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("id", "x")
                                .put("name", "X")
                                .put("prerequisites", new JsonArray().add("y")))
                        .add(
                            new JsonObject()
                                .put("id", "y")
                                .put("name", "Y")
                                .put("prerequisites", new JsonArray().add("x"))))
                .encode()
                .getBytes()),
        400,
        "cyclic_prerequisites");
    assertProblem(
        send("GET", "/v1/tutoring/courses/fractions", keyB, null, null), 404, "not_found");
    assertProblem(send("GET", "/v1/tutoring/learners/s-001", keyB, null, null), 404, "not_found");
    assertThat(json("GET", "/v1/tutoring/courses", keyB, null).getJsonArray("data")).isEmpty();
  }

  private static JsonObject next(String key, String learner) throws Exception {
    return json(
        "POST",
        "/v1/tutoring/next",
        key,
        new JsonObject().put("learnerId", learner).put("courseId", "fractions"));
  }

  private static void awaitJob(String id) throws Exception {
    for (int i = 0; i < 600; i++) {
      JsonObject job =
          json(
              "GET",
              "/v1/tutoring/jobs/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
              keyA,
              null);
      if (!job.getString("state").equals("running")) {
        assertThat(job.getString("state")).as(job.encode()).isEqualTo("succeeded");
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(id + " did not finish in time");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(new JsonObject(response.body()).getString("code")).isEqualTo(code);
  }

  private static String tenantKey(String email) throws Exception {
    String owner =
        json(
                "POST",
                "/api/auth/signup",
                null,
                new JsonObject()
                    .put("tenant", "Tenant " + email)
                    .put("email", email)
                    .put("password", "tenant password"))
            .getString("token");
    send(
        "PUT",
        "/api/subscription",
        owner,
        "application/json",
        new JsonObject().put("plan", "enterprise").encode().getBytes());
    HttpResponse<String> enabled =
        send(
            "PUT",
            "/api/plugins/tutoring",
            owner,
            "application/json",
            new JsonObject().put("enabled", true).encode().getBytes());
    assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
    return json("POST", "/api/keys", owner, new JsonObject().put("name", "k")).getString("key");
  }

  private static JsonObject json(String method, String path, String bearer, JsonObject body)
      throws Exception {
    HttpResponse<String> response =
        send(
            method,
            path,
            bearer,
            body == null ? null : "application/json",
            body == null ? null : body.encode().getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isLessThan(300);
    return new JsonObject(response.body());
  }

  private static HttpResponse<String> send(
      String method, String path, String bearer, String type, byte[] body) throws Exception {
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
    if (type != null) {
      request.header("Content-Type", type);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Path archive() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
    }
  }
}
