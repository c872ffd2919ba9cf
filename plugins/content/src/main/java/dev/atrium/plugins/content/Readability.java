package dev.atrium.plugins.content;

import dev.atrium.plugin.api.inference.TextLanguage;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Length and readability statistics without a model. English: words, sentences, syllables (vowel
 * groups), Flesch reading ease and Flesch-Kincaid grade. Chinese: Han characters, sentences,
 * characters per sentence and a level from it.
 */
final class Readability {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’-][\\p{L}\\p{N}]+)*");
  private static final Pattern VOWELS = Pattern.compile("[aeiouy]+");

  private Readability() {}

  static JsonObject of(String text) {
    boolean zh = TextLanguage.isChinese(text);
    int sentences = Math.max(1, Sentences.of(text).size());
    JsonObject stats =
        new JsonObject()
            .put("mode", "statistical")
            .put("language", zh ? "zh" : "en")
            .put("characters", text.codePointCount(0, text.length()))
            .put("sentences", Sentences.of(text).size());
    if (zh) {
      long han = text.codePoints().filter(Readability::isHan).count();
      double perSentence = (double) han / sentences;
      return stats
          .put("hanCharacters", han)
          .put("charactersPerSentence", round(perSentence))
          .put("level", perSentence <= 20 ? "simple" : perSentence <= 35 ? "standard" : "advanced");
    }
    int words = 0;
    int syllables = 0;
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words++;
      syllables += syllables(m.group());
    }
    int w = Math.max(1, words);
    double ease = 206.835 - 1.015 * ((double) w / sentences) - 84.6 * ((double) syllables / w);
    double grade = 0.39 * ((double) w / sentences) + 11.8 * ((double) syllables / w) - 15.59;
    return stats
        .put("words", words)
        .put("syllables", syllables)
        .put("wordsPerSentence", round((double) w / sentences))
        .put("fleschReadingEase", round(ease))
        .put("gradeLevel", round(Math.max(0, grade)))
        .put("level", grade <= 6 ? "simple" : grade <= 10 ? "standard" : "advanced");
  }

  static int syllables(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (w.chars().anyMatch(Character::isDigit)) {
      return 1;
    }
    int count = 0;
    Matcher m = VOWELS.matcher(w);
    while (m.find()) {
      count++;
    }
    if (w.endsWith("e") && !w.endsWith("le") && count > 1) {
      count--;
    }
    return Math.max(1, count);
  }

  static boolean isHan(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }
}
