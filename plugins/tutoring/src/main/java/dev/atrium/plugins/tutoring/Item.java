package dev.atrium.plugins.tutoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One exercise of a course's item bank: multiple choice ({@code answer} the right option's index),
 * numeric ({@code answer} within {@code tolerance}) or short free text (reference answers and
 * rubric points). Tagged with one or more skills, the first being the one its ability is read from.
 */
record Item(
    String id,
    Type type,
    List<String> skills,
    String prompt,
    List<String> options,
    double answer,
    double tolerance,
    List<String> references,
    List<RubricPoint> rubric,
    String explanation,
    ItemParameters parameters,
    boolean calibrated) {

  enum Type {
    CHOICE,
    NUMERIC,
    TEXT;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A point a good free-text answer makes, found by meaning or by one of its keywords. */
  record RubricPoint(String point, List<String> keywords) {}

  String primarySkill() {
    return skills.get(0);
  }

  /** The chance of a right answer by guessing: one over the options for multiple choice. */
  double chance() {
    return type == Type.CHOICE ? 1.0 / options.size() : 0;
  }

  Item withParameters(ItemParameters calibrated) {
    return new Item(
        id,
        type,
        skills,
        prompt,
        options,
        answer,
        tolerance,
        references,
        rubric,
        explanation,
        calibrated,
        true);
  }

  /** Everything, for storage and the item-bank editor. */
  JsonObject toJson() {
    return learnerView()
        .put("answer", type == Type.TEXT ? null : answer)
        .put("tolerance", type == Type.NUMERIC ? tolerance : null)
        .put("references", type == Type.TEXT ? new JsonArray(List.copyOf(references)) : null)
        .put(
            "rubric",
            type == Type.TEXT
                ? new JsonArray(
                    rubric.stream()
                        .map(
                            r ->
                                (Object)
                                    new JsonObject()
                                        .put("point", r.point())
                                        .put("keywords", new JsonArray(List.copyOf(r.keywords()))))
                        .toList())
                : null)
        .put("explanation", explanation)
        .put("a", parameters.a())
        .put("b", parameters.b())
        .put("c", parameters.c())
        .put("calibrated", calibrated);
  }

  /** What a learner sees: no answer, no references. */
  JsonObject learnerView() {
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("type", type.wire())
            .put("skills", new JsonArray(List.copyOf(skills)))
            .put("prompt", prompt);
    if (type == Type.CHOICE) {
      json.put("options", new JsonArray(List.copyOf(options)));
    }
    return json;
  }

  static Item fromJson(JsonObject json) {
    Type type = Type.valueOf(json.getString("type").toUpperCase(java.util.Locale.ROOT));
    JsonArray rubric =
        json.getJsonArray("rubric") == null ? new JsonArray() : json.getJsonArray("rubric");
    return new Item(
        json.getString("id"),
        type,
        strings(json.getJsonArray("skills")),
        json.getString("prompt"),
        strings(json.getJsonArray("options")),
        json.getValue("answer") == null ? 0 : json.getDouble("answer"),
        json.getValue("tolerance") == null ? 0 : json.getDouble("tolerance"),
        strings(json.getJsonArray("references")),
        rubric.stream()
            .map(JsonObject.class::cast)
            .map(r -> new RubricPoint(r.getString("point"), strings(r.getJsonArray("keywords"))))
            .toList(),
        json.getString("explanation"),
        new ItemParameters(json.getDouble("a"), json.getDouble("b"), json.getDouble("c")),
        json.getBoolean("calibrated", false));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
