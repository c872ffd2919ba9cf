package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.JobStatus;
import dev.atrium.plugin.api.KnowledgeUpload;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Courses, item banks, course material, learners and classes: what the tenant sets up. */
final class CourseRoutes {
  static final String LEARNER_ID = "[A-Za-z0-9._:@-]{1,128}";
  static final String CLASS_ID = "[A-Za-z0-9._-]{1,64}";

  private final PluginContext context;
  private final TutoringStore.Cache cache;
  private final ItemCalibrator calibrator;

  CourseRoutes(PluginContext context, TutoringStore.Cache cache, ItemCalibrator calibrator) {
    this.context = context;
    this.cache = cache;
    this.calibrator = calibrator;
  }

  Future<PluginResponse> putCourse(PluginRequest request) {
    Course course =
        Course.parse(courseId(request), Bodies.json(request, Set.of("title", "skills")));
    return store(request).putCourse(course).map(c -> PluginResponse.json(c.toJson()));
  }

  Future<PluginResponse> listCourses(PluginRequest request) {
    return store(request)
        .courses()
        .map(list -> PluginResponse.json(new JsonObject().put("data", ClassReport.array(list))));
  }

  Future<PluginResponse> getCourse(PluginRequest request) {
    return store(request).course(courseId(request)).map(c -> PluginResponse.json(c.toJson()));
  }

  Future<PluginResponse> importItems(PluginRequest request) {
    String courseId = courseId(request);
    String format = request.queryParam("format").orElse("json").toLowerCase(Locale.ROOT);
    TutoringStore store = store(request);
    return store
        .course(courseId)
        .compose(
            course -> {
              ItemImport reader = new ItemImport(course.graph());
              List<Item> items =
                  switch (format) {
                    case "csv" -> reader.fromCsv(text(request));
                    case "json" -> reader.fromJson(Bodies.json(request, Set.of("items")));
                    default ->
                        throw new Problem(
                            400, "invalid_format", "Query 'format' must be json or csv.");
                  };
              return store
                  .putItems(courseId, items)
                  .map(
                      v ->
                          PluginResponse.json(
                              new JsonObject()
                                  .put("courseId", courseId)
                                  .put("imported", items.size())
                                  .put(
                                      "ids",
                                      new JsonArray(
                                          items.stream().map(i -> (Object) i.id()).toList()))));
            });
  }

  /** The item bank of a course the tenant has (404 for any other, as the course itself). */
  Future<PluginResponse> listItems(PluginRequest request) {
    String courseId = courseId(request);
    TutoringStore store = store(request);
    return store
        .course(courseId)
        .compose(course -> store.items(courseId))
        .map(
            items -> {
              List<JsonObject> rows = items.stream().map(Item::toJson).toList();
              if ("csv".equals(request.queryParam("format").orElse(""))) {
                return PluginResponse.bytes(
                    io.vertx.core.buffer.Buffer.buffer(
                        ClassReport.csv(
                            rows.stream()
                                .map(
                                    r ->
                                        r.copy()
                                            .put("skills", String.join("|", strings(r, "skills")))
                                            .put(
                                                "options", String.join("|", strings(r, "options"))))
                                .toList(),
                            List.of(
                                "id",
                                "type",
                                "skills",
                                "prompt",
                                "options",
                                "answer",
                                "tolerance",
                                "a",
                                "b",
                                "c",
                                "calibrated"))),
                    "text/csv; charset=utf-8");
              }
              return PluginResponse.json(new JsonObject().put("data", ClassReport.array(rows)));
            });
  }

