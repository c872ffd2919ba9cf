package dev.atrium.plugins.tutoring;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.DashboardPanel;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.ModelRequirement;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import dev.atrium.plugin.api.RouteHandler;
import dev.atrium.plugin.api.inference.Task;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Tutoring: courses of skills with prerequisites and an item bank, adaptive practice driven by IRT
 * abilities and BKT mastery, free-text grading with evidence, help from the course material, and a
 * teacher view. Routes live under {@code /v1/tutoring/}.
 */
public final class TutoringPlugin implements AtriumPlugin {
  static final String KNOWLEDGE_BASE = "tutoring";

  private final PluginContext context;
  private final TutoringStore.Cache cache = new TutoringStore.Cache();
  private final ItemCalibrator calibrator;
  private final KeyedSequencer sequencer = new KeyedSequencer();

  public TutoringPlugin(PluginContext context) {
    this.context = requireNonNull(context, "context is null");
    this.calibrator = new ItemCalibrator(context, cache);
  }

  @Override
  public void routes(PluginRoutes routes) {
    CourseRoutes courses = new CourseRoutes(context, cache, calibrator);
    PracticeRoutes practice = new PracticeRoutes(context, cache, calibrator, sequencer);
    TeacherRoutes teacher = new TeacherRoutes(context, cache);
    routes.put(
        "/courses/{courseId}",
        RouteDoc.of("Create or replace a course: title and skills with prerequisites (a DAG)")
            .body(TutoringSchemas.COURSE_REQUEST)
            .responds(200, "The course", TutoringSchemas.COURSE)
            .responds(400, "Invalid course, unknown prerequisite or cyclic prerequisites"),
        guarded(courses::putCourse));
    routes.get(
        "/courses",
        RouteDoc.of("The tenant's courses").responds(200, "The courses", TutoringSchemas.COURSES),
        guarded(courses::listCourses));
    routes.get(
        "/courses/{courseId}",
        RouteDoc.of("One course")
            .responds(200, "The course", TutoringSchemas.COURSE)
            .responds(404, "No such course"),
        guarded(courses::getCourse));
    routes.post(
        "/courses/{courseId}/items",
        RouteDoc.of(
                "Import items (?format=json|csv, raw body); items with the same id are replaced")
            .body(TutoringSchemas.ITEMS_REQUEST)
            .query(
                "format",
                false,
                JsonSchema.oneOf("json", "csv"),
                "json (default, {\"items\": [...]}) or csv (one item per row)")
            .responds(200, "The imported items' ids", TutoringSchemas.IMPORTED)
            .responds(404, "No such course")
            .responds(400, "Malformed import: the problem names the row and field"),
        guarded(courses::importItems));
    routes.get(
        "/courses/{courseId}/items",
        RouteDoc.of("The course's item bank with answers and parameters (?format=csv)")
            .query("format", false, JsonSchema.oneOf("json", "csv"), "csv for a spreadsheet")
            .responds(200, "The items", TutoringSchemas.ITEMS)
            .responds(200, "The items", "text/csv", JsonSchema.string())
            .responds(404, "No such course"),
        guarded(courses::listItems));
    routes.post(
        "/courses/{courseId}/materials",
        RouteDoc.of(
                "Upload course material into the knowledge base (raw body; ?fileName=, ?skills=a,b, ?documentId=)")
            .rawBody("text/markdown", "text/plain", "text/html", "application/pdf")
            .query("fileName", false, JsonSchema.string(), "The file's name, for citations")
            .query("skills", false, JsonSchema.string(), "Comma-separated skills it teaches")
            .query("documentId", false, JsonSchema.string(), "Replace this document")
            .responds(202, "Accepted: ingested in the background", TutoringSchemas.MATERIAL)
            .responds(400, "A skill the course does not have")
            .responds(404, "No such course"),
        guarded(courses::uploadMaterial));
    routes.post(
        "/courses/{courseId}/calibrate",
        RouteDoc.of("Calibrate the item bank from the answers so far, in the background")
            .responds(202, "The calibration job", TutoringSchemas.JOB)
            .responds(404, "No such course"),
        guarded(courses::calibrate));
    routes.get(
        "/jobs/{id}",
        RouteDoc.of("Progress of a background job")
            .responds(200, "The job", TutoringSchemas.JOB)
            .responds(404, "No such job of this tenant"),
        guarded(courses::job));
    routes.put(
        "/learners/{learnerId}",
        RouteDoc.of("Create a learner (the tenant's own id) and enrol them in courses")
            .body(TutoringSchemas.LEARNER_REQUEST)
            .responds(200, "The learner", TutoringSchemas.LEARNER)
            .responds(404, "A course does not exist"),
        guarded(courses::putLearner));
    routes.get(
        "/learners/{learnerId}",
        RouteDoc.of("One learner")
            .responds(200, "The learner", TutoringSchemas.LEARNER)
            .responds(404, "No such learner"),
        guarded(courses::getLearner));
    routes.put(
        "/classes/{classId}",
        RouteDoc.of("Create or replace a class: teacher, course and learners (enrolled in it)")
            .body(TutoringSchemas.CLASS_REQUEST)
            .responds(200, "The class", TutoringSchemas.CLASS)
            .responds(404, "The course or a learner does not exist"),
        guarded(courses::putClass));
    routes.get(
        "/classes",
        RouteDoc.of("Classes")
            .query("teacher", false, JsonSchema.string(), "Only this teacher's classes")
            .responds(200, "The classes", TutoringSchemas.CLASSES),
        guarded(courses::listClasses));
    routes.post(
        "/next",
        RouteDoc.of("The next item for a learner: most informative among ready skills")
            .body(TutoringSchemas.NEXT_REQUEST)
            .responds(200, "The item, or none and why", TutoringSchemas.NEXT)
            .responds(400, "A missing or invalid field")
            .responds(404, "Unknown learner, course or skill")
            .responds(409, "Not enrolled, or the skill is not ready"),
        guarded(practice::next));
    routes.post(
        "/responses",
        RouteDoc.of("Grade a learner's answer and update the learner model")
            .body(TutoringSchemas.ANSWER_REQUEST)
            .responds(200, "The grade and the learner's estimates", TutoringSchemas.GRADED)
            .responds(400, "A missing or invalid field")
            .responds(404, "Unknown learner, course or item")
            .responds(409, "Item already answered"),
        guarded(practice::respond));
    routes.get(
        "/learners/{learnerId}/path",
        RouteDoc.of(
                "The learning path: skills to master in order and items needed (?courseId=&skill=)")
            .query("courseId", true, JsonSchema.string(), "The course")
            .query("skill", false, JsonSchema.string(), "The target skill; all of them by default")
            .responds(200, "The path", TutoringSchemas.PATH)
            .responds(400, "No courseId")
            .responds(404, "Unknown learner, course or skill")
            .responds(409, "Not enrolled"),
        guarded(practice::path));
    routes.post(
        "/help",
        RouteDoc.of("Q&A over the course material with citations, or a hint for an item")
            .body(TutoringSchemas.HELP_REQUEST)
            .responds(200, "The answer or hint", TutoringSchemas.HELP)
            .responds(400, "Neither or both of question and itemId")
            .responds(404, "Unknown course or item"),
        guarded(practice::help));
    routes.get(
        "/classes/{classId}/report",
        RouteDoc.of(
                "Teacher view: mastery heat map, stuck learners, misbehaving items (?format=csv&table=mastery|stuck|items)")
            .query("format", false, JsonSchema.oneOf("json", "csv"), "csv for one table")
            .query(
                "table",
                false,
                JsonSchema.oneOf("mastery", "stuck", "items"),
                "The table of a CSV answer")
            .responds(200, "The report", TutoringSchemas.REPORT)
            .responds(200, "One table", "text/csv", JsonSchema.string())
            .responds(400, "An unknown format or table")
            .responds(404, "No such class"),
        guarded(teacher::report));
    routes.get(
        "/courses/{courseId}/reviews",
        RouteDoc.of("Free-text answers flagged for the teacher")
            .responds(200, "The flagged answers", TutoringSchemas.REVIEWS)
            .responds(404, "No such course"),
        guarded(teacher::reviews));
  }

