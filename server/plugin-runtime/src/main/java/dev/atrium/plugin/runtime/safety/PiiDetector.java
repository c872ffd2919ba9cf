package dev.atrium.plugin.runtime.safety;

import dev.atrium.plugin.api.safety.PiiEntity;
import dev.atrium.plugin.api.safety.PiiType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the candidates of one {@link PiiType} with a pattern and keeps those its check accepts
 * (checksum, calendar, context). Patterns run on the {@link TextNormalizer#forPatterns folded}
 * text; entities carry the original text at the same offsets.
 */
abstract class PiiDetector {
  /** Not inside a word or a number: no ASCII letter, digit or underscore just before. */
  static final String START = "(?<![0-9A-Za-z_])";

  /** Not followed by an ASCII letter, digit or underscore. */
  static final String END = "(?![0-9A-Za-z_])";

  /** {@link #START}, and not the continuation of a number written with a dot or a dash. */
  static final String NUMBER_START = START + "(?<![0-9][.\\-])";

  /** {@link #END}, and not continued by a dot or a dash and more digits (decimals, dates). */
  static final String NUMBER_END = END + "(?![.\\-][0-9])";

  private final PiiType type;
  private final Pattern pattern;

  PiiDetector(PiiType type, Pattern pattern) {
    this.type = type;
    this.pattern = pattern;
  }

  final PiiType type() {
    return type;
  }

  /**
   * The entities in {@code original}, found in {@code folded} (its {@link
   * TextNormalizer#forPatterns} form, of the same length).
   */
  final List<PiiEntity> find(String original, String folded) {
    List<PiiEntity> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(folded);
    while (matcher.find()) {
      Span span = accept(folded, matcher.toMatchResult());
      if (span != null) {
        found.add(
            new PiiEntity(
                type, span.start(), span.end(), original.substring(span.start(), span.end())));
      }
    }
    return found;
  }

  /** The part of a candidate that is personal data, or null when the candidate is not. */
  abstract Span accept(String folded, MatchResult candidate);

  /** The ASCII digits of {@code text}, without separators. */
  static String digits(CharSequence text) {
    StringBuilder digits = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }
}
