package dev.atrium.plugin.runtime.safety;

import dev.atrium.plugin.api.safety.PiiType;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, contiguous or in the groups cards are printed in (4-4-4-4,
 * 4-4-4-4-3, 4-6-5, 4-6-4, spaces or dashes), from a card network's range (2221-2720, 3, 4, 5, 6)
 * and passing the Luhn check. Numbers labelled as order or tracking numbers, and 18 digits shaped
 * like a resident ID, are not card numbers.
 */
final class PaymentCardDetector extends PiiDetector {
  private static final Pattern CARD =
      Pattern.compile(
          "(?=[0-9])"
              + NUMBER_START
              + "(?<![0-9][ -])(?:\\d{13,19}"
              + "|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{3})?"
              + "|\\d{4}([ -])\\d{6}\\2\\d{4,5})"
              + NUMBER_END
              + "(?![ -]\\d{4})");

  /** Digits and separators of a 4-4-4-4 group, as printed before an optional fifth group. */
  private static final int FOUR_GROUPS = 19;

  PaymentCardDetector() {
    super(PiiType.PAYMENT_CARD, CARD);
  }

  @Override
  Span accept(String folded, MatchResult candidate) {
    if (PrecedingLabel.isReference(folded, candidate.start())) {
      return null;
    }
    String number = candidate.group();
    if (isCard(digits(number))) {
      return new Span(candidate.start(), candidate.end());
    }
    boolean fiveGroups = candidate.group(1) != null && number.length() > FOUR_GROUPS;
    if (fiveGroups && isCard(digits(number.substring(0, FOUR_GROUPS)))) {
      return new Span(candidate.start(), candidate.start() + FOUR_GROUPS);
    }
    return null;
  }

  private static boolean isCard(String digits) {
    return inNetworkRange(digits)
        && !(digits.length() == 18 && ResidentIdDetector.isShapedLikeId(digits))
        && luhn(digits);
  }

  private static boolean inNetworkRange(String digits) {
    char first = digits.charAt(0);
    if (first >= '3' && first <= '6') {
      return true;
    }
    int four = Integer.parseInt(digits.substring(0, 4));
    return four >= 2221 && four <= 2720;
  }

  /** The Luhn (mod 10) check of a string of digits. */
  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