  Future<PluginResponse> uploadMaterial(PluginRequest request) {
    String courseId = courseId(request);
    TutoringStore store = store(request);
    List<String> skills =
        Arrays.stream(request.queryParam("skills").orElse("").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    return store
        .course(courseId)
        .compose(
            course -> {
              for (String skill : skills) {
                if (!course.graph().contains(skill)) {
                  throw new Problem(
                      400, "unknown_skill", "The course has no skill '" + skill + "'.");
                }
              }
              String fileName = request.queryParam("fileName").orElse("material");
              Optional<String> documentId =
                  request.queryParam("documentId").or(() -> Optional.of(courseId + "-" + fileName));
              KnowledgeUpload upload =
                  new KnowledgeUpload(
                      documentId,
                      fileName,
                      request.headers().get("Content-Type") == null
                              || request
                                  .headers()
                                  .get("Content-Type")
                                  .startsWith("application/json")
                          ? null
                          : request.headers().get("Content-Type"),
                      request.body());
              return context
                  .tenant(request.tenantId())
                  .knowledge(TutoringPlugin.KNOWLEDGE_BASE)
                  .ingest(upload)
                  .compose(
                      document ->
                          store
                              .putMaterial(
                                  document.id(),
                                  new JsonObject()
                                      .put("courseId", courseId)
                                      .put("skills", new JsonArray(skills))
                                      .put("fileName", fileName))
                              .map(
                                  v ->
                                      PluginResponse.json(
                                          202,
                                          new JsonObject()
                                              .put("documentId", document.id())
                                              .put("courseId", courseId)
                                              .put("skills", new JsonArray(skills))
                                              .put("status", document.status())
                                              .put("jobId", document.jobId().orElse(null)))));
            });
  }

  Future<PluginResponse> calibrate(PluginRequest request) {
    String courseId = courseId(request);
    return store(request)
        .course(courseId)
        .map(
            course ->
                PluginResponse.json(202, job(calibrator.start(request.tenantId(), courseId))));
  }

  Future<PluginResponse> job(PluginRequest request) {
    return Future.succeededFuture(
        context
            .scheduler()
            .status(request.pathParam("id"))
            .filter(s -> s.tenantId().equals(request.tenantId()))
            .map(s -> PluginResponse.json(job(s)))
            .orElseThrow(() -> Problem.notFound("job", request.pathParam("id"))));
  }

  Future<PluginResponse> putLearner(PluginRequest request) {
    String learnerId = pathId(request, "learnerId", LEARNER_ID);
    List<String> courses = Bodies.strings(Bodies.json(request, Set.of("courses")), "courses");
    TutoringStore store = store(request);
    List<Future<Course>> checks = courses.stream().map(store::course).toList();
    return Future.all(checks)
        .compose(
            v ->
                store.putLearner(
                    learnerId,
                    new JsonObject()
                        .put("id", learnerId)
                        .put(
                            "courses",
                            new JsonArray(List.copyOf(new java.util.LinkedHashSet<>(courses))))))
        .map(PluginResponse::json);
  }

  Future<PluginResponse> getLearner(PluginRequest request) {
    return store(request)
        .learner(pathId(request, "learnerId", LEARNER_ID))
        .map(PluginResponse::json);
  }

  Future<PluginResponse> putClass(PluginRequest request) {
    String classId = pathId(request, "classId", CLASS_ID);
    JsonObject body = Bodies.json(request, Set.of("name", "teacher", "courseId", "learners"));
    String name = Bodies.string(body, "name", 200);
    String teacher = Bodies.id(body, "teacher", LEARNER_ID);
    String courseId = Bodies.id(body, "courseId", Course.ID);
    List<String> learners = Bodies.strings(body, "learners");
    TutoringStore store = store(request);
    return store
        .course(courseId)
        .compose(
            course -> {
              List<Future<JsonObject>> enrolments = new ArrayList<>();
              for (String learnerId : learners) {
                enrolments.add(
                    store
                        .learner(learnerId)
                        .compose(
                            learner -> {
                              JsonArray enrolled = learner.getJsonArray("courses", new JsonArray());
                              return enrolled.contains(courseId)
                                  ? Future.succeededFuture(learner)
                                  : store.putLearner(
                                      learnerId,
                                      learner.copy().put("courses", enrolled.copy().add(courseId)));
                            }));
              }
              return Future.all(enrolments);
            })
        .compose(
            v ->
                store.putClass(
                    classId,
                    new JsonObject()
                        .put("id", classId)
                        .put("name", name)
                        .put("teacher", teacher)
                        .put("courseId", courseId)
                        .put("learners", new JsonArray(learners))))
        .map(PluginResponse::json);
  }

  Future<PluginResponse> listClasses(PluginRequest request) {
    Optional<String> teacher = request.queryParam("teacher");
    return store(request)
        .classes()
        .map(
            list ->
                PluginResponse.json(
                    new JsonObject()
                        .put(
                            "data",
                            ClassReport.array(
                                list.stream()
                                    .filter(
                                        c ->
                                            teacher.isEmpty()
                                                || teacher.get().equals(c.getString("teacher")))
                                    .toList()))));
  }

  static JsonObject job(JobStatus job) {
    return new JsonObject()
        .put("id", job.id())
        .put("name", job.name())
        .put("state", job.state().name().toLowerCase(Locale.ROOT))
        .put("progress", job.progress())
        .put("message", job.message())
        .put("error", job.error().orElse(null));
  }

  private TutoringStore store(PluginRequest request) {
    return TutoringPlugin.store(context, cache, request);
  }

  static String courseId(PluginRequest request) {
    return pathId(request, "courseId", Course.ID);
  }

  static String pathId(PluginRequest request, String name, String pattern) {
    String value = request.pathParam(name);
    if (!value.matches(pattern)) {
      throw new Problem(400, "invalid_id", "'" + name + "' must match " + pattern + ".");
    }
    return value;
  }

  private static List<String> strings(JsonObject row, String field) {
    return row.getJsonArray(field, new JsonArray()).stream().map(String::valueOf).toList();
  }

  /** The body as UTF-8 text, refused when it is not. */
  private static String text(PluginRequest request) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(request.body().getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Problem(400, "invalid_utf8", "The CSV file must be UTF-8.");
    }
  }
}
