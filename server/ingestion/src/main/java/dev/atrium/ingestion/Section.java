package dev.atrium.ingestion;

import java.util.List;

/**
 * A run of text under one heading path (outermost first, empty for text before any heading). Chunks
 * never cross sections.
 */
public record Section(List<String> headings, String text) {
  public Section {
    headings = List.copyOf(headings);
  }
}
