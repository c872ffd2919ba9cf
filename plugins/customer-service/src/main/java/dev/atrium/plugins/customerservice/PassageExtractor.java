package dev.atrium.plugins.customerservice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks the sentences of a retrieved passage that answer a question: each sentence is scored by the
 * question terms it shares (words for English, character bigrams for Chinese), and the best ones
 * are returned in their original order. Extractive: nothing is made up.
 */
final class PassageExtractor {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|(?<=[。！？；])");
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "is", "are", "do", "does", "i", "my", "you", "your", "to", "of", "in",
          "on", "for", "and", "or", "can", "how", "what", "when", "where", "it", "be", "with", "me",
          "we", "if", "at", "by", "this", "that", "there");

  private PassageExtractor() {}

  /**
   * At most {@code maxSentences} sentences of {@code passage}, best match to the question first
   * chosen.
   */
  static String extract(String question, String passage, int maxSentences) {
    List<String> sentences = new ArrayList<>();
    for (String s : SENTENCE_END.split(passage)) {
      if (!s.isBlank()) {
        sentences.add(s.strip());
      }
    }
    if (sentences.size() <= maxSentences) {
      return String.join(" ", sentences).strip();
    }
    Set<String> terms = terms(question);
    List<Integer> ranked = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      ranked.add(i);
    }
    ranked.sort(
        Comparator.comparingDouble((Integer i) -> -overlap(terms, sentences.get(i)))
            .thenComparing(i -> i));
    List<Integer> chosen = new ArrayList<>(ranked.subList(0, maxSentences));
    chosen.sort(Integer::compare);
    StringBuilder answer = new StringBuilder();
    for (int i : chosen) {
      if (!answer.isEmpty() && !isCjk(answer.codePointBefore(answer.length()))) {
        answer.append(' ');
      }
      answer.append(sentences.get(i));
    }
    return answer.toString();
  }

  private static double overlap(Set<String> questionTerms, String sentence) {
    Set<String> sentenceTerms = terms(sentence);
    int shared = 0;
    for (String term : questionTerms) {
      if (sentenceTerms.contains(term)) {
        shared++;
      }
    }
    return shared / Math.sqrt(1 + sentenceTerms.size());
  }

  static Set<String> terms(String text) {
    Set<String> terms = new HashSet<>();
    String lower = text.toLowerCase(Locale.ROOT);
    for (String word : lower.split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()
          && !STOP_WORDS.contains(word)
          && !word.codePoints().allMatch(PassageExtractor::isCjk)) {
        terms.add(word);
      }
    }
    int previous = -1;
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      i += Character.charCount(cp);
      if (isCjk(cp)) {
        if (previous >= 0) {
          terms.add(new String(Character.toChars(previous)) + new String(Character.toChars(cp)));
        }
        previous = cp;
      } else {
        previous = -1;
      }
    }
    return terms;
  }

  private static boolean isCjk(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN || "。！？；".indexOf(cp) >= 0;
  }
}
