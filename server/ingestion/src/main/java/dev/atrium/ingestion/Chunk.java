package dev.atrium.ingestion;

import java.util.List;

/**
 * A piece of a document small enough to embed: whole sentences from one section, with the section's
 * heading path.
 */
public record Chunk(int index, List<String> headings, String text) {
  public Chunk {
    headings = List.copyOf(headings);
  }

  /** What to embed: the heading path, then the text, so the section's topic counts too. */
  public String contextualText() {
    return headings.isEmpty() ? text : String.join(" > ", headings) + "\n" + text;
  }
}
