package dev.atrium.plugin.api.safety;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A tenant's banned terms for {@link TextSafety#findBannedTerms}.
 *
 * @param denied words and phrases never to publish (English matched case-insensitively on word
 *     boundaries, Chinese as substrings)
 * @param allowed terms the default lexicon flags that this tenant accepts
 * @param useDefaultLexicon whether the host's maintained lexicon (Chinese and English) applies too
 */
public record TermList(List<String> denied, List<String> allowed, boolean useDefaultLexicon) {
  public TermList {
    denied = List.copyOf(requireNonNull(denied, "denied is null"));
    allowed = List.copyOf(requireNonNull(allowed, "allowed is null"));
  }

  /** Only the tenant's own denied terms, without the default lexicon. */
  public static TermList of(List<String> denied) {
    return new TermList(denied, List.of(), false);
  }
}
