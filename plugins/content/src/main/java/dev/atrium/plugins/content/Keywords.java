package dev.atrium.plugins.content;

import dev.atrium.plugin.api.inference.TextLanguage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keywords and key phrases without a model. English: RAKE (phrases are runs of words between stop
 * words and punctuation, scored by their words' degree over frequency), keywords by frequency.
 * Chinese: runs of Han characters between punctuation and function characters, counted as 2- to
 * 4-character n-grams; an n-gram inside a longer one seen as often is dropped.
 */
final class Keywords {
  private static final Set<String> STOP =
      Set.of(
          "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
          "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its",
          "this", "that", "these", "those", "we", "you", "they", "he", "she", "i", "our", "your",
          "their", "his", "her", "my", "me", "us", "them", "not", "no", "so", "than", "too", "very",
          "can", "will", "just", "do", "does", "did", "has", "have", "had", "into", "over", "about",
          "after", "before", "more", "most", "also", "all", "any", "each", "which", "who", "what",
          "when", "where", "how", "there", "here", "then", "up", "out", "one", "every", "such");
  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{N}]+(?:['’-][\\p{L}\\p{N}]+)*|[^\\p{L}\\p{N}\\s]");
  private static final String ZH_BREAKS = "的了是在和与及或也都就而并把被对为以于等这那个们我你他她它";

  private Keywords() {}

  static JsonObject of(String text, int top) {
    return TextLanguage.isChinese(text) ? chinese(text, top) : english(text, top);
  }

  private static JsonObject english(String text, int top) {
    List<List<String>> phrases = new ArrayList<>();
    List<String> current = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String token = m.group();
      boolean word = Character.isLetterOrDigit(token.codePointAt(0));
      if (!word || STOP.contains(token) || token.length() < 2) {
        if (!current.isEmpty()) {
          phrases.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(token);
      }
    }
    if (!current.isEmpty()) {
      phrases.add(current);
    }
    Map<String, Integer> frequency = new HashMap<>();
    Map<String, Integer> degree = new HashMap<>();
    for (List<String> phrase : phrases) {
      for (String w : phrase) {
        frequency.merge(w, 1, Integer::sum);
        degree.merge(w, phrase.size(), Integer::sum);
      }
    }
    Map<String, Double> phraseScores = new LinkedHashMap<>();
    for (List<String> phrase : phrases) {
      if (phrase.size() > 1 && phrase.size() <= 4) {
        double score =
            phrase.stream().mapToDouble(w -> (double) degree.get(w) / frequency.get(w)).sum();
        phraseScores.merge(String.join(" ", phrase), score, Math::max);
      }
    }
    Map<String, Double> wordScores = new LinkedHashMap<>();
    frequency.forEach((w, f) -> wordScores.put(w, (double) f));
    return answer(wordScores, phraseScores, top, "en");
  }

  private static JsonObject chinese(String text, int top) {
    Map<String, Double> grams = new LinkedHashMap<>();
    StringBuilder run = new StringBuilder();
    List<String> runs = new ArrayList<>();
    text.codePoints()
        .forEach(
            cp -> {
              if (Readability.isHan(cp) && ZH_BREAKS.indexOf(cp) < 0) {
                run.appendCodePoint(cp);
              } else if (!run.isEmpty()) {
                runs.add(run.toString());
                run.setLength(0);
              }
            });
    if (!run.isEmpty()) {
      runs.add(run.toString());
    }
    for (String r : runs) {
      for (int n = 2; n <= 4; n++) {
        for (int i = 0; i + n <= r.length(); i++) {
          grams.merge(r.substring(i, i + n), 1.0, Double::sum);
        }
      }
    }
    grams.values().removeIf(count -> count < 2);
    Map<String, Double> kept = new LinkedHashMap<>();
    grams.forEach(
        (gram, count) -> {
          boolean inLonger =
              grams.entrySet().stream()
                  .anyMatch(
                      e ->
                          e.getKey().length() > gram.length()
                              && e.getKey().contains(gram)
                              && e.getValue() >= count);
          if (!inLonger) {
            kept.put(gram, count * gram.length());
          }
        });
    Map<String, Double> phrases = new LinkedHashMap<>();
    kept.forEach(
        (gram, score) -> {
          if (gram.length() >= 3) {
            phrases.put(gram, score);
          }
        });
    return answer(kept, phrases, top, "zh");
  }

  private static JsonObject answer(
      Map<String, Double> words, Map<String, Double> phrases, int top, String language) {
    return new JsonObject()
        .put("mode", "statistical")
        .put("language", language)
        .put("keywords", ranked(words, top))
        .put("keyPhrases", ranked(phrases, top));
  }

  private static JsonArray ranked(Map<String, Double> scores, int top) {
    JsonArray out = new JsonArray();
    scores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                out.add(
                    new JsonObject()
                        .put("term", e.getKey())
                        .put("score", Math.round(e.getValue() * 100) / 100.0)));
    return out;
  }
}
