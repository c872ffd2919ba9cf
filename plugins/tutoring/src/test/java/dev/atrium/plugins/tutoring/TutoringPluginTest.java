package dev.atrium.plugins.tutoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.testkit.PluginUnderTest;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin on the testkit's real document store and scheduler: courses, imports, adaptive
 * practice, the teacher view, bad input and tenant isolation (free-text grading with real
 * embeddings is in {@link FreeTextGradingTest}).
 */
final class TutoringPluginTest {
  private static TestingPluginContext context;
  private static PluginUnderTest<TutoringPlugin> plugin;

  @BeforeAll
  static void start() {
    context = new TestingPluginContext("tutoring");
    plugin = PluginUnderTest.start(context, TutoringPlugin.class);
  }

  @AfterAll
  static void stop() {
    plugin.close();
    context.close();
  }

  @Test
  void cyclicPrerequisitesAreRefusedWithTheCycleNamed() {
    String tenant = TestingPluginContext.newTenantId();
    PluginResponse response =
        plugin.put(
            "/courses/loop", tenant, course(skill("a", "c"), skill("b", "a"), skill("c", "b")));
    assertProblem(response, 400, "cyclic_prerequisites");
    assertThat(detail(response)).contains("a -> c -> b -> a");
    assertProblem(
        plugin.put("/courses/bad", tenant, course(skill("a", "zzz"))), 400, "unknown_prerequisite");
    assertProblem(plugin.get("/courses/loop", tenant), 404, "not_found");
  }

  @Test
  void importsRefuseItemsWithoutSkillsAndNameTheRowAndField() {
    String tenant = TestingPluginContext.newTenantId();
    plugin.put("/courses/algebra", tenant, course(skill("add"), skill("mul", "add")));
    String csv =
        "id,type,skills,prompt,options,answer\n"
            + "q1,choice,add,2+2?,3|4|5,B\n"
            + "q2,numeric,,3*3?,,9\n";
    PluginResponse noSkill = csv(tenant, "algebra", csv);
    assertProblem(noSkill, 400, "item_without_skill");
    assertThat(detail(noSkill)).contains("Row 3").contains("'skills'");

    PluginResponse badNumber =
        csv(tenant, "algebra", "id,type,skills,prompt,answer\nq1,numeric,add,1+1?,two\n");
    assertProblem(badNumber, 400, "invalid_import");
    assertThat(detail(badNumber)).contains("Row 2").contains("'answer'");

    PluginResponse unknownColumn = csv(tenant, "algebra", "id,colour\nq1,red\n");
    assertThat(detail(unknownColumn)).contains("unknown column 'colour'");

    PluginResponse json =
        plugin.post(
            "/courses/algebra/items",
            tenant,
            new JsonObject()
                .put(
                    "items",
                    new JsonArray()
                        .add(choice("q1", "add", 0))
                        .add(
                            new JsonObject()
                                .put("id", "q2")
                                .put("type", "text")
                                .put("skills", new JsonArray().add("nope"))
                                .put("prompt", "?"))));
    assertProblem(json, 400, "unknown_skill");
    assertThat(detail(json)).contains("Item 2");
    assertThat(
            plugin.get("/courses/algebra/items", tenant).body().toJsonObject().getJsonArray("data"))
        .as("a refused import leaves nothing behind")
        .isEmpty();

    PluginResponse chinese =
        csv(
            tenant,
            "algebra",
            "id,type,skills,prompt,answer,tolerance\nz1,numeric,add,\"三加四等于几？\",7,0\n");
    assertThat(chinese.status()).as(chinese.body().toString()).isEqualTo(200);
    assertThat(
            plugin
                .get("/courses/algebra/items", tenant)
                .body()
                .toJsonObject()
                .getJsonArray("data")
                .getJsonObject(0)
                .getString("prompt"))
        .isEqualTo("三加四等于几？");
  }

