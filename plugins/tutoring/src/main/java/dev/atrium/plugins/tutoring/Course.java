package dev.atrium.plugins.tutoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A course: its title and its skills, each with an English and optional Chinese name. */
record Course(String id, String title, List<Skill> skills, SkillGraph graph) {

  record Skill(String id, String name, String nameZh, List<String> prerequisites) {}

  static final String ID = "[a-z0-9][a-z0-9-]{0,39}";
  static final String SKILL_ID = "[A-Za-z0-9._-]{1,64}";
  static final int MAX_SKILLS = 500;

  /** Checks a course body as the editor sends it; the graph refuses cycles. */
  static Course parse(String id, JsonObject body) {
    Bodies.allow(body, Set.of("title", "skills"));
    String title = Bodies.string(body, "title", 200);
    if (!(body.getValue("skills") instanceof JsonArray list) || list.isEmpty()) {
      throw Problem.invalid("skills", "must be a non-empty array of skills");
    }
    if (list.size() > MAX_SKILLS) {
      throw Problem.invalid("skills", "holds at most " + MAX_SKILLS + " skills");
    }
    Map<String, List<String>> prerequisites = new LinkedHashMap<>();
    List<Skill> skills =
        list.stream()
            .map(
                value -> {
                  if (!(value instanceof JsonObject skill)) {
                    throw Problem.invalid("skills", "must hold objects {id, name, prerequisites}");
                  }
                  Bodies.allow(skill, Set.of("id", "name", "nameZh", "prerequisites"));
                  String skillId = Bodies.string(skill, "id", 64);
                  if (!skillId.matches(SKILL_ID)) {
                    throw Problem.invalid("skills.id", "must be letters, digits, '.', '_' or '-'");
                  }
                  List<String> needs = Bodies.strings(skill, "prerequisites");
                  if (prerequisites.put(skillId, needs) != null) {
                    throw Problem.invalid("skills.id", "repeats '" + skillId + "'");
                  }
                  return new Skill(
                      skillId,
                      Bodies.string(skill, "name", 200),
                      Bodies.optionalString(skill, "nameZh", 200),
                      needs);
                })
            .toList();
    return new Course(id, title, skills, SkillGraph.of(prerequisites));
  }

  static Course fromJson(JsonObject json) {
    JsonObject body = json.copy();
    body.remove("id");
    return parse(json.getString("id"), body);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("title", title)
        .put(
            "skills",
            new JsonArray(
                skills.stream()
                    .map(
                        s ->
                            (Object)
                                new JsonObject()
                                    .put("id", s.id())
                                    .put("name", s.name())
                                    .put("nameZh", s.nameZh())
                                    .put("prerequisites", new JsonArray(s.prerequisites())))
                    .toList()));
  }
}
