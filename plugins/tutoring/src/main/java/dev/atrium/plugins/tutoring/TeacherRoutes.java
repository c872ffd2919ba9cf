package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a teacher sees: the class report (JSON or CSV) and answers flagged for review. */
final class TeacherRoutes {
  private static final Map<String, List<String>> CSV_COLUMNS =
      Map.of(
          "mastery",
          List.of(
              "learnerId", "skill", "mastery", "mastered", "ability", "standardError", "attempts"),
          "stuck",
          List.of("learnerId", "skill", "mastery", "attempts"),
          "items",
          List.of(
              "itemId",
              "skills",
              "answers",
              "successRate",
              "discrimination",
              "a",
              "b",
              "c",
              "problems"));

  private final PluginContext context;
  private final TutoringStore.Cache cache;

  TeacherRoutes(PluginContext context, TutoringStore.Cache cache) {
    this.context = context;
    this.cache = cache;
  }

  Future<PluginResponse> report(PluginRequest request) {
    String classId = CourseRoutes.pathId(request, "classId", CourseRoutes.CLASS_ID);
    String format = request.queryParam("format").orElse("json");
    String table = request.queryParam("table").orElse("mastery");
    if (!format.equals("json") && !format.equals("csv")) {
      throw new Problem(400, "invalid_format", "Query 'format' must be json or csv.");
    }
    if (!CSV_COLUMNS.containsKey(table)) {
      throw new Problem(400, "invalid_table", "Query 'table' must be mastery, stuck or items.");
    }
    TutoringStore store = TutoringPlugin.store(context, cache, request);
    return store
        .schoolClass(classId)
        .compose(
            schoolClass -> {
              String courseId = schoolClass.getString("courseId");
              return Future.all(
                      store.course(courseId),
                      store.items(courseId),
                      store.states(courseId),
                      context.tenant(request.tenantId()).settings())
                  .map(
                      all -> {
                        TutoringSettings settings = TutoringSettings.from(all.resultAt(3));
                        ClassReport report =
                            new ClassReport(
                                all.resultAt(0),
                                all.resultAt(1),
                                settings.tracing(),
                                settings.stuckAttempts());
                        Map<String, LearnerState> courseStates = all.resultAt(2);
                        Map<String, LearnerState> classStates = new LinkedHashMap<>();
                        for (Object learner : schoolClass.getJsonArray("learners")) {
                          classStates.put(
                              (String) learner,
                              courseStates.getOrDefault((String) learner, LearnerState.fresh()));
                        }
                        List<JsonObject> mastery = report.mastery(classStates);
                        Map<String, List<JsonObject>> tables =
                            Map.of(
                                "mastery", mastery,
                                "stuck", report.stuck(mastery),
                                "items", report.itemHealth(courseStates));
                        if (format.equals("csv")) {
                          return PluginResponse.bytes(
                                  Buffer.buffer(
                                      ClassReport.csv(tables.get(table), CSV_COLUMNS.get(table))),
                                  "text/csv; charset=utf-8")
                              .withHeader(
                                  "Content-Disposition",
                                  "attachment; filename=\"" + classId + "-" + table + ".csv\"");
                        }
                        return PluginResponse.json(
                            new JsonObject()
                                .put("classId", classId)
                                .put("courseId", courseId)
                                .put("skills", new io.vertx.core.json.JsonArray(report.skills()))
                                .put("mastery", ClassReport.array(mastery))
                                .put("stuck", ClassReport.array(tables.get("stuck")))
                                .put(
                                    "items",
                                    ClassReport.array(
                                        tables.get("items").stream()
                                            .filter(r -> !r.getString("problems").isEmpty())
                                            .toList())));
                      });
            });
  }

  /** The flagged answers of a course the tenant has (404 for any other, as the course itself). */
  Future<PluginResponse> reviews(PluginRequest request) {
    String courseId = CourseRoutes.courseId(request);
    TutoringStore store = TutoringPlugin.store(context, cache, request);
    return store
        .course(courseId)
        .compose(course -> store.reviews(courseId))
        .map(list -> PluginResponse.json(new JsonObject().put("data", ClassReport.array(list))));
  }
}