  @Test
  void anUnknownLearnerIsNotFoundAndMalformedBodiesAreRefused() {
    String tenant = TestingPluginContext.newTenantId();
    plugin.put("/courses/c1", tenant, course(skill("s")));
    PluginResponse unknown =
        plugin.post(
            "/next", tenant, new JsonObject().put("learnerId", "ghost").put("courseId", "c1"));
    assertProblem(unknown, 404, "not_found");
    assertThat(detail(unknown)).contains("learner 'ghost'");
    assertProblem(
        plugin.call(HttpMethod.POST, "/next", tenant, Buffer.buffer("{\"learnerId\":")),
        400,
        "malformed_json");
    assertProblem(
        plugin.post(
            "/next",
            tenant,
            new JsonObject().put("learnerId", "x").put("courseId", "c1").put("extra", 1)),
        400,
        "unknown_field");
    assertProblem(
        plugin.put(
            "/learners/l1", tenant, new JsonObject().put("courses", new JsonArray().add("nope"))),
        404,
        "not_found");
    plugin.put("/learners/l1", tenant, new JsonObject().put("courses", new JsonArray().add("c1")));
    assertProblem(
        plugin.post(
            "/responses",
            tenant,
            new JsonObject()
                .put("learnerId", "l1")
                .put("courseId", "c1")
                .put("itemId", "q9")
                .put("answer", 1)),
        404,
        "not_found");
  }

  @Test
  void anAllCorrectLearnerMovesUpAndIsOfferedHarderItems() {
    String tenant = TestingPluginContext.newTenantId();
    plugin.put("/courses/ladder", tenant, course(skill("s")));
    JsonArray items = new JsonArray();
    for (int i = 0; i < 40; i++) {
      items.add(numeric("n" + i, "s", i, -3 + 6.0 * i / 39));
    }
    assertThat(
            plugin
                .post("/courses/ladder/items", tenant, new JsonObject().put("items", items))
                .status())
        .isEqualTo(200);
    plugin.put(
        "/learners/ace", tenant, new JsonObject().put("courses", new JsonArray().add("ladder")));

    List<Double> difficulties = new ArrayList<>();
    List<Double> abilities = new ArrayList<>();
    for (int step = 0; step < 12; step++) {
      JsonObject next = next(tenant, "ace", "ladder");
      JsonObject item = next.getJsonObject("item");
      int index = Integer.parseInt(item.getString("id").substring(1));
      difficulties.add(-3 + 6.0 * index / 39);
      JsonObject graded = answer(tenant, "ace", "ladder", item.getString("id"), index);
      assertThat(graded.getBoolean("right")).isTrue();
      abilities.add(graded.getJsonObject("skills").getJsonObject("s").getDouble("ability"));
    }
    assertThat(abilities.get(11)).isGreaterThan(abilities.get(0) + 1);
    double early = (difficulties.get(0) + difficulties.get(1) + difficulties.get(2)) / 3;
    double late = (difficulties.get(9) + difficulties.get(10) + difficulties.get(11)) / 3;
    assertThat(late).as(difficulties.toString()).isGreaterThan(early + 1);
    assertThat(difficulties.stream().distinct().count()).as("no repeats").isEqualTo(12);
  }

