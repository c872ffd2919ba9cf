package dev.atrium.plugin.runtime.safety;

import dev.atrium.plugin.api.safety.PiiType;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * IPv4 addresses in dotted decimal (no leading zeros; four dotted numbers labelled as a version are
 * a version) and IPv6 addresses (eight groups, or fewer around one {@code ::}, optionally ending in
 * an IPv4 address; at least one decimal digit, so that {@code dead::beef} or {@code std::map} are
 * not taken). Times and MAC addresses are not addresses.
 */
final class IpAddressDetector extends PiiDetector {
  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final String V4 = "(?:" + OCTET + "\\.){3}" + OCTET;
  private static final Pattern ADDRESS =
      Pattern.compile(
          "(?=[0-9A-Fa-f:])(?<![0-9_.])(?:("
              + V4
              + ")(?![0-9A-Za-z_])(?!\\.[0-9])"
              + "|(?<![A-Za-z])(?<!(?<![Vv])[0-9A-Fa-f]:)(?<!::)(?=[0-9A-Fa-f]|::)((?:[0-9A-Fa-f]{0,4}:){2,7}(?:"
              + V4
              + "|[0-9A-Fa-f]{1,4})?)(?![0-9A-Za-z_:]))");

  IpAddressDetector() {
    super(PiiType.IP_ADDRESS, ADDRESS);
  }

  @Override
  Span accept(String folded, MatchResult candidate) {
    boolean valid =
        candidate.group(1) != null ? isIpv4(folded, candidate.start()) : isIpv6(candidate.group());
    return valid ? new Span(candidate.start(), candidate.end()) : null;
  }

  /** Not inside a word (except right after "IP"), not labelled as a version or a reference. */
  private static boolean isIpv4(String folded, int start) {
    char before = start > 0 ? folded.charAt(start - 1) : ' ';
    boolean inWord = before < 128 && Character.isLetter(before);
    return (!inWord || PrecedingLabel.isIpLabel(folded, start))
        && !PrecedingLabel.isVersion(folded, start)
        && !PrecedingLabel.isReference(folded, start);
  }

  static boolean isIpv6(String address) {
    if (address.contains(":::") || address.chars().noneMatch(Character::isDigit)) {
      return false;
    }
    int compressed = address.indexOf("::");
    if (compressed >= 0 && address.indexOf("::", compressed + 1) >= 0) {
      return false;
    }
    if (compressed < 0) {
      return groups(address) == 8;
    }
    int head = groups(address.substring(0, compressed));
    int tail = groups(address.substring(compressed + 2));
    return head >= 0 && tail >= 0 && head + tail <= 7;
  }

  /** The 16-bit groups of a part without {@code ::} (an IPv4 end counts two), -1 if malformed. */
  private static int groups(String part) {
    if (part.isEmpty()) {
      return 0;
    }
    String[] groups = part.split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String group = groups[i];
      if (i == groups.length - 1 && group.contains(".")) {
        count += 2;
      } else if (group.isEmpty() || group.length() > 4 || group.contains(".")) {
        return -1;
      } else {
        count++;
      }
    }
    return count;
  }
}
