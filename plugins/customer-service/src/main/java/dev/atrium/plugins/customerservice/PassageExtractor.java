package dev.atrium.plugins.customerservice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks the sentences of a retrieved passage that answer a question, given how close each sentence
 * is to the question (cosine similarity of their embeddings), and returns the best ones in their
 * original order. Extractive: nothing is made up.
 */
final class PassageExtractor {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|(?<=[。！？；])");

  private PassageExtractor() {}

  static List<String> sentences(String passage) {
    List<String> sentences = new ArrayList<>();
    for (String s : SENTENCE_END.split(passage)) {
      if (!s.isBlank()) {
        sentences.add(s.strip());
      }
    }
    return sentences;
  }

  /** The {@code max} sentences with the highest {@code scores}, joined in passage order. */
  static String pick(List<String> sentences, double[] scores, int max) {
    List<Integer> ranked = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      ranked.add(i);
    }
    ranked.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i));
    List<Integer> chosen = new ArrayList<>(ranked.subList(0, Math.min(max, ranked.size())));
    chosen.sort(Integer::compare);
    StringBuilder answer = new StringBuilder();
    for (int i : chosen) {
      if (!answer.isEmpty() && !endsInChinese(answer)) {
        answer.append(' ');
      }
      answer.append(sentences.get(i));
    }
    return answer.toString();
  }

  /** Chinese sentences follow one another without a space. */
  private static boolean endsInChinese(StringBuilder text) {
    char last = text.charAt(text.length() - 1);
    return "。！？；”".indexOf(last) >= 0
        || Character.UnicodeScript.of(last) == Character.UnicodeScript.HAN;
  }
}
