package dev.atrium.plugins.tutoring;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Picks a learner's next item. Only skills the learner is ready for (prerequisites mastered) are
 * considered, unmastered ones first (mastered ones are offered for review once nothing else is
 * left); items already answered are never served again. The adaptive policy ranks the candidates by
 * Fisher information at the learner's current ability in the item's skill and picks at random among
 * the {@code exposureTopK} most informative (randomesque exposure control, Kingsbury and Zara
 * 1989), so one item is not shown to every learner of the same ability. The random policy picks any
 * candidate: the baseline the benchmark compares against.
 */
final class ItemSelector {
  enum Policy {
    ADAPTIVE,
    RANDOM
  }

  record Choice(
      Item item, String skill, double ability, double standardError, double information) {}

  private final int exposureTopK;
  private final RandomGenerator random;

  ItemSelector(int exposureTopK, RandomGenerator random) {
    this.exposureTopK = exposureTopK;
    this.random = random;
  }

  Optional<Choice> next(
      Course course,
      List<Item> bank,
      LearnerState state,
      KnowledgeTracing tracing,
      String onlySkill,
      Policy policy) {
    List<String> ready = course.graph().ready(s -> tracing.mastered(state.known(s, tracing)));
    if (onlySkill != null && !ready.contains(onlySkill)) {
      throw new Problem(
          409,
          "skill_not_ready",
          "Skill '"
              + onlySkill
              + "' is not ready: master its prerequisites "
              + course.graph().prerequisites(onlySkill)
              + " first.");
    }
    List<String> skills = onlySkill != null ? List.of(onlySkill) : ready;
    List<String> learning =
        skills.stream().filter(s -> !tracing.mastered(state.known(s, tracing))).toList();
    List<Item> candidates = candidates(bank, state, Set.copyOf(learning));
    if (candidates.isEmpty()) {
      candidates = candidates(bank, state, Set.copyOf(skills));
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    // One ability per skill, not per item: reading a posterior is the costly part.
    Map<String, AbilityPosterior> abilities = new HashMap<>();
    Function<String, AbilityPosterior> ability = s -> abilities.computeIfAbsent(s, state::ability);
    if (policy == Policy.RANDOM) {
      return Optional.of(choice(candidates.get(random.nextInt(candidates.size())), ability));
    }
    Map<String, Double> means = new HashMap<>();
    List<Item> ranked =
        candidates.stream()
            .sorted(
                Comparator.comparingDouble(
                        (Item item) ->
                            item.parameters()
                                .information(
                                    means.computeIfAbsent(
                                        item.primarySkill(), s -> ability.apply(s).mean())))
                    .reversed())
            .limit(exposureTopK)
            .toList();
    return Optional.of(choice(ranked.get(random.nextInt(ranked.size())), ability));
  }

  private static List<Item> candidates(List<Item> bank, LearnerState state, Set<String> skills) {
    return bank.stream()
        .filter(item -> skills.contains(item.primarySkill()))
        .filter(item -> !state.answered(item.id()))
        .toList();
  }

  private static Choice choice(Item item, Function<String, AbilityPosterior> abilities) {
    AbilityPosterior ability = abilities.apply(item.primarySkill());
    double theta = ability.mean();
    return new Choice(
        item,
        item.primarySkill(),
        theta,
        ability.standardError(),
        item.parameters().information(theta));
  }
}
