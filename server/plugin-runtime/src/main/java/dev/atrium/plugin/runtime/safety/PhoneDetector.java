package dev.atrium.plugin.runtime.safety;

import dev.atrium.plugin.api.safety.PiiType;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Phone numbers: Chinese mobiles ({@code 1[3-9]x xxxx xxxx}, optionally after {@code +86}, with
 * spaces or dashes), Chinese landlines with their area code ({@code 010-12345678}, {@code (021)
 * 1234 5678}, an optional extension), North American numbers written with separators ({@code (415)
 * 555-2671}) and international numbers after a {@code +} country code; 7 to 15 digits in all (E.164
 * allows at most 15). Numbers labelled as order or tracking numbers are not phone numbers.
 */
final class PhoneDetector extends PiiDetector {
  private static final String CN_PREFIX = "(?:(?:\\+|00)86|\\(\\+?86\\))[ -]?";
  private static final String CN_MOBILE = "(?:" + CN_PREFIX + ")?1[3-9]\\d(?:[ -]?\\d{4}){2}";
  private static final String CN_AREA = "0(?:10|2\\d|[3-9]\\d{2})";
  private static final String CN_LANDLINE =
      "(?:\\(" + CN_AREA + "\\)[ -]?|" + CN_AREA + "[ -])[2-9]\\d{2,3}[ -]?\\d{4}(?:-\\d{1,5})?";
  private static final String NORTH_AMERICAN =
      "(?:\\+?1[ .-]?)?(?:\\([2-9]\\d{2}\\)[ ]?|[2-9]\\d{2}[ .-])[2-9]\\d{2}[ .-]\\d{4}";
  private static final String INTERNATIONAL =
      "\\+[1-9]\\d{0,2}(?:[ .-]?(?:\\(\\d{1,4}\\)|\\d{1,4})){2,7}";
  private static final Pattern PHONE =
      Pattern.compile(
          "(?=[0-9+(])(?<![0-9A-Za-z_+])(?<![0-9][.-])(?:"
              + String.join("|", CN_MOBILE, CN_LANDLINE, NORTH_AMERICAN, INTERNATIONAL)
              + ")"
              + NUMBER_END);

  PhoneDetector() {
    super(PiiType.PHONE, PHONE);
  }

  @Override
  Span accept(String folded, MatchResult candidate) {
    int count = digits(candidate.group()).length();
    if (count < 7 || count > 15 || PrecedingLabel.isReference(folded, candidate.start())) {
      return null;
    }
    return new Span(candidate.start(), candidate.end());
  }
}
