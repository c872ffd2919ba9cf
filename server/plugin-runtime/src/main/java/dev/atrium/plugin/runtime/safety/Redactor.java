package dev.atrium.plugin.runtime.safety;

import dev.atrium.plugin.api.safety.PiiEntity;
import java.util.List;

/** Replaces entities of a text by their type's placeholder. */
final class Redactor {
  private Redactor() {}

  /**
   * {@code text} with each entity replaced by its placeholder.
   *
   * @param entities entities of {@code text}, in order of position, not overlapping
   */
  static String redact(String text, List<PiiEntity> entities) {
    StringBuilder redacted = new StringBuilder(text.length());
    int from = 0;
    for (PiiEntity entity : entities) {
      redacted.append(text, from, entity.start()).append(entity.type().placeholder());
      from = entity.end();
    }
    return redacted.append(text, from, text.length()).toString();
  }
}
