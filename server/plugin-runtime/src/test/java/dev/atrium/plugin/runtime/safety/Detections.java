package dev.atrium.plugin.runtime.safety;

import dev.atrium.plugin.api.safety.PiiEntity;
import java.util.List;

/** What a detector finds in a text, as the matched texts, for assertions. */
final class Detections {
  private Detections() {}

  static List<String> texts(PiiDetector detector, String text) {
    return detector.find(text, TextNormalizer.forPatterns(text)).stream()
        .map(PiiEntity::text)
        .toList();
  }
}
