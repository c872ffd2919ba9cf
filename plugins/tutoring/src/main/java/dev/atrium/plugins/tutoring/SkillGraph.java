package dev.atrium.plugins.tutoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A course's skills and their prerequisites: a directed acyclic graph. Building one refuses unknown
 * prerequisites and cycles, naming the cycle; {@link #order()} is a topological order
 * (prerequisites first, otherwise the order the course lists them).
 */
final class SkillGraph {
  private final Map<String, List<String>> prerequisites;
  private final List<String> order;

  private SkillGraph(Map<String, List<String>> prerequisites, List<String> order) {
    this.prerequisites = prerequisites;
    this.order = order;
  }

  /** {@code prerequisites}: each skill (in the course's order) to the skills it needs. */
  static SkillGraph of(Map<String, List<String>> prerequisites) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    prerequisites.forEach(
        (skill, needs) -> {
          for (String need : needs) {
            if (!prerequisites.containsKey(need)) {
              throw new Problem(
                  400,
                  "unknown_prerequisite",
                  "Skill '" + skill + "' needs '" + need + "', which the course does not define.");
            }
          }
          copy.put(skill, List.copyOf(needs));
        });
    List<String> order = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    for (String skill : copy.keySet()) {
      visit(skill, copy, done, new ArrayList<>(), order);
    }
    return new SkillGraph(copy, List.copyOf(order));
  }

  private static void visit(
      String skill,
      Map<String, List<String>> graph,
      Set<String> done,
      List<String> path,
      List<String> order) {
    if (done.contains(skill)) {
      return;
    }
    int seen = path.indexOf(skill);
    if (seen >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
      cycle.add(skill);
      throw new Problem(
          400,
          "cyclic_prerequisites",
          "Prerequisites form a cycle: " + String.join(" -> ", cycle) + ".");
    }
    path.add(skill);
    for (String need : graph.get(skill)) {
      visit(need, graph, done, path, order);
    }
    path.remove(path.size() - 1);
    done.add(skill);
    order.add(skill);
  }

  List<String> order() {
    return order;
  }

  boolean contains(String skill) {
    return prerequisites.containsKey(skill);
  }

  List<String> prerequisites(String skill) {
    return prerequisites.getOrDefault(skill, List.of());
  }

  /** The skills whose prerequisites are all mastered (the learner's "outer fringe" and below). */
  List<String> ready(Predicate<String> mastered) {
    return order.stream().filter(s -> prerequisites(s).stream().allMatch(mastered)).toList();
  }

  /**
   * The skills still to master on the way to {@code target} (itself included), prerequisites first;
   * every unmastered skill of the course when {@code target} is null.
   */
  List<String> pathTo(String target, Predicate<String> mastered) {
    Set<String> needed = new LinkedHashSet<>();
    if (target == null) {
      needed.addAll(order);
    } else {
      collect(target, needed);
    }
    return order.stream().filter(needed::contains).filter(s -> !mastered.test(s)).toList();
  }

  private void collect(String skill, Set<String> into) {
    if (into.add(skill)) {
      prerequisites(skill).forEach(need -> collect(need, into));
    }
  }
}
