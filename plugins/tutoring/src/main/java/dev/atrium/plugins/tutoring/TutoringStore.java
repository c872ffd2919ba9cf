package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One tenant's tutoring records in the host's document store: courses, items ({@code
 * <course>/<item>}), learners, classes, learner states ({@code <course>/<learner>}), materials and
 * answers flagged for review. Courses and item banks are read on every practice request, so they
 * are cached in memory with learners' enrolments (shared by all tenants, keyed by tenant) and
 * dropped when this plugin writes them.
 */
final class TutoringStore {
  static final String COURSES = "courses";
  static final String ITEMS = "items";
  static final String LEARNERS = "learners";
  static final String CLASSES = "classes";
  static final String STATES = "states";
  static final String MATERIALS = "materials";
  static final String REVIEWS = "reviews";
  private static final int PAGE = 500;

  /** Courses and item banks by {@code <tenant>/<course>}, shared by the plugin's stores. */
  static final class Cache {
    private final Map<String, Course> courses = new ConcurrentHashMap<>();
    private final Map<String, List<Item>> items = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> learners = new ConcurrentHashMap<>();
  }

  private final DocumentStore documents;
  private final Cache cache;
  private final String tenant;

  TutoringStore(DocumentStore documents, Cache cache, String tenant) {
    this.documents = documents;
    this.cache = cache;
    this.tenant = tenant;
  }

  Future<Course> course(String id) {
    Course cached = cache.courses.get(tenant + "/" + id);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return documents
        .get(COURSES, id)
        .map(
            found -> {
              Course course =
                  Course.fromJson(found.orElseThrow(() -> Problem.notFound("course", id)).data());
              cache.courses.put(tenant + "/" + id, course);
              return course;
            });
  }

  Future<Course> putCourse(Course course) {
    cache.courses.remove(tenant + "/" + course.id());
    return documents.put(COURSES, course.id(), course.toJson()).map(course);
  }

  Future<List<JsonObject>> courses() {
    return all(COURSES, "").map(docs -> docs.stream().map(Document::data).toList());
  }

  Future<List<Item>> items(String courseId) {
    List<Item> cached = cache.items.get(tenant + "/" + courseId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return all(ITEMS, courseId + "/")
        .map(
            docs -> {
              List<Item> items = docs.stream().map(d -> Item.fromJson(d.data())).toList();
              cache.items.put(tenant + "/" + courseId, items);
              return items;
            });
  }

  Future<Void> putItems(String courseId, List<Item> items) {
    cache.items.remove(tenant + "/" + courseId);
    List<Future<Document>> writes = new ArrayList<>();
    for (Item item : items) {
      writes.add(documents.put(ITEMS, courseId + "/" + item.id(), item.toJson()));
    }
    return Future.all(writes)
        .onComplete(done -> cache.items.remove(tenant + "/" + courseId))
        .mapEmpty();
  }

  /** The learner's record; fails with 404 when the tenant never created it. */
  Future<JsonObject> learner(String id) {
    JsonObject cached = cache.learners.get(tenant + "/" + id);
    if (cached != null) {
      return Future.succeededFuture(cached.copy());
    }
    return documents
        .get(LEARNERS, id)
        .map(
            found -> {
              JsonObject learner = found.orElseThrow(() -> Problem.notFound("learner", id)).data();
              cache.learners.put(tenant + "/" + id, learner.copy());
              return learner;
            });
  }

  Future<JsonObject> putLearner(String id, JsonObject learner) {
    cache.learners.remove(tenant + "/" + id);
    return documents
        .put(LEARNERS, id, learner)
        .onComplete(done -> cache.learners.remove(tenant + "/" + id))
        .map(Document::data);
  }

  Future<JsonObject> schoolClass(String id) {
    return documents
        .get(CLASSES, id)
        .map(found -> found.orElseThrow(() -> Problem.notFound("class", id)).data());
  }

  Future<JsonObject> putClass(String id, JsonObject data) {
    return documents.put(CLASSES, id, data).map(Document::data);
  }

  Future<List<JsonObject>> classes() {
    return all(CLASSES, "").map(docs -> docs.stream().map(Document::data).toList());
  }

  Future<LearnerState> state(String courseId, String learnerId) {
    return documents
        .get(STATES, courseId + "/" + learnerId)
        .map(
            found ->
                found.map(d -> LearnerState.fromJson(d.data())).orElseGet(LearnerState::fresh));
  }

  Future<Void> putState(String courseId, String learnerId, LearnerState state) {
    return documents.put(STATES, courseId + "/" + learnerId, state.toJson()).mapEmpty();
  }

  /** Every learner's state in the course, by learner id. */
  Future<Map<String, LearnerState>> states(String courseId) {
    return all(STATES, courseId + "/")
        .map(
            docs -> {
              Map<String, LearnerState> states = new java.util.LinkedHashMap<>();
              for (Document d : docs) {
                states.put(
                    d.id().substring(courseId.length() + 1), LearnerState.fromJson(d.data()));
              }
              return states;
            });
  }

  Future<Void> putMaterial(String documentId, JsonObject material) {
    return documents.put(MATERIALS, documentId, material).mapEmpty();
  }

  Future<Optional<JsonObject>> material(String documentId) {
    return documents.get(MATERIALS, documentId).map(found -> found.map(Document::data));
  }

  Future<Void> flag(String id, JsonObject review) {
    return documents.put(REVIEWS, id, review).mapEmpty();
  }

  Future<List<JsonObject>> reviews(String courseId) {
    return all(REVIEWS, courseId + "/").map(docs -> docs.stream().map(Document::data).toList());
  }

  /** Every document of a collection under {@code prefix}, page by page. */
  private Future<List<Document>> all(String collection, String prefix) {
    List<Document> into = new ArrayList<>();
    return page(collection, prefix, null, into).map(v -> into);
  }

  private Future<Void> page(String collection, String prefix, String after, List<Document> into) {
    return documents
        .list(collection, prefix, after, PAGE)
        .compose(
            docs -> {
              into.addAll(docs);
              return docs.size() < PAGE
                  ? Future.succeededFuture()
                  : page(collection, prefix, docs.get(docs.size() - 1).id(), into);
            });
  }
}
