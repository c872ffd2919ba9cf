package dev.atrium.plugin.api.inference;

import java.util.List;

/**
 * The pool's language rule, for plugins that need to know which model an {@link EmbeddingRequest}
 * without a model id will use: text is Chinese ({@code zh}) when Han characters make up at least a
 * third of its letters, otherwise English ({@code en}). Since SDK 1.2.0.
 */
public final class TextLanguage {
  public static final String CHINESE = "zh";
  public static final String ENGLISH = "en";

  private TextLanguage() {}

  /** Whether {@code text} is Chinese by the rule above. */
  public static boolean isChinese(CharSequence text) {
    return isChinese(List.of(text));
  }

  /** The language of {@code texts} taken together: one decision for a whole request. */
  public static String of(List<? extends CharSequence> texts) {
    return isChinese(texts) ? CHINESE : ENGLISH;
  }

  private static boolean isChinese(List<? extends CharSequence> texts) {
    long letters = 0;
    long han = 0;
    for (CharSequence text : texts) {
      for (int cp : text.codePoints().toArray()) {
        if (Character.isLetter(cp)) {
          letters++;
          if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
            han++;
          }
        }
      }
    }
    return letters > 0 && han * 3 >= letters;
  }
}
