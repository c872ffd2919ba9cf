package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;

import dev.atrium.contract.ValidatingClient.Call;
import dev.atrium.contract.ValidatingClient.Exchange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Calls of every tutoring route: courses, item banks, material, calibration, learners, practice,
 * help, classes and their reports.
 */
final class TutoringTraffic {
  private static final String BASE = "/v1/tutoring";

  private final ValidatingClient api;
  private final String key;

  TutoringTraffic(ValidatingClient api, String key) {
    this.api = api;
    this.key = key;
  }

  void run() {
    course("maths", "Maths");
    expect(
        400,
        call("PUT", BASE + "/courses/loop")
            .json(
                new JsonObject()
                    .put("title", "Loop")
                    .put(
                        "skills",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("id", "a")
                                    .put("name", "A")
                                    .put("prerequisites", new JsonArray().add("a"))))));
    expect(200, call("GET", BASE + "/courses"));
    expect(200, call("GET", BASE + "/courses/maths"));
    expect(404, call("GET", BASE + "/courses/nothing"));
    learner("learner-1", "maths");
    expect(200, call("GET", BASE + "/learners/learner-1"));
    schoolClass("class-1", "Class 1", "maths", "learner-1");
    expect(200, call("GET", BASE + "/classes").query("teacher", "teacher-1"));
    itemBank();
    practice();
    teacher();
  }

  /** Items imported and listed, course material uploaded, the bank calibrated. */
  private void itemBank() {
    String course = BASE + "/courses/maths";
    imported("maths");
    expect(
        400, call("POST", course + "/items").json(new JsonObject().put("items", new JsonArray())));
    expect(
        404,
        call("POST", BASE + "/courses/nothing/items").json(new JsonObject().put("items", items())));
    expect(200, call("GET", course + "/items"));
    expect(200, call("GET", course + "/items").query("format", "csv"));
    expect(404, call("GET", BASE + "/courses/nothing/items"));
    expect(
        202,
        call("POST", course + "/materials")
            .query("fileName", "fractions.md")
            .query("skills", "fractions")
            .body(
                "text/markdown",
                "# Fractions\n\nA fraction names equal parts of a whole: one half is one of two equal parts.\n"
                    .getBytes(StandardCharsets.UTF_8)));
    expect(
        400,
        call("POST", course + "/materials")
            .query("skills", "geometry")
            .body("text/plain", "Angles".getBytes(StandardCharsets.UTF_8)));
    String job = calibrated("maths");
    expect(404, call("POST", BASE + "/courses/nothing/calibrate"));
    expect(404, call("GET", BASE + "/jobs/" + job + "-unknown"));
  }

  /** Saves course {@code id}: fractions, then ratios. */
  void course(String id, String title) {
    JsonArray skills =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", "fractions")
                    .put("name", "Fractions")
                    .put("nameZh", "分数"))
            .add(
                new JsonObject()
                    .put("id", "ratios")
                    .put("name", "Ratios")
                    .put("prerequisites", new JsonArray().add("fractions")));
    expect(
        200,
        call("PUT", BASE + "/courses/" + id)
            .json(new JsonObject().put("title", title).put("skills", skills)));
  }

  /** Saves learner {@code id}, enrolled in course {@code courseId}. */
  void learner(String id, String courseId) {
    expect(
        200,
        call("PUT", BASE + "/learners/" + id)
            .json(new JsonObject().put("courses", new JsonArray().add(courseId))));
  }

  /** Saves class {@code id} of teacher-1 in course {@code courseId} with one learner. */
  void schoolClass(String id, String name, String courseId, String learnerId) {
    expect(
        200,
        call("PUT", BASE + "/classes/" + id)
            .json(
                new JsonObject()
                    .put("name", name)
                    .put("teacher", "teacher-1")
                    .put("courseId", courseId)
                    .put("learners", new JsonArray().add(learnerId))));
  }

  /** Imports {@link #items} into course {@code courseId}. */
  void imported(String courseId) {
    expect(
        200,
        call("POST", BASE + "/courses/" + courseId + "/items")
            .json(new JsonObject().put("items", items())));
  }

  /** Calibrates the item bank of course {@code courseId}; answers the job's id once it is done. */
  String calibrated(String courseId) {
    String job =
        expect(202, call("POST", BASE + "/courses/" + courseId + "/calibrate"))
            .json()
            .getString("id");
    Polling.until(
        () -> expect(200, call("GET", BASE + "/jobs/" + job)).json().getString("state"),
        "succeeded");
    return job;
  }

  /** Three numeric items on fractions and a choice on ratios. */
  private static JsonArray items() {
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 3; i++) {
      items.add(
          new JsonObject()
              .put("id", "half-" + i)
              .put("type", "numeric")
              .put("skills", new JsonArray().add("fractions"))
              .put("prompt", "一半的 " + (2 * i) + " 是多少？")
              .put("answer", i)
              .put("tolerance", 0.01)
              .put("explanation", "Divide by two."));
    }
    items.add(
        new JsonObject()
            .put("id", "ratio-1")
            .put("type", "choice")
            .put("skills", new JsonArray().add("ratios"))
            .put("prompt", "2:4 equals?")
            .put("options", new JsonArray().add("1:2").add("2:1"))
            .put("answer", 0));
    return items;
  }

  /** A learner asks for an item, answers it, sees the path ahead and asks for help. */
  private void practice() {
    JsonObject learner = new JsonObject().put("learnerId", "learner-1").put("courseId", "maths");
    JsonObject next = api.expect(200, call("POST", BASE + "/next").json(learner).as(key)).json();
    expect(400, call("POST", BASE + "/next").json(learner.copy().put("learnerId", "no spaces")));
    String item = next.getJsonObject("item").getString("id");
    JsonObject answer =
        learner.copy().put("itemId", item).put("answer", Integer.parseInt(item.substring(5)));
    expect(200, call("POST", BASE + "/responses").json(answer));
    expect(409, call("POST", BASE + "/responses").json(answer));
    String path = BASE + "/learners/learner-1/path";
    expect(200, call("GET", path).query("courseId", "maths"));
    expect(200, call("GET", path).query("courseId", "maths").query("skill", "ratios"));
    expect(400, call("GET", path).invalid());
    expect(
        200,
        call("POST", BASE + "/help")
            .json(new JsonObject().put("courseId", "maths").put("question", "什么是分数？")));
    expect(
        200,
        call("POST", BASE + "/help")
            .json(new JsonObject().put("courseId", "maths").put("itemId", "half-1")));
    expect(
        400,
        call("POST", BASE + "/help")
            .json(
                new JsonObject()
                    .put("courseId", "maths")
                    .put("question", "Both?")
                    .put("itemId", "half-1")));
  }

  /** The teacher's report as JSON and as CSV, and the answers flagged for review. */
  private void teacher() {
    String report = BASE + "/classes/class-1/report";
    expect(200, call("GET", report));
    expect(200, call("GET", report).query("format", "csv").query("table", "items"));
    expect(400, call("GET", report).query("table", "grades").invalid());
    expect(404, call("GET", BASE + "/classes/nothing/report"));
    expect(200, call("GET", BASE + "/courses/maths/reviews"));
    expect(404, call("GET", BASE + "/courses/nothing/reviews"));
  }

  private Exchange expect(int status, Call call) {
    return api.expect(status, call.as(key));
  }
}
