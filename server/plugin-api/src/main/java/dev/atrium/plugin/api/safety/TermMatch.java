package dev.atrium.plugin.api.safety;

import static java.util.Objects.requireNonNull;

/**
 * A banned term found in a text.
 *
 * @param term the term as listed
 * @param start offset of the match's first UTF-16 char
 * @param end offset just past the match
 * @param fromTenantList true when the tenant's own list banned it, false for the default lexicon
 */
public record TermMatch(String term, int start, int end, boolean fromTenantList) {
  public TermMatch {
    requireNonNull(term, "term is null");
  }
}