  @Test
  void prerequisitesAreRespectedUntilMastered() {
    String tenant = TestingPluginContext.newTenantId();
    plugin.put("/courses/steps", tenant, course(skill("count"), skill("add", "count")));
    JsonArray items = new JsonArray();
    for (int i = 0; i < 10; i++) {
      items.add(numeric("c" + i, "count", i, 0)).add(numeric("a" + i, "add", i, 0));
    }
    plugin.post("/courses/steps/items", tenant, new JsonObject().put("items", items));
    plugin.put(
        "/learners/kid", tenant, new JsonObject().put("courses", new JsonArray().add("steps")));

    assertProblem(
        plugin.post(
            "/next",
            tenant,
            new JsonObject().put("learnerId", "kid").put("courseId", "steps").put("skill", "add")),
        409,
        "skill_not_ready");
    JsonObject path = plugin.get("/learners/kid/path?courseId=steps", tenant).body().toJsonObject();
    assertThat(path.getJsonArray("steps").getJsonObject(0).getString("skill")).isEqualTo("count");
    assertThat(path.getJsonArray("steps").getJsonObject(1).getBoolean("ready")).isFalse();
    assertThat(path.getInteger("estimatedItems")).isPositive();

    boolean mastered = false;
    int served = 0;
    while (!mastered) {
      JsonObject item = next(tenant, "kid", "steps").getJsonObject("item");
      assertThat(item.getJsonArray("skills").getString(0))
          .as("only the prerequisite")
          .isEqualTo("count");
      JsonObject graded =
          answer(
              tenant,
              "kid",
              "steps",
              item.getString("id"),
              Integer.parseInt(item.getString("id").substring(1)));
      mastered = graded.getJsonObject("skills").getJsonObject("count").getBoolean("mastered");
      assertThat(++served).isLessThan(10);
    }
    assertThat(
            next(tenant, "kid", "steps").getJsonObject("item").getJsonArray("skills").getString(0))
        .isEqualTo("add");
    assertThat(context.usage().total(tenant, "responses_graded")).isEqualTo(served);
    assertThat(context.usage().total(tenant, "items_served")).isEqualTo(served + 1);
  }

  @Test
  void tenantsNeverSeeEachOthersCoursesItemsOrLearners() {
    String a = TestingPluginContext.newTenantId();
    String b = TestingPluginContext.newTenantId();
    plugin.put("/courses/shared-name", a, course(skill("s")));
    plugin.post(
        "/courses/shared-name/items",
        a,
        new JsonObject().put("items", new JsonArray().add(numeric("n1", "s", 1, 0))));
    plugin.put(
        "/learners/same-id",
        a,
        new JsonObject().put("courses", new JsonArray().add("shared-name")));

    assertProblem(plugin.get("/courses/shared-name", b), 404, "not_found");
    assertThat(plugin.get("/courses", b).body().toJsonObject().getJsonArray("data")).isEmpty();
    assertProblem(plugin.get("/learners/same-id", b), 404, "not_found");
    assertProblem(plugin.get("/courses/shared-name/items", b), 404, "not_found");
    assertProblem(plugin.get("/courses/shared-name/reviews", b), 404, "not_found");
    plugin.put("/courses/shared-name", b, course(skill("s")));
    assertThat(
            plugin.get("/courses/shared-name/items", b).body().toJsonObject().getJsonArray("data"))
        .isEmpty();
    assertProblem(
        plugin.post(
            "/next",
            b,
            new JsonObject().put("learnerId", "same-id").put("courseId", "shared-name")),
        404,
        "not_found");
  }

  @Test
  void theTeacherSeesMasteryStuckLearnersAndItemsNeverAnsweredRightAsJsonAndCsv() {
    String tenant = TestingPluginContext.newTenantId();
    context.setSettings(tenant, new JsonObject().put("stuckAttempts", 4));
    plugin.put("/courses/t1", tenant, course(skill("s")));
    JsonArray items = new JsonArray();
    for (int i = 0; i < 8; i++) {
      items.add(numeric("n" + i, "s", i, 0));
    }
    plugin.post("/courses/t1/items", tenant, new JsonObject().put("items", items));
    List<String> learners = List.of("l1", "l2", "l3", "l4", "l5", "l6");
    for (String learner : learners) {
      plugin.put("/learners/" + learner, tenant, new JsonObject());
    }
    PluginResponse created =
        plugin.put(
            "/classes/7a",
            tenant,
            new JsonObject()
                .put("name", "7A")
                .put("teacher", "ms-li")
                .put("courseId", "t1")
                .put("learners", new JsonArray(learners)));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
    for (String learner : learners) {
      for (int i = 0; i < 8; i++) {
        // Nobody ever gets n0 right; everyone else answers wrong too, so everyone is stuck.
        answer(tenant, learner, "t1", "n" + i, -1);
      }
    }
    JsonObject report = plugin.get("/classes/7a/report", tenant).body().toJsonObject();
    assertThat(report.getJsonArray("mastery")).hasSize(6);
    assertThat(report.getJsonArray("stuck")).hasSize(6);
    assertThat(report.getJsonArray("items").getJsonObject(0).getString("problems"))
        .contains("never_right");
    PluginResponse csv = plugin.get("/classes/7a/report?format=csv&table=stuck", tenant);
    assertThat(csv.contentType()).startsWith("text/csv");
    String[] lines = csv.body().toString().split("\r\n");
    assertThat(lines).hasSize(7);
    assertThat(lines[0]).startsWith("learnerId,skill");
    assertThat(
            plugin.get("/classes?teacher=ms-li", tenant).body().toJsonObject().getJsonArray("data"))
        .hasSize(1);
  }

