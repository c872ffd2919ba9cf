package dev.atrium.plugin.runtime.safety;

import dev.atrium.plugin.api.safety.PiiEntity;
import dev.atrium.plugin.api.safety.PiiType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the detectors of the types asked for and settles overlaps: the longest entity wins (an
 * e-mail address whose local part is a phone number is an e-mail address); between entities of the
 * same span, the stricter check wins: resident ID, IBAN, card, e-mail, phone, IP address.
 */
final class PiiScanner {
  private static final Comparator<PiiEntity> PREFERRED =
      Comparator.<PiiEntity>comparingInt(e -> e.end() - e.start())
          .reversed()
          .thenComparing(e -> priority(e.type()))
          .thenComparingInt(PiiEntity::start);

  private final List<PiiDetector> detectors;

  PiiScanner(List<PiiDetector> detectors) {
    this.detectors = List.copyOf(detectors);
  }

  /** All {@link PiiType}s, one detector each. */
  static PiiScanner standard() {
    return new PiiScanner(
        List.of(
            new ResidentIdDetector(),
            new IbanDetector(),
            new PaymentCardDetector(),
            new EmailDetector(),
            new PhoneDetector(),
            new IpAddressDetector()));
  }

  List<PiiEntity> scan(String text, Set<PiiType> types) {
    if (text.isEmpty() || types.isEmpty()) {
      return List.of();
    }
    String folded = TextNormalizer.forPatterns(text);
    List<PiiEntity> candidates = new ArrayList<>();
    for (PiiDetector detector : detectors) {
      if (types.contains(detector.type())) {
        candidates.addAll(detector.find(text, folded));
      }
    }
    candidates.sort(PREFERRED);
    TreeMap<Integer, PiiEntity> kept = new TreeMap<>();
    for (PiiEntity candidate : candidates) {
      if (isFree(kept, candidate)) {
        kept.put(candidate.start(), candidate);
      }
    }
    return List.copyOf(kept.values());
  }

  private static boolean isFree(TreeMap<Integer, PiiEntity> kept, PiiEntity candidate) {
    Map.Entry<Integer, PiiEntity> before = kept.floorEntry(candidate.start());
    Map.Entry<Integer, PiiEntity> after = kept.ceilingEntry(candidate.start());
    return (before == null || before.getValue().end() <= candidate.start())
        && (after == null || after.getKey() >= candidate.end());
  }

  private static int priority(PiiType type) {
    return switch (type) {
      case CN_RESIDENT_ID -> 0;
      case IBAN -> 1;
      case PAYMENT_CARD -> 2;
      case EMAIL -> 3;
      case PHONE -> 4;
      case IP_ADDRESS -> 5;
    };
  }
}
