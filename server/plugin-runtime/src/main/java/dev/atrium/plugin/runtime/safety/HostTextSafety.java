package dev.atrium.plugin.runtime.safety;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.safety.PiiEntity;
import dev.atrium.plugin.api.safety.PiiType;
import dev.atrium.plugin.api.safety.Redaction;
import dev.atrium.plugin.api.safety.TermList;
import dev.atrium.plugin.api.safety.TermMatch;
import dev.atrium.plugin.api.safety.TextSafety;
import java.util.List;
import java.util.Set;

/**
 * The host's {@link TextSafety}, which the server's plugin contexts and the plugin testkit both
 * return: personal data found by one detector per {@link PiiType} (checksums, calendars and context
 * keep look-alikes out; Chinese text needs no spaces around numbers; full-width digits count) and
 * banned terms from the tenant's list and the maintained lexicon. Stateless and thread-safe; the
 * lexicon is loaded on first use and shared by every instance.
 */
public final class HostTextSafety implements TextSafety {
  private final PiiScanner scanner = PiiScanner.standard();
  private final BannedTermMatcher terms = new BannedTermMatcher();

  @Override
  public List<PiiEntity> findPii(String text, Set<PiiType> types) {
    return scanner.scan(
        requireNonNull(text, "text is null"), requireNonNull(types, "types is null"));
  }

  @Override
  public Redaction redact(String text, Set<PiiType> types) {
    List<PiiEntity> entities = findPii(text, types);
    return new Redaction(Redactor.redact(text, entities), entities);
  }

  @Override
  public List<TermMatch> findBannedTerms(String text, TermList terms) {
    return this.terms.find(
        requireNonNull(text, "text is null"), requireNonNull(terms, "terms is null"));
  }
}