  @Test
  void anItemStrongLearnersMissAndWeakLearnersGetRightHasNegativeDiscrimination() {
    String tenant = TestingPluginContext.newTenantId();
    plugin.put("/courses/nd", tenant, course(skill("s")));
    JsonArray items = new JsonArray();
    for (int i = 0; i < 6; i++) {
      items.add(numeric("n" + i, "s", i, 0));
    }
    plugin.post("/courses/nd/items", tenant, new JsonObject().put("items", items));
    JsonArray learners = new JsonArray();
    for (int l = 0; l < 6; l++) {
      boolean strong = l % 2 == 0;
      plugin.put(
          "/learners/m" + l, tenant, new JsonObject().put("courses", new JsonArray().add("nd")));
      learners.add("m" + l);
      for (int i = 1; i < 6; i++) {
        answer(tenant, "m" + l, "nd", "n" + i, strong ? i : -1);
      }
      // n0 is the misleading item: the strong learners miss it, the weak ones get it.
      answer(tenant, "m" + l, "nd", "n0", strong ? -1 : 0);
    }
    plugin.put(
        "/classes/nd",
        tenant,
        new JsonObject()
            .put("name", "ND")
            .put("teacher", "t")
            .put("courseId", "nd")
            .put("learners", learners));

    JsonArray flagged =
        plugin.get("/classes/nd/report", tenant).body().toJsonObject().getJsonArray("items");

    assertThat(flagged).hasSize(1);
    assertThat(flagged.getJsonObject(0).getString("itemId")).isEqualTo("n0");
    assertThat(flagged.getJsonObject(0).getString("problems")).isEqualTo("negative_discrimination");
    assertThat(flagged.getJsonObject(0).getDouble("discrimination")).isNegative();
  }

  @Test
  void calibrationStartsByItselfOnceEnoughAnswersArrived() {
    String tenant = TestingPluginContext.newTenantId();
    context.setSettings(tenant, new JsonObject().put("recalibrateEvery", 5));
    plugin.put("/courses/auto", tenant, course(skill("s")));
    JsonArray items = new JsonArray();
    for (int i = 0; i < 5; i++) {
      items.add(numeric("n" + i, "s", i, 0));
    }
    plugin.post("/courses/auto/items", tenant, new JsonObject().put("items", items));
    plugin.put(
        "/learners/a1", tenant, new JsonObject().put("courses", new JsonArray().add("auto")));
    for (int i = 0; i < 4; i++) {
      answer(tenant, "a1", "auto", "n" + i, i);
    }
    assertThat(context.scheduler().jobs(tenant)).isEmpty();
    answer(tenant, "a1", "auto", "n4", 4);
    assertThat(context.scheduler().jobs(tenant)).hasSize(1);
    assertThat(context.scheduler().jobs(tenant).get(0).name()).isEqualTo("calibrate auto");
  }

