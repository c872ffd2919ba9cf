package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.inference.TextLanguage;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves follow-up questions against the conversation: a short question that leans on what came
 * before ("and for Germany?", "how much does it cost?", "那要多久？") is searched together with the
 * previous question, so retrieval keeps the topic.
 */
final class FollowUps {
  private static final Set<String> LEADING =
      Set.of("and", "what about", "how about", "also", "then", "what if", "and if");
  private static final Set<String> REFERRING =
      Set.of("it", "its", "that", "this", "they", "them", "those", "there");
  private static final String CHINESE_REFERRING = "那它这这个那个还有呢";

  private FollowUps() {}

  static String resolve(String question, Optional<String> previousQuestion) {
    if (previousQuestion.isEmpty() || !isFollowUp(question)) {
      return question;
    }
    return previousQuestion.get() + " " + question;
  }

  static boolean isFollowUp(String question) {
    String q = question.strip().toLowerCase(Locale.ROOT);
    if (TextLanguage.isChinese(q)) {
      return q.length() <= 10 && q.codePoints().anyMatch(cp -> CHINESE_REFERRING.indexOf(cp) >= 0);
    }
    String[] words = q.split("[^\\p{L}\\p{N}]+");
    boolean leading = LEADING.stream().anyMatch(q::startsWith);
    boolean referring = false;
    for (String word : words) {
      referring |= REFERRING.contains(word);
    }
    return words.length <= 7 && (leading || referring);
  }
}
