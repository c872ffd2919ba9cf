package dev.atrium.plugin.runtime.safety;

/**
 * Folds a text char by char, so that every offset into the folded text is the same offset into the
 * original: full-width ASCII forms (common in Chinese input: {@code １３８}, {@code （０２１）}, {@code ＠})
 * become their half-width forms, the ideographic space and no-break spaces become a space, and the
 * Unicode dashes become {@code -}.
 */
final class TextNormalizer {
  private TextNormalizer() {}

  /** The text personal data is looked for in. */
  static String forPatterns(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = fold(chars[i]);
    }
    return new String(chars);
  }

  /**
   * The text banned terms are looked for in: folded as {@link #forPatterns}, in lower case, every
   * whitespace char a space.
   */
  static String forTerms(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = Character.toLowerCase(fold(chars[i]));
      chars[i] = Character.isWhitespace(c) ? ' ' : c;
    }
    return new String(chars);
  }

  private static char fold(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      return (char) (c - 0xFEE0);
    }
    if (c == '\u3000' || c == '\u00A0' || c == '\u202F' || c == '\u2007') {
      return ' ';
    }
    if ((c >= '\u2010' && c <= '\u2015') || c == '\u2212') {
      return '-';
    }
    return c;
  }
}
