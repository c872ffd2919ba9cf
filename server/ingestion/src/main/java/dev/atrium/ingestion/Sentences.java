package dev.atrium.ingestion;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into sentences for English and Chinese alike: after {@code 。！？；} at once, after
 * {@code . ! ?} when whitespace follows, and at every blank line. Also estimates tokens the way the
 * bundled tokenizers count them: one per CJK character, about 1.3 per other word.
 */
public final class Sentences {
  private Sentences() {}

  public static List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n' && i + 1 < length && text.charAt(i + 1) == '\n') {
        flush(current, sentences);
        continue;
      }
      current.append(c == '\n' ? ' ' : c);
      boolean cjkEnd = c == '。' || c == '！' || c == '？' || c == '；';
      boolean latinEnd =
          (c == '.' || c == '!' || c == '?')
              && (i + 1 == length || Character.isWhitespace(text.charAt(i + 1)));
      if (cjkEnd || latinEnd) {
        // Closing quotes and brackets stay with their sentence.
        while (i + 1 < length && "\"'”’」』)）".indexOf(text.charAt(i + 1)) >= 0) {
          current.append(text.charAt(++i));
        }
        flush(current, sentences);
      }
    }
    flush(current, sentences);
    return sentences;
  }

  /** Roughly how many model tokens {@code text} costs. */
  public static int estimateTokens(String text) {
    int cjk = 0;
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isCjk(cp)) {
        cjk++;
        inWord = false;
      } else if (Character.isLetterOrDigit(cp)) {
        if (!inWord) {
          words++;
          inWord = true;
        }
      } else {
        inWord = false;
        if (!Character.isWhitespace(cp)) {
          words++;
        }
      }
    }
    return cjk + (int) Math.ceil(words * 1.3);
  }

  static boolean isCjk(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }

  private static void flush(StringBuilder current, List<String> sentences) {
    String sentence = current.toString().strip();
    if (!sentence.isEmpty()) {
      sentences.add(sentence);
    }
    current.setLength(0);
  }
}
