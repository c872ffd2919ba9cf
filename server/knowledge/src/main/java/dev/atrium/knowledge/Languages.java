package dev.atrium.knowledge;

/**
 * The language rule of the inference pool, applied per text before batching: text whose letters are
 * at least one third Han characters is Chinese.
 */
final class Languages {
  private Languages() {}

  static boolean isChinese(String text) {
    int letters = 0;
    int han = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        letters++;
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
          han++;
        }
      }
    }
    return letters > 0 && han * 3 >= letters;
  }
}
