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
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9._%+-]{1,64}@(?:" + LABEL + "\\.)+[A-Za-z]{2,24}(?![A-Za-z0-9_@-])");
  private static final Set<String> FILE_EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "pdf", "css", "js", "html");

  EmailDetector() {
    super(PiiType.EMAIL, EMAIL);
  }

  @Override
  Span accept(String folded, MatchResult candidate) {
    int start = candidate.start();
    while (folded.charAt(start) == '.') {
      start++;
    }
    int at = folded.indexOf('@', start);
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

  private static boolean remotePathFollows(String folded, int end) {
    return end + 1 < folded.length()
        && folded.charAt(end) == ':'
        && !Character.isWhitespace(folded.charAt(end + 1));
  }
}
