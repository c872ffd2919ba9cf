package dev.atrium.plugins.content;

import dev.atrium.plugin.api.safety.PiiEntity;
import dev.atrium.plugin.api.safety.PiiType;
import dev.atrium.plugin.api.safety.Redaction;
import dev.atrium.plugin.api.safety.TermList;
import dev.atrium.plugin.api.safety.TermMatch;
import dev.atrium.plugin.api.safety.TextSafety;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST ONLY: a stand-in for the host's {@link TextSafety} while the testkit offers none (the SDK
 * 1.5.0 implementation is being written at the same time). It knows e-mail addresses and phone
 * numbers only, and the tenant's own banned terms (no default lexicon): enough to test how the
 * plugin uses the service, never how well personal data is found. {@link SafetyInTests} uses the
 * testkit's real service as soon as it has one.
 */
final class StandInTextSafety implements TextSafety {
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  private static final Pattern PHONE =
      Pattern.compile("(?<!\\d)(?:\\+\\d{1,3}[ -]?)?1[3-9]\\d{9}(?!\\d)");

  @Override
  public List<PiiEntity> findPii(String text, Set<PiiType> types) {
    List<PiiEntity> found = new ArrayList<>();
    if (types.contains(PiiType.EMAIL)) {
      add(found, EMAIL.matcher(text), PiiType.EMAIL);
    }
    if (types.contains(PiiType.PHONE)) {
      add(found, PHONE.matcher(text), PiiType.PHONE);
    }
    found.sort(Comparator.comparingInt(PiiEntity::start));
    return found;
  }

  private static void add(List<PiiEntity> found, Matcher m, PiiType type) {
    while (m.find()) {
      found.add(new PiiEntity(type, m.start(), m.end(), m.group()));
    }
  }

  @Override
  public Redaction redact(String text, Set<PiiType> types) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    List<PiiEntity> entities = findPii(text, types);
    for (PiiEntity e : entities) {
      out.append(text, at, e.start()).append(e.type().placeholder());
      at = e.end();
    }
    return new Redaction(out.append(text.substring(at)).toString(), entities);
  }

  @Override
  public List<TermMatch> findBannedTerms(String text, TermList terms) {
    List<TermMatch> found = new ArrayList<>();
    String lower = text.toLowerCase(Locale.ROOT);
    for (String term : terms.denied()) {
      boolean latin = term.chars().allMatch(c -> c < 128);
      String regex =
          latin
              ? "\\b" + Pattern.quote(term.toLowerCase(Locale.ROOT)) + "\\b"
              : Pattern.quote(term);
      Matcher m = Pattern.compile(regex).matcher(lower);
      while (m.find()) {
        found.add(new TermMatch(term, m.start(), m.end(), true));
      }
    }
    found.sort(Comparator.comparingInt(TermMatch::start));
    return found;
  }
}
