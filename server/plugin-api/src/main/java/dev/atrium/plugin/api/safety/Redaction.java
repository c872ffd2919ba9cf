package dev.atrium.plugin.api.safety;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A text with its personal data replaced by placeholders ({@link PiiType#placeholder()}).
 *
 * @param text the redacted text
 * @param entities what was replaced, with offsets into the original text, in order
 */
public record Redaction(String text, List<PiiEntity> entities) {
  public Redaction {
    requireNonNull(text, "text is null");
    entities = List.copyOf(requireNonNull(entities, "entities is null"));
  }
}
