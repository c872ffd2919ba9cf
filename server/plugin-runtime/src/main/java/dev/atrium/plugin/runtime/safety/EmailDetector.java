package dev.atrium.plugin.runtime.safety;

import dev.atrium.plugin.api.safety.PiiType;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * E-mail addresses with an ASCII local part and a domain ending in an alphabetic top-level label.
 * Not e-mail: image names such as {@code icon@2x.png}, SSH remotes such as {@code
 * git@example.com:team/repo.git}, handles without a domain ({@code @name}, {@code root@localhost}).
 */
final class EmailDetector extends PiiDetector {
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

  /** From the {@code @} to the end of the domain; the local part is read backwards from there. */
  private static final Pattern EMAIL =
      Pattern.compile("@(?:" + LABEL + "\\.)+[A-Za-z]{2,24}(?![A-Za-z0-9_@-])");

  private static final int MAX_LOCAL_PART = 64;
  private static final Set<String> FILE_EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "pdf", "css", "js", "html");

  EmailDetector() {
    super(PiiType.EMAIL, EMAIL);
  }

  @Override
  Span accept(String folded, MatchResult candidate) {
    int at = candidate.start();
    int start = at;
    while (start > 0 && at - start < MAX_LOCAL_PART && isLocalChar(folded.charAt(start - 1))) {
      start--;
    }
    while (start < at && folded.charAt(start) == '.') {
      start++;
    }
    String local = folded.substring(start, at);
    if (local.isEmpty() || local.endsWith(".") || local.contains("..")) {
      return null;
    }
    String domain = folded.substring(at + 1, candidate.end()).toLowerCase(Locale.ROOT);
    String topLevel = domain.substring(domain.lastIndexOf('.') + 1);
    if (FILE_EXTENSIONS.contains(topLevel) || remotePathFollows(folded, candidate.end())) {
      return null;
    }
    return new Span(start, candidate.end());
  }

  private static boolean isLocalChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "._%+-".indexOf(c) >= 0;
  }

  private static boolean remotePathFollows(String folded, int end) {
    return end + 1 < folded.length()
        && folded.charAt(end) == ':'
        && !Character.isWhitespace(folded.charAt(end + 1));
  }
}
