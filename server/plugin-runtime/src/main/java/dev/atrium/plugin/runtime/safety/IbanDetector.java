package dev.atrium.plugin.runtime.safety;

import dev.atrium.plugin.api.safety.PiiType;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * International bank account numbers: a country code of the IBAN registry, two check digits and the
 * country's length of letters and digits, contiguous or in groups of four, whose ISO 7064 MOD 97-10
 * check gives 1.
 */
final class IbanDetector extends PiiDetector {
  private static final Pattern IBAN =
      Pattern.compile(
          "(?=[A-Z])"
              + START
              + "[A-Z]{2}\\d{2}(?:(?: [A-Z0-9]{4})+(?: [A-Z0-9]{1,3})?|[A-Z0-9]{11,30})"
              + END);

  /** IBAN lengths by country, from the SWIFT IBAN registry. */
  private static final Map<String, Integer> LENGTHS =
      Map.ofEntries(
          Map.entry("AD", 24),
          Map.entry("AE", 23),
          Map.entry("AL", 28),
          Map.entry("AT", 20),
          Map.entry("AZ", 28),
          Map.entry("BA", 20),
          Map.entry("BE", 16),
          Map.entry("BG", 22),
          Map.entry("BH", 22),
          Map.entry("BR", 29),
          Map.entry("BY", 28),
          Map.entry("CH", 21),
          Map.entry("CR", 22),
          Map.entry("CY", 28),
          Map.entry("CZ", 24),
          Map.entry("DE", 22),
          Map.entry("DK", 18),
          Map.entry("DO", 28),
          Map.entry("EE", 20),
          Map.entry("EG", 29),
          Map.entry("ES", 24),
          Map.entry("FI", 18),
          Map.entry("FO", 18),
          Map.entry("FR", 27),
          Map.entry("GB", 22),
          Map.entry("GE", 22),
          Map.entry("GI", 23),
          Map.entry("GL", 18),
          Map.entry("GR", 27),
          Map.entry("GT", 28),
          Map.entry("HR", 21),
          Map.entry("HU", 28),
          Map.entry("IE", 22),
          Map.entry("IL", 23),
          Map.entry("IQ", 23),
          Map.entry("IS", 26),
          Map.entry("IT", 27),
          Map.entry("JO", 30),
          Map.entry("KW", 30),
          Map.entry("KZ", 20),
          Map.entry("LB", 28),
          Map.entry("LC", 32),
          Map.entry("LI", 21),
          Map.entry("LT", 20),
          Map.entry("LU", 20),
          Map.entry("LV", 21),
          Map.entry("MC", 27),
          Map.entry("MD", 24),
          Map.entry("ME", 22),
          Map.entry("MK", 19),
          Map.entry("MR", 27),
          Map.entry("MT", 31),
          Map.entry("MU", 30),
          Map.entry("NL", 18),
          Map.entry("NO", 15),
          Map.entry("PK", 24),
          Map.entry("PL", 28),
          Map.entry("PS", 29),
          Map.entry("PT", 25),
          Map.entry("QA", 29),
          Map.entry("RO", 24),
          Map.entry("RS", 22),
          Map.entry("SA", 24),
          Map.entry("SC", 31),
          Map.entry("SE", 24),
          Map.entry("SI", 19),
          Map.entry("SK", 24),
          Map.entry("SM", 27),
          Map.entry("ST", 25),
          Map.entry("SV", 28),
          Map.entry("TL", 23),
          Map.entry("TN", 24),
          Map.entry("TR", 26),
          Map.entry("UA", 29),
          Map.entry("VA", 22),
          Map.entry("VG", 24),
          Map.entry("XK", 20));

  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  IbanDetector() {
    super(PiiType.IBAN, IBAN);
  }

  /**
   * Cuts the candidate to its country's length, where a group ends (a word of four capitals may
   * follow an IBAN), and checks it.
   */
  @Override
  Span accept(String folded, MatchResult candidate) {
    Integer length = LENGTHS.get(candidate.group().substring(0, 2));
    if (length == null) {
      return null;
    }
    int end = candidate.start();
    int kept = 0;
    while (kept < length && end < candidate.end()) {
      if (folded.charAt(end++) != ' ') {
        kept++;
      }
    }
    boolean endsAGroup = end == candidate.end() || folded.charAt(end) == ' ';
    if (kept < length || !endsAGroup) {
      return null;
    }
    String iban = folded.substring(candidate.start(), end).replace(" ", "");
    return mod97(iban) == 1 ? new Span(candidate.start(), end) : null;
  }

  /** The IBAN moved by four characters, letters as 10 to 35, modulo 97. */
  static int mod97(String iban) {
    String moved = iban.substring(4) + iban.substring(0, 4);
    StringBuilder number = new StringBuilder(moved.length() * 2);
    for (int i = 0; i < moved.length(); i++) {
      number.append(Character.digit(moved.charAt(i), 36));
    }
    return new BigInteger(number.toString()).mod(NINETY_SEVEN).intValue();
  }
}