  @Test
  void calibrationRunsAsAJobWithProgress() throws Exception {
    String tenant = TestingPluginContext.newTenantId();
    plugin.put("/courses/cal", tenant, course(skill("s")));
    JsonArray items = new JsonArray();
    for (int i = 0; i < 3; i++) {
      items.add(numeric("n" + i, "s", i, 0));
    }
    plugin.post("/courses/cal/items", tenant, new JsonObject().put("items", items));
    for (int l = 0; l < 25; l++) {
      plugin.put(
          "/learners/p" + l, tenant, new JsonObject().put("courses", new JsonArray().add("cal")));
      for (int i = 0; i < 3; i++) {
        answer(tenant, "p" + l, "cal", "n" + i, i <= l % 4 ? i : -1);
      }
    }
    PluginResponse started = plugin.post("/courses/cal/calibrate", tenant, new JsonObject());
    assertThat(started.status()).isEqualTo(202);
    String job = started.body().toJsonObject().getString("id");
    JsonObject status = plugin.get("/jobs/" + job, tenant).body().toJsonObject();
    for (int i = 0; i < 500 && status.getString("state").equals("running"); i++) {
      Thread.sleep(20);
      status = plugin.get("/jobs/" + job, tenant).body().toJsonObject();
    }
    assertThat(status.getString("state")).as(status.encode()).isEqualTo("succeeded");
    assertThat(status.getString("message")).startsWith("calibrated 3 of 3 items");
    JsonArray calibrated =
        plugin.get("/courses/cal/items", tenant).body().toJsonObject().getJsonArray("data");
    // n0 is the easiest: everybody answered it right more often than n2.
    double b0 =
        calibrated.stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("id").equals("n0"))
            .findFirst()
            .orElseThrow()
            .getDouble("b");
    double b2 =
        calibrated.stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("id").equals("n2"))
            .findFirst()
            .orElseThrow()
            .getDouble("b");
    assertThat(b0).isLessThan(b2);
    assertProblem(plugin.get("/jobs/" + job, TestingPluginContext.newTenantId()), 404, "not_found");
  }

  static JsonObject next(String tenant, String learner, String course) {
    PluginResponse response =
        plugin.post(
            "/next", tenant, new JsonObject().put("learnerId", learner).put("courseId", course));
    assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    return response.body().toJsonObject();
  }

  static JsonObject answer(
      String tenant, String learner, String course, String item, Object answer) {
    PluginResponse response =
        plugin.post(
            "/responses",
            tenant,
            new JsonObject()
                .put("learnerId", learner)
                .put("courseId", course)
                .put("itemId", item)
                .put("answer", answer));
    assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    return response.body().toJsonObject();
  }

  private static PluginResponse csv(String tenant, String course, String text) {
    return plugin.call(
        HttpMethod.POST, "/courses/" + course + "/items?format=csv", tenant, Buffer.buffer(text));
  }

  static JsonObject course(JsonObject... skills) {
    return new JsonObject()
        .put("title", "Course")
        .put("skills", new JsonArray(List.of((Object[]) skills)));
  }

  static JsonObject skill(String id, String... prerequisites) {
    return new JsonObject()
        .put("id", id)
        .put("name", "Skill " + id)
        .put("prerequisites", new JsonArray(List.of((Object[]) prerequisites)));
  }

  static JsonObject numeric(String id, String skill, double answer, double difficulty) {
    return new JsonObject()
        .put("id", id)
        .put("type", "numeric")
        .put("skills", new JsonArray().add(skill))
        .put("prompt", "What is " + answer + "?")
        .put("answer", answer)
        .put("b", difficulty);
  }

  private static JsonObject choice(String id, String skill, int answer) {
    return new JsonObject()
        .put("id", id)
        .put("type", "choice")
        .put("skills", new JsonArray().add(skill))
        .put("prompt", "Pick")
        .put("options", new JsonArray().add("x").add("y"))
        .put("answer", answer);
  }

  static void assertProblem(PluginResponse response, int status, String code) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.body().toJsonObject().getString("code")).isEqualTo(code);
  }

  private static String detail(PluginResponse response) {
    return response.body().toJsonObject().getString("detail");
  }
}
