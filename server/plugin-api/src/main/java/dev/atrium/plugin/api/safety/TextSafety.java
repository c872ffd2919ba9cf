package dev.atrium.plugin.api.safety;

import java.util.List;
import java.util.Set;

/**
 * Moderation and privacy checks the host offers every plugin, in English and Chinese. Pure
 * computation on the caller's thread (fast enough for request paths: microseconds per kilobyte);
 * thread-safe. Since SDK 1.5.0.
 */
public interface TextSafety {

  /**
   * The personal data of the given types in {@code text}, in order of position, not overlapping.
   */
  List<PiiEntity> findPii(String text, Set<PiiType> types);

  /** {@link #findPii} for every type. */
  default List<PiiEntity> findPii(String text) {
    return findPii(text, Set.of(PiiType.values()));
  }

  /** {@code text} with the personal data of the given types replaced by their placeholders. */
  Redaction redact(String text, Set<PiiType> types);

  /** {@link #redact(String, Set)} for every type. */
  default Redaction redact(String text) {
    return redact(text, Set.of(PiiType.values()));
  }

  /** The banned terms of {@code terms} found in {@code text}, in order of position. */
  List<TermMatch> findBannedTerms(String text, TermList terms);
}
