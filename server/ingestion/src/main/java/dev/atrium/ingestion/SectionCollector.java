package dev.atrium.ingestion;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds sections while a reader walks a document: a heading of level n closes the current section
 * and replaces the heading path from level n down; text and paragraph breaks fill it.
 */
final class SectionCollector {
  private final List<Section> sections = new ArrayList<>();
  private final List<String> path = new ArrayList<>();
  private final List<Integer> levels = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  void heading(int level, String title) {
    close();
    while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
      levels.remove(levels.size() - 1);
      path.remove(path.size() - 1);
    }
    if (!title.isBlank()) {
      levels.add(level);
      path.add(title.strip());
    }
  }

  void text(String line) {
    if (line.isBlank()) {
      return;
    }
    if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
      text.append('\n');
    }
    text.append(line.strip());
  }

  void paragraphBreak() {
    if (!text.isEmpty() && !text.toString().endsWith("\n\n")) {
      text.append("\n\n");
    }
  }

  List<Section> finish() {
    close();
    return List.copyOf(sections);
  }

  private void close() {
    String body = text.toString().strip();
    if (!body.isEmpty()) {
      sections.add(new Section(path, body));
    }
    text.setLength(0);
  }
}
