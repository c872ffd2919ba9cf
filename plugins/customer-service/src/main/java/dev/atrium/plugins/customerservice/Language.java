package dev.atrium.plugins.customerservice;

/** Whether a text is Chinese: at least a third of its letters are Han characters. */
final class Language {
  private Language() {}

  static boolean isChinese(String text) {
    long letters = text.codePoints().filter(Character::isLetter).count();
    long han =
        text.codePoints()
            .filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
            .count();
    return letters > 0 && han * 3 >= letters;
  }
}
