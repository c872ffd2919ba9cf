package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;

import dev.atrium.contract.ValidatingClient.Call;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Calls of the tutoring routes whose contract the plugin declares: courses, learners, classes. */
final class TutoringTraffic {
  private static final String BASE = "/v1/tutoring";

  private final ValidatingClient api;
  private final String key;

  TutoringTraffic(ValidatingClient api, String key) {
    this.api = api;
    this.key = key;
  }

  void run() {
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
        call("PUT", BASE + "/courses/maths")
            .json(new JsonObject().put("title", "Maths").put("skills", skills)));
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
    expect(
        200,
        call("PUT", BASE + "/learners/learner-1")
            .json(new JsonObject().put("courses", new JsonArray().add("maths"))));
    expect(200, call("GET", BASE + "/learners/learner-1"));
    expect(
        200,
        call("PUT", BASE + "/classes/class-1")
            .json(
                new JsonObject()
                    .put("name", "Class 1")
                    .put("teacher", "teacher-1")
                    .put("courseId", "maths")
                    .put("learners", new JsonArray().add("learner-1"))));
    expect(200, call("GET", BASE + "/classes").query("teacher", "teacher-1"));
  }

  private void expect(int status, Call call) {
    api.expect(status, call.as(key));
  }
}