  @Override
  public JsonObject settingsSchema() {
    return TutoringSettings.SCHEMA;
  }

  @Override
  public List<MeterDefinition> meters() {
    return List.of(
        new MeterDefinition("responses_graded", "response", "Learners' answers graded"),
        new MeterDefinition("items_served", "item", "Items served by /next"),
        new MeterDefinition("qa_answers", "answer", "Questions and hints answered from material"),
        new MeterDefinition(
            "generated_tokens", "token", "Prompt and written tokens of generated hints"));
  }

  @Override
  public List<ModelRequirement> models() {
    return List.of(
        ModelRequirement.task(
            Task.EMBEDDING, "free-text grading and course material search, English and Chinese"),
        ModelRequirement.task(
            Task.GENERATION, "hints and answers, when a tenant picks a generation model"));
  }

  @Override
  public Optional<DashboardPanel> dashboardPanel() {
    return Optional.of(
        new DashboardPanel(
            "Tutoring",
            "Courses and item bank, adaptive practice, and the teacher view.",
            "/v1/tutoring/courses",
            DashboardPanel.Kind.TABLE));
  }

  /** Turns a {@link Problem}, thrown or failed, into its response. */
  static RouteHandler guarded(RouteHandler handler) {
    return request -> {
      try {
        return handler.handle(request).recover(TutoringPlugin::refused);
      } catch (Problem problem) {
        return Future.succeededFuture(problem.response());
      }
    };
  }

  private static Future<PluginResponse> refused(Throwable failure) {
    if (failure instanceof Problem problem) {
      return Future.succeededFuture(problem.response());
    }
    if (failure instanceof dev.atrium.plugin.api.KnowledgeException e) {
      int status =
          switch (e.code()) {
            case "unsupported_format" -> 415;
            case "document_too_large" -> 413;
            default -> 400;
          };
      return Future.succeededFuture(PluginResponse.problem(status, e.code(), e.getMessage()));
    }
    return Future.failedFuture(failure);
  }

  /** The request's tenant store. */
  static TutoringStore store(
      PluginContext context, TutoringStore.Cache cache, PluginRequest request) {
    return new TutoringStore(
        context.tenant(request.tenantId()).documents(), cache, request.tenantId());
  }
}
