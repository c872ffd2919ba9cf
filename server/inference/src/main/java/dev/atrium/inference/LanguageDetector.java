package dev.atrium.inference;

import java.util.List;

/**
 * Tells Chinese text from the rest, to route embedding requests that name no model: the texts are
 * Chinese ({@code zh}) when Han characters make up at least a third of their letters, otherwise
 * {@code en}. One decision per request, so all its vectors come from one model.
 */
final class LanguageDetector {

  private LanguageDetector() {}

  static String detect(List<String> texts) {
    long han = 0;
    long letters = 0;
    for (String text : texts) {
      for (int i = 0; i < text.length(); ) {
        int codePoint = text.codePointAt(i);
        i += Character.charCount(codePoint);
        if (Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN) {
          han++;
          letters++;
        } else if (Character.isLetter(codePoint)) {
          letters++;
        }
      }
    }
    return letters > 0 && han * 3 >= letters ? "zh" : "en";
  }
}
