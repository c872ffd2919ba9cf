package dev.atrium.plugins.tutoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The teacher's view of a class: mastery per learner and skill (a heat map), learners stuck on a
 * skill (many attempts, still not mastered), and the course's items that misbehave: never answered
 * right after {@value #MIN_ANSWERS} answers, or with a negative discrimination (learners of higher
 * overall ability answer them right less often: a point-biserial correlation below zero). Every
 * table can be exported as CSV.
 */
final class ClassReport {
  static final int MIN_ANSWERS = 5;

  private final Course course;
  private final List<Item> items;
  private final KnowledgeTracing tracing;
  private final int stuckAttempts;

  ClassReport(Course course, List<Item> items, KnowledgeTracing tracing, int stuckAttempts) {
    this.course = course;
    this.items = items;
    this.tracing = tracing;
    this.stuckAttempts = stuckAttempts;
  }

  List<String> skills() {
    return course.graph().order();
  }

  /** Rows of the heat map: one per learner and skill. */
  List<JsonObject> mastery(Map<String, LearnerState> classStates) {
    List<JsonObject> rows = new ArrayList<>();
    classStates.forEach(
        (learner, state) -> {
          for (String skill : course.graph().order()) {
            AbilityPosterior ability = state.ability(skill);
            double known = state.known(skill, tracing);
            rows.add(
                new JsonObject()
                    .put("learnerId", learner)
                    .put("skill", skill)
                    .put("mastery", Practice.round(known))
                    .put("mastered", tracing.mastered(known))
                    .put("ability", Practice.round(ability.mean()))
                    .put("standardError", Practice.round(ability.standardError()))
                    .put("attempts", state.attempts(skill)));
          }
        });
    return rows;
  }

  List<JsonObject> stuck(List<JsonObject> mastery) {
    return mastery.stream()
        .filter(r -> r.getInteger("attempts") >= stuckAttempts && !r.getBoolean("mastered"))
        .toList();
  }

  /** Items with their success rate and discrimination over every learner of the course. */
  List<JsonObject> itemHealth(Map<String, LearnerState> courseStates) {
    Map<String, List<double[]>> answers = new HashMap<>();
    for (LearnerState state : courseStates.values()) {
      double ability = state.overall().mean();
      for (Object h : state.history()) {
        JsonObject answer = (JsonObject) h;
        answers
            .computeIfAbsent(answer.getString("item"), k -> new ArrayList<>())
            .add(new double[] {ability, answer.getBoolean("right") ? 1 : 0});
      }
    }
    List<JsonObject> rows = new ArrayList<>();
    for (Item item : items) {
      List<double[]> list = answers.getOrDefault(item.id(), List.of());
      long right = list.stream().filter(a -> a[1] == 1).count();
      Double discrimination = pointBiserial(list);
      List<String> problems = new ArrayList<>();
      if (list.size() >= MIN_ANSWERS && right == 0) {
        problems.add("never_right");
      }
      if (list.size() >= MIN_ANSWERS && discrimination != null && discrimination < 0) {
        problems.add("negative_discrimination");
      }
      rows.add(
          new JsonObject()
              .put("itemId", item.id())
              .put("skills", String.join("|", item.skills()))
              .put("answers", list.size())
              .put(
                  "successRate",
                  list.isEmpty() ? null : Practice.round(right / (double) list.size()))
              .put("discrimination", discrimination == null ? null : Practice.round(discrimination))
              .put("a", Practice.round(item.parameters().a()))
              .put("b", Practice.round(item.parameters().b()))
              .put("c", Practice.round(item.parameters().c()))
              .put("problems", String.join("|", problems)));
    }
    return rows;
  }

  /** The correlation of ability with a right answer; null when it is undefined. */
  private static Double pointBiserial(List<double[]> answers) {
    int n = answers.size();
    if (n < 2) {
      return null;
    }
    double mx = 0;
    double my = 0;
    for (double[] a : answers) {
      mx += a[0] / n;
      my += a[1] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] a : answers) {
      sxy += (a[0] - mx) * (a[1] - my);
      sxx += (a[0] - mx) * (a[0] - mx);
      syy += (a[1] - my) * (a[1] - my);
    }
    return sxx == 0 || syy == 0 ? null : sxy / Math.sqrt(sxx * syy);
  }

  static JsonArray array(List<JsonObject> rows) {
    return new JsonArray(new ArrayList<Object>(rows));
  }

  /** Rows as CSV with the first row's fields as the header. */
  static String csv(List<JsonObject> rows, List<String> columns) {
    StringBuilder out = new StringBuilder(String.join(",", columns)).append("\r\n");
    for (JsonObject row : rows) {
      List<String> cells = new ArrayList<>();
      for (String column : columns) {
        cells.add(CsvTable.cell(row.getValue(column)));
      }
      out.append(String.join(",", cells)).append("\r\n");
    }
    return out.toString();
  }
}
