package dev.atrium.plugin.api.safety;

import static java.util.Objects.requireNonNull;

/**
 * One piece of personal data found in a text.
 *
 * @param type what it is
 * @param start offset of its first UTF-16 char in the text scanned
 * @param end offset just past its last char
 * @param text the matched text
 */
public record PiiEntity(PiiType type, int start, int end, String text) {
  public PiiEntity {
    requireNonNull(type, "type is null");
    requireNonNull(text, "text is null");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException(
          "an entity spans at least one char from a non-negative offset");
    }
  }
}
