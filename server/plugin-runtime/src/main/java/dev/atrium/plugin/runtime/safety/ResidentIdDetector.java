package dev.atrium.plugin.runtime.safety;

import dev.atrium.plugin.api.safety.PiiType;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Chinese resident identity numbers (GB 11643-1999): 18 characters (or written 6 8 4 with spaces),
 * a province code that exists, a birth date that exists, and the ISO 7064 MOD 11-2 check character
 * (a digit or X).
 */
final class ResidentIdDetector extends PiiDetector {
  private static final Pattern ID =
      Pattern.compile(
          "(?=[1-9])"
              + NUMBER_START
              + "[1-9]\\d{5}( ?)(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\1"
              + "\\d{3}[0-9Xx]"
              + NUMBER_END);

  /** The first two digits: provinces, Taiwan, Hong Kong, Macao, and permanent residence (91). */
  private static final Set<String> PROVINCES =
      Set.of(
          "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
          "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
          "65", "71", "81", "82", "83", "91");

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_CHARS = "10X98765432";

  ResidentIdDetector() {
    super(PiiType.CN_RESIDENT_ID, ID);
  }

  @Override
  Span accept(String folded, MatchResult candidate) {
    String id = candidate.group().replace(" ", "");
    return isShapedLikeId(id) && checkCharacter(id) == Character.toUpperCase(id.charAt(17))
        ? new Span(candidate.start(), candidate.end())
        : null;
  }

  /** Whether 18 characters start with a province code and a birth date that exist. */
  static boolean isShapedLikeId(String id) {
    if (!PROVINCES.contains(id.substring(0, 2))) {
      return false;
    }
    try {
      LocalDate.of(
          Integer.parseInt(id.substring(6, 10)),
          Integer.parseInt(id.substring(10, 12)),
          Integer.parseInt(id.substring(12, 14)));
      return true;
    } catch (DateTimeException | NumberFormatException e) {
      return false;
    }
  }

  /** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
  static char checkCharacter(String id) {
    int sum = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      sum += (id.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARS.charAt(sum % 11);
  }
}
