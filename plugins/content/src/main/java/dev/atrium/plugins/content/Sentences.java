package dev.atrium.plugins.content;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits English and Chinese text into sentences (at . ! ? and 。！？ and line breaks). */
final class Sentences {
  private static final Pattern SENTENCE =
      Pattern.compile("[^.!?。！？\\n]+(?:[.!?。！？]+[\"'”’」）)]*|$)", Pattern.MULTILINE);

  private Sentences() {}

  static List<String> of(String text) {
    List<String> sentences = new ArrayList<>();
    Matcher m = SENTENCE.matcher(text);
    while (m.find()) {
      String s = m.group().strip();
      if (s.codePoints().anyMatch(Character::isLetterOrDigit)) {
        sentences.add(s);
      }
    }
    return sentences;
  }
}
